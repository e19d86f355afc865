/**
 * The release history as readers meet it: when each chart's data last
 * changed after first publication, and which correction says why. Read
 * from releases.csv (`charts`: the charts a release changed) and
 * corrections.csv (`charts`, `version`), both written by `npm run release`.
 */
import type { Correction, Dataset } from "../data/schema.ts";
import type { Fact } from "./facts.ts";
import { utcDay } from "./periods.ts";
import { compareReleases, latestRelease } from "./release-order.ts";
import { RELEASES_SOURCE } from "./story-facts.ts";

/** A chart's latest change after first publication. */
export interface ChartUpdate {
  /** YYYY-MM-DD of the release that changed it. */
  date: string;
  version: string;
  /** The anchor on the data page to link to: the latest correction about the chart, else the release. */
  anchor: string;
  /** That correction, when there is one. */
  correction: Correction | null;
}

const ids = (list: string | null | undefined) => (list ?? "").split(" ").filter(Boolean);

/** The anchor of a correction on the data page (and the story): its row number in corrections.csv, from 1. */
export const correctionAnchor = (index: number) => `correction-${index + 1}`;
/** The anchor of a release on the data page. */
export const releaseAnchor = (version: string) => `release-${version.replaceAll(".", "-")}`;

/** The release that carries a correction: the one it names, or else the latest. */
export function carryingRelease(correction: Correction, data: Dataset) {
  return (
    (correction.version ? data.releases.find((release) => release.version === correction.version) : undefined) ??
    latestRelease(data.releases)
  );
}

/** When a chart's data last changed after first publication, or null when it never did. */
export function chartUpdate(chartId: string, data: Dataset): ChartUpdate | null {
  const candidates: { date: string; version: string; correction: number | null }[] = [];
  data.releases.forEach((release, index) => {
    if (index > 0 && ids(release.charts).includes(chartId))
      candidates.push({ date: release.date, version: release.version, correction: null });
  });
  data.corrections.forEach((correction, index) => {
    const release = carryingRelease(correction, data);
    if (!release || !ids(correction.charts).includes(chartId)) return;
    candidates.push({ date: release.date, version: release.version, correction: index });
  });
  if (candidates.length === 0) return null;
  // The latest release (by date, then version: two releases can share a day); in that release, its
  // latest correction about the chart, to link to.
  const latest = candidates.reduce((best, candidate) => {
    const order = compareReleases(candidate, best);
    if (order !== 0) return order > 0 ? candidate : best;
    return candidate.correction !== null && (best.correction === null || candidate.correction > best.correction)
      ? candidate
      : best;
  });
  const correctionIndex =
    latest.correction ??
    data.corrections.findLastIndex(
      (correction) =>
        ids(correction.charts).includes(chartId) && carryingRelease(correction, data)?.version === latest.version,
    );
  const correction = correctionIndex >= 0 ? (data.corrections[correctionIndex] ?? null) : null;
  return {
    date: latest.date,
    version: latest.version,
    anchor: correction ? correctionAnchor(correctionIndex) : releaseAnchor(latest.version),
    correction,
  };
}

/** The date of a chart's update as a Fact credited to the release history. */
export function updateFact(update: ChartUpdate): Fact {
  return {
    value: utcDay(update.date),
    format: "date",
    source: RELEASES_SOURCE,
    label: `The chart’s data last changed in release ${update.version}`,
  };
}

/** Corrections newest first, each with its row index (for its anchor). */
export function correctionsNewestFirst(data: Dataset): { correction: Correction; index: number }[] {
  return data.corrections.map((correction, index) => ({ correction, index })).reverse();
}
