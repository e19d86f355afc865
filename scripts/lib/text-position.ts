/**
 * Maps offsets in a CSV text to the line and column an editor shows.
 *
 * Only used on the error path (and for the release's differences), so it
 * favours clarity over speed, but walks a text only as far as the positions
 * asked for: PapaParse does not report where a record starts, and records
 * can span several lines when a quoted field holds a newline.
 */

export interface Position {
  line: number;
  column: number;
}

/**
 * Builds a lookup from character offset to 1-based line and column. The
 * line starts are found as far into the text as asked, no further: the
 * messages of a large file are mostly about its first rows.
 */
export function lineIndex(text: string): (offset: number) => Position {
  const lineStarts = [0];
  /** Where the search for line starts goes on. */
  let scanned = 0;
  const scanTo = (offset: number) => {
    let i = scanned;
    for (; i < text.length && lineStarts.at(-1)! <= offset; i++) {
      const char = text.charCodeAt(i);
      if (char === 10) lineStarts.push(i + 1);
      else if (char === 13 && text.charCodeAt(i + 1) !== 10) lineStarts.push(i + 1);
    }
    scanned = i;
  };
  return (offset) => {
    // Every line start up to the offset, and the next one (or the end of the text) past it.
    if (lineStarts.at(-1)! <= offset) scanTo(offset);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

/**
 * The offsets at which each field of each record starts, walking the text
 * with the same quoting rules as PapaParse: a newline inside quotes belongs
 * to the field, a newline outside quotes ends the record.
 */
export function fieldStarts(text: string, delimiter: string): number[][] {
  const walk = fieldStartWalk(text, delimiter);
  walk.to(Infinity);
  return walk.records;
}

/**
 * fieldStarts, found as far into the text as asked: `to(n)` walks on until
 * record n is complete (or the text ends), and `records` holds the records
 * found so far (all of them, the last one included, once `done`).
 */
function fieldStartWalk(text: string, delimiter: string) {
  const records: number[][] = [];
  let fields: number[] = [0];
  let inQuotes = false;
  let fieldStart = true;
  let i = 0;
  const walk = {
    records,
    done: false,
    to(recordIndex: number) {
      for (; i < text.length && records.length <= recordIndex; i++) {
        const char = text[i];
        if (inQuotes) {
          if (char === '"') {
            if (text[i + 1] === '"') i++;
            else inQuotes = false;
          }
          continue;
        }
        if (char === '"' && fieldStart) {
          inQuotes = true;
          fieldStart = false;
        } else if (char === delimiter) {
          fields.push(i + 1);
          fieldStart = true;
        } else if (char === "\n" || char === "\r") {
          if (char === "\r" && text[i + 1] === "\n") i++;
          records.push(fields);
          fields = [i + 1];
          fieldStart = true;
        } else {
          fieldStart = false;
        }
      }
      if (i >= text.length && !walk.done) {
        records.push(fields);
        walk.done = true;
      }
    },
  };
  return walk;
}

/** Finds positions of (record, field) pairs; built lazily, once per file. */
export class TextLocator {
  private starts: number[][] | undefined;
  /** Walks the text as far as the records asked for (unless another reader gave the field starts). */
  private walk: ReturnType<typeof fieldStartWalk> | undefined;
  private toPosition: ((offset: number) => Position) | undefined;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  /**
   * Uses field starts found by another reader (the recovering one), whose
   * records differ from PapaParse's after a quote that never closes.
   */
  useFieldStarts(starts: number[][]): void {
    this.starts = starts;
  }

  /** Position of a character offset. */
  offset(offset: number): Position {
    this.toPosition ??= lineIndex(this.text);
    return this.toPosition(Math.max(0, Math.min(offset, this.text.length)));
  }

  /** The field starts of every record up to `recordIndex` (or to the end of the text), found once. */
  private startsTo(recordIndex: number): number[][] {
    if (this.starts) return this.starts;
    this.walk ??= fieldStartWalk(this.text, this.delimiter);
    this.walk.to(recordIndex);
    if (this.walk.done) this.starts = this.walk.records;
    return this.walk.records;
  }

  /** Position where field `fieldIndex` of record `recordIndex` starts. */
  field(recordIndex: number, fieldIndex: number): Position {
    const starts = this.startsTo(recordIndex);
    const record = starts[recordIndex] ?? starts[starts.length - 1]!;
    const start = record[Math.min(fieldIndex, record.length - 1)]!;
    return this.offset(start);
  }

  /** Position just after the last field of a record (for "missing field" errors). */
  endOfRecord(recordIndex: number): Position {
    const next = this.startsTo(recordIndex + 1)[recordIndex + 1];
    if (!next) return this.offset(this.text.length);
    let end = next[0]! - 1;
    if (this.text[end] === "\n" && this.text[end - 1] === "\r") end--;
    return this.offset(end);
  }
}
