/**
 * The bare parse bench/pipeline.ts compares the data step with, in its own
 * process:
 *   node --import tsx bench/pipeline-worker.ts <dataDir>
 * Reads <dataDir>/cases.csv and parses it as anyone would a CSV with a header
 * row. Prints one JSON line: { ms, cpuMs, rows, maxRssMb }, timing the read
 * and the parse only (not Node's start-up or loading this file). cpuMs is the
 * processor time of the process over the same span (every thread, garbage
 * collection included), which other work on a shared machine disturbs far
 * less than the wall-clock ms.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";

const [dataDir] = process.argv.slice(2) as [string];
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const text = readFileSync(join(dataDir, "cases.csv"), "utf8");
// The bare parse anyone would write for a CSV with a header row: objects keyed by column.
const rows = Papa.parse<Record<string, string>>(text, { delimiter: ",", header: true, skipEmptyLines: true }).data
  .length;
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(JSON.stringify({ ms, cpuMs, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
