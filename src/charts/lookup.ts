/**
 * Rows the chart entries need, found by id, and the periods they cover as
 * Facts. A missing row is a build error, never a silently empty chart.
 */
import { ROW_IDS } from "../data/row-ids.ts";
import type { Dataset, Figure, Period } from "../data/schema.ts";
import { formatFact, isoDateFact, phraseText, type Fact, type Phrase } from "../lib/facts.ts";
import { publishedFact } from "../lib/story-facts.ts";
import type { ChartDating } from "./chart-definition.ts";

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

/** "between January 2009 and October 2013", as Facts from periods.csv: a period in running text. */
export function betweenMonths(period: Period): Phrase {
  const [start, , end] = monthSpan(period);
  return ["between ", start!, " and ", end!];
}

/** "January 2009 – October 2013", as Facts from periods.csv: the short form images and labels use. */
export function monthRange(period: Period): Phrase {
  const [start, , end] = monthSpan(period);
  return [start!, " – ", end!];
}

/** The month a source was published, as a Fact ("May 2014"), from sources.csv. */
export function reportedMonth(data: Dataset, sourceId: string): Fact {
  return publishedFact(findRow(data.sources, sourceId, "sources"), "month");
}

/** A period and the month its source reported it: the dating of a chart whose figures cover that period. */
export function periodDating(data: Dataset, period: Period): ChartDating {
  return { period: monthRange(period), reported: reportedMonth(data, period.source) };
}

/** "January 2009 – October 2013 · reported May 2014": a chart's dating on one line. */
export function datingLine(dating: ChartDating): string {
  return `${phraseText(dating.period)} · reported ${formatFact(dating.reported)}`;
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
