/**
 * The source layout is a stack of floors: src/lib (facts, wording, escaping)
 * at the bottom, src/charts above it, src/publish (embeds, images, downloads,
 * data package) above the charts. A floor may import from the floors below
 * it, never from those above; this reads every import of the real files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FLOORS = ["src/lib", "src/charts", "src/publish"] as const;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mts|astro)$/.test(name))
    .map((name) => join(folder, name));
}

/** Every module specifier a file imports (static, dynamic and type-only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
}

describe("source layout", () => {
  FLOORS.forEach((floor, level) => {
    const above = FLOORS.slice(level + 1);
    it(`${floor} imports nothing from ${above.join(" or ") || "a floor above"}`, () => {
      const files = sourceFiles(floor);
      expect(files.length).toBeGreaterThan(0);
      const upward = files.flatMap((file) =>
        importsOf(file)
          .filter((specifier) => above.some((name) => specifier.includes(name.replace("src/", "/"))))
          .map((specifier) => `${file} imports ${specifier}`),
      );
      expect(upward).toEqual([]);
    });
  });
});

/** Every file the site's build runs: sources, build scripts and config. */
function buildFiles(): string[] {
  const folders = ["src", "scripts"].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.(ts|mts|mjs|astro|mdx)$/.test(name))
      .map((name) => join(folder, name)),
  );
  return [...folders, "astro.config.mjs"];
}

describe("dependencies", () => {
  it("every runtime dependency in package.json is imported by the build (no unused dependency)", () => {
    const { dependencies } = JSON.parse(readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
    };
    const text = buildFiles()
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const unused = Object.keys(dependencies).filter(
      (name) => !new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?:["'\`/])`).test(text),
    );
    expect(unused).toEqual([]);
  });
});
