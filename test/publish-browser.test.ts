/**
 * The data page in real Chromium: no axe-core violations (light and dark),
 * and, built under a sub-path, every link and asset on it resolves.
 *
 * The sub-path build is the run's shared hostile build
 * (test/support/hostile-data.ts hostileSite): hostile data whose
 * corrections.csv ends, after the released corrections (which cannot
 * change) and a hostile release, with the one correction of
 * test/fixtures/publish/corrections.csv: a hostile one (markup, a formula,
 * quotes, a line break) that must reach readers escaped and neutralised.
 * The working tree and data/ are never touched.
 */
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { TABLE_NAMES } from "../src/data/schema.ts";
import { correctionAnchor } from "../src/lib/chart-updates.ts";
import { axeViolations } from "./support/axe.ts";
import { launchBrowser } from "./support/browser.ts";
import { HOSTILE_BASE as BASE_PATH, hostileSite } from "./support/hostile-data.ts";
import { DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("the data page in Chromium", () => {
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(DIST_DIR, "/");
  });

  afterAll(async () => {
    await server?.close();
  });

  // The phone is Lighthouse's mobile viewport: targets crowd each other in one column there.
  for (const [colorScheme, viewport] of [
    ["light", undefined],
    ["dark", undefined],
    ["light", { width: 412, height: 823 }],
  ] as const) {
    it(`has no axe-core violations (${colorScheme} scheme${viewport ? `, ${viewport.width} px wide` : ""})`, async () => {
      const page = await browser.newPage({ colorScheme, ...(viewport ? { viewport } : {}) });
      try {
        const response = await page.goto(`${server.url}data/`);
        expect(response?.status()).toBe(200);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe(`the data page built under ${BASE_PATH}, with a hostile correction`, () => {
  let server: StaticServer;
  let page: Page;
  /** The fixture's one correction, as the pipeline reads it. */
  let fixtureCorrection: Record<string, string>;
  /** The fixture's correction's row in the site's corrections.csv (0 for the first). */
  let correctionIndex: number;

  beforeAll(async () => {
    const site = hostileSite();
    ({ fixtureCorrection, fixtureIndex: correctionIndex } = site);
    server = await serveStatic(site.outDir, BASE_PATH);
    page = await browser.newPage();
    const response = await page.goto(`${server.url}data/`);
    expect(response?.status()).toBe(200);
  }, 600_000);

  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  it("links every download under the base path", async () => {
    const hrefs = await page.$$eval("main a[href]", (links) => links.map((link) => link.getAttribute("href")!));
    const expected = [
      ...TABLE_NAMES.flatMap((name) => [`${name}.csv`, `${name}.json`]),
      ...CHARTS.flatMap((chart) => [`charts/${chart.id}.csv`, `charts/${chart.id}.json`]),
      "datapackage.json",
    ];
    for (const file of expected) expect(hrefs).toContain(`${BASE_PATH}data/${file}`);
  });

  it("has no broken link: every href and src on the page resolves", async () => {
    const targets = await page.$$eval("[href], [src]", (elements) =>
      elements.map((element) => ({
        url: (element as HTMLAnchorElement).href || (element as HTMLImageElement).src,
        raw: element.getAttribute("href") ?? element.getAttribute("src") ?? "",
      })),
    );
    expect(targets.length).toBeGreaterThan(TABLE_NAMES.length * 2);
    const pagePath = new URL(page.url()).pathname;
    const broken: string[] = [];
    for (const target of targets) {
      const url = new URL(target.url);
      if (url.origin !== server.origin) {
        // Outside links (the sources, the licence, the publisher and its corrections address) are not fetched:
        // no network in tests.
        expect(["https:", "http:", "mailto:"], `${target.raw} is a web or email address`).toContain(url.protocol);
        continue;
      }
      if (url.hash && url.pathname === pagePath) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!(await page.evaluate((value) => document.getElementById(value) !== null, id))) {
          broken.push(`${target.raw} (no element with that id)`);
        }
        continue;
      }
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) broken.push(`${target.raw} (${response.status})`);
    }
    expect(broken).toEqual([]);
  });

  it("shows the correction as text: markup escaped, nothing run", async () => {
    const row = `#corrections tbody tr#${correctionAnchor(correctionIndex)}`;
    const cells = await page.$$eval(`${row} td`, (tds) => tds.map((td) => td.textContent!.trim()));
    // Date, what changed, before, after (none given: dashes), why.
    expect(cells).toHaveLength(5);
    expect(cells[0]).not.toBe("");
    // The editor's sentences, each ended with a full stop.
    expect(cells[1]).toBe(`${fixtureCorrection.change}.`);
    expect(cells[4]!.replace(/\s+/g, " ")).toBe(`${fixtureCorrection.reason!.replace(/\s+/g, " ")}.`);
    expect(await page.$$eval("#corrections script, #corrections b", (elements) => elements.length)).toBe(0);
    expect(await page.$$eval("#corrections tbody tr", (rows) => rows.length)).toBe(correctionIndex + 1);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    expect(await page.textContent("#corrections")).not.toContain("No corrections have been made.");
  });

  it("neutralises the correction's formula in the CSV download, and keeps it whole in the JSON", async () => {
    const csv = await (await fetch(`${server.url}data/corrections.csv`)).text();
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, "").replace(/\r\n$/, ""), {
      header: true,
      newline: "\r\n",
    }).data;
    expect(rows).toHaveLength(correctionIndex + 1);
    expect(rows[correctionIndex]!.change).toBe(`'${fixtureCorrection.change}`);
    expect(rows[correctionIndex]!.reason).toBe(`'${fixtureCorrection.reason}`);
    const json = (await (await fetch(`${server.url}data/corrections.json`)).json()) as Record<string, string>[];
    // The optional columns the fixture leaves out are published as empty.
    expect(json).toHaveLength(correctionIndex + 1);
    expect(json[correctionIndex]).toEqual({
      ...fixtureCorrection,
      table: null,
      row: null,
      column: null,
      old_value: null,
      new_value: null,
      figures: null,
      charts: null,
      version: null,
    });
    // In the Atom feed too, the markup stays text: escaped, never a tag.
    const feed = await (await fetch(`${server.url}data/feed.xml`)).text();
    expect(feed).toContain("Correction: =HYPERLINK");
    expect(feed).not.toMatch(/<script|<b>/);
  });

  it("has no axe-core violations with a corrections table", async () => {
    expect(await axeViolations(page)).toEqual([]);
  });
});
