/**
 * `npm run data`: data/*.csv -> src/generated/*.json (and JSON Schemas).
 * `npm run data:check`: the same validation, writing nothing.
 *
 * Problems go to stderr as `file:line:column field: message`, then a count of
 * errors and warnings; the exit code is 1 when any file is wrong, and the
 * previous output is then left in place.
 *
 * Flags for tools that run the data step beside a server (`npm run dev` runs it in its own
 * process instead: scripts/dev-data-run.ts, from scripts/astro-data-watcher.mjs):
 *   --json         also print the result as one line of JSON on stdout
 *   --allow-stale  exit 0 on bad data when a last good output exists, so a server
 *                  can start on it and show the problems
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { STORY_FILE, storySourceProblems } from "../src/lib/story-sources.ts";
import { loadBaseline } from "./lib/baseline.ts";
import { runPipeline, startTableHeadsEarly } from "./lib/pipeline.ts";
import { countProblems, formatProblem, type Problem } from "./lib/problem.ts";
import type { Dataset } from "../src/data/schema.ts";
import { runTableHeadJob, type TableHeadJob } from "./lib/table-halves.ts";

export const DATA_DIR = resolve("data");
export const GENERATED_DIR = resolve("src/generated");

const checkOnly = process.argv.includes("--check");
const json = process.argv.includes("--json");
const allowStale = process.argv.includes("--allow-stale");

/**
 * A table file of at least this many bytes is read on two threads, each its
 * own part of the file (scripts/lib/table-halves.ts): about 230,000 rows of
 * cases. Below it, starting the thread and sending the rows between threads
 * cost more than they save (measured: 100,000 synthetic cases, 14 MB, took
 * 0.56 s on one thread and 0.67 s on two; 300,000, 41 MB, about the same;
 * a million, two threads well ahead), and every real table is far below it.
 * MET_TABLE_JSON_MIN_BYTES sets another size (for the tests).
 */
const TABLE_JSON_MIN_BYTES = Number(process.env.MET_TABLE_JSON_MIN_BYTES ?? 32 * 2 ** 20);

/** The second thread: this same script, started again by the launcher (scripts/run-script.mjs, as npm runs it). */
function newWorker(): Worker {
  return new Worker(join(dirname(process.argv[1]!), "run-script.mjs"), { argv: ["build-data"] });
}

/**
 * A second thread started as the command starts, when a table file is large
 * enough to need one: it loads the script while this thread reads the tables
 * before the large one, instead of after. Until it has a job it does not keep
 * the process alive.
 */
let spareWorker: Worker | null = null;

function startWorker(): Worker {
  const worker = spareWorker ?? newWorker();
  spareWorker = null;
  worker.ref();
  return worker;
}

/** Whether a CSV file in data/ has at least TABLE_JSON_MIN_BYTES bytes. */
function hasLargeTable(): boolean {
  try {
    return readdirSync(DATA_DIR).some(
      (name) => name.endsWith(".csv") && statSync(join(DATA_DIR, name)).size >= TABLE_JSON_MIN_BYTES,
    );
  } catch {
    return false; // no data folder: the pipeline says so
  }
}

/**
 * The story's and the charts' sentences against the data: each shows a
 * figure, cites a held passage or says it is ours.
 */
async function sentenceProblems(dataset: Dataset): Promise<Problem[]> {
  const problems = storySourceProblems(readFileSync(STORY_FILE, "utf8"), dataset);
  // And the charts' takeaways and notes, under the same rule (loaded here only: the charts bring Plot).
  const [{ CHARTS }, { chartNoteProblems }, { dataPageSourceProblems }] = await Promise.all([
    import("../src/charts/registry.ts"),
    import("../src/lib/chart-note-sources.ts"),
    import("../src/components/data/data-page-sources.ts"),
  ]);
  const read = (file: string) => readFileSync(file, "utf8");
  problems.push(...chartNoteProblems(CHARTS, dataset, read));
  // And the data page's: its own prose, the categories' descriptions, the charts' methods, our calculations' notes.
  problems.push(...dataPageSourceProblems(dataset, read));
  return problems;
}

/**
 * The whole command, in a function rather than awaited at the module's top
 * level, so that the script bundles as CommonJS and starts from V8's code
 * cache (scripts/run-script.mjs).
 */
async function main(): Promise<void> {
  // On one core a second thread only adds its own work.
  const twoThreads = !checkOnly && availableParallelism() > 1 && hasLargeTable();
  if (twoThreads) {
    spareWorker = newWorker();
    spareWorker.unref();
  }
  let early: Awaited<ReturnType<typeof startTableHeadsEarly>> = new Map();
  let earlyHeads: Promise<unknown> | null = null;
  /** The sentences' problems, checked by the pipeline's withValidData, and the dataset they were checked against. */
  const checked: { dataset?: Dataset; problems: Problem[] } = { problems: [] };
  try {
    const started = performance.now();
    const halves = { minBytes: TABLE_JSON_MIN_BYTES, startWorker };
    // A large table's file is read, and given to its second thread, while the last release is loaded.
    earlyHeads = twoThreads
      ? startTableHeadsEarly(DATA_DIR, GENERATED_DIR, halves).then((heads) => (early = heads))
      : null;
    // The last release (data/release/), for the warnings about published values changed without a correction.
    const baseline = await loadBaseline(DATA_DIR);
    await earlyHeads;
    const result = await runPipeline({
      dataDir: DATA_DIR,
      outDir: GENERATED_DIR,
      checkOnly,
      baseline: baseline?.dataset ?? null,
      baselineVersion: baseline?.version ?? null,
      release: baseline,
      halves: twoThreads ? { ...halves, early } : undefined,
      withValidData: async (dataset) => {
        if (!existsSync(STORY_FILE)) return;
        checked.problems = await sentenceProblems(dataset);
        checked.dataset = dataset;
      },
    });
    if (result.dataset && existsSync(STORY_FILE)) {
      // Checked already while a second thread wrote a large table, when the data was the same.
      const own = checked.dataset === result.dataset ? checked.problems : await sentenceProblems(result.dataset);
      result.problems.push(...own);
      result.ok = !result.problems.some((problem) => problem.severity === "error");
    }
    for (const problem of result.problems) console.error(formatProblem(problem));
    const { summary } = countProblems(result.problems);
    if (json) console.log(JSON.stringify({ ok: result.ok, problems: result.problems, summary }));
    if (!result.ok) {
      const written = result.dataset && !checkOnly;
      console.error(
        written
          ? `\n${summary} in data/ and the story: the data was written, but the sentences of the story, the charts and the data page must be fixed before the site builds.`
          : `\n${summary} in data/. Nothing was written; the last good output is unchanged.`,
      );
      const stale = allowStale && existsSync(GENERATED_DIR);
      if (stale) console.error("Starting on the last good data; every page shows the problems until they are fixed.");
      process.exitCode = stale ? 0 : 1;
    } else {
      const rows = Object.values(result.dataset!).reduce((sum, rows) => sum + rows.length, 0);
      const verb = checkOnly ? "checked" : "written to src/generated/";
      const warned = result.problems.length > 0 ? `; ${summary}` : "";
      const parallel = result.readOnTwoThreads?.length
        ? `; ${result.readOnTwoThreads.map((name) => `${name}.csv`).join(", ")} read on two threads`
        : "";
      console.error(
        `data: ${rows} rows in ${Object.keys(result.dataset!).length} tables ${verb} (${Math.round(performance.now() - started)} ms${parallel})${warned}`,
      );
      const status = result.releaseStatus;
      if (status && !status.released) {
        const release = status.release?.version ? `release ${status.release.version}` : "any release";
        const count = status.changeCount;
        console.error(
          `data: PREVIEW: data/ differs from ${release}${count > 0 ? ` (${count} change${count === 1 ? "" : "s"})` : ""}, so every page built from it says "Preview: unreleased data, not for publishing" and is noindex. npm run data:diff lists the changes; npm run release publishes them; only then does npm run build:deploy build it.`,
        );
      }
    }
  } catch (error) {
    // Bad data never gets here (it is reported above); this is a bug or a disk error.
    console.error(`data: the pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  } finally {
    // Threads the pipeline did not take up (it stops those it did).
    await earlyHeads?.catch(() => {});
    await Promise.all([...early.values()].map(({ head }) => head?.cancel()));
  }
}

if (isMainThread) {
  // Ends the process once every message is out, without first freeing the heap object by object (the rows of a
  // million-row table: 0.1 to 0.3 s of the data step, measured with strace), which the system does at once instead.
  void main().then(() => process.stderr.write("", () => process.stdout.write("", () => process.exit())));
} else parentPort!.once("message", (job: TableHeadJob) => void runTableHeadJob(job));
