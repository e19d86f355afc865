/**
 * The JSON of a large table's rows written straight from their cells (where
 * each value is in the decoded text, or its place in a list of values:
 * table-halves.ts), byte for byte the text jsonArrayChunksOf writes of the
 * same rows as a part of a large table (json-array.ts), without making a row
 * object or a string per cell first: each character of a value is copied
 * once, encoded as UTF-8 and escaped as JSON.stringify escapes it, into
 * buffers that go to the file. At a million rows, making the main thread's
 * rows again and giving them to JSON.stringify was the second thread's work
 * after the threads meet; this takes about a fifth less processor time.
 */
import { isAscii } from "node:buffer";
import { LARGE_ROWS_PER_LINE } from "./json-array.ts";

/** Bytes of a buffer of JSON: it is given to the file once it cannot hold the next row. */
const BUFFER_SIZE = 2 ** 20;
/** The most bytes a UTF-16 unit of a value can take in JSON: a control character as \u00xx. */
const MAX_BYTES_PER_UNIT = 6;

/** A byte that JSON.stringify writes as it is (ASCII but the double quote, the backslash and controls): 1. */
const PLAIN = new Uint8Array(256).map((_, code) => (code >= 0x20 && code < 0x80 && code !== 34 && code !== 92 ? 1 : 0));
/** JSON.stringify's short escapes, by the character's code; every other control is written \u00xx. */
const SHORT_ESCAPES = new Map([
  [8, "b"],
  [9, "t"],
  [10, "n"],
  [12, "f"],
  [13, "r"],
  [34, '"'],
  [92, "\\"],
]);
const HEX = [..."0123456789abcdef"].map((digit) => digit.charCodeAt(0));

/**
 * The text a part's cells point into: its bytes when each character is one
 * byte (ASCII), read several times quicker than characters and with no text
 * to decode; else the text decoded from them.
 */
export type CellsText = { ascii: Uint8Array } | { ascii: null; text: string };

/** The text of UTF-8 bytes (with no byte order mark), for CellsJson. */
export function cellsText(bytes: Uint8Array): CellsText {
  if (isAscii(bytes)) return { ascii: bytes };
  return { ascii: null, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") };
}

/**
 * Writes the JSON of rows from their cells: `rows` for each chunk of cells
 * in turn, `end` after the last (for the part of a table that ends it), and
 * `take` for the bytes written since the last take.
 *
 * Cells, as table-halves.ts sends them: two numbers for each cell, row after
 * row, in the order of `names`: (start, end) for the text from start to end;
 * (-1, index) for values[index]; (-2 - start, end) for the text from start to
 * end with each "" read as one ".
 */
export class CellsJson {
  /** The bytes before each value: `{"name":` for the first column, `,"name":` for the others. */
  private readonly keys: Uint8Array[];
  /** Each value's JSON (values[index]'s at index), made the first time a cell names it. */
  private readonly valueJson: Uint8Array[] = [];
  private readonly done: Uint8Array[] = [];
  private buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private filled = 0;
  /** The index in the whole array of the next row written. */
  private written: number;

  /**
   * `names`: the rows' keys, in order; `first`: the index in the whole array
   * of the first row written (0 starts the array). Throws when a row object
   * with these keys (parse-table.ts's rowMaker) would not hold each once, in
   * this order: a name given twice, an integer-like one (which objects list
   * first), or __proto__ (which an object literal takes as its prototype).
   */
  constructor(names: readonly string[], first: number) {
    const plain = (name: string) => name !== "__proto__" && !/^(?:0|[1-9]\d*)$/.test(name);
    if (new Set(names).size !== names.length || !names.every(plain)) {
      throw new Error("a row object would not hold these keys in this order");
    }
    this.keys = names.map((name, index) => Buffer.from(`${index === 0 ? "{" : ","}${JSON.stringify(name)}:`));
    this.written = first;
  }

  /** Writes the rows of `cells`, whose values point into the text or `values` (a list that only grows). */
  rows(cells: Int32Array, source: CellsText, values: readonly unknown[]): void {
    const ascii = source.ascii;
    const text = source.ascii ? "" : source.text;
    const { keys } = this;
    const width = keys.length;
    for (let at = 0; at < cells.length;) {
      // Room for the row's every byte at most: a separator, its keys and values, and the closing brace.
      let most = 3;
      for (let column = 0, cell = at; column < width; column++, cell += 2) {
        const first = cells[cell]!;
        const second = cells[cell + 1]!;
        most += keys[column]!.length;
        most +=
          first === -1
            ? this.jsonOf(second, values).length
            : (second - (first >= 0 ? first : -2 - first)) * MAX_BYTES_PER_UNIT + 2;
      }
      this.room(most);
      const buffer = this.buffer;
      let filled = this.filled;
      // As jsonArrayChunksOf: "[" and a line end to start the array, a line end before every LARGE_ROWS_PER_LINE-th row.
      const written = this.written++;
      if (written === 0) {
        buffer[filled++] = 91;
        buffer[filled++] = 10;
      } else {
        buffer[filled++] = 44;
        if (written % LARGE_ROWS_PER_LINE === 0) buffer[filled++] = 10;
      }
      for (let column = 0; column < width; column++, at += 2) {
        // Copied a byte at a time: a few bytes each, for which a call of set costs more than the copy.
        const key = keys[column]!;
        for (let byte = 0; byte < key.length; byte++) buffer[filled++] = key[byte]!;
        const first = cells[at]!;
        const second = cells[at + 1]!;
        if (first === -1) {
          const json = this.valueJson[second]!;
          for (let byte = 0; byte < json.length; byte++) buffer[filled++] = json[byte]!;
        } else if (ascii) {
          filled = writeAscii(buffer, filled, ascii, first >= 0 ? first : -2 - first, second, first < 0);
        } else filled = writeString(buffer, filled, text, first >= 0 ? first : -2 - first, second, first < 0);
      }
      buffer[filled++] = 125;
      this.filled = filled;
    }
  }

  /** Closes the array: the end of the table's last part. */
  end(): void {
    this.room(3);
    this.filled += this.buffer.write("\n]\n", this.filled, "latin1");
  }

  /** The bytes written since the last take, in buffers that are not written to again. */
  take(): Uint8Array[] {
    if (this.filled > 0) {
      this.done.push(this.buffer.subarray(0, this.filled));
      this.buffer = Buffer.allocUnsafe(BUFFER_SIZE);
      this.filled = 0;
    }
    return this.done.splice(0);
  }

  /** Makes sure the buffer has room for `bytes` more. */
  private room(bytes: number): void {
    if (this.filled + bytes <= this.buffer.length) return;
    if (this.filled > 0) this.done.push(this.buffer.subarray(0, this.filled));
    this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_SIZE, bytes));
    this.filled = 0;
  }

  /** values[index] as JSON.stringify writes it; throws for a value it would leave out (its key too). */
  private jsonOf(index: number, values: readonly unknown[]): Uint8Array {
    let json = this.valueJson[index];
    if (json === undefined) {
      const text = JSON.stringify(values[index]) as string | undefined;
      if (text === undefined) throw new Error("a value JSON.stringify leaves out");
      json = this.valueJson[index] = Buffer.from(text, "utf8");
    }
    return json;
  }
}

/**
 * Writes text[start, end) as a JSON string at `at` in `buffer`, as
 * JSON.stringify writes it, in UTF-8; `doubled`: each "" of the text is one
 * " of the value. Returns where it ended.
 */
function writeString(buffer: Buffer, at: number, text: string, start: number, end: number, doubled: boolean): number {
  buffer[at++] = 34;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (PLAIN[code] === 1) {
        buffer[at++] = code;
        continue;
      }
      if (code === 34 && doubled) index++;
      at = writeEscape(buffer, at, code);
    } else if (code < 0x800) {
      buffer[at++] = 0xc0 | (code >> 6);
      buffer[at++] = 0x80 | (code & 0x3f);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < end ? text.charCodeAt(index + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        buffer[at++] = 0xf0 | (point >> 18);
        buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
        buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
        buffer[at++] = 0x80 | (point & 0x3f);
        index++;
      } else at = writeEscape(buffer, at, code); // a lone surrogate, which JSON.stringify writes as \udxxx
    } else {
      buffer[at++] = 0xe0 | (code >> 12);
      buffer[at++] = 0x80 | ((code >> 6) & 0x3f);
      buffer[at++] = 0x80 | (code & 0x3f);
    }
  }
  buffer[at++] = 34;
  return at;
}

/** writeString for ASCII text, read from its bytes. */
function writeAscii(
  buffer: Buffer,
  at: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  doubled: boolean,
): number {
  buffer[at++] = 34;
  for (let index = start; index < end; index++) {
    const code = bytes[index]!;
    if (PLAIN[code] === 1) buffer[at++] = code;
    else {
      if (code === 34 && doubled) index++;
      at = writeEscape(buffer, at, code);
    }
  }
  buffer[at++] = 34;
  return at;
}

/** Writes the escape JSON.stringify writes for this character: \" \\ \n and the like, else \u and four hex digits. */
function writeEscape(buffer: Buffer, at: number, code: number): number {
  buffer[at++] = 92;
  const short = SHORT_ESCAPES.get(code);
  if (short !== undefined) {
    buffer[at++] = short.charCodeAt(0);
    return at;
  }
  buffer[at++] = 117;
  for (let shift = 12; shift >= 0; shift -= 4) buffer[at++] = HEX[(code >> shift) & 0xf]!;
  return at;
}
