/**
 * `npm run data:diff`: what the working data/ changes for readers, against
 * the last release (data/release/): each table cell by cell, every published
 * figure with the story's sentences before and after, every chart and so
 * its embed page, oEmbed file, share image and downloads, and what
 * embedders on other sites will see (scripts/lib/data-diff.ts).
 *
 * Then the exact list of files of the built site whose bytes the edit
 * changes, grouped by what readers see: the last release and the edit (as
 * `npm run release` would publish it) are built in a temporary copy and
 * compared (scripts/lib/exact-outputs.ts). Builds are kept by their inputs'
 * hash in .data-diff-cache/, so a second run of the same edit is quick.
 *
 *   npm run data:diff             the report in words, then the exact file list
 *   npm run data:diff -- --json   the same as JSON (the list under "outputs"), for machines
 *   npm run data:diff -- --quick  the report only, without building (seconds, not a minute)
 *
 * Exit 0 for valid data (changed or not); bad data prints the pipeline's
 * located problems and exits 1; a build that fails exits 2. An edit that
 * `npm run release` would refuse (a correction dated before first
 * publication…) gets the report and the release's refusal, no file list, and
 * exit 0 (data:check warns about the same). Writes nothing outside
 * .data-diff-cache/.
 */
import { diffData, reportText } from "./lib/data-diff.ts";
import { exactOutputs, outputsText, ReleaseRefused, type ExactOutputs } from "./lib/exact-outputs.ts";
import { countProblems, formatProblem } from "./lib/problem.ts";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const progress = (message: string) => console.error(`data:diff: ${message}`);

try {
  const result = await diffData({ root: process.cwd() });
  for (const problem of result.problems) console.error(formatProblem(problem));
  if (!result.ok || !result.report) {
    console.error(`\n${countProblems(result.problems).summary} in data/: fix them, then run npm run data:diff again.`);
    if (json) console.log(JSON.stringify({ ok: false, problems: result.problems }));
    process.exitCode = 1;
  } else {
    const report = result.report;
    if (!json) process.stdout.write(reportText(report));
    let outputs: ExactOutputs | null = null;
    /** Why there is no file list: npm run release's refusal. */
    let releaseRefusal: string | null = null;
    if (report.changed && !quick) {
      try {
        outputs = await exactOutputs(process.cwd(), report, progress);
        if (!json) process.stdout.write(`\n${outputsText(outputs)}`);
      } catch (error) {
        if (!(error instanceof ReleaseRefused)) throw error;
        releaseRefusal = error.message;
        // Not an error of the data: what a release still needs (data:check warns about the same).
        console.error(
          `\n${error.message}\n\nThe exact list of changed files needs the edit as it would be released, and npm run release would refuse it: fix what it says, then run npm run data:diff again.`,
        );
      }
    }
    if (json)
      console.log(JSON.stringify({ ok: true, problems: result.problems, report, outputs, releaseRefusal }, null, 2));
  }
} catch (error) {
  console.error(`data:diff failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
