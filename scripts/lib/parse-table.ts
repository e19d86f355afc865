/**
 * Parses one table's CSV text and validates every row against the table's
 * zod schema, collecting every problem with its position.
 *
 * Nothing stops at the first problem: a row with a bad cell still has its
 * other cells checked, and is kept (without the bad cells) for the checks
 * across rows and tables; a malformed quote is read past (csv-records.ts) so
 * that the rows after it are checked too. Rows are only published when the
 * whole dataset has no error, so a kept partial row never reaches readers.
 */
import Papa from "papaparse";
import type { ZodType } from "zod";
import { columnSpecs, compileCellReader, readCell, UNREADABLE, type ColumnSpec } from "../../src/data/columns.ts";
import type { TableDefinition } from "../../src/data/schema.ts";
import { describeIssue } from "./cell-messages.ts";
import { checkHeader } from "./check-header.ts";
import { readRecordsRecovering } from "./csv-records.ts";
import { quoteValue, type Problem } from "./problem.ts";
import { rowCheck } from "./row-validator.ts";
import { TextLocator, type Position } from "./text-position.ts";

/** The longest cell we accept: far above any real summary, far below a pasted file. */
export const MAX_CELL_LENGTH = 100_000;

const DELIMITER = ",";
/**
 * Characters PapaParse reads at a time. Its records (an array and a string a
 * cell) live until their chunk is read; at 256 KB (a couple of thousand rows)
 * they die in the young generation, where garbage costs nothing, while 4 MB
 * outlived a young collection and was copied, twice the collector's work.
 */
const CHUNK_SIZE = 256 * 2 ** 10;
const PARSE_OPTIONS = {
  delimiter: DELIMITER,
  quoteChar: '"',
  header: false,
  dynamicTyping: false,
  skipEmptyLines: false,
} as const;

/** A column of the file: its spec, its position in the header, its compiled reader. */
interface Column {
  spec: ColumnSpec;
  index: number;
  read: ReturnType<typeof compileCellReader>;
  /** The strings its interning reader gave (see interning), for a column that has one. */
  interned?: InternedStrings;
}

export interface ParsedTable {
  definition: TableDefinition;
  file: string;
  /**
   * Every row that lines up with the header. A cell that failed its check is
   * left out (undefined), so that the checks across rows and tables skip it.
   */
  rows: Record<string, unknown>[];
  /** Finds where a row's field is in the file, for cross-table errors. */
  locate(rowIndex: number, field: string): Position;
  /**
   * Every string a row holds in this field (and perhaps a few more, read from
   * rows or cells later dropped), when the parse kept them all and the field
   * holds nothing but strings and null; else null. A check of each row's
   * value that every one of these passes need not read the rows.
   */
  stringsOf?(field: string): ReadonlySet<string> | null;
}

export interface ParseResult {
  /** Null only when the rows cannot be read at all (a header with the wrong separator). */
  table: ParsedTable | null;
  problems: Problem[];
}

export interface ParseOptions {
  /** A real value of the right kind for a field (an id of the table a foreign key names), for messages. */
  exampleFor?: (field: string) => string | null;
}

export function parseTable(
  text: string,
  definition: TableDefinition,
  file: string,
  options: ParseOptions = {},
): ParseResult {
  const locator = new TextLocator(text, DELIMITER);
  let reader = new TableReader(definition, file, locator, options);
  const malformed = !readRecords(text, (record, recordIndex) => {
    reader.accept(record, recordIndex);
    return !reader.stopped;
  });
  if (!malformed) return reader.finish();

  // The error path: read again with the reader that recovers from bad quotes, and start over.
  const recovered = readRecordsRecovering(text, DELIMITER, (offset) => locator.offset(offset).line);
  locator.useFieldStarts(recovered.records.map((record) => record.starts));
  reader = new TableReader(definition, file, locator, options);
  for (const problem of recovered.problems) reader.report(locator.offset(problem.offset), "row", problem.message);
  recovered.records.forEach((record, index) => {
    if (reader.stopped) return;
    // The quote is reported; a count of fields or a cell check of the cut-short row would only repeat it.
    if (record.broken && index > 0) reader.keepLeadingCells(record.fields, index);
    else reader.accept(record.fields, index);
  });
  return reader.finish();
}

/**
 * Feeds every record of a well-formed text to `onRecord` (which returns false
 * to stop), PapaParse reading a chunk of the text at a time; false when
 * PapaParse found the text malformed.
 */
function readRecords(text: string, onRecord: (record: string[], recordIndex: number) => boolean): boolean {
  let recordIndex = 0;
  const chunks = recordChunks(text);
  let next = chunks.next();
  for (; !next.done; next = chunks.next()) {
    for (const record of next.value.records) {
      if (!onRecord(record, recordIndex++)) return true;
    }
  }
  return next.value;
}

/** The records PapaParse read from one chunk of a text, and where in the text the chunk's first one starts. */
export interface RecordChunk {
  records: string[][];
  start: number;
}

/**
 * The records of a text, a chunk of the text at a time (PapaParse reading
 * CHUNK_SIZE characters); returns false when PapaParse found the text
 * malformed (the records given until then are not to be trusted), else true.
 * `newline` is the file's line ending, found in the text's first line unless
 * given (for a text that is the end of a file: table-halves.ts).
 *
 * This is what `Papa.parse(text, { chunk })` does, chunk for chunk, with one
 * difference: each chunk is a slice of the text itself, where Papa.parse
 * joins the unfinished last line of a chunk to the next chunk, a copy whose
 * cells would keep a second copy of the whole file alive as long as the rows.
 */
export function* recordChunks(text: string, newline = detectNewline(text)): Generator<RecordChunk, boolean> {
  const parser = new Papa.Parser({ ...PARSE_OPTIONS, newline });
  // Papa.parse drops a byte order mark before it starts (decode-csv.ts drops the usual one).
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cursor = start;
  let chunkEnd = start;
  while (chunkEnd < text.length) {
    chunkEnd = Math.min(text.length, chunkEnd + CHUNK_SIZE);
    const last = chunkEnd === text.length;
    // The last record of a chunk may go on in the next one: it is read again with it (unless this is the last chunk).
    const results = parser.parse(text.slice(cursor, chunkEnd), 0, !last) as Papa.ParseResult<string[]>;
    if (results.errors.length > 0) return false;
    yield { records: results.data, start: cursor };
    cursor += results.meta.cursor;
  }
  return true;
}

/** A column of a row made in one step (TableReader.rowColumns). */
export interface RowColumn {
  name: string;
  field: number;
  asWritten: boolean;
}

/** Reads a table record by record: the header first, then the rows. */
export class TableReader {
  readonly problems: Problem[] = [];
  rows: Record<string, unknown>[] = [];
  /** The record each kept row came from, to locate it later. */
  private readonly recordOfRow: number[] = [];
  /** Records whose cells are all empty, which spreadsheets write for formatted empty rows. */
  private readonly emptyRecords: number[] = [];
  private readonly specs: ColumnSpec[];
  private readonly checkRow: ReturnType<typeof rowCheck>;
  private header: string[] = [];
  /** Columns at the end of the header with no name: ignored while their cells are empty. */
  private unnamedColumns = 0;
  private positionOf = new Map<string, number>();
  private columns: Column[] = [];
  /** Makes a row from its converted cells, when the file has every column (see readHeader). */
  private makeRow: ((values: unknown[]) => Record<string, unknown>) | null = null;
  /** The converted cells of the current row, reused from row to row. */
  private readonly values: unknown[] = [];
  stopped = false;

  /** `inBatches`: the rows are taken a batch at a time (takeRows), and no value is shared (see interning). */
  constructor(
    private readonly definition: TableDefinition,
    private readonly file: string,
    private readonly locator: TextLocator,
    private readonly options: ParseOptions,
    private readonly inBatches = false,
  ) {
    this.specs = columnSpecs(definition.schema);
    this.checkRow = rowCheck(definition.schema);
  }

  /** Rows given away by takeRows. */
  private rowsTaken = 0;

  /** The rows kept since the last call, which this reader then forgets (with where they came from). */
  takeRows(): Record<string, unknown>[] {
    const rows = this.rows.splice(0);
    this.recordOfRow.length = 0;
    this.rowsTaken += rows.length;
    return rows;
  }

  /**
   * The columns of a row made in one step, in the order of its keys: each
   * one's name, the field of the record it is read from (-1: an optional
   * column the file leaves out), and whether its value is always the field's
   * text trimmed (not a number, nor a canonical spelling of a controlled
   * value). Null until the header is read, or when the file lacks a column.
   */
  rowColumns(): RowColumn[] | null {
    if (!this.makeRow) return null;
    return this.columns.map(({ spec, index }) => ({
      name: spec.name,
      field: index,
      asWritten: (spec.kind === "string" || spec.kind === "date") && spec.allowedValues === null,
    }));
  }

  /**
   * Puts rows read from the start of the same file (by another reader, on
   * another thread: table-halves.ts) before this reader's own, which was given
   * the file's header and then the records after those: `records` records,
   * the header included, each one of the rows but the header, came first.
   */
  putBefore(rows: Record<string, unknown>[], records: number): void {
    this.rowsBefore = rows.length;
    this.recordsBefore = records - 1;
    for (const row of this.rows) rows.push(row);
    this.rows = rows;
  }

  /** Rows put before this reader's own (putBefore), each from the record after the one before. */
  private rowsBefore = 0;
  /** And the records before this reader's own, but the header. */
  private recordsBefore = 0;

  report(at: Position, field: string, message: string, severity: Problem["severity"] = "error"): void {
    this.problems.push({ file: this.file, line: at.line, column: at.column, field, message, severity });
  }

  accept(record: string[], recordIndex: number): void {
    if (recordIndex === 0) this.readHeader(record);
    else this.readRecord(record, recordIndex);
  }

  private readHeader(record: string[]): void {
    const names = record.map((name) => name.trim());
    while (this.unnamedColumns < names.length - 1 && names[names.length - 1 - this.unnamedColumns] === "") {
      this.unnamedColumns++;
    }
    const header = names.slice(0, names.length - this.unnamedColumns);
    this.header = header;
    const headerProblems = checkHeader(
      header,
      this.specs,
      (fieldIndex) => (fieldIndex < header.length ? this.locator.field(0, fieldIndex) : this.locator.endOfRecord(0)),
      this.definition.optionalColumns,
    );
    for (const problem of headerProblems) this.report(problem, "header", problem.message);
    if (this.unnamedColumns > 0) {
      const count = this.unnamedColumns === 1 ? "1 column" : `${this.unnamedColumns} columns`;
      this.report(
        this.locator.field(0, header.length),
        "header",
        `the header ends with ${count} with no name, ignored while their cells are empty (spreadsheets save them), expected nothing after ${header.at(-1)}`,
        "warning",
      );
    }
    // One field holding every name: the file uses another separator, and no row can be read.
    if (header.length === 1 && this.specs.length > 1) this.stopped = true;
    header.forEach((name, index) => {
      if (!this.positionOf.has(name)) this.positionOf.set(name, index);
    });
    this.columns = this.specs
      .filter((spec) => this.positionOf.has(spec.name))
      .map((spec) => {
        // Rows that are dropped once written (table-halves.ts) gain nothing from sharing their values,
        // nor do controlled values, which are read as the one canonical string of each.
        const read = compileCellReader(spec);
        const column: Column = { spec, index: this.positionOf.get(spec.name)!, read };
        // A column with too many values to share (ids, summaries) goes back to the plain reader.
        if (!this.inBatches && spec.allowedValues === null) {
          column.interned = { copies: new Map(), open: true, onlyStrings: true };
          column.read = interning(read, column.interned, () => (column.read = read));
        }
        return column;
      });
    // An optional column the file leaves out reads as empty in every row (index -1: no cell).
    for (const spec of this.specs) {
      if (!this.positionOf.has(spec.name) && this.definition.optionalColumns?.includes(spec.name))
        this.columns.push({ spec, index: -1, read: compileCellReader(spec) });
    }
    // Keys in the columns' order, the same order convert() gives the rows of the slow path.
    this.makeRow =
      this.columns.length === this.specs.length ? rowMaker(this.columns.map((column) => column.spec.name)) : null;
  }

  private readRecord(record: string[], recordIndex: number): void {
    if (record[0]!.trim() === "" && record.every((cell) => cell.trim() === "")) {
      if (record.length > 1) this.emptyRecords.push(recordIndex);
      return; // a blank line, or a row of empty cells
    }
    const width = this.header.length;
    let cells = record;
    if (record.length === width + this.unnamedColumns && this.unnamedColumns > 0) {
      for (let index = width; index < record.length; index++) {
        if (record[index]!.trim() === "") continue;
        this.report(
          this.locator.field(recordIndex, index),
          `field ${index + 1}`,
          `${quoteValue(record[index]!.trim())} is in a column with no name, expected an empty cell (or a name for the column in the header)`,
        );
      }
      cells = record.slice(0, width);
    } else if (record.length !== width) {
      const merged = record.length === width + 1 ? this.unsplit(record) : null;
      if (!merged) {
        this.reportFieldCount(record, recordIndex);
        this.keepLeadingCells(record, recordIndex);
        return;
      }
      const spec = this.columns.find((column) => column.index === merged.index)!.spec;
      const has = `${record.length} fields`;
      this.report(
        this.locator.field(recordIndex, merged.index),
        spec.name,
        `the row has ${has}, expected ${width}: the comma in ${quoteValue(merged.cells[merged.index]!)} splits this value in two; put this value in double quotes`,
      );
      cells = merged.cells;
    }
    this.readRow(cells, recordIndex);
  }

  private reportFieldCount(record: string[], recordIndex: number): void {
    const width = this.header.length;
    const at = record.length < width ? this.locator.endOfRecord(recordIndex) : this.locator.field(recordIndex, width);
    const has = record.length === 1 ? "1 field" : `${record.length} fields`;
    this.report(at, "row", `the row has ${has}, expected ${width} (${this.header.join(",")})`);
  }

  /**
   * A row with the wrong number of fields still names its id, so that rows
   * citing it are not reported as citing nothing: the cells before the first
   * free-text column (which a stray comma cannot have shifted) are kept, when
   * valid, for the checks across tables. The row itself is already reported.
   */
  keepLeadingCells(record: string[], recordIndex: number): void {
    const row: Record<string, unknown> = {};
    for (const { spec, index, read } of this.columns
      .filter((column) => column.index >= 0)
      .sort((a, b) => a.index - b.index)) {
      if (isFreeText(spec) || index >= record.length - 1) break;
      const value = read(record[index]!);
      if (value === UNREADABLE || !(this.definition.schema.shape[spec.name] as ZodType).safeParse(value).success) break;
      row[spec.name] = value;
    }
    if (Object.keys(row).length === 0) return;
    this.rows.push(row);
    this.recordOfRow.push(recordIndex);
  }

  /**
   * A row with one field too many, put back together: the first text column
   * which, joined with the field after it by the comma that split them, makes
   * a valid row. That comma belonged in the value, which needed quotes.
   */
  private unsplit(record: string[]): { index: number; cells: string[] } | null {
    for (const { spec, index } of this.columns) {
      if (!isFreeText(spec) || index < 0) continue;
      const cells = [...record.slice(0, index), `${record[index]},${record[index + 1]}`, ...record.slice(index + 2)];
      let readable = true;
      const row = this.convert(cells, () => (readable = false));
      if (readable && this.checkRow(row)) return { index, cells };
    }
    return null;
  }

  /** Converts a record's cells; a cell that cannot be read is left out, and `onError` says why. */
  private convert(cells: string[], onError: (column: Column, message: string) => void): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const column of this.columns) {
      const raw = column.index < 0 ? "" : cells[column.index]!;
      const value = raw.length > MAX_CELL_LENGTH ? UNREADABLE : column.read(raw);
      if (value !== UNREADABLE) row[column.spec.name] = value;
      else onError(column, unreadableMessage(column.spec, raw));
    }
    return row;
  }

  private readRow(cells: string[], recordIndex: number): void {
    if (this.makeRow && this.readValidRow(cells, recordIndex)) return;
    const failed = new Set<string>();
    const row = this.convert(cells, (column, message) => {
      failed.add(column.spec.name);
      this.report(this.locator.field(recordIndex, column.index), column.spec.name, message);
    });
    if (failed.size > 0 || this.columns.length < this.specs.length || !this.checkRow(row)) {
      // ajv said no (or a cell could not be read): zod, the arbiter, says why, once per field.
      const result = this.definition.schema.safeParse(row);
      for (const issue of result.success ? [] : result.error.issues) {
        const name = String(issue.path[0] ?? this.header[0]);
        if (failed.has(name) || !this.positionOf.has(name)) continue; // reported already, or a missing column
        failed.add(name);
        const example = issue.code === "invalid_format" && issue.format === "regex" ? this.exampleFor(name) : null;
        this.report(
          this.locator.field(recordIndex, this.positionOf.get(name)!),
          name,
          describeIssue(issue, row[name], example),
        );
      }
      for (const name of failed) delete row[name];
    }
    this.rows.push(row);
    this.recordOfRow.push(recordIndex);
  }

  /**
   * The hot path, for a row whose every cell is readable and valid (nearly
   * all rows): it is kept, and true returned. For any other row, nothing is
   * kept and false returned, and readRow takes the row again to say why.
   * The row is the same either way: every column, in the columns' order.
   */
  private readValidRow(cells: string[], recordIndex: number): boolean {
    const { columns, values } = this;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index]!;
      const raw = column.index < 0 ? "" : cells[column.index]!;
      const value = raw.length > MAX_CELL_LENGTH ? UNREADABLE : column.read(raw);
      if (value === UNREADABLE) return false;
      values[index] = value;
    }
    const row = this.makeRow!(values);
    if (!this.checkRow(row)) return false;
    this.rows.push(row);
    this.recordOfRow.push(recordIndex);
    return true;
  }

  /** A real value for a field: an id of the table it refers to, else one from an earlier row. */
  private exampleFor(field: string): string | null {
    const fromTarget = this.options.exampleFor?.(field);
    if (fromTarget) return fromTarget;
    const row = this.rows.find((candidate) => typeof candidate[field] === "string");
    return row ? String(row[field]) : null;
  }

  finish(): ParseResult {
    if (this.emptyRecords.length > 0) {
      const [first, ...more] = this.emptyRecords.map((recordIndex) => this.locator.field(recordIndex, 0));
      const which =
        more.length === 0
          ? "this row has only empty cells, skipped as a blank line"
          : `this row and ${more.length} more (${lineList(more)}) have only empty cells, skipped as blank lines`;
      this.report(
        first!,
        "row",
        `${which} (spreadsheets save formatted empty rows this way), expected no such rows`,
        "warning",
      );
    }
    const errors = this.problems.some((problem) => problem.severity === "error");
    if (this.rows.length + this.rowsTaken === 0 && !errors && !this.stopped && !this.definition.allowEmpty) {
      const at = this.locator.endOfRecord(0);
      this.report(
        { line: at.line + 1, column: 1 },
        "file",
        "the file has a header but no data rows, expected at least one row",
      );
    }
    if (this.stopped) return { table: null, problems: this.problems };
    const { locator, recordOfRow, positionOf, rowsBefore, recordsBefore } = this;
    const { columns } = this;
    const table: ParsedTable = {
      definition: this.definition,
      file: this.file,
      rows: this.rows,
      stringsOf: (field) => {
        const interned = columns.find((column) => column.spec.name === field)?.interned;
        return interned?.open && interned.onlyStrings ? new Set(interned.copies.keys()) : null;
      },
      locate: (rowIndex, field) => {
        const recordIndex =
          rowIndex < rowsBefore ? rowIndex + 1 : (recordOfRow[rowIndex - rowsBefore] ?? -recordsBefore) + recordsBefore;
        return locator.field(recordIndex, positionOf.get(field) ?? 0);
      },
    };
    return { table, problems: this.problems };
  }
}

/**
 * A function that makes a row object with these fields, in this order, from
 * an array of their values. It is compiled, so that every row is one object
 * literal of one shape: built in one step, with its fields inside the object
 * (where adding fields one by one to {} grows it several times), which keeps
 * a million rows smaller in memory and quicker to collect and to write out.
 * The field names are the schema's, written into the code as JSON strings.
 */
export function rowMaker(names: string[]): (values: unknown[]) => Record<string, unknown> {
  const fields = names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`);
  return new Function("values", `return { ${fields.join(", ")} };`) as (values: unknown[]) => Record<string, unknown>;
}

/** The most distinct values a column keeps one copy of each of (see interning). */
const MAX_INTERNED = 1000;

/**
 * The strings an interning reader gave, while it keeps them all (`open`), and
 * whether it gave nothing else but null (and the unreadable, kept out of rows).
 */
interface InternedStrings {
  copies: Map<string, string>;
  open: boolean;
  onlyStrings: boolean;
}

/**
 * A cell reader that gives one string for each distinct value, while a column
 * has at most MAX_INTERNED of them (breach types, roles, sources: the columns
 * that repeat): the row keeps that one copy, and the string read from the
 * file dies young, where garbage costs nothing. At a million rows, a string
 * kept for each cell was millions of objects for the garbage collector to
 * copy and mark. A column with more values (ids, summaries) stops looking, and `onStop` is called.
 * `kept` holds the strings given, for ParsedTable.stringsOf.
 */
function interning(
  read: ReturnType<typeof compileCellReader>,
  kept: InternedStrings,
  onStop: () => void,
): ReturnType<typeof compileCellReader> {
  const { copies } = kept;
  return (raw) => {
    const value = read(raw);
    if (typeof value !== "string") {
      if (value !== null && value !== UNREADABLE) kept.onlyStrings = false;
      return value;
    }
    if (!kept.open) return value;
    const copy = copies.get(value);
    if (copy !== undefined) return copy;
    if (copies.size < MAX_INTERNED) copies.set(value, value);
    else {
      kept.open = false;
      onStop();
    }
    return value;
  };
}

/** A column of words, where a comma typed without quotes splits the value. */
function isFreeText(spec: ColumnSpec): boolean {
  return spec.kind === "string" && !spec.allowedValues && !spec.pattern && !spec.format;
}

/** Why a cell could not be converted to its column's type. */
function unreadableMessage(spec: ColumnSpec, raw: string): string {
  if (raw.length > MAX_CELL_LENGTH) {
    const length = raw.length.toLocaleString("en-GB");
    return `the value is ${length} characters long, expected at most ${MAX_CELL_LENGTH.toLocaleString("en-GB")}`;
  }
  const cell = readCell(spec, raw);
  return cell.ok ? "could not be read" : cell.message;
}

/** "lines 5, 6 and 9" (at most ten listed). */
function lineList(positions: Position[]): string {
  const lines = positions.map((position) => position.line);
  const shown = lines.slice(0, 10).map(String);
  if (lines.length > 10) shown.push(`${lines.length - 10} more`);
  const last = shown.pop()!;
  return `line${lines.length === 1 ? "" : "s"} ${shown.length ? `${shown.join(", ")} and ${last}` : last}`;
}

/** The file's line ending, from its first line (PapaParse needs one for the whole file). */
export function detectNewline(text: string): "\r\n" | "\n" | "\r" {
  const end = text.search(/[\r\n]/);
  if (end === -1 || text[end] === "\n") return "\n";
  return text[end + 1] === "\n" ? "\r\n" : "\r";
}
