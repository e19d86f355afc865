/**
 * A table file read as scripts/lib/table-halves.ts reads a large one on two
 * threads, with both threads' functions called here in turn: the second
 * thread's part (readTableHead, its chunks of cells given to the main
 * thread as they would be sent) and the main thread's (readTableInHalves),
 * for tests that compare what each part gives with a plain reading.
 */
import { decodeCsv } from "../../scripts/lib/decode-csv.ts";
import type { ParseResult } from "../../scripts/lib/parse-table.ts";
import {
  headEnd,
  readTableHead,
  readTableInHalves,
  type HeadCells,
  type HeadRows,
  type TailRows,
} from "../../scripts/lib/table-halves.ts";
import { TABLES, type TableName } from "../../src/data/schema.ts";

export interface TableParts {
  /** Where the second thread's part ends in the bytes. */
  end: number;
  /** What the second thread read, and its rows a batch at a time; null when it gave up (the file is then read on one thread). */
  head: HeadRows | null;
  batches: Record<string, unknown>[][];
  /** The main thread's rows as it sends them to the second thread, to write their JSON: each chunk as it is sent. */
  tail: TailRows[];
  /** The main thread's reading of the whole table; null when the file must be read again on one thread. */
  halves: ParseResult | null;
}

/** The parts of a file as two threads read them; null when it is not cut in two or its text cannot be read. */
export async function readTableParts(name: TableName, bytes: Uint8Array, file: string): Promise<TableParts | null> {
  const end = headEnd(bytes);
  if (end === null) return null;
  let head: HeadRows | null = null;
  const batches: Record<string, unknown>[][] = [];
  // The chunks of rows the second thread sends as it reads them.
  const chunks: HeadCells[] = [];
  try {
    const reading = readTableHead(bytes, end, TABLES[name], (chunk) => chunks.push(chunk));
    let next = reading.next();
    for (; !next.done; next = reading.next()) batches.push(next.value);
    head = next.value;
  } catch {
    // The second thread gives up: the main thread then reads the whole file again.
  }
  const decoded = decodeCsv(bytes, file, { textOnly: true });
  if (decoded.text === null || decoded.problems.length > 0) return null;
  const tail: TailRows[] = [];
  const part = {
    end,
    rows: async (take: (chunk: HeadCells) => void) => {
      chunks.forEach(take);
      return head;
    },
    written: Promise.resolve(null),
    sendTail: (rows: TailRows) => tail.push(rows),
    cancel: async () => {},
  };
  const halves = await readTableInHalves(decoded.text, bytes, TABLES[name], file, part);
  return { end, head, batches, tail, halves };
}
