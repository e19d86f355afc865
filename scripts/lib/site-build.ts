/**
 * Builds of the site in a throwaway copy of the project, reduced to what
 * readers get: the sha256 of every file of the built site. `npm run
 * data:diff` builds the last release and the working data as it would be
 * released, and compares the two (exact-outputs.ts).
 *
 * A build is slow (15-60 s), so its file hashes are kept in a git-ignored
 * folder of the project (.data-diff-cache/), keyed by a hash of every input
 * of the build: the copy's files (data, sources, configuration, lock file),
 * the environment that changes output (SITE_URL, BASE_PATH) and Node's
 * version. The same inputs never build twice.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The folder of cached build hashes, in the project (listed in .gitignore). */
export const BUILD_CACHE_FOLDER = ".data-diff-cache";
/** How many cached builds to keep: a few releases and edits back. */
const CACHE_ENTRIES = 24;
/** Bumped when what a cache entry holds changes meaning. */
const CACHE_FORMAT = "1";

/**
 * Top-level entries of the project that are not inputs of the build: dependencies (shared
 * by symlink), outputs and caches, tests and benches, tooling dot-files.
 */
const NOT_INPUTS = /^(node_modules|test|bench|notes|dist(-.*)?|.*\.log|\..*)$/;
/** Inputs made by the build itself (npm run data writes them), never copied. */
const GENERATED = new Set(["src/generated"]);

/** Every file under a folder, as sorted paths relative to it (symlinked folders not followed). */
async function filesUnder(root: string, skip: (path: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (skip(rel)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(rel);
    }
  };
  await walk(root);
  return found.sort();
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** sha256 of every file of a built site, by path relative to it. */
export async function hashSite(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const path of await filesUnder(dir)) hashes[path] = sha256(await readFile(join(dir, path)));
  return hashes;
}

/** The environment a build runs in: the caller's, without what a test runner sets and Astro would take over ours. */
function buildEnvironment(outDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(key)),
  );
  return { ...env, OUT_DIR: outDir };
}

/** A hash of everything a build of the copy at `root` reads, and of the environment that changes its output. */
export async function inputsKey(root: string): Promise<string> {
  const hash = createHash("sha256").update(`format ${CACHE_FORMAT}\nnode ${process.version}\n`);
  for (const name of ["SITE_URL", "BASE_PATH"]) hash.update(`${name}=${process.env[name] ?? ""}\n`);
  const inputs = await filesUnder(
    root,
    (path) => path === "node_modules" || GENERATED.has(path) || /^(dist-|\.)/.test(path),
  );
  for (const path of inputs) hash.update(`${path}\n${sha256(await readFile(join(root, path)))}\n`);
  return hash.digest("hex");
}

export interface ProjectStage {
  /** The copy's root: edit its data/ before building. */
  root: string;
  /**
   * Builds the copy as it is now (npm run build), or takes the hashes of an earlier build of
   * the same inputs from the project's cache. `cached` says which.
   */
  build(): Promise<{ files: Record<string, string>; cached: boolean }>;
  /** Runs a script of the copy with tsx (as its npm scripts do): its exit code and output. */
  tsx(script: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

/**
 * A copy of the project's build inputs in a temporary folder, sharing node_modules by
 * symlink. `project` is the editor's project; the cache lives there.
 */
export async function stageProject(project: string): Promise<ProjectStage> {
  const root = await mkdtemp(join(tmpdir(), "met-data-diff-"));
  for (const entry of await readdir(project)) {
    if (NOT_INPUTS.test(entry)) continue;
    await cp(join(project, entry), join(root, entry), {
      recursive: true,
      filter: (source) => !GENERATED.has(relative(project, source)),
    });
  }
  await symlink(join(project, "node_modules"), join(root, "node_modules"));
  const cacheDir = join(project, BUILD_CACHE_FOLDER);
  let builds = 0;

  const pruneCache = async () => {
    const entries = await Promise.all(
      (await readdir(cacheDir)).map(async (name) => ({ name, time: (await stat(join(cacheDir, name))).mtimeMs })),
    );
    for (const old of entries.sort((a, b) => b.time - a.time).slice(CACHE_ENTRIES))
      await rm(join(cacheDir, old.name), { force: true });
  };

  return {
    root,
    async build() {
      const key = await inputsKey(root);
      const entry = join(cacheDir, `${key}.json`);
      if (existsSync(entry)) {
        try {
          return { files: JSON.parse(await readFile(entry, "utf8")) as Record<string, string>, cached: true };
        } catch {
          // A half-written entry: build again.
        }
      }
      const outDir = join(root, `dist-${++builds}`);
      try {
        await run("npm", ["run", "build"], {
          cwd: root,
          env: buildEnvironment(outDir),
          maxBuffer: 64 * 1024 * 1024,
          timeout: 600_000,
        });
      } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw new Error(`npm run build failed in the copy:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`);
      }
      const files = await hashSite(outDir);
      await rm(outDir, { recursive: true, force: true });
      await mkdir(cacheDir, { recursive: true });
      await writeFile(`${entry}.tmp-${process.pid}`, JSON.stringify(files));
      await cp(`${entry}.tmp-${process.pid}`, entry);
      await rm(`${entry}.tmp-${process.pid}`, { force: true });
      await pruneCache();
      return { files, cached: false };
    },
    async tsx(script, args) {
      try {
        const { stdout, stderr } = await run(
          process.execPath,
          [join(root, "node_modules", "tsx", "dist", "cli.mjs"), script, ...args],
          { cwd: root, env: buildEnvironment(join(root, "dist")), timeout: 300_000 },
        );
        return { status: 0, stdout, stderr };
      } catch (error) {
        const { code, stdout = "", stderr = "" } = error as { code?: unknown; stdout?: string; stderr?: string };
        if (typeof code !== "number") throw error;
        return { status: code, stdout, stderr };
      }
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
