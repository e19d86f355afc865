/**
 * How a table's rows are written as JSON (src/generated/<table>.json): one
 * array, in chunks of text, so that a large table is never one huge string.
 * The same text whether the rows are all at hand or come a batch at a time,
 * and when two threads write the parts of a large table's rows each read
 * (table-halves.ts).
 */

/** A table with more rows than this is written many rows to a line. */
const SMALL_TABLE_ROWS = 1000;
/** Rows on a line of a large table. */
export const LARGE_ROWS_PER_LINE = 2000;
/**
 * Rows given to one JSON.stringify call (faster than one per row): about
 * 60 KB of text, small enough for the young generation, where a chunk
 * written and dropped costs the garbage collector nothing; a larger one would
 * be allocated with the old objects, and pile up there until a full
 * collection, which has a million rows to mark.
 */
const ROWS_PER_CHUNK = 250;

/**
 * A JSON array of the rows, in chunks of text. Small tables (all the real
 * ones) keep a row per line, for a person reading the file; a large one has
 * 2,000 rows to a line.
 */
export function jsonArrayChunks(rows: readonly unknown[]): Generator<string> {
  return jsonArrayChunksOf([rows]);
}

/**
 * Which part of an array's text jsonArrayChunksOf writes: by default all of
 * it. A part (the rows from `first` on, or up to but not including the
 * closing bracket) is written as the same part of a large table's text (many
 * rows to a line), for a table whose rows are written by two threads, each
 * its part, in one file (table-halves.ts): only for arrays of more than
 * SMALL_TABLE_ROWS rows in all.
 */
export interface JsonArrayPart {
  /** The index in the whole array of the first row given; 0 (the default) starts the array. */
  first?: number;
  /** Whether the array ends with these rows (the default). */
  last?: boolean;
}

/** The rows an array written in parts must have at least (see JsonArrayPart). */
export const MIN_ROWS_IN_PARTS = SMALL_TABLE_ROWS + 1;

/** jsonArrayChunks of the rows of every batch in turn: the same text, the rows never all at hand. */
export function* jsonArrayChunksOf(
  batches: Iterable<readonly unknown[]>,
  { first = 0, last = true }: JsonArrayPart = {},
): Generator<string> {
  const entire = first === 0 && last;
  /** Rows not yet written: until the table is known to be large, every row so far. */
  let pending: unknown[] = [];
  /** The index in the whole array of the next row written. */
  let written = first;
  let large = !entire;
  function* write(rows: unknown[], rowsPerLine: number): Generator<string> {
    const perChunk = Math.min(rowsPerLine, ROWS_PER_CHUNK);
    for (let start = 0; start < rows.length;) {
      // A chunk ends where a line does (a part may start anywhere in a line).
      const count = Math.min(perChunk - (written % perChunk), rows.length - start);
      const chunk = JSON.stringify(rows.slice(start, start + count));
      // Two strings, not one joined: joining would copy the chunk again.
      yield written === 0 ? "[\n" : written % rowsPerLine === 0 ? ",\n" : ",";
      yield chunk.slice(1, -1);
      written += count;
      start += count;
    }
  }
  for (const batch of batches) {
    for (const row of batch) pending.push(row);
    if (!large && pending.length > SMALL_TABLE_ROWS) large = true;
    if (!large || pending.length < ROWS_PER_CHUNK) continue;
    // Whole chunks now; the rest waits for the next batch, so that every chunk but the last has ROWS_PER_CHUNK rows.
    const whole = pending.length - (pending.length % ROWS_PER_CHUNK);
    yield* write(pending.slice(0, whole), LARGE_ROWS_PER_LINE);
    pending = pending.slice(whole);
  }
  if (entire && written === 0 && pending.length === 0) {
    yield "[]\n";
    return;
  }
  yield* write(pending, large ? LARGE_ROWS_PER_LINE : 1);
  if (last) yield "\n]\n";
}
