/**
 * `npm run dev` (astro dev) in a copy of the project, on a free loopback
 * port: resolves once the server answers its home page. For tests that
 * preview data changes in dev, never on the working tree.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { buildEnvironment } from "./project-copy.ts";

export interface DevServer {
  /** Origin, e.g. http://127.0.0.1:53211 */
  origin: string;
  /** What the server printed so far (stdout and stderr), for debugging. */
  output(): string;
  /** Ends the whole process group: npm, the shell it starts and astro. */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Starts the dev server in `folder` and waits until it answers its home page
 * (the story), asking every `interval` milliseconds (`timeout` milliseconds at
 * most; then it is stopped and the error carries its output).
 */
export async function startDevServer(folder: string, { timeout = 120_000, interval = 500 } = {}): Promise<DevServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let printed = "";
  const server = spawn("npm", ["run", "dev", "--", "--port", String(port)], {
    cwd: folder,
    env: buildEnvironment(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (chunk) => (printed += chunk));
  server.stderr.on("data", (chunk) => (printed += chunk));
  server.on("error", (error) => (printed += `${error.message}\n`));
  const running: DevServer = {
    origin,
    output: () => printed,
    stop() {
      try {
        if (server.pid) process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
  const started = Date.now();
  while (Date.now() - started < timeout) {
    try {
      if ((await fetch(`${origin}/`)).ok) return running;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, interval));
  }
  running.stop();
  throw new Error(`the dev server did not answer at ${origin}/:\n${printed.slice(-4000)}`);
}
