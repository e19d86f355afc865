/**
 * Column specifications derived from the zod schemas (through their JSON
 * Schema), so that CSV conversion, the published schemas and the data page's
 * column dictionary can never disagree with the schema itself.
 */
import { z } from "zod";

/** How a column's cells are written in CSV and typed in JSON. */
export type ColumnKind = "string" | "integer" | "number" | "boolean" | "date";

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** An empty cell is allowed and published as null. */
  nullable: boolean;
  description: string;
  /** Allowed values, when the column has a controlled list. */
  allowedValues: string[] | null;
  /** Regular expression the value must match, if any (ids, dates). */
  pattern: string | null;
  /** JSON Schema format (`uri`, `date`), if any. */
  format: string | null;
  minimum: number | null;
  maximum: number | null;
}

interface JsonSchemaProperty {
  type?: string;
  anyOf?: JsonSchemaProperty[];
  enum?: string[];
  description?: string;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

/** The JSON Schema (draft-07) of one row of a table. */
export function rowJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: "draft-7", io: "output" }) as Record<string, unknown>;
}

const cache = new WeakMap<z.ZodObject, ColumnSpec[]>();

/** The columns of a table, in schema order. */
export function columnSpecs(schema: z.ZodObject): ColumnSpec[] {
  const cached = cache.get(schema);
  if (cached) return cached;
  const properties = rowJsonSchema(schema).properties as Record<string, JsonSchemaProperty>;
  const specs = Object.entries(properties).map(([name, property]) => {
    const variants = property.anyOf ?? [property];
    const nullable = variants.some((variant) => variant.type === "null");
    const value = variants.find((variant) => variant.type !== "null") ?? {};
    const kind: ColumnKind =
      value.type === "integer" || value.type === "number" || value.type === "boolean"
        ? value.type
        : value.format === "date"
          ? "date"
          : "string";
    return {
      name,
      kind,
      nullable,
      description: property.description ?? value.description ?? "",
      allowedValues: value.enum ?? null,
      pattern: kind === "date" ? null : (value.pattern ?? null),
      format: value.format ?? null,
      minimum: value.minimum ?? null,
      maximum: value.maximum ?? null,
    };
  });
  cache.set(schema, specs);
  return specs;
}

/** The result of reading one CSV cell. */
export type CellResult = { ok: true; value: string | number | boolean | null } | { ok: false; message: string };

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** 12,5: a decimal comma, as spreadsheets in much of Europe write numbers. */
const DECIMAL_COMMA = /^-?\d+,\d{1,2}$|^-?\d+,\d{4,}$/;
/**
 * 31.000: a thousands point, as spreadsheets in much of Europe write 31000.
 * A whole-number column never has a decimal point, so it is refused there
 * rather than read as 31 (or 2.315 as a fraction); in a column of decimals
 * only the form with two points or more (1.234.567) is sure to be one.
 */
const THOUSANDS_POINT = /^-?\d{1,3}(?:\.\d{3})+$/;
const THOUSANDS_POINTS = /^-?\d{1,3}(?:\.\d{3}){2,}$/;

/**
 * The one case rule for every column with a controlled list (yes/no, unit,
 * measure, multiplicity...): any case is accepted (`Several`, `YES`, as
 * spreadsheets capitalise), and the canonical form is published.
 */
function canonicalValues(spec: ColumnSpec): Map<string, string> | null {
  return spec.allowedValues ? new Map(spec.allowedValues.map((value) => [value.toLowerCase(), value])) : null;
}

/**
 * Converts one CSV cell to its typed value. Each kind is converted on
 * purpose (no dynamic typing): "1,000" and "about 300" are errors, not
 * numbers or strings that happen to look fine.
 */
export function readCell(spec: ColumnSpec, raw: string): CellResult {
  const cell = raw.trim();
  if (cell === "") {
    if (spec.nullable) return { ok: true, value: null };
    if (spec.kind === "string" || spec.kind === "date") return { ok: true, value: "" };
    return { ok: false, message: `is empty, expected ${expectedFor(spec)}` };
  }
  switch (spec.kind) {
    case "integer":
    case "number": {
      if ((spec.kind === "integer" ? THOUSANDS_POINT : THOUSANDS_POINTS).test(cell)) {
        const plain = cell.replaceAll(".", "");
        const kind = spec.kind === "integer" ? "a whole number" : "a plain number";
        return {
          ok: false,
          message: `${JSON.stringify(cell)} looks like a thousands separator: ${cell} means ${plain}?, expected ${kind} without separators, such as ${plain}`,
        };
      }
      if (PLAIN_NUMBER.test(cell)) return { ok: true, value: Number(cell) };
      if (GROUPED_NUMBER.test(cell)) {
        const plain = cell.replaceAll(",", "");
        return { ok: false, message: `${JSON.stringify(cell)} has a thousands separator, expected a plain number such as ${plain}` };
      }
      if (DECIMAL_COMMA.test(cell)) {
        const plain = cell.replace(",", ".");
        return { ok: false, message: `${JSON.stringify(cell)} has a decimal comma, expected a decimal point, as in ${plain}` };
      }
      return { ok: false, message: `${JSON.stringify(shorten(cell))} is not a number, expected ${expectedFor(spec)}` };
    }
    case "boolean": {
      const answer = cell.toLowerCase();
      if (answer === "yes") return { ok: true, value: true };
      if (answer === "no") return { ok: true, value: false };
      return { ok: false, message: `${JSON.stringify(shorten(cell))} is not yes or no, expected yes or no` };
    }
    default:
      return { ok: true, value: canonicalValues(spec)?.get(cell.toLowerCase()) ?? cell };
  }
}

/** Controlled values a compiled cell reader compares a cell with one by one, rather than looking it up. */
const SHORT_LIST = 12;

/** Returned by a compiled cell reader when the cell cannot be read; `readCell` then says why. */
export const UNREADABLE = Symbol("unreadable");

/**
 * A reader specialised to one column, for the hot loop: no allocation per
 * cell, and the same results as `readCell` (which writes the error message).
 */
export function compileCellReader(spec: ColumnSpec): (raw: string) => string | number | boolean | null | typeof UNREADABLE {
  const empty = spec.nullable ? null : spec.kind === "string" || spec.kind === "date" ? "" : UNREADABLE;
  switch (spec.kind) {
    case "integer":
      return (raw) => {
        const cell = raw.trim();
        if (cell === "") return empty;
        // 31.000 is a thousands separator, not 31: readCell says so.
        if (cell.includes(".") && THOUSANDS_POINT.test(cell)) return UNREADABLE;
        return PLAIN_NUMBER.test(cell) ? Number(cell) : UNREADABLE;
      };
    case "number":
      return (raw) => {
        const cell = raw.trim();
        if (cell === "") return empty;
        return PLAIN_NUMBER.test(cell) ? Number(cell) : UNREADABLE;
      };
    case "boolean":
      return (raw) => {
        const cell = raw.trim().toLowerCase();
        if (cell === "") return empty;
        return cell === "yes" ? true : cell === "no" ? false : UNREADABLE;
      };
    default: {
      const canonical = canonicalValues(spec);
      if (canonical) {
        // A value already in its canonical form (nearly every cell) is found without lowering its case:
        // in a short list by comparing (a string read from the file has no hash yet; working one out
        // for a lookup costs more than a few comparisons), in a longer one by a lookup.
        const allowed = spec.allowedValues!;
        const exact = allowed.length <= SHORT_LIST ? null : new Map(allowed.map((value) => [value, value]));
        const find = exact
          ? (cell: string) => exact.get(cell)
          : (cell: string) => {
              for (let index = 0; index < allowed.length; index++) if (allowed[index] === cell) return allowed[index];
              return undefined;
            };
        return (raw) => {
          const cell = raw.trim();
          return cell === "" ? empty : (find(cell) ?? canonical.get(cell.toLowerCase()) ?? cell);
        };
      }
      return (raw) => {
        const cell = raw.trim();
        return cell === "" ? empty : cell;
      };
    }
  }
}

/** Words for what a column accepts, for error messages and the data page. */
export function expectedFor(spec: ColumnSpec): string {
  if (spec.allowedValues) return `one of: ${spec.allowedValues.join(", ")}`;
  switch (spec.kind) {
    case "integer":
      return "a whole number such as 42";
    case "number":
      return "a plain number such as 12.5";
    case "boolean":
      return "yes or no";
    case "date":
      return "a date written YYYY-MM-DD";
    default:
      return spec.format === "uri" ? "a web address starting with https://" : "some text";
  }
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
