/**
 * Astro integration for `npm run dev`: runs the data pipeline when the dev
 * server starts and again whenever a file in data/ changes. A good run
 * rewrites src/generated/; a bad run prints the problems in the terminal and
 * keeps the last good data and the server up. After each run every open
 * page reloads itself once, so it shows the new data, and the banner of
 * problems appears, changes or goes away without the editor reloading.
 *
 * About a second from save to screen (issue 22): file events are gathered
 * for DEBOUNCE_MS (a `git checkout data` or a release changes many files at
 * once) and give one run; the pipeline runs in this process, loaded through
 * Vite (scripts/dev-data-run.ts), not in a new tsx process per event, and
 * reads again only the tables whose files changed. src/generated/ is left
 * out of Vite's own watching: each run replaces the whole folder, which would
 * otherwise reload the pages once per file; the run invalidates its modules
 * and reloads the pages once instead.
 *
 * While the data has problems (or warnings), every page the dev server sends
 * carries a banner listing them (dev-data-banner.mjs), so a reload or another
 * page never hides them. File endpoints answer without a trailing slash, as
 * in the build (dev-endpoint-paths.mjs). `/_data-diff/` shows what the data
 * as it is now changes against the last release (dev-data-diff.astro).
 */
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { bannerMiddleware, renderBanner } from "./dev-data-banner.mjs";
import { fileEndpointSlash } from "./dev-endpoint-paths.mjs";

/** Where `npm run dev` shows what the working data changes against the last release. */
export const DATA_DIFF_ROUTE = "/_data-diff";
const DATA_DIFF_PAGE = fileURLToPath(new URL("./dev-data-diff.astro", import.meta.url));
/** The data step, loaded through Vite so that an edit to its code applies at the next run. */
const DATA_STEP_MODULE = fileURLToPath(new URL("./dev-data-run.ts", import.meta.url));
/** How long file events are gathered into one run. */
export const DEBOUNCE_MS = 120;
/** The custom HMR event each run sends (besides the reload), for tools that watch the dev server. */
export const DATA_EVENT = "data-watcher:run";

/** @returns {import("astro").AstroIntegration} */
export function dataWatcher() {
  /** Starts the dev server's first data run (set up in astro:server:setup). */
  let startFirstRun = () => {};
  return {
    name: "data-watcher",
    hooks: {
      "astro:server:start": () => startFirstRun(),
      // The preview of `npm run data:diff` (dev-data-diff.astro) exists in `npm run dev` only: a build never routes it.
      "astro:config:setup": ({ command, injectRoute }) => {
        if (command === "dev") injectRoute({ pattern: DATA_DIFF_ROUTE, entrypoint: DATA_DIFF_PAGE });
      },
      "astro:server:setup": ({ server, logger }) => {
        const root = resolve(".");
        const dataDir = resolve("data");
        const releaseDir = resolve("data", "release");
        const generatedDir = resolve("src", "generated");
        let banner = "";

        /** @type {{ factory: unknown, step: import("./dev-data-run.ts").DevDataStep } | null} */
        let loaded = null;
        const dataStep = async () => {
          const module = await server.ssrLoadModule(DATA_STEP_MODULE);
          // A new module (its code was edited) starts a new step, without the old one's cache.
          if (loaded?.factory !== module.devDataStep)
            loaded = { factory: module.devDataStep, step: module.devDataStep(root) };
          return loaded.step;
        };

        /** Every module of src/generated/, in every environment, to be evaluated afresh. */
        const invalidateGenerated = () => {
          const timestamp = Date.now();
          for (const environment of Object.values(server.environments)) {
            const graph = environment.moduleGraph;
            const seen = new Set();
            for (const [file, modules] of graph.fileToModulesMap) {
              if (!file.startsWith(generatedDir + sep) && !file.startsWith(`${generatedDir}/`)) continue;
              for (const module of modules) graph.invalidateModule(module, seen, timestamp, true);
            }
          }
        };

        /** @param {{ write: boolean, releaseChanged: boolean }} options */
        const runOnce = async (options) => {
          try {
            const report = await (await dataStep()).run(options);
            if (report.ok) logger.info(report.log);
            else logger.error(`\n${report.log}`);
            if (report.wrote) invalidateGenerated();
            const next = renderBanner({ ok: report.ok, summary: report.summary, problems: report.problems });
            const changed = report.wrote || next !== banner;
            banner = next;
            return changed;
          } catch (error) {
            // Bad data never gets here (it is reported above); this is a bug in the pipeline or a disk error.
            logger.error(
              `data: the pipeline failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
            );
            return false;
          }
        };

        // The first run writes the data the pages read; a request waits for it. It starts once the
        // server listens (astro:server:start): loading it through Vite while Astro still loads the
        // content config at start-up can leave the story's collection undefined.
        const first = new Promise((done) => (startFirstRun = done)).then(() =>
          runOnce({ write: true, releaseChanged: true }),
        );
        server.middlewares.use((_req, _res, next) => {
          first.then(() => next(), next);
        });
        server.middlewares.use(fileEndpointSlash(resolve("src/pages")));
        server.middlewares.use(bannerMiddleware(() => banner));

        // One run at a time; events during a run give one more run after it, never a queue.
        let timer = null;
        let running = first;
        let pending = null;
        const schedule = (releaseChanged) => {
          pending = { write: true, releaseChanged: Boolean(pending?.releaseChanged || releaseChanged) };
          clearTimeout(timer);
          timer = setTimeout(() => {
            running = running.then(async () => {
              if (!pending) return;
              const options = pending;
              pending = null;
              if (await runOnce(options)) {
                server.ws.send({ type: "custom", event: DATA_EVENT, data: { banner: banner !== "" } });
                server.ws.send({ type: "full-reload", path: "*" });
              }
            });
          }, DEBOUNCE_MS);
        };
        server.watcher.add(dataDir);
        // Each run invalidates src/generated/'s modules itself and reloads the pages once (above); nor
        // is its staging folder, written beside it and renamed, anything for Vite to watch file by file.
        server.watcher.unwatch([
          generatedDir,
          `${generatedDir}/**`,
          `${generatedDir}.tmp-*`,
          `${generatedDir}.tmp-*/**`,
          `${generatedDir}.old-*`,
          `${generatedDir}.old-*/**`,
        ]);
        const onEvent = (path) => {
          if (path === dataDir || path.startsWith(dataDir + sep)) schedule(path.startsWith(releaseDir + sep));
        };
        server.watcher.on("change", onEvent);
        server.watcher.on("add", onEvent);
        server.watcher.on("unlink", onEvent);
      },
    },
  };
}
