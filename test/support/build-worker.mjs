/**
 * A process that builds project copies as `npm run build` does, one at a
 * time, for the test run's build service (test/support/build-service.ts):
 * the data step as its own process, as npm runs it, then Astro's `build()`
 * in this process, as `astro build` runs it. A process that has built once
 * builds again in about half the processor time of a fresh `astro build`
 * (Astro, Vite, Rollup and the chart and citation libraries are loaded and
 * compiled already), which is most of what a build costs (issue 25, item 3).
 *
 * Each build runs in the copy's folder, with exactly the environment the
 * test gave it, and gets everything it prints. The project's own modules
 * (the copy's config, integrations and Astro's output chunks) load afresh
 * for every build (build-worker-hooks.mjs), as they would in a new process;
 * only packages under node_modules are shared between builds.
 *
 * Messages: { id, root, env, dataStep } in; { id, ok, stdout, stderr, seconds, cpuSeconds } out: the
 * build's wall time, and the processor time it took (this process's and the data step's).
 * Plain JavaScript: it runs with node alone, before anything is compiled.
 */
import { execFileSync } from "node:child_process";
import { createRequire, register } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { procStat } from "./proc-stat.mjs";

const astroDir = dirname(createRequire(import.meta.url).resolve("astro/package.json"));
/** @param {string} path a file of Astro's own, which its exports map does not offer */
const astroModule = (path) => import(pathToFileURL(join(astroDir, path)).href);

const hooks = new MessageChannel();
register("./build-worker-hooks.mjs", import.meta.url, {
  data: { port: hooks.port2 },
  transferList: [hooks.port2],
});
hooks.port1.unref();

/**
 * Tells the module hooks that a new build starts: from now on the project's modules load as new ones.
 * @param {number} build
 */
function startModules(build) {
  return new Promise((done) => {
    hooks.port1.once("message", done);
    hooks.port1.postMessage(build);
  });
}

/** @param {Record<string, string>} env sets process.env to exactly these variables */
function setEnvironment(env) {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

/**
 * Collects what this process prints while `run` runs, instead of printing it.
 * @param {() => Promise<void>} run
 */
async function capture(run) {
  const output = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const stream of /** @type {const} */ (["stdout", "stderr"])) {
    process[stream].write = /** @type {typeof process.stdout.write} */ (
      (chunk, encoding, callback) => {
        output[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        const done = typeof encoding === "function" ? encoding : callback;
        if (typeof done === "function") done();
        return true;
      }
    );
  }
  try {
    await run();
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
  return output;
}

/** The error as `astro build` prints it before exiting with 1 (astro/dist/cli/throw-and-exit.js). */
async function astroErrorMessage(error) {
  const [{ collectErrorMetadata }, { createSafeError }, { formatErrorMessage }] = await Promise.all([
    astroModule("dist/core/errors/dev/index.js"),
    astroModule("dist/core/errors/index.js"),
    astroModule("dist/core/messages.js"),
  ]);
  return formatErrorMessage(collectErrorMetadata(createSafeError(error)), true);
}

/** Processor seconds of this process's children that ended: the data step's process (Linux's /proc; 0 elsewhere). */
const childrenCpuSeconds = () => procStat()?.children ?? 0;

/**
 * Runs `build`, adding its wall and processor seconds to what it returns.
 * @param {() => Promise<{ ok: boolean; stdout: string; stderr: string }>} build
 */
async function measured(build) {
  const start = { wall: performance.now(), own: process.cpuUsage(), children: childrenCpuSeconds() };
  const reply = await build();
  const own = process.cpuUsage(start.own);
  return {
    ...reply,
    seconds: (performance.now() - start.wall) / 1000,
    cpuSeconds: (own.user + own.system) / 1e6 + childrenCpuSeconds() - start.children,
  };
}

const startEnvironment = { ...process.env };
const startFolder = process.cwd();
let builds = 0;

/**
 * `npm run build` in the copy at `root` with the environment `env`.
 * @param {string} root
 * @param {Record<string, string>} env
 * @param {string[]} dataStep the data step's node arguments, as `npm run data` has them
 */
async function build(root, env, dataStep) {
  // The data step, as npm runs it: its own process.
  try {
    execFileSync(process.execPath, dataStep, {
      cwd: root,
      env,
      encoding: "utf8",
      stdio: "pipe",
      timeout: 300_000,
    });
  } catch (error) {
    const {
      stdout = "",
      stderr = "",
      message,
    } = /** @type {{ stdout?: string; stderr?: string; message: string }} */ (error);
    return { ok: false, stdout, stderr: stderr || message };
  }
  // `astro build` (astro/dist/cli/build/index.js): its inline configuration from no flags.
  const [{ default: astroBuild }, { flagsToAstroInlineConfig }] = await Promise.all([
    astroModule("dist/core/build/index.js"),
    astroModule("dist/cli/flags.js"),
  ]);
  await startModules(++builds);
  setEnvironment(env);
  process.chdir(root);
  let ok = true;
  try {
    const output = await capture(async () => {
      try {
        await astroBuild(flagsToAstroInlineConfig({}), { devOutput: false });
      } catch (error) {
        ok = false;
        console.error(await astroErrorMessage(error));
      }
    });
    return { ok, ...output };
  } finally {
    process.chdir(startFolder);
    setEnvironment(startEnvironment);
  }
}

process.on(
  "message",
  async (/** @type {{ id: number; root: string; env: Record<string, string>; dataStep: string[] }} */ message) => {
    let reply;
    try {
      reply = { id: message.id, ...(await measured(() => build(message.root, message.env, message.dataStep))) };
    } catch (error) {
      reply = { id: message.id, ok: false, stdout: "", stderr: String(error instanceof Error ? error.stack : error) };
    }
    process.send?.(reply);
  },
);
