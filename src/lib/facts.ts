/**
 * Numbers shown to readers. Every figure in prose, captions and takeaways is
 * a Fact: the value from the generated data, how to format it, and the source
 * row it came from. Components render Facts as <data> elements carrying that
 * source, which is how the build test tells a data-driven number from one
 * typed by hand.
 */

/** One number a reader sees, with its provenance. */
export interface Fact {
  value: number;
  /** How to write it (en-GB). */
  format: "count" | "percent" | "decimal" | "year" | "month-year" | "date";
  /** Id of the source row in sources.csv. */
  source: string;
  /** What the number is, in words (a tooltip and the accessible description of its source). */
  label: string;
  /** Reported as approximate: shown with "about". */
  approximate?: boolean;
  /** Digits after the decimal point, for percent and decimal. */
  digits?: number;
}

/** Text with numbers in it: plain strings and Facts, in reading order. */
export type Phrase = readonly (string | Fact)[];

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A Fact as the text a reader sees, in British English. */
export function formatFact(fact: Fact): string {
  const digits = fact.digits ?? 0;
  switch (fact.format) {
    case "count":
      return fact.value.toLocaleString("en-GB");
    case "percent":
      return `${fact.value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
    case "decimal":
      return fact.value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    case "year":
      return String(fact.value);
    case "month-year": {
      // value is a UTC timestamp (ms) of a day in the month
      const date = new Date(fact.value);
      return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    }
    case "date": {
      const date = new Date(fact.value);
      return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    }
  }
}

/** A phrase as plain text (for aria labels, alt text, oEmbed titles). */
export function phraseText(phrase: Phrase): string {
  return phrase.map((part) => (typeof part === "string" ? part : formatFact(part))).join("");
}

/** Shorthand for a count fact. */
export function countFact(value: number, source: string, label: string, approximate = false): Fact {
  return { value, format: "count", source, label, approximate };
}
