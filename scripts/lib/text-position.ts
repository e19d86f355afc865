/**
 * Maps offsets in a CSV text to the line and column an editor shows.
 *
 * Only used on the error path, so it favours clarity over speed: PapaParse
 * does not report where a record starts, and records can span several lines
 * when a quoted field holds a newline.
 */

export interface Position {
  line: number;
  column: number;
}

/** Builds a lookup from character offset to 1-based line and column. */
export function lineIndex(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) lineStarts.push(i + 1);
    else if (char === 13 && text.charCodeAt(i + 1) !== 10) lineStarts.push(i + 1);
  }
  return (offset) => {
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
  const records: number[][] = [];
  let fields: number[] = [0];
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
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
  records.push(fields);
  return records;
}

/** Finds positions of (record, field) pairs; built lazily, once per file. */
export class TextLocator {
  private starts: number[][] | undefined;
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

  /** Position where field `fieldIndex` of record `recordIndex` starts. */
  field(recordIndex: number, fieldIndex: number): Position {
    this.starts ??= fieldStarts(this.text, this.delimiter);
    const record = this.starts[recordIndex] ?? this.starts[this.starts.length - 1]!;
    const start = record[Math.min(fieldIndex, record.length - 1)]!;
    return this.offset(start);
  }

  /** Position just after the last field of a record (for "missing field" errors). */
  endOfRecord(recordIndex: number): Position {
    this.starts ??= fieldStarts(this.text, this.delimiter);
    const next = this.starts[recordIndex + 1];
    if (!next) return this.offset(this.text.length);
    let end = next[0]! - 1;
    if (this.text[end] === "\n" && this.text[end - 1] === "\r") end--;
    return this.offset(end);
  }
}
