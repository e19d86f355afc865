/**
 * Temporary copies of the real data/ folder for pipeline tests: each test
 * breaks one file on purpose and runs the real pipeline on the copy.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Papa from "papaparse";
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
  /**
   * Where the `^` in `pattern` stands in a file of the copy, written as the
   * pipeline's messages start (`data/cases.csv:2:257`, 1-based line and column),
   * so that tests need not hardcode positions that move with each release of the
   * data. The pattern without its `^` must appear exactly once (throws otherwise).
   */
  at(file: string, pattern: string): string;
  /** The line (1-based) of the `^` in `pattern`, found as `at` finds it. */
  lineOf(file: string, pattern: string): number;
  /** The ids of a table of the copy in file order, joined as "expected one of: …" lists them. */
  ids(file: string): string;
  /** Runs the pipeline; messages are relative to the fixture root (`data/x.csv:...`). */
  run(checkOnly?: boolean): Promise<PipelineResult & { messages: string[] }>;
  /**
   * Runs the real `npm run data:check` command (scripts/run-script.mjs
   * build-data --check, with the copy's data/release/ as the last release) on the copy, as an
   * editor would: its exit code and each line it printed to stderr.
   */
  check(): { status: number | null; lines: string[] };
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
    at: (file, pattern) => {
      const { line, column } = positionOf(readFileSync(join(dataDir, file), "utf8"), file, pattern);
      return `data/${file}:${line}:${column}`;
    },
    lineOf: (file, pattern) => positionOf(readFileSync(join(dataDir, file), "utf8"), file, pattern).line,
    ids: (file) =>
      Papa.parse<{ id: string }>(readFileSync(join(dataDir, file), "utf8"), { header: true, skipEmptyLines: true })
        .data.map((row) => row.id)
        .join(", "),
    async run(checkOnly = false) {
      const result = await runPipeline({ dataDir, outDir, checkOnly, cwd: root });
      return { ...result, messages: result.problems.map(formatProblem) };
    },
    check() {
      // What `npm run data:check` runs (package.json), from the copy's root, so that data/ is the copy's.
      const result = spawnSync(process.execPath, [RUN_SCRIPT, "build-data", "--check"], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
      });
      return { status: result.status, lines: result.stderr.split("\n").filter(Boolean) };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The launcher package.json's data commands run (it finds the scripts beside itself, the data in the working folder). */
const RUN_SCRIPT = resolve("scripts", "run-script.mjs");

/** The 1-based line and column of the single `^` in `pattern`, whose text must occur once in `text`. */
function positionOf(text: string, file: string, pattern: string): { line: number; column: number } {
  const marker = pattern.indexOf("^");
  if (marker < 0 || pattern.includes("^", marker + 1)) throw new Error(`${JSON.stringify(pattern)} needs one ^`);
  const needle = pattern.slice(0, marker) + pattern.slice(marker + 1);
  const found = text.indexOf(needle);
  if (found < 0 || text.includes(needle, found + 1)) {
    throw new Error(`${JSON.stringify(needle)} must appear once in ${file}`);
  }
  const offset = found + marker;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return { line: text.slice(0, offset).split("\n").length, column: offset - lineStart + 1 };
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
