/**
 * Parses one table's CSV text with PapaParse and validates every row against
 * the table's zod schema, collecting every problem with its position.
 */
import Papa from "papaparse";
import type { z } from "zod";
import { columnSpecs, compileCellReader, readCell, UNREADABLE, type ColumnSpec } from "../../src/data/columns.ts";
import type { TableDefinition } from "../../src/data/schema.ts";
import { quoteValue, type Problem } from "./problem.ts";
import { TextLocator } from "./text-position.ts";
import { checkHeader } from "./check-header.ts";
import { compileRowCheck } from "./row-validator.ts";

/** The longest cell we accept: far above any real summary, far below a pasted file. */
export const MAX_CELL_LENGTH = 100_000;

const DELIMITER = ",";
/** Characters PapaParse reads at a time: small enough to bound memory, large enough to be fast. */
const CHUNK_SIZE = 4 * 2 ** 20;
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
}

export interface ParsedTable {
  definition: TableDefinition;
  file: string;
  rows: Record<string, unknown>[];
  /** Finds where a row's field is in the file, for cross-table errors. */
  locate(rowIndex: number, field: string): { line: number; column: number };
}

export interface ParseResult {
  table: ParsedTable | null;
  problems: Problem[];
}

export function parseTable(text: string, definition: TableDefinition, file: string): ParseResult {
  const locator = new TextLocator(text, DELIMITER);
  const problems: Problem[] = [];
  const report = (line: number, column: number, field: string, message: string) =>
    problems.push({ file, line, column, field, message, severity: "error" });

  const specs = columnSpecs(definition.schema);
  const checkRow = compileRowCheck(definition.schema);
  const rows: Record<string, unknown>[] = [];
  const recordOfRow: number[] = [];
  let header: string[] = [];
  let positionOf = new Map<string, number>();
  let columns: Column[] = [];
  let stopped = false;

  const readHeader = (record: string[]) => {
    header = record.map((name) => name.trim());
    const headerProblems = checkHeader(header, specs, (fieldIndex) =>
      fieldIndex < header.length ? locator.field(0, fieldIndex) : locator.endOfRecord(0),
    );
    for (const problem of headerProblems) report(problem.line, problem.column, "header", problem.message);
    // Rows cannot be read against a wrong header; reporting each would only repeat the header problem.
    if (headerProblems.length > 0) stopped = true;
    positionOf = new Map(header.map((name, index) => [name, index]));
    columns = specs.map((spec) => ({ spec, index: positionOf.get(spec.name)!, read: compileCellReader(spec) }));
  };

  const readRecord = (record: string[], recordIndex: number) => {
    if (record.length === 1 && record[0]!.trim() === "") return; // a blank line
    if (record.length !== header.length) {
      const at =
        record.length < header.length ? locator.endOfRecord(recordIndex) : locator.field(recordIndex, header.length);
      const has = record.length === 1 ? "1 field" : `${record.length} fields`;
      report(at.line, at.column, "row", `the row has ${has}, expected ${header.length} (${header.join(",")})`);
      return;
    }
    const row = readRow(record, columns, (spec, index, message) => {
      const at = locator.field(recordIndex, index);
      report(at.line, at.column, spec.name, message);
    });
    if (!row) return;
    if (!checkRow(row)) {
      // ajv said no: zod, the arbiter, says why.
      const result = definition.schema.safeParse(row);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const name = String(issue.path[0] ?? header[0]);
          const at = locator.field(recordIndex, positionOf.get(name) ?? 0);
          report(at.line, at.column, name, describeIssue(issue, row[name]));
        }
        return;
      }
    }
    rows.push(row);
    recordOfRow.push(recordIndex);
  };

  // Chunked, so that PapaParse's arrays for the whole file never exist at once.
  let recordIndex = 0;
  let quoteTrouble = false;
  // @types/papaparse omits `chunk` for string input, which PapaParse supports (synchronously).
  const chunkedConfig: Papa.ParseConfig<string[]> & Pick<Papa.ParseLocalConfig<string[]>, "chunk" | "chunkSize"> = {
    ...PARSE_OPTIONS,
    newline: detectNewline(text),
    chunkSize: CHUNK_SIZE,
    chunk: (results, parser) => {
      if (results.errors.length > 0) {
        quoteTrouble = true;
        parser.abort();
        return;
      }
      for (const record of results.data) {
        if (recordIndex === 0) readHeader(record);
        else readRecord(record, recordIndex);
        recordIndex++;
        if (stopped) break;
      }
      if (stopped) parser.abort();
    },
  };
  Papa.parse<string[]>(text, chunkedConfig);
  if (quoteTrouble) {
    problems.push(...quoteProblems(text, locator, file));
    return { table: null, problems };
  }

  if (rows.length === 0 && problems.length === 0 && !definition.allowEmpty) {
    const at = locator.endOfRecord(0);
    report(at.line + 1, 1, "file", "the file has a header but no data rows, expected at least one row");
  }

  const table: ParsedTable = {
    definition,
    file,
    rows,
    locate: (rowIndex, field) => locator.field(recordOfRow[rowIndex] ?? 0, positionOf.get(field) ?? 0),
  };
  return { table: problems.length ? null : table, problems };
}

/**
 * Problems with quoting, located exactly. Only on the error path: the file is
 * parsed again whole, because PapaParse's positions inside chunks are relative.
 */
function quoteProblems(text: string, locator: TextLocator, file: string): Problem[] {
  const parsed = Papa.parse<string[]>(text, { ...PARSE_OPTIONS, newline: detectNewline(text) });
  const problems: Problem[] = [];
  const reported = new Set<number>();
  // An unclosed quote is the cause when PapaParse reports both at one place.
  const errors = [...parsed.errors].sort(
    (a, b) => Number(b.code === "MissingQuotes") - Number(a.code === "MissingQuotes"),
  );
  for (const error of errors) {
    // PapaParse points just past the opening quote of the field in trouble.
    const offset = typeof error.index === "number" ? Math.max(0, error.index - 1) : -1;
    if (reported.has(offset)) continue;
    reported.add(offset);
    const at = offset >= 0 ? locator.offset(offset) : locator.field(error.row ?? 0, 0);
    const message =
      error.code === "MissingQuotes"
        ? 'the quoted field that starts here is never closed, expected a closing " before the end of the field'
        : error.code === "InvalidQuotes"
          ? 'a quote appears inside an unquoted field, expected the whole field in quotes with inner quotes doubled ("")'
          : `${error.message.toLowerCase()}, expected a well-formed CSV row`;
    problems.push({ file, ...at, field: "row", message, severity: "error" });
  }
  return problems;
}

/** Converts a record's cells; returns null when any cell could not be read. */
function readRow(
  record: string[],
  columns: Column[],
  onError: (spec: ColumnSpec, index: number, message: string) => void,
): Record<string, unknown> | null {
  const row: Record<string, unknown> = {};
  let ok = true;
  for (const { spec, index, read } of columns) {
    const raw = record[index]!;
    const value = raw.length > MAX_CELL_LENGTH ? UNREADABLE : read(raw);
    if (value !== UNREADABLE) {
      row[spec.name] = value;
      continue;
    }
    ok = false;
    if (raw.length > MAX_CELL_LENGTH) {
      const length = raw.length.toLocaleString("en-GB");
      onError(
        spec,
        index,
        `the value is ${length} characters long, expected at most ${MAX_CELL_LENGTH.toLocaleString("en-GB")}`,
      );
    } else {
      const cell = readCell(spec, raw);
      onError(spec, index, cell.ok ? "could not be read" : cell.message);
    }
  }
  return ok ? row : null;
}

/** Words for a zod issue: what is wrong with the value, then what was expected. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = typeof value === "string" ? quoteValue(value) : JSON.stringify(value);
  switch (issue.code) {
    case "invalid_value":
      return `${shown} is not allowed, expected one of: ${issue.values.map(String).join(", ")}`;
    case "too_small":
      if (value === "") return `is empty, expected ${issue.message}`;
      return `${shown} is too small, expected ${issue.message}`;
    case "too_big":
      return `${shown} is too large, expected ${issue.message}`;
    default:
      return `${shown} is not valid, expected ${issue.message}`;
  }
}

/** The file's line ending, from its first line (PapaParse needs one for the whole file). */
function detectNewline(text: string): "\r\n" | "\n" | "\r" {
  const end = text.search(/[\r\n]/);
  if (end === -1 || text[end] === "\n") return "\n";
  return text[end + 1] === "\n" ? "\r\n" : "\r";
}
