/**
 * How every surface dates the data: the version of the tables a reader is
 * looking at, and when the findings were first reported. A release date
 * alone ("Data updated 24 November 2026") reads as new findings; the
 * version line says the 2026 date is the tables', and the findings' own
 * date beside it.
 */
import { ROW_IDS } from "../data/row-ids.ts";
import type { Dataset } from "../data/schema.ts";
import { formatFact, type Fact } from "./facts.ts";
import { latestRelease } from "./release-order.ts";
import { resolveFact } from "./story-facts.ts";

/** The fact key of the month the Met findings were first reported: the Met period's source, published. */
export function findingsReportedKey(data: Dataset): string {
  const period = data.periods.find((candidate) => candidate.id === ROW_IDS.metPeriod);
  if (!period) throw new Error(`periods.csv has no row "${ROW_IDS.metPeriod}"`);
  return `sources:${period.source}:published-month`;
}

/** The current release (the latest in releases.csv, by date then version). */
function lastRelease(data: Dataset) {
  const release = latestRelease(data.releases);
  if (!release) throw new Error("releases.csv has no rows: the data version comes from its last row");
  return release;
}

/**
 * "Data version 1.0.0 (24 November 2026); the findings were reported in May
 * 2014": `reported` is the month the figures in question were first
 * reported (a chart's own, or the story's: findingsReportedKey).
 */
export function dataVersionLine(data: Dataset, reported: Fact): string {
  const release = lastRelease(data);
  const date = formatFact(resolveFact("releases:last", data));
  return `Data version ${release.version} (${date}); the findings were reported in ${formatFact(reported)}`;
}
