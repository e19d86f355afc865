/**
 * The generated JSON is typed by the schemas: code that misuses it does not
 * compile. Runs the TypeScript compiler on two small probes that import the
 * real src/data/dataset.ts, one correct and one with a deliberate type error.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const PROBE_DIR = resolve(".tmp/type-probe");

function compile(source: string): { ok: boolean; output: string } {
  mkdirSync(PROBE_DIR, { recursive: true });
  writeFileSync(join(PROBE_DIR, "probe.ts"), source);
  writeFileSync(
    join(PROBE_DIR, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.json",
      include: ["probe.ts"],
      exclude: [],
      compilerOptions: { noEmit: true },
    }),
  );
  try {
    const output = execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", PROBE_DIR], {
      encoding: "utf8",
    });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

afterAll(() => rmSync(PROBE_DIR, { recursive: true, force: true }));

describe("types of the generated data", () => {
  it("accept correct use", () => {
    const result = compile(
      `import { dataset } from "../../src/data/dataset.ts";\n` +
        `const total: number = dataset.outcomes.reduce((sum, outcome) => sum + outcome.count, 0);\n` +
        `const unit: "count" | "percent" = dataset.figures[0]!.unit;\n` +
        `export { total, unit };\n`,
    );
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });

  it("reject a deliberate type error", () => {
    const result = compile(
      `import { dataset } from "../../src/data/dataset.ts";\n` +
        `export const shout = dataset.outcomes[0]!.count.toUpperCase();\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Property 'toUpperCase' does not exist on type 'number'/);
  });
});
