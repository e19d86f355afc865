/**
 * Sites built once per test run from an unmodified copy of the project and
 * shared by every test file that needs that same build (same variables, no
 * edits): one `npm run build` instead of one per file (issue 25, item 3).
 * The copies live in a folder that test/global-setup.ts makes for the run
 * and removes at its end; a file that edits its copy must use copyProject.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { copyProject } from "./project-copy.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder that holds this run's shared builds (test/global-setup.ts). */
    sharedBuildsDir: string;
  }
}

/**
 * The output folder of the committed project built with these variables (as
 * `copy.build(env)` would), building it in a fresh copy the first time a
 * file of this run asks. Callers only read it: never write into it.
 */
export function sharedBuild(env: Record<string, string> = {}): string {
  const runDir = inject("sharedBuildsDir");
  const sorted = Object.fromEntries(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
  const key = createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
  const record = join(runDir, `${key}.json`);
  if (existsSync(record)) {
    const { outDir } = JSON.parse(readFileSync(record, "utf8")) as { outDir: string };
    if (existsSync(join(outDir, "index.html"))) return outDir;
  }
  const outDir = copyProject("met-shared-", runDir).build(env);
  // Written whole, then renamed, so a reader never sees half a record.
  writeFileSync(`${record}.partial`, JSON.stringify({ env: sorted, outDir }));
  renameSync(`${record}.partial`, record);
  return outDir;
}
