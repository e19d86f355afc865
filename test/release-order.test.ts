/**
 * Same-day releases (walkthrough 2.6): when two releases share a day, the
 * later version is the latest, compared number by number (1.10.0 after
 * 1.9.0), then its correction; every surface that picks "the latest
 * release" agrees: a chart's "Updated" link, the data version, "Data
 * updated", the feed (each release followed by its own corrections) and the
 * changelog's order. The release rows here are made up in memory for the
 * test, never written to data/.
 */
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import type { Correction, Dataset, Release } from "../src/data/schema.ts";
import { chartUpdate } from "../src/lib/chart-updates.ts";
import { compareVersions, latestRelease, releasesNewestFirst } from "../src/lib/release-order.ts";
import { resolveFact } from "../src/lib/story-facts.ts";
import { currentRelease } from "../src/publish/datapackage.ts";
import { atomFeed } from "../src/publish/feed.ts";

const DAY = "2026-12-03";
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
    const update = chartUpdate("breach-types", withHistory([release("1.1.0"), release("1.2.0")]));
    expect(update?.version).toBe("1.2.0");
    expect(update?.anchor).toBe("release-1-2-0");
  });

  it("compares the versions as numbers: 1.10.0 is later than 1.9.0, in either row order", () => {
    expect(chartUpdate("breach-types", withHistory([release("1.9.0"), release("1.10.0")]))?.version).toBe("1.10.0");
    expect(chartUpdate("breach-types", withHistory([release("1.10.0"), release("1.9.0")]))?.version).toBe("1.10.0");
  });

  it("prefers the later release to an earlier release's correction, and that release's correction to it", () => {
    const earlierCorrected = withHistory(
      [release("1.1.0"), release("1.2.0")],
      [correction("1.1.0", "Breach types: a count restated")],
    );
    expect(chartUpdate("breach-types", earlierCorrected)?.anchor).toBe("release-1-2-0");

    const laterCorrected = withHistory(
      [release("1.1.0"), release("1.2.0")],
      [correction("1.2.0", "Breach types: a count restated")],
    );
    const update = chartUpdate("breach-types", laterCorrected);
    expect(update?.version).toBe("1.2.0");
    expect(update?.anchor).toBe(`correction-${dataset.corrections.length + 1}`);
    expect(update?.correction?.change).toBe("Breach types: a count restated");
  });
});

describe("the latest release everywhere else", () => {
  const data = withHistory([release("1.10.0", null), release("1.9.0", null)]);

  it("is the data version and the 'Data updated' line's release", () => {
    expect(currentRelease(data).version).toBe("1.10.0");
    expect(resolveFact("releases:last", data).label).toContain("version 1.10.0");
  });

  it("orders the feed by release, newest first, each release followed by its own corrections", () => {
    const history = withHistory(
      [release("1.1.0"), release("1.2.0")],
      [
        correction("1.1.0", "First correction in 1.1.0"),
        correction("1.1.0", "Second correction in 1.1.0"),
        correction("1.2.0", "Correction in 1.2.0"),
      ],
    );
    const xml = atomFeed(history, { site: new URL("https://news.example"), base: "/" });
    const { feed } = new XMLParser().parse(xml) as { feed: { entry: { title: string }[] } };
    const titles = feed.entry.map((entry) => String(entry.title));
    expect(titles.slice(0, 5)).toEqual([
      "Release 1.2.0: Release 1.2.0.",
      "Correction: Correction in 1.2.0",
      "Release 1.1.0: Release 1.1.0.",
      "Correction: Second correction in 1.1.0",
      "Correction: First correction in 1.1.0",
    ]);
    expect(titles).toHaveLength(5 + dataset.releases.length + dataset.corrections.length);
  });
});
