/**
 * A fast yes/no check of a converted row: zod's own for a table's first rows
 * (rowCheck), then one compiled with ajv from the JSON Schema that zod
 * generates for the table. Valid rows (nearly all of them) of a large table
 * never pay for zod's richer error reporting; a row ajv rejects is handed to
 * zod, which stays the arbiter and writes the message.
 *
 * Formats: where zod emitted its own regex beside the format (dates), the
 * regex does the check; otherwise (web addresses) the zod field itself is
 * called, so ajv and zod cannot disagree.
 */
import { Ajv } from "ajv";
import type { z } from "zod";
import { rowJsonSchema } from "../../src/data/columns.ts";

export type RowCheck = (row: Record<string, unknown>) => boolean;

interface PropertySchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  anyOf?: PropertySchema[];
}

const cache = new WeakMap<z.ZodObject, RowCheck>();

/** ajv's logger, but for its notice that the `unicode` option is deprecated. */
const quietAboutUnicode = {
  log: console.log,
  warn: (...args: unknown[]) => {
    if (!String(args[0]).includes("option unicode")) console.warn(...args);
  },
  error: console.error,
};

/**
 * One ajv for every table: making an Ajv costs about as much as compiling a
 * table's check with it. The schema is zod's own output, so ajv's check of it
 * against the JSON Schema meta-schema (the costliest part of compiling) is
 * skipped. `unicode: false` counts a string's length in UTF-16 units, as
 * zod's min() does (by default ajv counts the code points of every string,
 * slowly); ajv 8 still honours the option, and only says it is deprecated.
 */
let ajv: Ajv | null = null;
/** Format names already given, so that each field's format has its own. */
let formatCount = 0;

/**
 * Rows a table's check gives to zod before it compiles ajv's: compiling costs
 * as much as zod's check of a couple of thousand rows, so a table of the real
 * data's size (tens to hundreds of rows) never pays for it, nor does the
 * start-up of `npm run data:check`, and a large one pays once.
 */
export const ROWS_BEFORE_COMPILING = 2000;

/**
 * A yes/no check of a table's converted rows: zod's own (the arbiter) for the
 * first ROWS_BEFORE_COMPILING rows, then the compiled one below.
 */
export function rowCheck(schema: z.ZodObject): RowCheck {
  const compiled = cache.get(schema);
  if (compiled) return compiled;
  let checked = 0;
  let check: RowCheck = (row) => schema.safeParse(row).success;
  return (row) => {
    if (++checked === ROWS_BEFORE_COMPILING) check = compileRowCheck(schema);
    return check(row);
  };
}

export function compileRowCheck(schema: z.ZodObject): RowCheck {
  const cached = cache.get(schema);
  if (cached) return cached;
  ajv ??= new Ajv({ strict: false, validateSchema: false, unicode: false, logger: quietAboutUnicode });
  const jsonSchema = structuredClone(rowJsonSchema(schema)) as { properties: Record<string, PropertySchema> };
  for (const [name, property] of Object.entries(jsonSchema.properties)) {
    for (const variant of property.anyOf ?? [property]) {
      if (!variant.format) continue;
      // Each field gets its own format, checked by that field's own zod schema.
      const format = `${variant.format}:${name}:${++formatCount}`;
      const field = schema.shape[name] as z.ZodType;
      ajv.addFormat(format, variant.pattern ? () => true : (value: string) => field.safeParse(value).success);
      variant.format = format;
    }
    jsonSchema.properties[name] = withoutNullBranch(property);
  }
  const check = ajv.compile(jsonSchema) as RowCheck;
  cache.set(schema, check);
  return check;
}

/** Keywords that apply to values of one type only: a null passes each of them. */
const TYPE_SPECIFIC = new Set(["type", "minLength", "maxLength", "pattern", "format", "minimum", "maximum"]);
for (const keyword of ["exclusiveMinimum", "exclusiveMaximum", "multipleOf", "description"]) TYPE_SPECIFIC.add(keyword);

/**
 * A nullable field, `anyOf: [value, { type: "null" }]` in zod's JSON Schema,
 * as the value's schema with "null" added to its type, when every other
 * keyword applies only to the value's type: valid for exactly the same
 * values, but ajv's code for anyOf builds an error object for each branch
 * that fails (a null fails the first) on every row.
 */
function withoutNullBranch(property: PropertySchema): PropertySchema | Record<string, unknown> {
  const variants = property.anyOf;
  if (variants?.length !== 2) return property;
  const nullIndex = variants.findIndex((variant) => variant.type === "null" && Object.keys(variant).length === 1);
  const value = variants[1 - nullIndex];
  if (nullIndex === -1 || typeof value?.type !== "string" || value.type === "null") return property;
  if (!Object.keys(value).every((keyword) => TYPE_SPECIFIC.has(keyword))) return property;
  const rest: Record<string, unknown> = { ...property };
  delete rest.anyOf;
  return { ...rest, ...value, type: [value.type, "null"] };
}
