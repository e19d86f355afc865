/**
 * What the site costs as its cases grow (src/lib/case-scale.ts): the build
 * time and page weight with the real data and with synthetic case files, each
 * built in a temporary copy of the project (bench/synthetic-cases.ts; data/
 * is never touched), with the ratios to the real data that issue 15 sets:
 * the story's gzipped HTML within 1.25 times, the build within 5 times.
 * For a paged list, also issue 25's search targets: no page and no file the
 * explorer fetches (data/cases/) over 100 KB gzipped, and each search's
 * results within 200 ms of its index files arriving.
 *
 * Shared by `npm run bench:build` (one run) and `npm run bench:scale`
 * (several runs, median and spread).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { searchCases } from "../src/scripts/case-search.ts";
import { buildEnvironment, copyProject } from "../test/support/project-copy.ts";
import { syntheticCasesCsv } from "./synthetic-cases.ts";

/** The targets, as ratios to the real data; then issue 25's, in bytes and milliseconds. */
export const TARGETS = { storyGzip: 1.25, buildTime: 5, responseGzip: 100 * 1024, searchMs: 200 } as const;

/**
 * Searches timed on a paged build: a common word, two words, part of a word,
 * a single letter (which matches nearly every word, so needs every file), none.
 */
const QUERIES = ["officer", "unconnected told", "ffic", "e", "no such words"];

/** One search on a paged build. */
export interface SearchRun {
  query: string;
  /**
   * From the index files in hand (their JSON text) to the cases found
   * (parsing, matching): processor time, which other work on a shared
   * machine barely disturbs, and wall time.
   */
  cpuMs: number;
  ms: number;
  /** Index files it fetched, and their weight gzipped. */
  files: number;
  gzip: number;
}

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
  /** The heaviest response a reader's browser fetches by itself (an HTML page or a file under data/cases/), gzipped. */
  largestResponseGzip: number;
  largestResponse: string;
  /** Searches, when the list is paged. */
  searches: SearchRun[];
}

/**
 * Times each query over the index files of a paged build, read from disk
 * first so that only the work after they arrive is timed (the same
 * src/scripts/case-search.ts the browser runs).
 */
async function timeSearches(dist: string): Promise<SearchRun[]> {
  const folder = join(dist, "data/cases");
  const index = JSON.parse(readFileSync(join(folder, "index.json"), "utf8")) as {
    total: number;
    searchWordFiles: number;
  };
  const texts = new Map(
    readdirSync(folder)
      .filter((name) => name.startsWith("search"))
      .map((name) => [name, readFileSync(join(folder, name), "utf8")]),
  );
  const runs: SearchRun[] = [];
  for (const query of QUERIES) {
    const fetched: string[] = [];
    const load = async <T>(name: string): Promise<T> => {
      fetched.push(name);
      return JSON.parse(texts.get(name)!) as T;
    };
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    await searchCases(query, index.total, index.searchWordFiles, load);
    const cpu = process.cpuUsage(cpuAtStart);
    const ms = performance.now() - started;
    const gzip = fetched.reduce((sum, name) => sum + gzipSync(texts.get(name)!).byteLength, 0);
    runs.push({ query, cpuMs: (cpu.user + cpu.system) / 1000, ms, files: fetched.length, gzip });
  }
  return runs;
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
export async function buildOnce(rows: number | null): Promise<ScaleRun> {
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
    let largestResponseGzip = 0;
    let largestResponse = "";
    for (const file of files) {
      const name = file.slice(dist.length + 1);
      const html = name.endsWith(".html");
      if (!html && !name.startsWith("data/cases/")) continue;
      const gzip = gzipSync(readFileSync(file)).byteLength;
      if (gzip > largestResponseGzip) [largestResponseGzip, largestResponse] = [gzip, name];
      if (!html) continue;
      pages++;
      if (gzip > largestGzip) [largestGzip, largestPage] = [gzip, name];
    }
    return {
      rows,
      seconds,
      storyGzip: gzipSync(readFileSync(join(dist, "index.html"))).byteLength,
      largestGzip,
      largestPage,
      pages,
      siteBytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
      largestResponseGzip,
      largestResponse,
      searches: existsSync(join(dist, "data/cases/index.json")) ? await timeSearches(dist) : [],
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
export async function benchScale(sizes: readonly (number | null)[], runs: number): Promise<boolean> {
  const results = new Map<number | null, ScaleRun[]>(sizes.map((size) => [size, []]));
  for (let run = 1; run <= runs; run++) {
    for (const size of sizes) {
      const result = await buildOnce(size);
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
  if (!searchTable(sizes, results)) ok = false;
  return ok;
}

/**
 * The search figures of the paged sizes: the heaviest response, and each
 * query's time (median and range over the runs), files and weight fetched.
 * Returns whether every size met issue 25's targets.
 */
function searchTable(sizes: readonly (number | null)[], results: ReadonlyMap<number | null, ScaleRun[]>): boolean {
  let ok = true;
  console.log(
    `\nsearch of a paged list: from its index files in hand to results, in Node ${process.version}, each query once a run, in this order;` +
      `\nprocessor time (the target), then wall time, which waits for other work on a busy machine`,
  );
  for (const size of sizes) {
    const list = results.get(size)!;
    const last = list.at(-1)!;
    if (last.searches.length === 0) continue;
    const heaviest = Math.max(...list.map((run) => run.largestResponseGzip));
    const slowest = QUERIES.map((query) =>
      median(list.map((run) => run.searches.find((s) => s.query === query)!.cpuMs)),
    );
    const meets = heaviest <= TARGETS.responseGzip && Math.max(...slowest) <= TARGETS.searchMs;
    if (!meets) ok = false;
    console.log(
      `${label(size)}: heaviest response ${kb(heaviest)} gzipped (${last.largestResponse}); ${meets ? "within targets" : "OVER TARGET"}`,
    );
    for (const query of QUERIES) {
      const runsOf = list.map((run) => run.searches.find((s) => s.query === query)!);
      const spread = (values: number[]) =>
        `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
      const search = runsOf.at(-1)!;
      console.log(
        `  ${JSON.stringify(query).padEnd(20)} CPU ${spread(runsOf.map((run) => run.cpuMs)).padEnd(18)} wall ${spread(runsOf.map((run) => run.ms)).padEnd(20)}` +
          `${String(search.files).padStart(3)} files, ${kb(search.gzip)} gzipped`,
      );
    }
  }
  console.log(
    `targets: no HTML page or explorer file over ${kb(TARGETS.responseGzip)} gzipped; each search within ${TARGETS.searchMs} ms (processor time, median) of its files arriving`,
  );
  return ok;
}
