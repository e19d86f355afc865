/**
 * Writes the CSV downloads: UTF-8 with a byte-order mark (so spreadsheet
 * software detects the encoding), RFC 4180 quoting, CRLF line ends, and a
 * guard against formula injection.
 *
 * Cells by kind:
 * - number, integer: the plain JavaScript number (no thousands separators);
 * - boolean: `yes` / `no`, as the editors' CSV in data/ writes them (the
 *   datapackage declares these as its trueValues / falseValues);
 * - date, string: the text itself;
 * - null: an empty cell (the datapackage's missingValues is `[""]`).
 *
 * Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that
 * starts with `=`, `+`, `-` or `@` (and some also after a tab, CR or LF) as
 * a formula. A text cell that starts with one of these, after any number of
 * apostrophes, is written with one more apostrophe in front. Numbers are
 * never text cells, so `-5` stays `-5`. The rule is reversible:
 * {@link restoreText} removes the apostrophe again, so a reader of the CSV
 * can recover exactly what the JSON download holds.
 */
import type { ColumnKind } from "../data/columns.ts";

/** A column as the writer needs it: its header and how to write its cells. */
export interface CsvColumn {
  name: string;
  kind: ColumnKind;
}

/** A row's value: what the JSON downloads hold. */
export type CsvValue = string | number | boolean | null | undefined;

/** The text written for `true` and `false` (the datapackage's trueValues / falseValues). */
export const CSV_TRUE = "yes";
export const CSV_FALSE = "no";

/** Line end between records (and after the last one). */
export const CSV_LINE_END = "\r\n";

/** The UTF-8 byte-order mark that starts every CSV download. */
export const BOM = "\uFEFF";

/** Characters that make a spreadsheet treat a cell as a formula. */
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"] as const;

// Apostrophes first, so that a value that already starts with `'=` is also
// prefixed: that is what makes the rule reversible.
const NEEDS_GUARD = /^'*[=+\-@\t\r\n]/;
const GUARDED = /^'+[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text value as written to CSV: with an apostrophe in front when a spreadsheet would run it. */
export function neutralise(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** Undoes {@link neutralise}: the text value a CSV text cell stands for. */
export function restoreText(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/** One field, quoted per RFC 4180 when it holds a comma, a quote, CR or LF. */
export function quoteField(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** One cell's text, before quoting. */
export function formatCell(column: CsvColumn, value: CsvValue): string {
  if (value === null || value === undefined) return "";
  switch (column.kind) {
    case "integer":
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new TypeError(`CSV column "${column.name}" holds numbers, got ${JSON.stringify(value)}`);
      }
      if (column.kind === "integer" && !Number.isInteger(value)) {
        throw new TypeError(`CSV column "${column.name}" holds whole numbers, got ${value}`);
      }
      // String(n) never groups digits, and Number() reads it back exactly.
      return String(value);
    case "boolean":
      if (typeof value !== "boolean") {
        throw new TypeError(`CSV column "${column.name}" holds yes/no values, got ${JSON.stringify(value)}`);
      }
      return value ? CSV_TRUE : CSV_FALSE;
    default:
      return neutralise(String(value));
  }
}

/** A whole CSV file as text: BOM, header, one CRLF-terminated record per row. */
export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, CsvValue>[]): string {
  const header = columns.map((column) => quoteField(neutralise(column.name))).join(",");
  const records = rows.map((row) =>
    columns.map((column) => quoteField(formatCell(column, row[column.name]))).join(","),
  );
  return BOM + [header, ...records].map((record) => record + CSV_LINE_END).join("");
}
