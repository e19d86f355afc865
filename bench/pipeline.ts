/**
 * `npm run bench:pipeline`: the data pipeline (read, decode, parse, convert,
 * validate, cross-check, write JSON) against a bare PapaParse parse of the
 * same synthetic cases.csv, at 10k, 100k and 1M rows. Target: the pipeline
 * within 1.5x of the bare parse at 1M rows, in time and in peak memory.
 *
 * Also `npm run data` as an editor runs it, in a copy of the project whose
 * cases.csv is the synthetic one (test/support/project-copy.ts): npm, Node's
 * start-up, loading the script, reading the release copy, the pipeline and
 * writing, all in its wall time, against the bare parse's time alone (issue
 * 25's target: at most 1.3x at 1M rows).
 *
 * Fair by construction: both read the same file, each run is a fresh Node
 * process with the same flags, and the runs alternate (bare, pipeline, bare,
 * pipeline...) so that other work on the machine falls on both alike. Each
 * figure is the median of the runs, with the range of the per-pair ratios as
 * its spread. Besides wall-clock time, processor time (all threads, garbage
 * collection included) is compared: on a busy shared machine it is the
 * steadier measure of the same work.
 *
 *   npm run bench:pipeline                    # 10k, 100k, 1M rows, 5 runs each
 *   npm run bench:pipeline -- 10000           # chosen sizes
 *   BENCH_RUNS=9 npm run bench:pipeline       # more runs
 */
import { execFileSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildEnvironment, copyProject } from "../test/support/project-copy.ts";
import { syntheticCasesCsv } from "./synthetic-cases.ts";

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/**
 * Node flags, the same for both contenders. A 64 MB young generation (the
 * default is 16) spares both a third of their garbage-collection time on
 * files this size; SEMI_SPACE_MB=16 measures with Node's default.
 */
const NODE_FLAGS = ["--max-old-space-size=8192", `--max-semi-space-size=${process.env.SEMI_SPACE_MB ?? 64}`];

interface Measure {
  ms: number;
  cpuMs: number;
  rows: number;
  maxRssMb: number;
}

type Mode = "papaparse" | "pipeline";

function run(mode: Mode, dataDir: string): Measure {
  // One process per run, without a wrapper process: its peak memory is its own.
  const args = [...NODE_FLAGS, "--import", "tsx", "bench/pipeline-worker.ts", mode, dataDir];
  const output = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Measure;
}

/** The wall time of `npm run data` in a project folder, in ms, from starting npm to its exit. */
function npmRunData(root: string): number {
  const started = performance.now();
  execFileSync("npm", ["run", "data"], { cwd: root, stdio: "ignore", env: buildEnvironment() });
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const format = (value: number, digits = 0) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** "1.42x (1.31-1.60)": the median ratio, and the lowest and highest of the runs'. */
const ratio = (ours: number[], bare: number[]) => {
  const ratios = ours.map((value, index) => value / bare[index]!);
  return `${format(median(ratios), 2)}x (${format(Math.min(...ratios), 2)}-${format(Math.max(...ratios), 2)})`;
};

console.log(
  `bench:pipeline — median of ${RUNS} alternating runs each, Node ${process.version}, ${NODE_FLAGS.join(" ")}`,
);
console.log("Ratios are pipeline / bare PapaParse: the median, then (lowest-highest) over the runs.");
console.log(
  [
    "rows",
    "file MB",
    "bare rows/s",
    "pipeline rows/s",
    "time ratio",
    "CPU ratio",
    "bare MB",
    "pipeline MB",
    "memory ratio",
    "npm run data s",
    "npm run data / bare",
  ].join("\t"),
);
for (const rows of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
  const project = copyProject("met-bench-");
  const dataDir = join(project.root, "data");
  try {
    writeFileSync(join(dataDir, "cases.csv"), syntheticCasesCsv(rows));
    // What npm's postinstall does after a clone: bundle the scripts.
    execFileSync(process.execPath, ["scripts/run-script.mjs", "--build"], { cwd: project.root, stdio: "ignore" });
    const fileMb = statSync(join(dataDir, "cases.csv")).size / 2 ** 20;
    const bare: Measure[] = [];
    const ours: Measure[] = [];
    const npmMs: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      bare.push(run("papaparse", dataDir));
      ours.push(run("pipeline", dataDir));
      npmMs.push(npmRunData(project.root));
    }
    const of = (measures: Measure[], key: keyof Measure) => measures.map((measure) => measure[key]);
    console.log(
      [
        format(rows),
        format(fileMb, 1),
        format(rows / (median(of(bare, "ms")) / 1000)),
        format(rows / (median(of(ours, "ms")) / 1000)),
        ratio(of(ours, "ms"), of(bare, "ms")),
        ratio(of(ours, "cpuMs"), of(bare, "cpuMs")),
        format(median(of(bare, "maxRssMb"))),
        format(median(of(ours, "maxRssMb"))),
        ratio(of(ours, "maxRssMb"), of(bare, "maxRssMb")),
        format(median(npmMs) / 1000, 2),
        ratio(npmMs, of(bare, "ms")),
      ].join("\t"),
    );
  } finally {
    project.remove();
  }
}
