/**
 * Astro integration for `npm run dev`: re-runs the data pipeline whenever a
 * file in data/ changes. A good run rewrites src/generated/ and Vite reloads
 * the page; a bad run prints the problems in the terminal, shows them in the
 * browser's error overlay, and keeps the last good data and the server up.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const require = createRequire(import.meta.url);

/** @returns {import("astro").AstroIntegration} */
export function dataWatcher() {
  return {
    name: "data-watcher",
    hooks: {
      "astro:server:setup": ({ server, logger }) => {
        const dataDir = resolve("data");
        server.watcher.add(dataDir);
        let running = Promise.resolve();
        const rebuild = (path) => {
          if (!path.startsWith(dataDir) || !path.endsWith(".csv")) return;
          running = running
            .then(() => runPipeline(logger))
            .then((output) => {
              if (output.ok) return;
              server.ws.send({
                type: "error",
                err: {
                  message: `Data problems (the site shows the last good data):\n${output.text}`,
                  stack: "",
                  plugin: "data-watcher",
                },
              });
            });
        };
        server.watcher.on("change", rebuild);
        server.watcher.on("add", rebuild);
        server.watcher.on("unlink", rebuild);
      },
    },
  };
}

/** Runs `scripts/build-data.ts` in a child process and collects what it printed. */
function runPipeline(logger) {
  return new Promise((done) => {
    const tsx = require.resolve("tsx/cli");
    const child = spawn(process.execPath, [tsx, "scripts/build-data.ts"], { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("close", (code) => {
      const trimmed = text.trim();
      if (code === 0) logger.info(trimmed);
      else logger.error(`\n${trimmed}`);
      done({ ok: code === 0, text: trimmed });
    });
  });
}
