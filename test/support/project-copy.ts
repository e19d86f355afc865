/**
 * A throwaway copy of the project (tracked and untracked-but-not-ignored
 * files, sharing node_modules) in a temporary folder: for builds that must
 * not touch the working tree (reproducibility, hostile data, synthetic
 * benchmarks).
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_SERVICE_VARIABLE, type BuildReply, type BuildRequest } from "./build-service.ts";

export interface ProjectCopy {
  root: string;
  /** Runs `npm run build`'s commands in the copy; returns the output folder. */
  build(env?: Record<string, string>): string;
  /** Runs a build that must fail; returns its output (throws if it succeeded). */
  failedBuild(): string;
  /** Replaces text that must appear in a file of the copy (throws otherwise), to put a defect back. */
  edit(file: string, from: string, to: string): void;
  /**
   * Runs one of the editor's scripts in the copy (no terminal: every flag must be given):
   * `scripts/<name>.ts` as package.json's commands run it (scripts/run-script.mjs, the
   * script's bundle), any other file with tsx. `today` (YYYY-MM-DD) runs it with its
   * clock on that day (test/support/fake-today.mjs).
   */
  script(path: string, args?: readonly string[], timeout?: number, today?: string): ScriptResult;
  /** Runs `npm run build:deploy`'s command in the copy into outDir, with SITE_URL as given (undefined: unset). */
  deployBuild(outDir: string, siteUrl: string | undefined): { status: number | null; output: string };
  remove(): void;
}

/** What a script run in a copy returned: its exit code and what it printed. */
export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The tsx command line, to run a TypeScript script with this Node. */
export const TSX = resolve("node_modules", "tsx", "dist", "cli.mjs");

/**
 * Copies the project into a new folder named with `prefix` under `parent` (the system's
 * temporary folder by default), with the project's bundles of its scripts unless
 * `scriptBundles` is false (a copy as fresh as a clone, which bundles each script as it first runs it).
 */
export function copyProject(
  prefix = "met-copy-",
  parent = tmpdir(),
  { scriptBundles = true }: { scriptBundles?: boolean } = {},
): ProjectCopy {
  const root = mkdtempSync(join(parent, prefix));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" }).split("\n");
  for (const file of files.filter(Boolean)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(file, join(root, file));
  }
  symlinkSync(resolve("node_modules"), join(root, "node_modules"));
  if (scriptBundles) shareScriptBundles(root);
  return {
    root,
    failedBuild() {
      try {
        this.build();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`The build in ${root} succeeded, expected it to fail`);
    },
    edit(file, from, to) {
      const path = join(root, file);
      const text = readFileSync(path, "utf8");
      if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
      writeFileSync(path, text.replace(from, to));
    },
    script(path, args = [], timeout = 120_000, today) {
      const env = buildEnvironment();
      if (today !== undefined) {
        const preload = pathToFileURL(join(root, "test", "support", "fake-today.mjs")).href;
        env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --import ${preload}`.trim();
        env.TEST_TODAY = today;
      }
      const name = /^scripts\/([\w-]+)\.ts$/.exec(path)?.[1];
      const command = name ? [join(root, "scripts", "run-script.mjs"), name] : [TSX, path];
      const result = spawnSync(process.execPath, [...command, ...args], {
        cwd: root,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    deployBuild(outDir, siteUrl) {
      const env: NodeJS.ProcessEnv = { ...buildEnvironment(), OUT_DIR: outDir };
      delete env.SITE_URL;
      delete env.BASE_PATH;
      if (siteUrl !== undefined) env.SITE_URL = siteUrl;
      // What `npm run build:deploy` runs (checked against package.json), without starting npm.
      const result = spawnSync(process.execPath, deployCommand(root), {
        cwd: root,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 480_000,
      });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    },
    build(env = {}) {
      const outDir = join(root, "dist");
      const buildEnv = { ...buildEnvironment(), OUT_DIR: outDir, ...env };
      // What `npm run build` runs (checked against package.json), without starting npm twice.
      const commands = buildCommands(root);
      const failed = (stdout: string, stderr: string) =>
        new Error(`The build in ${root} failed:\n${stderr.slice(-8000)}\n${stdout.slice(-4000)}`);
      const service = process.env[BUILD_SERVICE_VARIABLE];
      if (service) {
        // Under vitest: the run's build service makes it, in a process that has built before.
        const reply = askBuildService(service, { root, env: buildEnv, dataStep: commands[0]! });
        if (!reply.ok) throw failed(reply.stdout, reply.stderr);
        return outDir;
      }
      const options = { cwd: root, env: buildEnv, stdio: "pipe", encoding: "utf8", timeout: 480_000 } as const;
      try {
        for (const command of commands) execFileSync(process.execPath, command, options);
      } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw failed(stdout, stderr);
      }
      return outDir;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** package.json's scripts that buildCommands and deployCommand run without npm, as package.json has them. */
const BUILD_SCRIPTS = {
  build: "npm run data && astro build",
  data: "node --max-semi-space-size=32 scripts/run-script.mjs build-data",
  "build:deploy": "node scripts/run-script.mjs build-deploy",
};

/** Throws when package.json's scripts in the copy at `root` are not BUILD_SCRIPTS, so that the two cannot drift. */
function checkBuildScripts(root: string): void {
  const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  for (const [name, command] of Object.entries(BUILD_SCRIPTS)) {
    if (scripts[name] !== command)
      throw new Error(`package.json's ${name} script is ${JSON.stringify(scripts[name])}: update project-copy.ts`);
  }
}

/** The node command line `npm run build:deploy` runs in the copy at `root`. */
function deployCommand(root: string): string[] {
  checkBuildScripts(root);
  return [join(root, "scripts", "run-script.mjs"), "build-deploy"];
}

/** The node command lines `npm run build` runs in the copy at `root`: the data step, then Astro's build. */
function buildCommands(root: string): string[][] {
  checkBuildScripts(root);
  return [
    ["--max-semi-space-size=32", join(root, "scripts", "run-script.mjs"), "build-data"],
    [join(root, "node_modules", "astro", "astro.js"), "build"],
  ];
}

/** Where scripts/run-script.mjs keeps its bundles of the scripts (gitignored, so copyProject does not copy it). */
const BUNDLES = ".scripts-build";

/** A file's size and modification time, written as scripts/run-script.mjs's manifests record them; null when it is gone. */
function stamp(path: string): string | null {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * Gives the copy the project's bundles of the scripts (scripts/run-script.mjs), so
 * that its commands do not bundle them again: a bundle whose sources are unchanged
 * here is copied with its manifest restamped with the copy's files (byte for byte
 * the project's, but written now). A bundle made from older sources is left out,
 * and the copy bundles that script itself when it first runs it, as a fresh clone would.
 */
function shareScriptBundles(root: string): void {
  if (!existsSync(BUNDLES)) return;
  mkdirSync(join(root, BUNDLES));
  for (const manifestName of readdirSync(BUNDLES).filter((name) => name.endsWith(".json"))) {
    let manifest: { kind?: string; inputs?: Record<string, string | null> };
    try {
      manifest = JSON.parse(readFileSync(join(BUNDLES, manifestName), "utf8")) as typeof manifest;
    } catch {
      continue;
    }
    const inputs = Object.entries(manifest.inputs ?? {});
    // A CommonJS bundle (run from V8's code cache) or an ES module, as the manifest says.
    const bundle = join(BUNDLES, manifestName.replace(/\.json$/, manifest.kind === "cjs" ? ".cjs" : ".mjs"));
    if (!existsSync(bundle) || inputs.some(([path, recorded]) => stamp(path) !== recorded)) continue;
    cpSync(bundle, join(root, bundle));
    const restamped = Object.fromEntries(inputs.map(([path]) => [path, stamp(join(root, path))]));
    writeFileSync(join(root, BUNDLES, manifestName), JSON.stringify({ ...manifest, inputs: restamped }));
  }
}

/**
 * `npm run build` in the copy at `root` by the test run's build service at `service`
 * (test/support/build-service.ts), through test/support/build-client.mjs: the same two
 * commands (the data step's given), Astro's build in a process that has built before.
 */
function askBuildService(service: string, request: BuildRequest): BuildReply {
  const asked = spawnSync(process.execPath, [resolve("test", "support", "build-client.mjs"), service], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 480_000,
  });
  if (asked.status !== 0)
    throw new Error(`The build in ${request.root} could not start: ${asked.stderr || asked.error}`);
  return JSON.parse(asked.stdout) as BuildReply;
}

/**
 * The environment for a build started from a test: vitest sets BASE_URL, MODE
 * and NODE_ENV in process.env, and Astro would take them over BASE_PATH.
 */
export function buildEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => key !== BUILD_SERVICE_VARIABLE && !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(key),
    ),
  );
}
