/**
 * Every page of the built site in Chromium at a phone (375x812) and a
 * desktop (1280x800) width, light and dark, measured as a graphics editor
 * would (issue 24, items 2-5): one left edge for the nav, the title, the
 * prose, the figures and the footer; a prose measure of at most 80
 * characters; no horizontal overflow; the story's lead chart inside the
 * first screen; no decorated facts; chart furniture shorter than the chart
 * and no chart text larger than its title. Each page's first screen (and
 * the whole page, light) goes to test/output/screenshots/ (git-ignored) for
 * people to look at. Reads the repo's built dist/ and opens one browser.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady, explorerReady } from "./support/charts-ready.ts";
import { measurePage, type PageMeasure } from "./support/page-measures.ts";
import { BASE } from "./support/story-session.ts";
import { DIST_DIR, builtHtmlFiles, pagePath } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

const SCREENSHOTS = join("test", "output", "screenshots");
const VIEWPORTS = [
  { name: "phone", width: 375, height: 812 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
const SCHEMES = ["light", "dark"] as const;
/** The widest prose line the review allows, in characters. */
const MAX_MEASURE = 80;
/** How much of the lead chart's drawing the first screen shows, at least (px). */
const LEAD_CHART_VISIBLE_PX = 120;

/** Site pages with the site's header and footer (every built page but the embeds). */
const SITE_PAGES = builtHtmlFiles()
  .filter((file) => !file.startsWith("embed/"))
  .map(pagePath);
const EMBED_PAGES = CHARTS.map((chart) => `embed/${chart.id}/`);

let server: StaticServer;
let browser: Browser;
/** Every measure taken, by page, viewport and scheme. */
const measures = new Map<string, PageMeasure>();
const keyOf = (path: string, viewport: string, scheme: string) => `${path || "story"} ${viewport} ${scheme}`;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveStatic(DIST_DIR, BASE);
  browser = await launchBrowser();
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme: scheme,
        hasTouch: viewport.name === "phone",
      });
      // One tab for every page of the context: a new document each time, and no new renderer process
      // for each (the site's pages keep nothing in storage between them).
      const page = await context.newPage();
      for (const path of [...SITE_PAGES, ...EMBED_PAGES]) {
        await page.goto(`${server.url}${path}`, { waitUntil: "load" });
        if (path === "") await chartsReady(page);
        measures.set(keyOf(path, viewport.name, scheme), await measurePage(page, path));
        const name = `${(path || "story").replace(/\/$/, "").replace(/[/.]/g, "-")}-${viewport.width}-${scheme}`;
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
        if (scheme === "light") await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
      }
      await context.close();
    }
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function measureOf(path: string, viewport: string, scheme: string): PageMeasure {
  const found = measures.get(keyOf(path, viewport, scheme));
  if (!found) throw new Error(`No measure of ${keyOf(path, viewport, scheme)}`);
  return found;
}

describe.each(VIEWPORTS.flatMap((viewport) => SCHEMES.map((scheme) => ({ viewport, scheme }))))(
  "every page at $viewport.width px, $scheme",
  ({ viewport, scheme }) => {
    it("shares one left edge: the nav, the page's title, its prose, its figures and the footer", () => {
      for (const path of SITE_PAGES) {
        const { edges } = measureOf(path, viewport.name, scheme);
        const found = Object.entries(edges).filter(([, x]) => x !== null);
        expect(found.length, `${path}: edges found`).toBeGreaterThanOrEqual(3);
        expect(new Set(found.map(([, x]) => x)), `${path}: ${JSON.stringify(edges)}`).toEqual(new Set([edges.nav]));
      }
    });

    it("sets every page's title the same distance under the header", () => {
      const gaps = SITE_PAGES.map((path) => measureOf(path, viewport.name, scheme).h1Gap);
      expect(gaps.every((gap) => gap !== null && gap >= 16)).toBe(true);
      expect(new Set(gaps).size, JSON.stringify(gaps)).toBe(1);
    });

    it(`keeps prose to at most ${MAX_MEASURE} characters a line`, () => {
      for (const path of SITE_PAGES) {
        expect(measureOf(path, viewport.name, scheme).maxMeasure, path).toBeLessThanOrEqual(MAX_MEASURE);
      }
      // At the desktop width the measure is a reading measure, not a squeezed one.
      if (viewport.name === "desktop")
        expect(measureOf("", viewport.name, scheme).maxMeasure).toBeGreaterThanOrEqual(60);
    });

    it("overflows no page sideways, embeds included", () => {
      for (const path of [...SITE_PAGES, ...EMBED_PAGES]) {
        expect(measureOf(path, viewport.name, scheme).overflow, path).toBe(0);
      }
    });

    it("decorates no fact: no underline in running text or the headline", () => {
      for (const path of [...SITE_PAGES, ...EMBED_PAGES]) {
        const measure = measureOf(path, viewport.name, scheme);
        expect(measure.decoratedFacts, path).toBe(0);
        expect(measure.decoratedFactsInH1, path).toBe(0);
      }
    });

    it("shows the story's lead chart in the first screen, under the headline, standfirst and byline line", () => {
      const story = measureOf("", viewport.name, scheme);
      expect(story.byline).toMatch(/^By .+\. Published \d{1,2} [A-Z][a-z]+ \d{4}$/);
      expect(story.firstChartTop).not.toBeNull();
      expect(story.firstChartTop! + LEAD_CHART_VISIBLE_PX).toBeLessThanOrEqual(viewport.height);
    });

    it("keeps each figure's furniture lean: a few lines, shorter than the chart, no keyboard help until focused", () => {
      for (const path of ["", ...EMBED_PAGES]) {
        const { figures } = measureOf(path, viewport.name, scheme);
        expect(figures.length, path).toBeGreaterThan(0);
        for (const figure of figures) {
          const where = `${path || "story"} ${figure.chart}`;
          // The source line, one caveat, an update line where the chart was corrected, "Notes and data".
          expect(figure.visibleFootLines, where).toBeLessThanOrEqual(4);
          expect(figure.footHeight, where).toBeLessThan(figure.chartHeight);
          expect(figure.keysShown, where).toBe(false);
        }
      }
    });

    it("draws no chart text larger than the chart's title", () => {
      for (const path of ["", ...EMBED_PAGES]) {
        for (const figure of measureOf(path, viewport.name, scheme).figures) {
          expect(figure.largestChartTextPx, `${path || "story"} ${figure.chart}`).toBeLessThanOrEqual(figure.titlePx);
        }
      }
    });
  },
);

describe("a fact's source", () => {
  it("shows on a tap, in words the fact's note holds, and goes on the next tap; a mouse click shows no box", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    const fact = page.locator(".standfirst .fact[data-note]").first();
    const note = await fact.getAttribute("data-note");
    expect(note).toMatch(/\S/);
    await fact.tap();
    const box = page.locator(".fact-source");
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.textContent()).toBe(note);
    // Beside the fact, inside the screen.
    const [factBox, sourceBox] = [await fact.boundingBox(), await box.boundingBox()];
    expect(sourceBox!.x).toBeGreaterThanOrEqual(0);
    expect(sourceBox!.x + sourceBox!.width).toBeLessThanOrEqual(375);
    expect(Math.abs(sourceBox!.y - factBox!.y)).toBeLessThan(factBox!.height + sourceBox!.height + 20);
    await page.touchscreen.tap(4, 400);
    await expect.poll(() => box.count()).toBe(0);
    await fact.click();
    expect(await box.count()).toBe(0);
    await context.close();
  });

  it("shows under a mouse, without script, in the note's words, and Escape hides it until the pointer leaves", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    const fact = page.locator(".standfirst .fact[data-note]").first();
    const note = await fact.getAttribute("data-note");
    // What the ::after draws: its text, and whether it is on screen.
    const drawn = () =>
      fact.evaluate((element) => {
        const after = getComputedStyle(element, "::after");
        return after.display === "none" || after.content === "none" ? null : after.content;
      });
    // The fact is an anchor only while its note shows (fact-note.css: anchors on every fact cost the first layout).
    const anchor = () => fact.evaluate((element) => getComputedStyle(element).getPropertyValue("anchor-name"));
    expect(await drawn()).toBeNull();
    expect(await anchor()).toBe("none");
    await fact.hover();
    expect(await drawn()).toContain(JSON.stringify(note));
    expect(await anchor()).toBe("--fact-note");
    // Anchored to its own fact: just above the number, the point hits the note, which is the fact's ::after.
    const above = await fact.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return document.elementFromPoint(box.left + 4, box.top - 8) === element;
    });
    expect(above).toBe(true);
    await page.mouse.move(0, 0);
    expect(await drawn()).toBeNull();
    expect(await anchor()).toBe("none");
    await context.close();

    // With script, Escape dismisses it (WCAG 1.4.13), and it comes back on the next hover.
    const scripted = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const again = await scripted.newPage();
    await again.goto(server.url, { waitUntil: "load" });
    const hovered = again.locator(".standfirst .fact[data-note]").first();
    const shown = () => hovered.evaluate((element) => getComputedStyle(element, "::after").content !== "none");
    await hovered.hover();
    expect(await shown()).toBe(true);
    await again.keyboard.press("Escape");
    expect(await shown()).toBe(false);
    await again.mouse.move(0, 0);
    await hovered.hover();
    expect(await shown()).toBe(true);
    await scripted.close();
  });
});

describe("the data tables under 'Notes and data'", () => {
  it.each([375, 1280])("give long text room and keep their caption in view at %i px", async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 812 } });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    const tables = await page.evaluate(() => {
      document.querySelectorAll<HTMLDetailsElement>("details.chart-data").forEach((details) => (details.open = true));
      return [...document.querySelectorAll<HTMLTableElement>("figure .data-table")].map((table) => {
        const caption = document.createRange();
        caption.selectNodeContents(table.caption!);
        return {
          id: table.id,
          captionRight: Math.max(...[...caption.getClientRects()].map((box) => box.right)),
          longColumns: [...table.querySelectorAll("thead th.long-text")].map((th) => th.getBoundingClientRect().width),
        };
      });
    });
    expect(tables.length).toBeGreaterThan(0);
    // The outcomes table's description column was squeezed to about 100 px (issue 24, problem 12).
    expect(tables.find((table) => table.id === "figure-outcomes-table")?.longColumns.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.captionRight, table.id).toBeLessThanOrEqual(width);
      for (const column of table.longColumns)
        expect(column, table.id).toBeGreaterThanOrEqual(Math.min(288, width * 0.7) - 1);
    }
    await context.close();
  });
});

describe("the case explorer's options", () => {
  it("stay where they are when one is chosen (the choice is not set in bold)", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    // The explorer is set up when a reader nears it (src/scripts/case-setup.ts): its options show then.
    await explorerReady(page);
    const boxes = () =>
      page.$$eval(".case-filter-options label", (labels) => {
        // Relative to the first option, so scrolling to the options changes nothing.
        const origin = labels[0]!.getBoundingClientRect();
        return labels.map((label) => {
          const { left, top, width } = label.getBoundingClientRect();
          return [Math.round(left - origin.left), Math.round(top - origin.top), Math.round(width)];
        });
      });
    const before = await boxes();
    expect(before.length).toBeGreaterThan(4);
    await page.locator('input[name="outcome"][value="stated"]').check();
    await page.locator('input[name="category"]').nth(1).check();
    expect(await boxes()).toEqual(before);
    await context.close();
  });
});
