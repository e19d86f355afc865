/**
 * Temporary copies of the real data/ folder for pipeline tests: each test
 * breaks one file on purpose and runs the real pipeline on the copy.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPipeline, type PipelineResult } from "../../scripts/lib/pipeline.ts";
import { formatProblem } from "../../scripts/lib/problem.ts";

export interface DataFixture {
  root: string;
  dataDir: string;
  outDir: string;
  read(file: string): string;
  write(file: string, content: string | Uint8Array): void;
  /** Runs the pipeline; messages are relative to the fixture root (`data/x.csv:...`). */
  run(checkOnly?: boolean): Promise<PipelineResult & { messages: string[] }>;
  remove(): void;
}

export function dataFixture(): DataFixture {
  const root = mkdtempSync(join(tmpdir(), "met-data-"));
  const dataDir = join(root, "data");
  const outDir = join(root, "generated");
  cpSync("data", dataDir, { recursive: true });
  return {
    root,
    dataDir,
    outDir,
    read: (file) => readFileSync(join(dataDir, file), "utf8"),
    write: (file, content) => writeFileSync(join(dataDir, file), content),
    async run(checkOnly = false) {
      const result = await runPipeline({ dataDir, outDir, checkOnly, cwd: root });
      return { ...result, messages: result.problems.map(formatProblem) };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
