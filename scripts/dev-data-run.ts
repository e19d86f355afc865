/**
 * The data step as `npm run dev` runs it, inside the dev server's own
 * process (scripts/astro-data-watcher.mjs loads this module through Vite,
 * so an edit to the pipeline's code takes effect at the next run, with no
 * new process per run). The same pipeline, with the same messages, as
 * `npm run data` (scripts/build-data.ts); between runs it keeps the tables
 * it read and the release copy, and reads again only what changed.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadBaseline, type Baseline } from "./lib/baseline.ts";
import { runPipeline, type TableCache } from "./lib/pipeline.ts";
import { countProblems, formatProblem, type Problem } from "./lib/problem.ts";

/** What one run found, for the terminal and the dev banner. */
export interface DevDataReport {
  /** No errors: src/generated/ was written (unless checking only). */
  ok: boolean;
  /** Whether this run wrote src/generated/. */
  wrote: boolean;
  problems: Problem[];
  /** "1 error and 2 warnings". */
  summary: string;
  /** What to print in the terminal: each problem, then a line that sums up. */
  log: string;
}

/** A data step for one project folder that remembers what it read between runs. */
export interface DevDataStep {
  /**
   * Validates data/ and, when it is valid and `write` is set, writes src/generated/.
   * `releaseChanged`: data/release/ may have changed since the last run (read it again).
   */
  run(options: { write: boolean; releaseChanged: boolean }): Promise<DevDataReport>;
}

export function devDataStep(root: string): DevDataStep {
  const dataDir = join(root, "data");
  const outDir = join(root, "src", "generated");
  const cache: TableCache = new Map();
  let baseline: Promise<Baseline | null> | null = null;
  return {
    async run({ write, releaseChanged }) {
      const started = performance.now();
      if (releaseChanged || !baseline) baseline = loadBaseline(dataDir, root);
      const release = await baseline;
      const result = await runPipeline({
        dataDir,
        outDir,
        checkOnly: !write,
        cwd: root,
        baseline: release?.dataset ?? null,
        baselineVersion: release?.version ?? null,
        release,
        cache,
      });
      const { summary } = countProblems(result.problems);
      const lines = result.problems.map(formatProblem);
      const ms = Math.round(performance.now() - started);
      if (result.ok) {
        const rows = Object.values(result.dataset!).reduce((sum, rows) => sum + rows.length, 0);
        const verb = write ? "written to src/generated/" : "checked";
        const warned = result.problems.length > 0 ? `; ${summary}` : "";
        lines.push(`data: ${rows} rows in ${Object.keys(result.dataset!).length} tables ${verb} (${ms} ms)${warned}`);
      } else {
        const kept = existsSync(outDir) ? "the pages keep the last good data" : "there is no good data to show yet";
        lines.push(`data: ${summary} in data/. Nothing was written; ${kept} and show the problems (${ms} ms).`);
      }
      return { ok: result.ok, wrote: result.ok && write, problems: result.problems, summary, log: lines.join("\n") };
    },
  };
}
