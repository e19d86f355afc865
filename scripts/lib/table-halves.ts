/**
 * A large table read on two threads, each reading its own part of the file
 * once: on a machine with two cores, `npm run data` at a million rows then
 * waits for about half the reading, not all of it (bench/pipeline.ts).
 *
 * The file is cut after a line end at about HEAD_SHARE of its bytes. A
 * second thread is given the bytes before the cut (shared, not copied); it
 * decodes and checks them (control characters included), reads the header
 * and the rows after it as parseTable does, writes their JSON (the start of
 * the table's file, jsonArrayChunksOf) and sends the rows back in a compact
 * form (Cells), a chunk of rows at a time as it reads them: for each cell,
 * where its value is in the text, or its place in a list of values (the
 * repeated ones, numbers, null, those written differently). Meanwhile the
 * main thread reads the rows after the cut and sends them to the second
 * thread in the same form, a chunk at a time as it reads them, for it to
 * write the rest of the JSON straight from them (cells-json.ts, no row
 * objects) as soon as it is done with its own part, and while the main
 * thread runs every other check. The main thread makes the second
 * thread's rows from the text it decoded itself, from the chunks that came
 * while it read its own part, then each as it comes: the second thread
 * starts later and finishes its part last, and the main thread would
 * otherwise wait for it and only then make them all. No byte is parsed
 * twice, and no row object crosses between threads.
 *
 * Every problem an editor sees comes from one reading of the whole file: if
 * either thread finds anything to say about its part (an error or a
 * warning), or the cut was not between two records (the part before it does
 * not end as a whole record), or anything else differs from a plain reading,
 * the parts are thrown away and the file read again by parseTable on the main
 * thread alone, as without a second thread.
 */
import { rm } from "node:fs/promises";
import { parentPort, type Worker } from "node:worker_threads";
import { TABLES, type TableDefinition, type TableName } from "../../src/data/schema.ts";
import { decodeCsv, hasControlBytes } from "./decode-csv.ts";
import { CellsJson, cellsText, type CellsText } from "./cells-json.ts";
import { jsonArrayChunksOf, MIN_ROWS_IN_PARTS } from "./json-array.ts";
import {
  detectNewline,
  recordChunks,
  rowMaker,
  TableReader,
  type ParseOptions,
  type ParsedTable,
  type ParseResult,
  type RowColumn,
} from "./parse-table.ts";
import { TextLocator } from "./text-position.ts";
import { writeText } from "./write-output.ts";

/**
 * The share of a file's bytes the second thread reads. Less than half: the
 * thread starts later (it loads the script first) and writes the JSON of its
 * rows as it reads them; the two parts take about as long to read, and the
 * JSON of the main thread's rows is then written while the main thread runs
 * every other check.
 */
export const HEAD_SHARE = 0.47;

/** A value a thread keeps one copy of, while a column has no more distinct ones than this (parse-table.ts's interning). */
const MAX_SHARED_VALUES = 1000;

/** How the main thread gets a second thread, which runs runTableHeadJob with the first message it is sent. */
export type StartWorker = () => Worker;

/** What the second thread is sent (runTableHeadJob). */
export interface TableHeadJob {
  kind: "table-head";
  table: TableName;
  /** The whole file's bytes, as the main thread read them, in memory both threads share. */
  bytes: Uint8Array;
  /** Where the second thread's part ends: the byte after a line end. */
  end: number;
  /** Where the JSON of its rows goes: a file beside the output folder, moved into it when used. */
  path: string;
}

/** Rows as one thread sends them to the other: where each cell's value is, in the text both have decoded. */
interface Cells {
  /**
   * Two numbers for each cell, row after row: (start, end) when the value is
   * the text from start to end; (-1, index) when it is values[index];
   * (-2 - start, end) when it is that text with each "" read as one ".
   */
  cells: Int32Array[];
  values: unknown[];
}

/** A chunk of the second thread's rows, as it sends them: the values are those new since the last chunk. */
export interface HeadCells {
  kind: "cells";
  cells: Int32Array;
  values: unknown[];
}

/** What the second thread sends once it has sent every chunk of its rows (HeadCells). */
export interface HeadRows {
  kind: "rows";
  /** The rows' keys, in order. */
  names: string[];
  /** How many rows, and how many records (the header and one for each row). */
  rows: number;
  records: number;
  /** Its part's length in characters: where the main thread's part starts in the text. */
  textLength: number;
  /**
   * For each column, the places in the values sent of every string its rows
   * hold, when each of its cells was sent as one of them or null; else null
   * (ParsedTable.stringsOf).
   */
  columnStrings: (number[] | null)[];
}

/**
 * The main thread's rows, as it sends them a chunk at a time while it reads
 * them, for the second thread to write their JSON: in the text after the
 * cut. The values are those new since the last chunk; `last` ends the rows.
 */
export interface TailRows extends Cells {
  kind: "tail";
  names: string[];
  last: boolean;
}

/** The second thread's part of a table: its rows, when it read them, and the JSON it wrote of them. */
export interface TableHead {
  /** The byte after the second thread's part (a line end). */
  end: number;
  /**
   * Gives `take` each chunk of the second thread's rows, those sent already
   * now and the others as they come; then what it read, or null when it
   * could not read its part.
   */
  rows(take: (chunk: HeadCells) => void): Promise<HeadRows | null>;
  /** Gives the second thread a chunk of the main thread's rows, for the rest of the JSON. */
  sendTail(tail: TailRows): void;
  /** The JSON file of every row, once written; null when it was not. */
  written: Promise<string | null>;
  /** Stops the thread if it still runs, and deletes its file unless it was moved. */
  cancel(): Promise<void>;
}

/** Lines looked at for a cut before the file is read on one thread. */
const MAX_LINES_TRIED = 1000;

/**
 * Where a file's bytes are cut: after a line end from HEAD_SHARE of them on,
 * between two lines that each hold an even number of quotes, which a line
 * end inside a quoted value (`"first line` / `second line"`) does not lie
 * between; null when there is none. A cut that still falls inside quotes
 * (between two lines of a value of three lines or more) is found by the
 * second thread, and the file read on one.
 */
export function headEnd(bytes: Uint8Array): number | null {
  const quotesIn = (from: number, to: number) => {
    let count = 0;
    for (let at = from; at < to; at++) if (bytes[at] === 34) count++;
    return count;
  };
  let lineStart = bytes.lastIndexOf(10, Math.floor(bytes.length * HEAD_SHARE)) + 1;
  for (let tried = 0; tried < MAX_LINES_TRIED; tried++) {
    const lineEnd = bytes.indexOf(10, lineStart);
    if (lineEnd === -1 || lineEnd + 1 >= bytes.length) return null;
    const nextEnd = bytes.indexOf(10, lineEnd + 1);
    const evenBefore = quotesIn(lineStart, lineEnd) % 2 === 0;
    if (evenBefore && quotesIn(lineEnd + 1, nextEnd === -1 ? bytes.length : nextEnd) % 2 === 0) return lineEnd + 1;
    lineStart = lineEnd + 1;
  }
  return null;
}

/**
 * Starts reading the first part of a table's file on a second thread; null
 * when the file has no line end to cut it at.
 */
export function startTableHead(
  table: TableName,
  bytes: Uint8Array,
  path: string,
  startWorker: StartWorker,
): TableHead | null {
  const end = headEnd(bytes);
  if (end === null) return null;
  let shared = bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
  }
  const none = Promise.resolve(null);
  let worker: Worker;
  try {
    worker = startWorker();
    worker.postMessage({ kind: "table-head", table, bytes: shared, end, path } satisfies TableHeadJob);
  } catch {
    return { end, rows: () => none, written: none, sendTail: () => {}, cancel: () => rm(path, { force: true }) };
  }
  const message = <T>(kind: string) =>
    new Promise<T | null>((resolve) => {
      const onMessage = (message: { kind: string }) => {
        if (message.kind === kind || message.kind === "failed") {
          worker.off("message", onMessage);
          resolve(message.kind === kind ? (message as T) : null);
        }
      };
      worker.on("message", onMessage);
      worker.once("error", () => resolve(null));
      worker.once("exit", () => resolve(null));
    });
  const rows = message<HeadRows>("rows");
  /** Chunks that came before the main thread asked for them; then what takes each, and whether it could. */
  const early: HeadCells[] = [];
  let take: ((chunk: HeadCells) => void) | null = null;
  let failed = false;
  const give = (chunk: HeadCells) => {
    try {
      take!(chunk);
    } catch {
      failed = true;
    }
  };
  worker.on("message", (chunk: HeadCells) => {
    if (chunk.kind !== "cells") return;
    if (take) give(chunk);
    else early.push(chunk);
  });
  // A file of fewer rows is not written many to a line (json-array.ts), which the second thread began to do.
  const written = Promise.all([rows, message("written")]).then(([head, done]) =>
    head && done && head.rows >= MIN_ROWS_IN_PARTS ? path : null,
  );
  return {
    end,
    async rows(taker) {
      take = taker;
      for (const chunk of early.splice(0)) give(chunk);
      const head = await rows;
      return failed ? null : head;
    },
    written,
    sendTail(tail) {
      worker.postMessage(
        tail,
        tail.cells.map((cells) => cells.buffer as ArrayBuffer),
      );
    },
    async cancel() {
      await worker.terminate();
      await rm(path, { force: true });
    },
  };
}

/**
 * The main thread's side: reads a table from the decoded text of its whole
 * file (decodeCsv with `textOnly`), the records after the second thread's
 * part here and the rows of that part from the second thread; null when the
 * file must be read again on one thread (see the top of this file). The
 * result is parseTable's, rows and locations alike.
 */
export async function readTableInHalves(
  text: string,
  bytes: Uint8Array,
  definition: TableDefinition,
  file: string,
  head: TableHead,
  options: ParseOptions = {},
): Promise<ParseResult | null> {
  const start = textOffsetOf(text, bytes, head.end);
  // The second thread looks for control characters before the cut; the bytes after it are looked at here.
  if (start === null || hasControlBytes(bytes.subarray(head.end))) return null;
  const newline = detectNewline(text);
  if (newline === "\r") return null;
  const reader = new TableReader(definition, file, new TextLocator(text, ","), options);
  // The header: the file's first record, which the first line holds unless a name spans lines.
  const headerChunk = recordChunks(text.slice(0, text.indexOf(newline) + newline.length), newline).next();
  if (headerChunk.done || headerChunk.value.records.length === 0) return null;
  reader.accept(headerChunk.value.records[0]!, 0);
  const columns = reader.rowColumns();
  if (!columns || reader.problems.length > 0 || reader.stopped) return null;
  // Rows the second thread only writes and drops: each cell as where it is, nothing shared.
  const cells = new CellWriter(text, start, newline, columns, false);
  const names = columns.map((column) => column.name);
  const chunks = recordChunks(text.slice(start), newline);
  let next = chunks.next();
  try {
    for (; !next.done; next = chunks.next()) {
      cells.read(next.value.records, next.value.start, reader);
      if (reader.problems.length > 0 || reader.stopped) return null;
      // Sent as read, so that the second thread, once done with its own part, writes them while this thread reads on
      // (should this part then prove unreadable, the second thread is stopped and its file deleted).
      const chunk = cells.take();
      if (chunk) head.sendTail({ kind: "tail", names, cells: [chunk.cells], values: chunk.values, last: false });
    }
  } catch {
    return null;
  }
  if (!next.value || !cells.atEnd()) return null;
  head.sendTail({ kind: "tail", names, cells: [], values: [], last: true });
  // The second thread's rows, made from its chunks as they come (its rows are of the same columns, checked below).
  const rows: Record<string, unknown>[] = [];
  const shared: unknown[] = [];
  const makeRows = rowsFromCells(names, text);
  const headRows = await head.rows((chunk) => {
    for (const value of chunk.values) shared.push(value);
    makeRows(chunk.cells, shared, rows);
  });
  const same = headRows && headRows.textLength === start && headRows.names.join() === names.join();
  if (!same || headRows.rows !== rows.length) return null;
  reader.putBefore(rows, headRows.records);
  const result = reader.finish();
  if (result.table) result.table.stringsOf = stringsOfBoth(result.table, names, headRows.columnStrings, shared);
  return result.problems.length === 0 ? result : null;
}

/**
 * ParsedTable.stringsOf of a table read in halves: the strings of a field
 * the main thread's reader kept, with those the second thread sent.
 */
function stringsOfBoth(
  table: ParsedTable,
  names: string[],
  columnStrings: (number[] | null)[],
  shared: unknown[],
): (field: string) => ReadonlySet<string> | null {
  const own = table.stringsOf;
  return (field) => {
    const head = columnStrings[names.indexOf(field)];
    const strings = head ? own?.(field) : null;
    if (!head || !strings) return null;
    const all = new Set(strings);
    for (const index of head) all.add(shared[index] as string);
    return all;
  };
}

/** Where the text decoded from the bytes after `end` starts in the text of all of them; null when unsure. */
function textOffsetOf(text: string, bytes: Uint8Array, end: number): number | null {
  const bodyStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Only ASCII decodes to a character a byte; otherwise the part after the cut is decoded to count its characters.
  const start =
    text.length === bytes.length - bodyStart
      ? end - bodyStart
      : text.length - Buffer.from(bytes.buffer, bytes.byteOffset + end, bytes.length - end).toString("utf8").length;
  const lineEnd = text.charCodeAt(start - 1) === 10;
  return start > 0 && start < text.length && lineEnd && text.charCodeAt(start) !== 0xfeff ? start : null;
}

/** Makes rows with these keys from cells (see Cells) that point into `text` or `shared`, adding them to `into`. */
export function rowsFromCells(
  names: string[],
  text: string,
): (cells: Int32Array, shared: unknown[], into: Record<string, unknown>[]) => void {
  const makeRow = rowMaker(names);
  const width = names.length;
  const values: unknown[] = new Array(width);
  return (cells, shared, into) => {
    for (let at = 0; at < cells.length;) {
      for (let column = 0; column < width; column++) {
        const first = cells[at++]!;
        const second = cells[at++]!;
        values[column] =
          first >= 0
            ? text.slice(first, second)
            : first === -1
              ? shared[second]
              : text.slice(-2 - first, second).replaceAll('""', '"');
      }
      into.push(makeRow(values));
    }
  };
}

/**
 * The second thread's side: reads its part, sends its rows a chunk at a
 * time, writes their JSON, then the JSON of the main thread's rows when they
 * come; sends `{ kind: "written" }` when done, `{ kind: "failed" }` when it
 * cannot read its part.
 */
export async function runTableHeadJob(job: TableHeadJob): Promise<void> {
  const tail = tailParts();
  let rowsRead = -1;
  try {
    const send = (chunk: HeadCells) => parentPort!.postMessage(chunk, [chunk.cells.buffer as ArrayBuffer]);
    const reading = readTableHead(job.bytes, job.end, TABLES[job.table], send);
    const batches = function* () {
      let next = reading.next();
      for (; !next.done; next = reading.next()) yield next.value;
      const head = next.value;
      parentPort!.postMessage(head);
      rowsRead = head.rows;
    };
    // Its own rows are at hand (made to be checked): JSON.stringify writes them quicker than their cells could be.
    await writeText(job.path, jsonArrayChunksOf(batches(), { last: false }));
    const { bytes, end } = job;
    // The text after the cut, as the main thread decoded it (decode-csv.ts: UTF-8, the cut at a line end).
    await writeText(job.path, tailJsonOf(tail, cellsText(bytes.subarray(end)), rowsRead), { append: true });
    parentPort!.postMessage({ kind: "written" });
  } catch {
    parentPort!.postMessage({ kind: rowsRead === -1 ? "failed" : "unwritten" });
  }
}

/**
 * The chunks of the main thread's rows (TailRows) as they come to the second
 * thread, up to the last: listened for from the start of the job, so that
 * those sent while it reads its own part wait for it.
 */
function tailParts(): AsyncIterable<TailRows> {
  const parts: TailRows[] = [];
  let wake: (() => void) | null = null;
  parentPort!.on("message", (message: { kind: string }) => {
    if (message.kind !== "tail") return;
    parts.push(message as TailRows);
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (let part: TailRows | undefined; !part?.last;) {
        while (parts.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        part = parts.shift()!;
        yield part;
      }
    },
  };
}

/**
 * The JSON of the main thread's rows (the rows from `first` on, to the end of
 * the table), from their cells, a chunk at a time as they come (tailParts).
 */
export async function* tailJsonOf(
  parts: AsyncIterable<TailRows> | Iterable<TailRows>,
  text: CellsText,
  first: number,
): AsyncGenerator<Uint8Array> {
  let json: CellsJson | null = null;
  const values: unknown[] = [];
  for await (const part of parts) {
    json ??= new CellsJson(part.names, first);
    for (const value of part.values) values.push(value);
    for (const cells of part.cells) {
      json.rows(cells, text, values);
      yield* json.take();
    }
  }
  json!.end();
  yield* json!.take();
}

/**
 * Reads the part of a file before `end` as parseTable reads the start of the
 * file: its rows a batch at a time (to be written and dropped), each batch
 * also given to `send` as the main thread gets it (HeadCells), then, as the
 * generator's value, what was read (HeadRows). Throws when the part must be
 * read with the rest on one thread: anything to say about it, or a cut that
 * is not between two records.
 */
export function* readTableHead(
  bytes: Uint8Array,
  end: number,
  definition: TableDefinition,
  send: (chunk: HeadCells) => void,
): Generator<Record<string, unknown>[], HeadRows> {
  // The whole check of the bytes, control characters included.
  const decoded = decodeCsv(bytes.subarray(0, end), definition.name);
  if (decoded.text === null || decoded.problems.length > 0) throw new Error("the part cannot be read as it is");
  const text = decoded.text;
  const newline = detectNewline(text);
  // A part cut at a line feed that is not the file's line end (a "\r" file, a "\r\n" file's stray "\n") is not read.
  if (newline === "\r" || !text.endsWith(newline)) throw new Error("the part does not end with a line end");
  const reader = new TableReader(definition, definition.name, new TextLocator(text, ","), {}, true);
  const cells = new CellWriter(text, 0, newline, null, true);
  let rows = 0;
  const chunks = recordChunks(text, newline);
  let next = chunks.next();
  for (; !next.done; next = chunks.next()) {
    cells.read(next.value.records, next.value.start, reader);
    if (reader.problems.length > 0 || reader.stopped) throw new Error("the part has a problem");
    const chunk = cells.take();
    if (chunk) send(chunk);
    const batch = reader.takeRows();
    rows += batch.length;
    yield batch;
  }
  // A part that does not end as a whole record (a cut inside quotes) is malformed on its own.
  if (!next.value || !cells.atEnd()) throw new Error("the part does not end with a whole record");
  return {
    kind: "rows",
    names: cells.names,
    rows,
    records: cells.records,
    textLength: text.length,
    columnStrings: cells.columnStrings(),
  };
}

/**
 * Reads records into rows (with a TableReader) and writes down, for each
 * cell of each row, where its value is (see Cells); throws when a record
 * does not make one row, or the records do not lie in the text where a plain
 * reading puts them.
 */
class CellWriter {
  /** Records read, the header included. */
  records: number;
  readonly values: unknown[] = [];
  /** Each column's strings kept once, with their places in `values`; null once a column has too many. */
  private shared: (Map<unknown, number> | null)[] = [];
  private readonly filled: Int32Array[] = [];
  /** Where the next record starts in the text. */
  private position: number;
  /** Reads a row's values into `rowValues`, in the columns' order (compiled, as parse-table.ts's rowMaker). */
  private readValues: (row: Record<string, unknown>, values: unknown[]) => void = () => {};
  private readonly rowValues: unknown[] = [];
  /** For each field of the current record: where its text starts, its length there, whether it doubles quotes. */
  private readonly fieldStart: number[] = [];
  private readonly fieldLength: number[] = [];
  private readonly fieldEscaped: boolean[] = [];
  /** And the length of its value as PapaParse gives it (each doubled quote read as one). */
  private readonly valueLength: number[] = [];

  /** Where null is in `values`, once there. */
  private nullAt: number | undefined;
  /** Columns with a cell that was not sent as a shared string or null (see columnStrings). */
  private unshared: boolean[] = [];

  /** For each column, where in `values` each string its rows hold is, when every cell was one of them or null. */
  columnStrings(): (number[] | null)[] {
    return this.shared.map((kept, column) => (kept && !this.unshared[column] ? [...kept.values()] : null));
  }

  /**
   * The records are those of `text` from `from` on (a whole string, not a
   * slice of it: reading a character of a slice is slower), and each cell's
   * place is written from there. `columns`: the rows' (rowColumns), for
   * records of rows only; null for records that start with the header.
   * `share`: each column's repeated values are sent once (for rows that are
   * kept, as parse-table.ts's interning does), not as text to make a string
   * of each from.
   */
  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly newline: string,
    private columns: RowColumn[] | null,
    private readonly share: boolean,
  ) {
    this.position = from;
    this.records = columns ? 1 : 0;
    if (columns) this.useColumns(columns);
  }

  get names(): string[] {
    return this.columns?.map((column) => column.name) ?? [];
  }

  /** Whether the records read end where the text does. */
  atEnd(): boolean {
    return this.position === this.text.length;
  }

  /** Values added since the last take. */
  private valuesTaken = 0;

  /** The cells of the records read since the last take, and the values added since; null when there are none. */
  take(): HeadCells | null {
    const cells = this.filled.splice(0);
    if (cells.length === 0) return null;
    // Taken after each chunk of records read, which fills one array of cells.
    if (cells.length > 1) throw new Error("more than one chunk read since the last take");
    const values = this.values.slice(this.valuesTaken);
    this.valuesTaken = this.values.length;
    return { kind: "cells", cells: cells[0]!, values };
  }

  /** Reads a chunk's records (starting at `start` from `from` in the text) with `reader`, which keeps their rows. */
  read(records: string[][], start: number, reader: TableReader): void {
    if (this.from + start !== this.position) throw new Error("a chunk starts elsewhere");
    let cells: Int32Array | null = null;
    let at = 0;
    for (const record of records) {
      // The empty record PapaParse reads after the text's last line end.
      if (record.length === 1 && record[0] === "" && this.position === this.text.length) continue;
      this.locateFields(record);
      const before = reader.rows.length;
      reader.accept(record, this.records++);
      if (!this.columns) {
        const columns = reader.rowColumns();
        if (!columns) throw new Error("the header lacks a column");
        this.useColumns(columns);
        continue;
      }
      if (reader.rows.length !== before + 1) throw new Error("a record is not one row");
      cells ??= new Int32Array(records.length * this.columns.length * 2);
      at = this.writeRow(reader.rows[before]!, record, cells, at);
    }
    if (cells) this.filled.push(cells.subarray(0, at));
  }

  private useColumns(columns: RowColumn[]): void {
    this.columns = columns;
    this.shared = columns.map(() => (this.share ? new Map() : null));
    this.unshared = columns.map(() => false);
    const reads = columns.map((column, index) => `values[${index}] = row[${JSON.stringify(column.name)}];`);
    this.readValues = new Function("row", "values", reads.join("\n")) as typeof this.readValues;
  }
  /** Finds where each field of a record is in the text, from where the last record ended. */
  private locateFields(record: string[]): void {
    const { text } = this;
    let position = this.position;
    for (let index = 0; index < record.length; index++) {
      const field = record[index]!;
      if (text.charCodeAt(position) === 34) {
        let quotes = 0;
        for (let quote = field.indexOf('"'); quote !== -1; quote = field.indexOf('"', quote + 1)) quotes++;
        this.fieldStart[index] = position + 1;
        this.fieldLength[index] = field.length + quotes;
        this.fieldEscaped[index] = quotes > 0;
        this.valueLength[index] = field.length;
        position += field.length + quotes + 1;
        if (text.charCodeAt(position) !== 34) throw new Error("a quoted value is not where it should be");
        position++;
      } else {
        this.fieldStart[index] = position;
        this.fieldLength[index] = field.length;
        this.fieldEscaped[index] = false;
        this.valueLength[index] = field.length;
        position += field.length;
      }
      const separator = text.charCodeAt(position);
      if (index < record.length - 1) {
        if (separator !== 44) throw new Error("a comma is not where it should be");
        position++;
      }
    }
    if (position < text.length) {
      if (!text.startsWith(this.newline, position)) throw new Error("a line end is not where it should be");
      position += this.newline.length;
    }
    this.position = position;
  }

  private writeRow(row: Record<string, unknown>, record: string[], cells: Int32Array, at: number): number {
    const { shared, values, rowValues, from } = this;
    const columns = this.columns!;
    this.readValues(row, rowValues);
    for (let column = 0; column < columns.length; column++) {
      const { field, asWritten } = columns[column]!;
      const value = rowValues[column];
      if (value === null) {
        cells[at++] = -1;
        cells[at++] = this.nullAt ??= values.push(null) - 1;
        continue;
      }
      if (typeof value === "string") {
        const kept = shared[column];
        if (kept) {
          let index = kept.get(value);
          if (index === undefined && kept.size < MAX_SHARED_VALUES) kept.set(value, (index = values.push(value) - 1));
          else if (index === undefined && asWritten) shared[column] = null;
          if (index !== undefined) {
            cells[at++] = -1;
            cells[at++] = index;
            continue;
          }
        }
        this.unshared[column] = true;
        // A value that is its field's text as read (not trimmed, nor spelt otherwise): where that text is.
        if (field >= 0 && value.length === this.valueLength[field] && (asWritten || value === record[field])) {
          const start = this.fieldStart[field]! - from;
          cells[at++] = this.fieldEscaped[field] ? -2 - start : start;
          cells[at++] = start + this.fieldLength[field]!;
          continue;
        }
      }
      this.unshared[column] = true;
      cells[at++] = -1;
      cells[at++] = values.push(value) - 1;
    }
    return at;
  }
}
