/**
 * What the site costs as its cases grow (src/lib/case-scale.ts): the build
 * time and page weight with the real data and with synthetic case files, each
 * built in a temporary copy of the project (bench/synthetic-cases.ts; data/
 * is never touched), with the ratios to the real data that issue 15 sets:
 * the story's gzipped HTML within 1.25 times, the build within 5 times.
 *
 * Shared by `npm run bench:build` (one run) and `npm run bench:scale`
 * (several runs, median and spread).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildEnvironment, copyProject } from "../test/support/project-copy.ts";
import { syntheticCasesCsv } from "./synthetic-cases.ts";

/** The targets, as ratios to the real data. */
export const TARGETS = { storyGzip: 1.25, buildTime: 5 } as const;

/** One build of one size. */
export interface ScaleRun {
  /** Synthetic rows, or null for the real data. */
  rows: number | null;
  seconds: number;
  /** The story's HTML, gzipped (default level), in bytes. */
  storyGzip: number;
  /** The heaviest HTML page, gzipped, and which it is. */
  largestGzip: number;
  largestPage: string;
  /** HTML pages built. */
  pages: number;
  /** Every file of the build, in bytes. */
  siteBytes: number;
}

function walk(dir: string, files: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else files.push(path);
  }
  return files;
}

/** Builds one size in a fresh copy (so no run reuses another's cache) and weighs the output. */
export function buildOnce(rows: number | null): ScaleRun {
  const project = copyProject("met-scale-bench-");
  try {
    if (rows !== null) writeFileSync(join(project.root, "data/cases.csv"), syntheticCasesCsv(rows));
    const dist = join(project.root, "dist");
    const started = performance.now();
    execFileSync("npm", ["run", "build"], {
      cwd: project.root,
      stdio: "ignore",
      env: { ...buildEnvironment(), OUT_DIR: dist },
    });
    const seconds = (performance.now() - started) / 1000;
    const files = walk(dist);
    let largestGzip = 0;
    let largestPage = "";
    let pages = 0;
    for (const file of files.filter((path) => path.endsWith(".html"))) {
      pages++;
      const gzip = gzipSync(readFileSync(file)).byteLength;
      if (gzip > largestGzip) [largestGzip, largestPage] = [gzip, file.slice(dist.length + 1)];
    }
    return {
      rows,
      seconds,
      storyGzip: gzipSync(readFileSync(join(dist, "index.html"))).byteLength,
      largestGzip,
      largestPage,
      pages,
      siteBytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    };
  } finally {
    project.remove();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const label = (rows: number | null) => (rows === null ? "real data" : `${rows.toLocaleString("en-GB")} cases`);

/**
 * Builds every size `runs` times, interleaved (real, 10k, 100k, real, …) so a
 * busy machine slows them alike, and prints medians, spreads and ratios.
 * Returns whether every size met both targets.
 */
export function benchScale(sizes: readonly (number | null)[], runs: number): boolean {
  const results = new Map<number | null, ScaleRun[]>(sizes.map((size) => [size, []]));
  for (let run = 1; run <= runs; run++) {
    for (const size of sizes) {
      const result = buildOnce(size);
      results.get(size)!.push(result);
      console.error(
        `run ${run}/${runs}, ${label(size)}: ${result.seconds.toFixed(1)} s, story ${kb(result.storyGzip)} gzipped`,
      );
    }
  }
  const real = results.get(null);
  if (!real) throw new Error("the real data must be one of the sizes");
  const realSeconds = median(real.map((run) => run.seconds));
  const realStory = median(real.map((run) => run.storyGzip));
  console.log(`\nbuild time and page weight by number of cases, ${runs} run(s) each, Node ${process.version}`);
  console.log(
    [
      "data".padEnd(16),
      "build (median, min–max)".padEnd(26),
      "× real".padStart(7),
      "story HTML gz".padStart(14),
      "× real".padStart(7),
      "largest page gz".padStart(16),
      "pages".padStart(6),
      "site".padStart(10),
    ].join("  "),
  );
  let ok = true;
  for (const size of sizes) {
    const list = results.get(size)!;
    const seconds = list.map((run) => run.seconds);
    const time = median(seconds);
    const story = median(list.map((run) => run.storyGzip));
    const timeRatio = time / realSeconds;
    const storyRatio = story / realStory;
    const largest = list.at(-1)!;
    const meets = timeRatio <= TARGETS.buildTime && storyRatio <= TARGETS.storyGzip;
    if (!meets) ok = false;
    console.log(
      [
        label(size).padEnd(16),
        `${time.toFixed(1)} s (${Math.min(...seconds).toFixed(1)}–${Math.max(...seconds).toFixed(1)})`.padEnd(26),
        `${timeRatio.toFixed(2)}×`.padStart(7),
        kb(story).padStart(14),
        `${storyRatio.toFixed(2)}×`.padStart(7),
        `${kb(largest.largestGzip)}`.padStart(16),
        String(largest.pages).padStart(6),
        `${(largest.siteBytes / 1e6).toFixed(1)} MB`.padStart(10),
        size === null ? "" : meets ? "within targets" : "OVER TARGET",
      ].join("  "),
    );
  }
  console.log(
    `targets: the story's gzipped HTML at most ${TARGETS.storyGzip}× the real data's, the build at most ${TARGETS.buildTime}× its time`,
  );
  return ok;
}
