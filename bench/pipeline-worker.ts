/**
 * One measured run, in its own process so that peak memory is its own:
 *   tsx bench/pipeline-worker.ts <pipeline|papaparse> <dataDir>
 * Prints one JSON line: { ms, rows, maxRssMb }.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { runPipeline } from "../scripts/lib/pipeline.ts";

const [mode, dataDir] = process.argv.slice(2) as [string, string];
const started = performance.now();
let rows: number;
if (mode === "papaparse") {
  const text = readFileSync(join(dataDir, "cases.csv"), "utf8");
  // The bare parse anyone would write for a CSV with a header row: objects keyed by column.
  rows = Papa.parse<Record<string, string>>(text, { delimiter: ",", header: true, skipEmptyLines: true }).data.length;
} else {
  const result = await runPipeline({ dataDir, outDir: join(dataDir, "..", "generated") });
  if (!result.ok)
    throw new Error(`synthetic data failed validation: ${result.problems.slice(0, 3).map((p) => p.message)}`);
  rows = result.dataset!.cases.length;
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
