/**
 * The editor's commands start from bundles (scripts/run-script.mjs), in a
 * copy of the project that has none yet, as after a clone: the first command
 * bundles its script, a later one reuses the bundle, and a change to any
 * source file of the script (the script itself, or a module it imports) is
 * in the very next run, with nobody running a build step. The bundle is
 * CommonJS and starts from V8's code cache, made by its first run and used
 * by the next; a cache of an earlier bundle, even one of the same length,
 * is never used.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEnvironment, copyProject, type ProjectCopy } from "./support/project-copy.ts";

let project: ProjectCopy;

beforeAll(() => {
  project = copyProject("met-run-script-", undefined, { scriptBundles: false });
});
afterAll(() => project?.remove());

/** `npm run data:check` in the copy, as an editor types it. */
function dataCheck() {
  const result = spawnSync("npm", ["run", "data:check"], {
    cwd: project.root,
    env: buildEnvironment(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  return { status: result.status, stderr: result.stderr };
}

const bundle = () => join(project.root, ".scripts-build", "build-data.cjs");
const codeCache = () => join(project.root, ".scripts-build", "build-data.v8cache");

describe("npm run data:check from a bundle", () => {
  it("bundles its script on the first run in a fresh copy, and checks the data", () => {
    expect(existsSync(bundle())).toBe(false);
    const first = dataCheck();
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/data: \d+ rows in \d+ tables checked/);
    expect(existsSync(bundle())).toBe(true);
  });

  it("reuses the bundle while no source changed, and starts from the code cache its first run made", () => {
    const made = statSync(bundle()).mtimeMs;
    // The first run wrote the cache as it exited; a run that could not use it would write it again.
    expect(existsSync(codeCache())).toBe(true);
    const cached = statSync(codeCache()).mtimeMs;
    expect(readFileSync(codeCache(), "latin1").split("\n")[0]).toBe(`${statSync(bundle()).size}:${made}`);
    expect(dataCheck().status).toBe(0);
    expect(statSync(bundle()).mtimeMs).toBe(made);
    expect(statSync(codeCache()).mtimeMs).toBe(cached);
  });

  it("bundles again when a module the script imports changes", () => {
    const made = statSync(bundle()).mtimeMs;
    const module = join(project.root, "scripts/lib/problem.ts");
    const later = new Date(Date.now() + 5_000);
    utimesSync(module, later, later);
    expect(dataCheck().status).toBe(0);
    expect(statSync(bundle()).mtimeMs).toBeGreaterThan(made);
  });

  it("runs the edited script on the next run", () => {
    project.edit("scripts/build-data.ts", "tables ${verb}", "tables ${verb}, freshly bundled");
    const after = dataCheck();
    expect(after.status).toBe(0);
    expect(after.stderr).toMatch(/tables checked, freshly bundled/);
    expect(readFileSync(bundle(), "utf8")).toContain("freshly bundled");
  });

  it("runs an edit that keeps the bundle's length, not the code cache of the bundle before it", () => {
    expect(dataCheck().status).toBe(0); // the cache of the current bundle is in place
    const before = statSync(bundle()).size;
    project.edit("scripts/build-data.ts", "freshly bundled", "freshly BUNDLED");
    const after = dataCheck();
    expect(statSync(bundle()).size).toBe(before);
    expect(after.status).toBe(0);
    expect(after.stderr).toMatch(/tables checked, freshly BUNDLED/);
  });
});
