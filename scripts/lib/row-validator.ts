/**
 * A fast yes/no check of a converted row, compiled with ajv from the JSON
 * Schema that zod generates for the table. Valid rows (nearly all of them)
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
  format?: string;
  pattern?: string;
  anyOf?: PropertySchema[];
}

const cache = new WeakMap<z.ZodObject, RowCheck>();

export function compileRowCheck(schema: z.ZodObject): RowCheck {
  const cached = cache.get(schema);
  if (cached) return cached;
  const jsonSchema = structuredClone(rowJsonSchema(schema)) as { properties: Record<string, PropertySchema> };
  const formats: Record<string, (value: string) => boolean> = {};
  for (const [name, property] of Object.entries(jsonSchema.properties)) {
    for (const variant of property.anyOf ?? [property]) {
      if (!variant.format) continue;
      // Each field gets its own format name, checked by that field's own zod schema.
      const format = `${variant.format}:${name}`;
      const field = schema.shape[name] as z.ZodType;
      formats[format] = variant.pattern ? () => true : (value) => field.safeParse(value).success;
      variant.format = format;
    }
  }
  const check = new Ajv({ formats, strict: false }).compile(jsonSchema) as RowCheck;
  cache.set(schema, check);
  return check;
}
