/**
 * Same-day releases (walkthrough 2.6): when two releases share a day, the
 * later version is the latest, compared number by number (1.10.0 after
 * 1.9.0), then its correction; every surface that picks "the latest
 * release" agrees: a chart's "Updated" link, the data version, "Data
 * updated", the feed (each release followed by its own corrections) and the
 * changelog's order. The release rows here are made up in memory for the
 * test, never written to data/: dated the day after the committed latest
 * release and numbered in the next major version, so they are the latest
 * and share no version with the committed history, whatever it holds (the
 * walkthrough's 1.1.0 and 1.2.0 are MAJOR.1.0 and MAJOR.2.0 here).
 */
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import type { Correction, Dataset, Release } from "../src/data/schema.ts";
import { chartUpdate, releaseAnchor } from "../src/lib/chart-updates.ts";
import { compareVersions, latestRelease, releasesNewestFirst } from "../src/lib/release-order.ts";
import { resolveFact } from "../src/lib/story-facts.ts";
import { currentRelease } from "../src/publish/datapackage.ts";
import { atomFeed } from "../src/publish/feed.ts";

const committedLatest = latestRelease(dataset.releases);
if (!committedLatest) throw new Error("data/releases.csv has no release.");
/** The day after the committed latest release. */
const DAY = new Date(Date.parse(`${committedLatest.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** A major version after every committed one. */
const MAJOR = Number(committedLatest.version.split(".")[0]) + 1;
/** The made-up version MAJOR.minor.0. */
const v = (minor: number) => `${MAJOR}.${minor}.0`;
const release = (version: string, charts: string | null = "breach-types"): Release => ({
  version,
  date: DAY,
  note: `Release ${version}.`,
  charts,
});
const correction = (version: string, change: string): Correction => ({
  date: DAY,
  change,
  reason: "A test reason.",
  table: null,
  row: null,
  column: null,
  old_value: null,
  new_value: null,
  figures: null,
  charts: "breach-types",
  version,
});
/** The committed data with more releases and corrections after its own. */
const withHistory = (releases: Release[], corrections: Correction[] = []): Dataset => ({
  ...dataset,
  releases: [...dataset.releases, ...releases],
  corrections: [...dataset.corrections, ...corrections],
});

describe("release order", () => {
  it("compares versions as numbers, part by part", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.9.0", "1.10.0")).toBeLessThan(0);
    expect(compareVersions("2.0.0", "1.99.99")).toBeGreaterThan(0);
    expect(compareVersions("1.0.10", "1.0.9")).toBeGreaterThan(0);
    expect(compareVersions("1.2.0", "1.2.0")).toBe(0);
  });

  it("takes the latest by date, then version, whatever the rows' order", () => {
    const rows = [release("1.10.0"), release("1.9.0")];
    expect(latestRelease(rows)?.version).toBe("1.10.0");
    expect(latestRelease([...rows].reverse())?.version).toBe("1.10.0");
    expect(latestRelease([{ ...release("1.10.0"), date: "2026-12-02" }, release("1.9.0")])?.version).toBe("1.9.0");
    expect(releasesNewestFirst([release("1.9.0"), release("1.10.0"), release("1.0.0")]).map((r) => r.version)).toEqual([
      "1.10.0",
      "1.9.0",
      "1.0.0",
    ]);
  });
});

describe("a chart changed by two releases on the same day", () => {
  it("links to the later release, as the walkthrough's 1.1.0 then 1.2.0", () => {
    const update = chartUpdate("breach-types", withHistory([release(v(1)), release(v(2))]));
    expect(update?.version).toBe(v(2));
    expect(update?.anchor).toBe(releaseAnchor(v(2)));
  });

  it("compares the versions as numbers: x.10.0 is later than x.9.0, in either row order", () => {
    expect(chartUpdate("breach-types", withHistory([release(v(9)), release(v(10))]))?.version).toBe(v(10));
    expect(chartUpdate("breach-types", withHistory([release(v(10)), release(v(9))]))?.version).toBe(v(10));
  });

  it("prefers the later release to an earlier release's correction, and that release's correction to it", () => {
    const earlierCorrected = withHistory(
      [release(v(1)), release(v(2))],
      [correction(v(1), "Breach types: a count restated")],
    );
    expect(chartUpdate("breach-types", earlierCorrected)?.anchor).toBe(releaseAnchor(v(2)));

    const laterCorrected = withHistory(
      [release(v(1)), release(v(2))],
      [correction(v(2), "Breach types: a count restated")],
    );
    const update = chartUpdate("breach-types", laterCorrected);
    expect(update?.version).toBe(v(2));
    expect(update?.anchor).toBe(`correction-${dataset.corrections.length + 1}`);
    expect(update?.correction?.change).toBe("Breach types: a count restated");
  });
});

describe("the latest release everywhere else", () => {
  const data = withHistory([release(v(10), null), release(v(9), null)]);

  it("is the data version and the 'Data updated' line's release", () => {
    expect(currentRelease(data).version).toBe(v(10));
    expect(resolveFact("releases:last", data).label).toContain(`version ${v(10)}`);
  });

  it("orders the feed by release, newest first, each release followed by its own corrections", () => {
    const corrections = [
      correction(v(1), `First correction in ${v(1)}`),
      correction(v(1), `Second correction in ${v(1)}`),
      correction(v(2), `Correction in ${v(2)}`),
    ];
    const feedTitles = (releases: Release[]) => {
      const xml = atomFeed(withHistory(releases, corrections), { site: new URL("https://news.example"), base: "/" });
      const { feed } = new XMLParser().parse(xml) as { feed: { entry: { title: string }[] } };
      return feed.entry.map((entry) => String(entry.title));
    };
    const titles = feedTitles([release(v(1)), release(v(2))]);
    // The same order whatever the releases' rows: by version, not by row.
    expect(feedTitles([release(v(2)), release(v(1))])).toEqual(titles);
    expect(titles.slice(0, 5)).toEqual([
      `Release ${v(2)}: Release ${v(2)}.`,
      `Correction: Correction in ${v(2)}`,
      `Release ${v(1)}: Release ${v(1)}.`,
      `Correction: Second correction in ${v(1)}`,
      `Correction: First correction in ${v(1)}`,
    ]);
    expect(titles).toHaveLength(5 + dataset.releases.length + dataset.corrections.length);
  });
});
