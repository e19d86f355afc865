/**
 * The test run's builds of project copies, made by a few long-lived build
 * workers (test/support/build-worker.mjs) instead of a new `astro build`
 * process each: a worker that has built once builds again in about half the
 * processor time (issue 25, item 3). test/global-setup.ts starts the
 * service; `copy.build()` (test/support/project-copy.ts) sends it the copy's
 * folder and environment through test/support/build-client.mjs and waits.
 *
 * One build at a time per worker, and at most one worker per core, started
 * when first needed; a build that finds every worker busy waits its turn.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";

/** A build request: the copy's folder and the whole environment its build runs in. */
export interface BuildRequest {
  root: string;
  env: Record<string, string | undefined>;
}

/** What a build printed, and whether it succeeded. */
export interface BuildReply {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** The variable that gives test files the service's address (test/global-setup.ts sets it). */
export const BUILD_SERVICE_VARIABLE = "MET_BUILD_SERVICE";

interface Worker {
  process: ChildProcess;
  /** The build it is making, if any. */
  current: { id: number; done: (reply: BuildReply) => void } | null;
}

const WORKER = new URL("./build-worker.mjs", import.meta.url);

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the service on a free loopback port; returns its address and how to stop it. */
export async function startBuildService(maxWorkers = availableParallelism()) {
  const workers: Worker[] = [];
  const waiting: { request: BuildRequest; done: (reply: BuildReply) => void }[] = [];
  let nextId = 0;
  let closing = false;

  const startWorker = (): Worker => {
    const child = fork(WORKER, [], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
    // Output outside a build (a warning at start-up); a build's own output comes back in its reply.
    child.stdout?.resume();
    child.stderr?.resume();
    const worker: Worker = { process: child, current: null };
    child.on("message", (reply: BuildReply & { id: number }) => {
      const current = worker.current;
      if (!current || current.id !== reply.id) return;
      worker.current = null;
      current.done({ ok: reply.ok, stdout: reply.stdout, stderr: reply.stderr });
      dispatch();
    });
    child.on("exit", (code, signal) => {
      workers.splice(workers.indexOf(worker), 1);
      const current = worker.current;
      worker.current = null;
      current?.done({ ok: false, stdout: "", stderr: `The build worker stopped (${signal ?? `exit code ${code}`})` });
      if (!closing) dispatch();
    });
    workers.push(worker);
    return worker;
  };

  const dispatch = () => {
    while (waiting.length > 0) {
      const idle =
        workers.find((worker) => !worker.current) ?? (workers.length < maxWorkers ? startWorker() : undefined);
      if (!idle) return;
      const { request, done } = waiting.shift()!;
      idle.current = { id: ++nextId, done };
      idle.process.send({ id: idle.current.id, root: request.root, env: request.env });
    }
  };

  const server = createServer(async (request, response) => {
    try {
      const buildRequest = JSON.parse(await body(request)) as BuildRequest;
      const reply = await new Promise<BuildReply>((done) => {
        waiting.push({ request: buildRequest, done });
        dispatch();
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(reply));
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error instanceof Error ? error.stack : error));
    }
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/build`,
    async close() {
      closing = true;
      for (const worker of [...workers]) worker.process.kill();
      await new Promise((done) => server.close(done));
    },
  };
}
