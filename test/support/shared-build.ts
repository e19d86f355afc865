/**
 * Sites built once per test run and shared by every test file that needs
 * that same build: one `npm run build` instead of one per file (issue 25,
 * item 3). sharedBuild is the project as committed, built with some
 * variables; sharedVariantBuild is a named variant of it (the project with
 * its copy prepared by the same function in every file that asks, such as
 * the hostile data of test/support/hostile-data.ts).
 *
 * The copies live in a folder that test/global-setup.ts makes for the run
 * and removes at its end. Files may run at the same time: the first to ask
 * for a build makes it while the others wait for it. A file that edits its
 * copy for its own tests must use copyProject.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { copyProject, type ProjectCopy } from "./project-copy.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder that holds this run's shared builds (test/global-setup.ts). */
    sharedBuildsDir: string;
  }
}

/** A shared build: its output folder, and what the variant's preparation returned. */
export interface SharedBuild<T> {
  outDir: string;
  prepared: T;
  /** For a deploy build: its exit code and what it printed (a refused one built nothing). */
  deploy?: { status: number | null; output: string };
}

/** How long a file waits for another to finish a shared build before giving up. */
const WAIT_MS = 600_000;

/** Sleeps without giving up the thread (the helpers are synchronous, as copyProject's builds are). */
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Whether the process that took a lock is gone (it failed or was killed without letting go). */
function holderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, "pid"), "utf8"));
  } catch {
    return false; // Taken a moment ago: its pid is not written yet.
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * The output folder of the project built with these variables in a copy made
 * ready by `prepare` (which must do the same thing in every file that names
 * this variant), built the first time a file of this run asks. Callers only
 * read it: never write into it.
 */
export function sharedVariantBuild<T>(
  variant: string,
  env: Record<string, string>,
  prepare: (root: string) => T,
  command: "build" | "build:deploy" = "build",
): SharedBuild<T> {
  const runDir = inject("sharedBuildsDir");
  const sorted = Object.fromEntries(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
  const key = createHash("sha256")
    .update(JSON.stringify({ variant, env: sorted, command }))
    .digest("hex")
    .slice(0, 16);
  const record = join(runDir, `${key}.json`);
  const lock = `${record}.lock`;
  const started = Date.now();
  for (;;) {
    if (existsSync(record)) {
      const found = JSON.parse(readFileSync(record, "utf8")) as SharedBuild<T>;
      if (found.deploy || existsSync(join(found.outDir, "index.html"))) return found;
    }
    try {
      mkdirSync(lock);
    } catch {
      // Another file is building it: wait for its record (or for its failure, then build it here).
      if (holderGone(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > WAIT_MS) throw new Error(`Waited too long for the shared build ${variant}`);
      else sleep(500);
      continue;
    }
    try {
      writeFileSync(join(lock, "pid"), String(process.pid));
      const copy = copyProject("met-shared-", runDir);
      const prepared = prepare(copy.root);
      const built: SharedBuild<T> =
        command === "build" ? { outDir: copy.build(env), prepared } : deployBuild(copy, env, prepared);
      // Written whole, then renamed, so a reader never sees half a record.
      writeFileSync(`${record}.partial`, JSON.stringify({ variant, env: sorted, ...built }));
      renameSync(`${record}.partial`, record);
      return built;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** `npm run build:deploy` in the copy into its dist/, with SITE_URL from `env` (which may set nothing else). */
function deployBuild<T>(copy: ProjectCopy, env: Record<string, string>, prepared: T): SharedBuild<T> {
  const { SITE_URL, ...others } = env;
  if (Object.keys(others).length > 0)
    throw new Error(`A shared deploy build takes only SITE_URL, not ${Object.keys(others).join(", ")}`);
  const outDir = join(copy.root, "dist");
  return { outDir, prepared, deploy: copy.deployBuild(outDir, SITE_URL) };
}

/**
 * The output folder of the committed project built with these variables (as
 * `copy.build(env)` would), building it in a fresh copy the first time a
 * file of this run asks. Callers only read it: never write into it.
 */
export function sharedBuild(env: Record<string, string> = {}): string {
  return sharedVariantBuild("as committed", env, () => null).outDir;
}
