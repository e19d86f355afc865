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
  /**
   * Set when we computed the number (a sum, share, rate, difference, a count
   * of rows or days) rather than read it from a published table: how, with
   * its inputs ("1,765 days ÷ 300 breaches"). `source` then names the source
   * of the inputs, and every surface says "our calculation".
   */
  derived?: string;
}

/** Text with numbers in it: plain strings and Facts, in reading order. */
export type Phrase = readonly (string | Fact)[];

/** Month names, January first, as a British reader writes them. */
export const MONTHS = [
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
] as const;

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

/**
 * A Fact as plain text, hedged with "about" when it is approximate (the way
 * the story writes it by default). formatFact gives the bare number.
 */
export function plainFactText(fact: Fact): string {
  return fact.approximate ? `about ${formatFact(fact)}` : formatFact(fact);
}

/**
 * A phrase as plain text (for aria labels, alt text, oEmbed titles).
 * Approximate facts read "about …", so phrases never write "about" before a
 * Fact themselves.
 */
export function phraseText(phrase: Phrase): string {
  return phrase.map((part) => (typeof part === "string" ? part : plainFactText(part))).join("");
}

/** Shorthand for a count fact. */
export function countFact(value: number, source: string, label: string, approximate = false): Fact {
  return { value, format: "count", source, label, approximate };
}

/** Shorthand for a percent fact (a share out of 100). */
export function percentFact(value: number, source: string, label: string, approximate = false, digits = 0): Fact {
  return { value, format: "percent", source, label, approximate, digits };
}

/** Shorthand for a decimal fact, such as a rate. */
export function decimalFact(value: number, source: string, label: string, approximate = false, digits = 1): Fact {
  return { value, format: "decimal", source, label, approximate, digits };
}

/** A YYYY-MM-DD date as a Fact, written as a day ("1 June 2011") or a month ("June 2011"). */
export function isoDateFact(
  isoDate: string,
  source: string,
  label: string,
  format: "date" | "month-year" = "date",
): Fact {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not a date: ${isoDate}`);
  return { value: Date.UTC(year, month - 1, day), format, source, label };
}
