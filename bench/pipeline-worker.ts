/**
 * One measured run, in its own process so that peak memory is its own:
 *   tsx bench/pipeline-worker.ts <pipeline|papaparse> <dataDir>
 * Prints one JSON line: { ms, cpuMs, rows, maxRssMb }. cpuMs is the processor
 * time of the process (every thread, garbage collection included), which
 * other work on a shared machine disturbs far less than the wall-clock ms.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { runPipeline } from "../scripts/lib/pipeline.ts";

const [mode, dataDir] = process.argv.slice(2) as [string, string];
const started = performance.now();
const cpuAtStart = process.cpuUsage();
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
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ ms, cpuMs, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
