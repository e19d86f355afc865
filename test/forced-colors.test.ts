/**
 * The story in forced colours (Windows High Contrast, as Chromium emulates
 * it), light and dark: every datum mark stays drawn in a system colour that
 * differs from the page's, the groups a chart tells apart by hue differ by
 * shape (filled, outlined, dashed: charts.css), the keyboard's ring shows,
 * and axe-core finds nothing. Screenshots of each chart go to
 * test/screenshots/ (git-ignored) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { axeViolations } from "./support/axe.ts";
import { storySession } from "./support/story-session.ts";

const { openStory } = storySession();
const SCREENSHOTS = "test/screenshots";

interface MarkLook {
  chart: string;
  row: number;
  /** The colour the chart itself gives the mark's group (its hue in normal colours). */
  ownColour: string;
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  width: number;
  height: number;
}

/** Every displayed datum mark, as forced colours draw it, and the page's background. */
function looks(page: Page): Promise<{ marks: MarkLook[]; canvas: string }> {
  return page.evaluate(() => {
    const marks = Array.from(document.querySelectorAll<SVGGraphicsElement>("svg.met-chart [data-datum]"))
      .filter((mark) => mark.getClientRects().length > 0)
      .map((mark) => {
        const style = getComputedStyle(mark);
        const group = mark.parentElement!;
        const { width, height } = mark.getBoundingClientRect();
        return {
          chart: mark.closest("svg")!.dataset.chart!,
          row: Number(mark.dataset.row),
          ownColour: `${group.getAttribute("fill")} ${group.getAttribute("stroke")}`,
          fill: style.fill,
          fillOpacity: Number(style.fillOpacity) * Number(style.opacity),
          stroke: style.stroke,
          strokeWidth: parseFloat(style.strokeWidth),
          dashed: style.strokeDasharray !== "none",
          width,
          height,
        };
      });
    return { marks, canvas: getComputedStyle(document.body).backgroundColor };
  });
}

describe.each(["light", "dark"] as const)("forced colours (%s)", (colorScheme) => {
  it("draws every mark, tells groups apart by shape, shows the focus ring and passes axe-core", async () => {
    const { page, errors, close } = await openStory({ forcedColors: "active", colorScheme });
    try {
      expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
      const { marks, canvas } = await looks(page);
      expect(new Set(marks.map((mark) => mark.chart))).toEqual(new Set(CHARTS.map((chart) => chart.id)));
      for (const mark of marks) {
        const where = `${mark.chart} row ${mark.row}`;
        expect(mark.width * mark.height, `${where}: has a size`).toBeGreaterThan(0);
        const filled = mark.fill !== "none" && mark.fill !== canvas && mark.fillOpacity > 0;
        const outlined = mark.stroke !== "none" && mark.stroke !== canvas && mark.strokeWidth >= 1;
        expect(filled || outlined, `${where}: drawn in a colour that is not the page's`).toBe(true);
      }
      // Marks of different colours in the chart's own palette look different here by shape alone.
      for (const chart of CHARTS) {
        const ofChart = marks.filter((mark) => mark.chart === chart.id);
        const shapeOf = new Map<string, string>();
        for (const mark of ofChart) {
          const filled = mark.fill !== "none" && mark.fill !== canvas;
          const shape = `${filled ? "filled" : "hollow"} ${mark.stroke !== "none" ? "outlined" : ""} ${mark.dashed ? "dashed" : ""}`;
          shapeOf.set(mark.ownColour, shape);
        }
        expect(new Set(shapeOf.values()).size, `${chart.id}: one shape per colour`).toBe(shapeOf.size);
      }

      // The keyboard's ring, around a group and around a mark.
      await page.locator('figure[data-chart="breach-types"] svg.met-chart').focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      const ring = await page.evaluate(() => {
        const outer = document.querySelector<SVGRectElement>(
          'figure[data-chart="breach-types"] svg.met-chart .met-focus-ring-outer',
        )!;
        const style = getComputedStyle(outer);
        const { width, height } = outer.getBoundingClientRect();
        return {
          shown: outer.parentElement!.getAttribute("display") !== "none" && width > 0 && height > 0,
          stroke: style.stroke,
          width: parseFloat(style.strokeWidth),
        };
      });
      expect(ring.shown, "ring shown").toBe(true);
      expect(ring.stroke).not.toBe(canvas);
      expect(ring.stroke).not.toBe("none");
      expect(ring.width).toBeGreaterThanOrEqual(2);

      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const chart of CHARTS) {
        await page
          .locator(`figure[data-chart="${chart.id}"]`)
          .screenshot({ path: `${SCREENSHOTS}/forced-colors-${colorScheme}-${chart.id}.png` });
      }
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
