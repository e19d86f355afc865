/**
 * `npm run bench:pipeline`: the data pipeline (parse, convert, validate,
 * cross-check, write JSON) against a bare PapaParse parse of the same
 * synthetic cases.csv, at 10k, 100k and 1M rows. Prints rows/s, peak memory
 * and the ratios. Target: pipeline within 1.5x of the bare parse at 1M rows.
 *
 *   npm run bench:pipeline            # 10k, 100k, 1M
 *   npm run bench:pipeline -- 10000   # chosen sizes
 */
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { syntheticDataDir } from "./synthetic-cases.ts";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const RUNS = 3;
/**
 * Node flags, the same for both contenders. A 64 MB young generation (the
 * default is 16) spares both a third of their garbage-collection time on
 * files this size; SEMI_SPACE_MB=16 measures with Node's default.
 */
const NODE_FLAGS = ["--max-old-space-size=8192", `--max-semi-space-size=${process.env.SEMI_SPACE_MB ?? 64}`];

interface Measure {
  ms: number;
  rows: number;
  maxRssMb: number;
}

function measure(mode: "pipeline" | "papaparse", dataDir: string): Measure {
  const runs = Array.from({ length: RUNS }, () => {
    const output = execFileSync(process.execPath, [...NODE_FLAGS, tsx, "bench/pipeline-worker.ts", mode, dataDir], {
      encoding: "utf8",
    });
    return JSON.parse(output.trim().split("\n").at(-1)!) as Measure;
  });
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(RUNS / 2)]!; // median
}

const format = (value: number, digits = 0) => value.toLocaleString("en-GB", { maximumFractionDigits: digits });
console.log(`bench:pipeline — median of ${RUNS} runs each, Node ${process.version}`);
console.log(
  [
    "rows",
    "file MB",
    "papaparse rows/s",
    "pipeline rows/s",
    "time ratio",
    "papaparse MB",
    "pipeline MB",
    "memory ratio",
  ].join("\t"),
);
for (const rows of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
  const dataDir = syntheticDataDir(rows);
  try {
    const fileMb = statSync(join(dataDir, "cases.csv")).size / 2 ** 20;
    const bare = measure("papaparse", dataDir);
    const ours = measure("pipeline", dataDir);
    console.log(
      [
        format(rows),
        format(fileMb, 1),
        format(rows / (bare.ms / 1000)),
        format(rows / (ours.ms / 1000)),
        `${format(ours.ms / bare.ms, 2)}x`,
        format(bare.maxRssMb),
        format(ours.maxRssMb),
        `${format(ours.maxRssMb / bare.maxRssMb, 2)}x`,
      ].join("\t"),
    );
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
}
