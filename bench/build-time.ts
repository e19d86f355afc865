/**
 * `npm run bench:build`: wall-clock time of `npm run build` (data + site) for
 * the real data, and for a temporary copy of the project whose cases.csv
 * holds 100,000 synthetic rows (never committed, deleted afterwards).
 *
 *   npm run bench:build             # real site, then 100k cases
 *   npm run bench:build -- 10000    # choose the synthetic size
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyProject } from "../test/support/project-copy.ts";
import { syntheticCasesCsv } from "./synthetic-cases.ts";

const syntheticRows = Number(process.argv[2] ?? 100_000);

/** Runs the build in a folder, into a temporary output folder; returns seconds. */
function timeBuild(cwd: string): number {
  const outDir = mkdtempSync(join(tmpdir(), "met-build-out-"));
  const started = performance.now();
  try {
    execFileSync("npm", ["run", "build"], { cwd, stdio: "ignore", env: { ...process.env, OUT_DIR: outDir } });
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

console.log(`bench:build — wall-clock seconds of npm run build (data + site), Node ${process.version}`);
console.log(`real data\t${timeBuild(".").toFixed(1)} s`);
const project = copyProject("met-build-src-");
writeFileSync(join(project.root, "data/cases.csv"), syntheticCasesCsv(syntheticRows));
try {
  console.log(`${syntheticRows.toLocaleString("en-GB")} synthetic cases\t${timeBuild(project.root).toFixed(1)} s`);
} catch (error) {
  console.log(
    `${syntheticRows.toLocaleString("en-GB")} synthetic cases\tfailed: ${(error as Error).message.split("\n")[0]}`,
  );
} finally {
  project.remove();
}
