/**
 * Words for the data page: dates, counts and column types as a reader sees
 * them. Dates go through formatFact so they read exactly as in the story.
 */
import type { ColumnSpec } from "../../data/columns.ts";
import { formatFact } from "../../lib/facts.ts";
import { smallNumberWord } from "../../lib/number-words.ts";

/** UTC midnight of a date written YYYY, YYYY-MM or YYYY-MM-DD, in ms. */
function utcTime(iso: string): number {
  const [year = Number.NaN, month = 1, day = 1] = iso.split("-").map(Number);
  const time = Date.UTC(year, month - 1, day);
  if (Number.isNaN(time)) throw new Error(`Not a date written YYYY, YYYY-MM or YYYY-MM-DD: "${iso}"`);
  return time;
}

/** A date as precise as it is written: "6 May 2014", "May 2014" or "2014". */
export function dateText(iso: string): string {
  const parts = iso.split("-").length;
  const format = parts === 3 ? "date" : parts === 2 ? "month-year" : "year";
  const value = format === "year" ? Number(iso) : utcTime(iso);
  return formatFact({ value, format, source: "", label: iso });
}

/** A whole number as a reader sees it: one to nine in words (house style), then digits with en-GB grouping. */
export function countText(value: number): string {
  return smallNumberWord(value) ?? value.toLocaleString("en-GB");
}

/** "1 row", "16 rows": the noun that goes with a count. */
export function noun(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** A column's type in words, for the column dictionary. */
export function typeText(spec: Pick<ColumnSpec, "kind" | "format">): string {
  switch (spec.kind) {
    case "integer":
      return "whole number";
    case "number":
      return "number";
    case "boolean":
      return "yes or no";
    case "date":
      return "date (YYYY-MM-DD)";
    default:
      return spec.format === "uri" ? "web address" : "text";
  }
}
