/**
 * `npm run data`: data/*.csv -> src/generated/*.json (and JSON Schemas).
 * `npm run data:check`: the same validation, writing nothing.
 *
 * Problems go to stderr as `file:line:column column: message`; the exit code
 * is 1 when any file is wrong, and the previous output is then left in place.
 */
import { resolve } from "node:path";
import { runPipeline } from "./lib/pipeline.ts";
import { formatProblem } from "./lib/problem.ts";

export const DATA_DIR = resolve("data");
export const GENERATED_DIR = resolve("src/generated");

const checkOnly = process.argv.includes("--check");

try {
  const started = performance.now();
  const result = await runPipeline({ dataDir: DATA_DIR, outDir: GENERATED_DIR, checkOnly });
  for (const problem of result.problems) console.error(formatProblem(problem));
  const errors = result.problems.filter((problem) => problem.severity === "error").length;
  if (!result.ok) {
    console.error(
      `\n${errors} problem${errors === 1 ? "" : "s"} in data/. Nothing was written; the last good output is unchanged.`,
    );
    process.exitCode = 1;
  } else {
    const rows = Object.values(result.dataset!).reduce((sum, rows) => sum + rows.length, 0);
    const verb = checkOnly ? "checked" : "written to src/generated/";
    console.error(
      `data: ${rows} rows in ${Object.keys(result.dataset!).length} tables ${verb} (${Math.round(performance.now() - started)} ms)`,
    );
  }
} catch (error) {
  // Bad data never gets here (it is reported above); this is a bug or a disk error.
  console.error(`data: the pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
