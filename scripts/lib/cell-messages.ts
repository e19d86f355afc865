/**
 * Words for a cell that zod rejected: what is wrong with the value, then
 * what was expected, with an example of the right kind taken from the data
 * itself where there is one (a category id for a category, not a case id).
 */
import type { z } from "zod";
import { explainBadDate, paddedDate } from "./date-words.ts";
import { quoteValue } from "./problem.ts";

/** `issue` is zod's; `example` is a real value of the right kind for this column, if known. */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown, example: string | null): string {
  const expected = withExample(issue.message, example);
  const shown = typeof value === "string" ? quoteValue(value) : JSON.stringify(value);
  if (value === "") return `is empty, expected ${expected}`;
  switch (issue.code) {
    case "invalid_value":
      return `${shown} is not allowed, expected one of: ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return `${shown} is too small, expected ${expected}`;
    case "too_big":
      return `${shown} is too large, expected ${expected}`;
    case "invalid_format":
      if (issue.format === "date" && typeof value === "string") {
        const padded = paddedDate(value);
        if (padded) {
          const wrong = explainBadDate(padded);
          if (wrong) return `${shown}: ${wrong}, expected a date that exists, written YYYY-MM-DD`;
          return `${shown} has a one-digit month or day, expected two digits each: ${padded}`;
        }
        const why = explainBadDate(value);
        const exists = /^\d{4}-\d{2}-\d{2}$/.test(value) ? "a date that exists, written" : "a date written";
        if (why) return `${shown}: ${why}, expected ${exists} YYYY-MM-DD`;
      }
      return `${shown} is not valid, expected ${expected}`;
    default:
      return `${shown} is not valid, expected ${expected}`;
  }
}

/** The schema's own words, ending in "such as <a real value>" when the data offers one. */
function withExample(expected: string, example: string | null): string {
  if (!example) return expected;
  const base = expected.replace(/, such as \S+$/, "");
  return `${base}, such as ${example}`;
}
