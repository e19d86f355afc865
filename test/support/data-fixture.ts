/**
 * Temporary copies of the real data/ folder for pipeline tests: each test
 * breaks one file on purpose and runs the real pipeline on the copy.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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
  /** Replaces text that must appear exactly once in a file of the copy (throws otherwise). */
  replaceOnce(file: string, from: string, to: string): void;
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
    replaceOnce(file, from, to) {
      const text = readFileSync(join(dataDir, file), "utf8");
      const times = text.split(from).length - 1;
      if (times !== 1) throw new Error(`${JSON.stringify(from)} appears ${times} times in ${file}, expected once`);
      writeFileSync(join(dataDir, file), text.replace(from, to));
    },
    async run(checkOnly = false) {
      const result = await runPipeline({ dataDir, outDir, checkOnly, cwd: root });
      return { ...result, messages: result.problems.map(formatProblem) };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A hash of every file in a folder, to prove a failed run changed nothing. */
export function folderHash(folder: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(name).update(readFileSync(path));
    }
  };
  walk(folder);
  return hash.digest("hex");
}
