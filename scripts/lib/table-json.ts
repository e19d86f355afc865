/**
 * A large table's JSON, written by a second thread while the main thread
 * checks the table: on a machine with two cores, `npm run data` at a million
 * rows then waits for the slower of the two, not for both one after the
 * other (bench/pipeline.ts).
 *
 * The second thread is given the file's bytes exactly as the main thread
 * read them (shared, not copied), reads and checks the rows as parseTable
 * does (tableRowBatches) and writes them as jsonArrayChunks would, a batch at
 * a time, so that it never holds more than a chunk's rows. Meanwhile the main
 * thread reads the same rows without checking them against the schema, nor
 * the bytes for control characters (the second thread's share of the work),
 * and runs every other check. When the
 * second thread finds no error and as many rows, its file is the table's
 * JSON; otherwise (or when it fails) the main thread reads the data again
 * on its own, as without a second thread, so every problem an editor sees
 * comes from the main thread's reading, as before.
 */
import { rm } from "node:fs/promises";
import { parentPort, type Worker } from "node:worker_threads";
import { TABLES, type TableName } from "../../src/data/schema.ts";
import { decodeCsv } from "./decode-csv.ts";
import { jsonArrayChunksOf } from "./json-array.ts";
import { tableRowBatches } from "./parse-table.ts";
import { writeText } from "./write-output.ts";

/** What the second thread is sent. */
export interface TableJsonJob {
  kind: "table-json";
  table: TableName;
  /** The file's bytes, as the main thread read them, in memory both threads share. */
  bytes: Uint8Array;
  /** Where the JSON goes: a file beside the output folder, moved into it when used. */
  path: string;
}

/**
 * How the main thread gets a second thread (the CLI's: scripts/build-data.ts),
 * which runs runTableJsonJob with the first message it is sent.
 */
export type StartWorker = () => Worker;

/** A table's JSON being written by a second thread. */
export interface TableJsonWriter {
  /**
   * Where the JSON is, how many rows it holds and how many errors the table
   * has (as parseTable counts them), once written; null when the thread failed.
   */
  done: Promise<{ path: string; rows: number; errors: number } | null>;
  /** Stops the thread if it still runs, and deletes its file unless it was moved. */
  cancel(): Promise<void>;
}

/** Starts writing a table's JSON from its file's bytes on a second thread (copied unless in a SharedArrayBuffer). */
export function startTableJson(
  table: TableName,
  bytes: Uint8Array,
  path: string,
  startWorker: StartWorker,
): TableJsonWriter {
  let shared = bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
  }
  let worker: Worker;
  try {
    worker = startWorker();
    worker.postMessage({ kind: "table-json", table, bytes: shared, path } satisfies TableJsonJob);
  } catch {
    return { done: Promise.resolve(null), cancel: () => rm(path, { force: true }) };
  }
  const done = new Promise<{ path: string; rows: number; errors: number } | null>((resolve) => {
    worker.once("message", (message: { rows?: number; errors?: number }) =>
      resolve(
        typeof message.rows === "number" && typeof message.errors === "number"
          ? { path, rows: message.rows, errors: message.errors }
          : null,
      ),
    );
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
  return {
    done,
    async cancel() {
      await worker.terminate();
      await rm(path, { force: true });
    },
  };
}

/** The second thread's side: writes the job's JSON and posts its numbers of rows and errors (or `{}` when it cannot). */
export async function runTableJsonJob(job: TableJsonJob): Promise<void> {
  let rows = 0;
  try {
    const definition = TABLES[job.table];
    // The whole check of the bytes, control characters included: the main thread leaves that to this one.
    const decoded = decodeCsv(job.bytes, definition.name);
    if (decoded.text === null) throw new Error(`${definition.name}: the file cannot be decoded`);
    let errors = 0;
    const batches = function* () {
      const source = tableRowBatches(decoded.text!, definition);
      let next = source.next();
      for (; !next.done; next = source.next()) {
        rows += next.value.length;
        yield next.value;
      }
      errors = next.value + decoded.problems.filter((problem) => problem.severity === "error").length;
    };
    await writeText(job.path, jsonArrayChunksOf(batches()));
    parentPort!.postMessage({ rows, errors });
  } catch {
    parentPort!.postMessage({});
  }
}
