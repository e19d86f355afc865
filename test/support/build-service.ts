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
 * The service keeps each build's wall and processor time, which
 * test/global-setup.ts sums up at the end of the run (buildSummaryLines).
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { basename } from "node:path";

/**
 * A build request: the copy's folder, the whole environment its build runs in, and the node
 * arguments of its data step as `npm run data` has them (project-copy.ts's buildCommands).
 */
export interface BuildRequest {
  root: string;
  env: Record<string, string | undefined>;
  dataStep: string[];
}

/** What a build printed, and whether it succeeded. */
export interface BuildReply {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** A build the service made: its copy's folder, whether it succeeded, its wall and processor seconds. */
export interface BuildRecord {
  root: string;
  ok: boolean;
  seconds: number;
  cpuSeconds: number;
}

/** The variable that gives test files the service's address (test/global-setup.ts sets it). */
export const BUILD_SERVICE_VARIABLE = "MET_BUILD_SERVICE";

interface Worker {
  process: ChildProcess;
  /** The build it is making, if any. */
  current: { id: number; root: string; done: (reply: BuildReply) => void } | null;
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
  const records: BuildRecord[] = [];
  let nextId = 0;
  let closing = false;

  const startWorker = (): Worker => {
    const child = fork(WORKER, [], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
    // Output outside a build (a warning at start-up); a build's own output comes back in its reply.
    child.stdout?.resume();
    child.stderr?.resume();
    const worker: Worker = { process: child, current: null };
    child.on("message", (reply: BuildReply & { id: number; seconds: number; cpuSeconds: number }) => {
      const current = worker.current;
      if (!current || current.id !== reply.id) return;
      worker.current = null;
      records.push({ root: current.root, ok: reply.ok, seconds: reply.seconds, cpuSeconds: reply.cpuSeconds });
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
      idle.current = { id: ++nextId, root: request.root, done };
      idle.process.send({ id: idle.current.id, ...request });
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
    /** The builds made so far, in the order they ended. */
    builds: () => [...records],
    async close() {
      closing = true;
      for (const worker of [...workers]) worker.process.kill();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * The end-of-run lines about the service's builds: how many, their processor and wall time,
 * then by the kind of copy (its folder's name without mkdtemp's six random characters:
 * met-shared- for the shared builds, else the file's own prefix), most processor time first.
 */
export function buildSummaryLines(records: readonly BuildRecord[]): string[] {
  if (records.length === 0) return [];
  const sum = (list: readonly BuildRecord[], key: "seconds" | "cpuSeconds") =>
    list.reduce((total, record) => total + record[key], 0);
  const kinds = new Map<string, BuildRecord[]>();
  for (const record of records) {
    const kind = basename(record.root).slice(0, -6);
    kinds.set(kind, [...(kinds.get(kind) ?? []), record]);
  }
  const failed = records.filter((record) => !record.ok).length;
  return [
    `Project builds by the build service: ${records.length} (${failed} failed, as a test may ask), ` +
      `${sum(records, "cpuSeconds").toFixed(1)} s of processor time, ${sum(records, "seconds").toFixed(1)} s of wall time summed:`,
    ...[...kinds]
      .sort(([, a], [, b]) => sum(b, "cpuSeconds") - sum(a, "cpuSeconds"))
      .map(
        ([kind, list]) =>
          `${sum(list, "cpuSeconds").toFixed(1).padStart(7)} s  ${String(list.length).padStart(2)} x ${kind}*` +
          ` (${list.map((record) => record.seconds.toFixed(0)).join(", ")} s wall)`,
      ),
  ];
}
