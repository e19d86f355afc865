/**
 * Astro integration for `npm run dev`: re-runs the data pipeline whenever a
 * file in data/ changes. A good run rewrites src/generated/ and Vite reloads
 * the page; a bad run prints the problems in the terminal and keeps the last
 * good data and the server up.
 *
 * While the data has problems (or warnings), every page the dev server sends
 * carries a banner listing them (dev-data-banner.mjs), so a reload or another
 * page never hides them; open pages reload when the list changes. And file
 * endpoints answer without a trailing slash, as in the build
 * (dev-endpoint-paths.mjs). And `/_data-diff/` shows what the data as it
 * is now changes against the last release (dev-data-diff.astro).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bannerMiddleware, renderBanner } from "./dev-data-banner.mjs";
import { fileEndpointSlash } from "./dev-endpoint-paths.mjs";

const require = createRequire(import.meta.url);

/** Where `npm run dev` shows what the working data changes against the last release. */
export const DATA_DIFF_ROUTE = "/_data-diff";
const DATA_DIFF_PAGE = fileURLToPath(new URL("./dev-data-diff.astro", import.meta.url));

/** @returns {import("astro").AstroIntegration} */
export function dataWatcher() {
  return {
    name: "data-watcher",
    hooks: {
      // The preview of `npm run data:diff` (dev-data-diff.astro) exists in `npm run dev` only: a build never routes it.
      "astro:config:setup": ({ command, injectRoute }) => {
        if (command === "dev") injectRoute({ pattern: DATA_DIFF_ROUTE, entrypoint: DATA_DIFF_PAGE });
      },
      "astro:server:setup": ({ server, logger }) => {
        const dataDir = resolve("data");
        let banner = "";
        server.middlewares.use(fileEndpointSlash(resolve("src/pages")));
        server.middlewares.use(bannerMiddleware(() => banner));

        let running = Promise.resolve();
        /** @param {string[]} args */
        const check = (args) => {
          running = running
            .then(() => runPipeline(logger, args))
            .then((output) => {
              const next = renderBanner(output.report);
              if (next === banner) return;
              banner = next;
              server.ws.send({ type: "full-reload", path: "*" });
            });
        };
        // `npm run dev` has just written the data; this run only learns its problems and warnings.
        check(["--check"]);
        server.watcher.add(dataDir);
        const rebuild = (path) => {
          if (path.startsWith(dataDir)) check([]);
        };
        server.watcher.on("change", rebuild);
        server.watcher.on("add", rebuild);
        server.watcher.on("unlink", rebuild);
      },
    },
  };
}

/**
 * Runs `scripts/build-data.ts --json` in a child process (so each run reads
 * the current code and data); returns its report, and logs what it printed.
 */
function runPipeline(logger, args) {
  return new Promise((done) => {
    const tsx = require.resolve("tsx/cli");
    const child = spawn(process.execPath, [tsx, "scripts/build-data.ts", "--json", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      const text = stderr.trim();
      if (code === 0) logger.info(text);
      else logger.error(`\n${text}`);
      let report = null;
      try {
        report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "null");
      } catch {
        // No report (the pipeline crashed): the terminal has the reason.
      }
      done({ ok: code === 0, report });
    });
  });
}
