/**
 * `npm run data:diff`: what the working data/ changes for readers, against
 * the last release (data/release/): each table cell by cell, every published
 * figure with the story's sentences before and after, every chart and so
 * its embed page, oEmbed file, share image and downloads, and what
 * embedders on other sites will see (scripts/lib/data-diff.ts).
 *
 *   npm run data:diff            the report in words
 *   npm run data:diff -- --json  the same report as JSON, for machines
 *
 * Exit 0 for valid data (changed or not); bad data prints the pipeline's
 * located problems and exits 1. Writes nothing.
 */
import { diffData, reportText } from "./lib/data-diff.ts";
import { countProblems, formatProblem } from "./lib/problem.ts";

const json = process.argv.includes("--json");

try {
  const result = await diffData({ root: process.cwd() });
  for (const problem of result.problems) console.error(formatProblem(problem));
  if (!result.ok || !result.report) {
    console.error(`\n${countProblems(result.problems).summary} in data/: fix them, then run npm run data:diff again.`);
    if (json) console.log(JSON.stringify({ ok: false, problems: result.problems }));
    process.exitCode = 1;
  } else if (json) {
    console.log(JSON.stringify({ ok: true, problems: result.problems, report: result.report }, null, 2));
  } else {
    process.stdout.write(reportText(result.report));
  }
} catch (error) {
  console.error(`data:diff failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
}
