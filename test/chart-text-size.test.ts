/**
 * Chart text as it renders in Chromium. A chart is one drawing that
 * stretches with its column (src/charts/fluid.ts): its text is never scaled
 * and its bars reflow. At every width a page shows (320, 375, 768 and
 * 1280 px), on the story, an embed page and the gallery's embed previews,
 * each chart is one drawing, every <text> of it renders at MIN_TEXT_PX or
 * more (its computed font size times any scale the drawing is shown at),
 * stays inside its chart's box, and overlaps no other text and no datum
 * mark.
 */
import type { Frame, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { MIN_TEXT_PX } from "../src/charts/chart-frame.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { BASE } from "./support/story-session.ts";
import { DIST_DIR } from "./support/site.ts";
import { fileTabs } from "./support/browser.ts";
import { servedInChromium } from "./support/served-site.ts";

const WIDTHS = [320, 375, 768, 1280];

const site = servedInChromium(DIST_DIR, BASE);

/** Each test's page a tab in the file's one context, not a context of its own (issue 25). */
const tabs = fileTabs(() => site.browser);
afterAll(() => tabs.close());

/** A new tab at this width. */
async function newTab(width: number): Promise<Page> {
  return (await tabs.open({ viewport: { width, height: 900 } })).page;
}

interface Measured {
  charts: number;
  texts: number;
  /** The smallest rendered size, with where it is. */
  smallest: { size: number; where: string };
  /** Texts reaching past their chart's box. */
  outside: string[];
  /** Pairs of texts, or a text and a datum mark, drawn over each other. */
  overlapping: string[];
  /** Figures showing more than one drawing of their chart. */
  doubled: string[];
}

/** Every displayed chart's text in a page or frame, measured. */
function measure(target: Page | Frame): Promise<Measured> {
  return target.evaluate(() => {
    const result = {
      charts: 0,
      texts: 0,
      smallest: { size: Infinity, where: "" },
      outside: [] as string[],
      overlapping: [] as string[],
      doubled: [] as string[],
    };
    for (const figure of Array.from(document.querySelectorAll("figure[data-chart]"))) {
      const drawings = figure.querySelectorAll("svg.met-chart").length;
      if (drawings !== 1) result.doubled.push(`${figure.getAttribute("data-chart")}: ${drawings} drawings`);
    }
    // How much two boxes cover each other, in px (a little of a glyph's side bearing is no overlap).
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>("svg.met-chart"))) {
      if (svg.getClientRects().length === 0) continue;
      result.charts++;
      const box = svg.getBoundingClientRect();
      const viewBox = svg.viewBox.baseVal;
      const scale = viewBox && viewBox.width > 0 ? box.width / viewBox.width : 1;
      const drawn: { where: string; box: DOMRect }[] = [];
      for (const text of Array.from(svg.querySelectorAll("text"))) {
        if (text.getClientRects().length === 0) continue;
        result.texts++;
        const where = `${svg.getAttribute("data-chart")}: “${text.textContent}”`;
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < result.smallest.size) result.smallest = { size, where };
        const textBox = text.getBoundingClientRect();
        // A little room for an italic glyph's overhang past its origin.
        if (
          textBox.left < box.left - 3 ||
          textBox.right > box.right + 3 ||
          textBox.top < box.top - 3 ||
          textBox.bottom > box.bottom + 3
        ) {
          result.outside.push(where);
        }
        for (const other of drawn) {
          if (overlap(textBox, other.box)) result.overlapping.push(`${where} and ${other.where}`);
        }
        drawn.push({ where, box: textBox });
      }
      for (const mark of Array.from(svg.querySelectorAll("[data-datum]"))) {
        const markBox = mark.getBoundingClientRect();
        for (const text of drawn) {
          if (overlap(markBox, text.box))
            result.overlapping.push(`${text.where} and mark ${mark.getAttribute("data-datum")}`);
        }
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
  expect(measured.outside, `${where}: text past the chart's box`).toEqual([]);
  expect(measured.overlapping, `${where}: text over text or marks`).toEqual([]);
  expect(measured.doubled, `${where}: one drawing per chart`).toEqual([]);
}

describe.each(WIDTHS)("chart text at %i px", (width) => {
  it("is at least 12 px, inside its chart and clear of the rest in the story and on every embed page", async () => {
    const page = await newTab(width);
    try {
      await page.goto(site.server.url, { waitUntil: "load" });
      await chartsReady(page);
      const story = await measure(page);
      expectLegible(story, `story at ${width}`);
      expect(story.charts).toBe(CHARTS.length);
      for (const chart of CHARTS) {
        await page.goto(`${site.server.url}embed/${chart.id}/`, { waitUntil: "load" });
        expectLegible(await measure(page), `embed ${chart.id} at ${width}`);
      }
    } finally {
      await page.close();
    }
  });

  it("is at least 12 px, inside its chart and clear of the rest in the gallery's previews", async () => {
    const page = await newTab(width);
    try {
      await page.goto(`${site.server.url}charts/`, { waitUntil: "load" });
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
