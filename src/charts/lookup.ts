/**
 * Rows the chart entries need, found by id, and the periods they cover as
 * Facts. A missing row is a build error, never a silently empty chart.
 */
import { ROW_IDS } from "../data/row-ids.ts";
import type { Dataset, Figure, Period } from "../data/schema.ts";
import { isoDateFact, type Phrase } from "../lib/facts.ts";

/** Figure of the Met's total substantiated breaches (figures.csv). */
export const TOTAL_FIGURE = ROW_IDS.metTotal;
/** Figure of the reported share that ended in a sacking or retirement (figures.csv). */
export const SACKED_OR_RETIRED_FIGURE = ROW_IDS.sackedOrRetiredShare;
/** The period of the Big Brother Watch national figures (periods.csv). */
export const NATIONAL_PERIOD = ROW_IDS.nationalPeriod;

/** A row by id; throws naming the table when it is missing. */
export function findRow<T extends { id: string }>(rows: readonly T[], id: string, table: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`Chart data: no row "${id}" in ${table}.csv`);
  return row;
}

export function findFigure(data: Dataset, id: string): Figure {
  return findRow(data.figures, id, "figures");
}

export function findPeriod(data: Dataset, id: string): Period {
  return findRow(data.periods, id, "periods");
}

/** "January 2009 to October 2013", as Facts from periods.csv. */
export function monthSpan(period: Period): Phrase {
  return [
    isoDateFact(period.start, period.source, `Start of the period: ${period.label}`, "month-year"),
    " to ",
    isoDateFact(period.end, period.source, `End of the period: ${period.label}`, "month-year"),
  ];
}

/** "1 June 2011 to 31 December 2015", as Facts from periods.csv. */
export function daySpan(period: Period): Phrase {
  return [
    isoDateFact(period.start, period.source, `First day of the period: ${period.label}`),
    " to ",
    isoDateFact(period.end, period.source, `Last day of the period: ${period.label}`),
  ];
}

/** Text with its first letter capitalised (for a sentence that starts with a Fact such as "about 20%"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Distinct values, in first-seen order. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
