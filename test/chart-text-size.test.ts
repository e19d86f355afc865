/**
 * Chart text as it renders in Chromium: the SVGs scale with their
 * container, so text drawn at a legible size can shrink on a phone. At
 * every width a page shows (320 px, both sides of the layout breakpoint,
 * 768 and 1280 px), on the story, an embed page and the gallery's embed
 * previews, every <text> of every displayed chart renders at MIN_TEXT_PX
 * or more (its computed font size times the drawing's scale), and stays
 * inside its chart's width.
 */
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { MIN_TEXT_PX, VARIANT_BREAKPOINT_PX } from "../src/charts/chart-frame.ts";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { BASE } from "./support/story-session.ts";
import { DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import type { Browser } from "playwright-core";

const WIDTHS = [320, VARIANT_BREAKPOINT_PX - 1, VARIANT_BREAKPOINT_PX, 768, 1280];

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveStatic(DIST_DIR, BASE);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Measured {
  charts: number;
  texts: number;
  /** The smallest rendered size, with where it is. */
  smallest: { size: number; where: string };
  /** Texts reaching past their chart's sides. */
  outside: string[];
}

/** Every displayed chart's text in a page or frame, measured. */
function measure(target: Page | Frame): Promise<Measured> {
  return target.evaluate(() => {
    const result = { charts: 0, texts: 0, smallest: { size: Infinity, where: "" }, outside: [] as string[] };
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>("svg.met-chart"))) {
      if (svg.getClientRects().length === 0) continue;
      result.charts++;
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const text of Array.from(svg.querySelectorAll("text"))) {
        if (text.getClientRects().length === 0) continue;
        result.texts++;
        const where = `${svg.getAttribute("class")}: “${text.textContent}”`;
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < result.smallest.size) result.smallest = { size, where };
        const { left, right } = text.getBoundingClientRect();
        // A little room for an italic glyph's overhang past its origin.
        if (left < box.left - 3 || right > box.right + 3) result.outside.push(where);
      }
    }
    return result;
  });
}

function expectLegible(measured: Measured, where: string) {
  expect(measured.charts, `${where}: charts shown`).toBeGreaterThan(0);
  expect(measured.texts, `${where}: text measured`).toBeGreaterThan(0);
  expect(measured.smallest.size, `${where}: smallest text, ${measured.smallest.where}`).toBeGreaterThanOrEqual(
    MIN_TEXT_PX,
  );
  expect(measured.outside, `${where}: text past the chart's sides`).toEqual([]);
}

describe.each(WIDTHS)("chart text at %i px", (width) => {
  it("is at least 12 px and inside its chart in the story and on every embed page", async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(server.url, { waitUntil: "load" });
      await chartsReady(page);
      const story = await measure(page);
      expectLegible(story, `story at ${width}`);
      expect(story.charts).toBe(CHARTS.length);
      for (const chart of CHARTS) {
        await page.goto(`${server.url}embed/${chart.id}/`, { waitUntil: "load" });
        expectLegible(await measure(page), `embed ${chart.id} at ${width}`);
      }
    } finally {
      await page.close();
    }
  });

  it("is at least 12 px and inside its chart in the gallery's previews", async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(`${server.url}charts/`, { waitUntil: "load" });
      // The previews load lazily: load them all now, as scrolling to each would.
      await page.$$eval("iframe", (iframes) => iframes.forEach((iframe) => (iframe.loading = "eager")));
      const frames = page.locator("iframe");
      const count = await frames.count();
      expect(count).toBe(CHARTS.length);
      for (let index = 0; index < count; index++) {
        const element = frames.nth(index);
        await element.scrollIntoViewIfNeeded();
        const frame = await (await element.elementHandle())!.contentFrame();
        await frame!.waitForLoadState("load");
        await frame!.waitForSelector("svg.met-chart", { state: "attached" });
        expectLegible(await measure(frame!), `gallery preview ${index} at ${width}`);
      }
    } finally {
      await page.close();
    }
  });
});
