/**
 * The charts' interactivity in a real Chromium (src/scripts/chart-explorer.ts):
 *
 * - keyboard only: Tab reaches each chart once; the arrow keys visit every
 *   mark of the displayed drawing in reading order (the chart's table
 *   order), each with a tooltip equal to the mark's data-label, a visible
 *   ring and the mark announced through aria-activedescendant; Home/End,
 *   Up/Down, Escape and Enter; the tooltip stays inside the viewport;
 * - touch: a tap shows a tooltip, a second tap or a tap elsewhere hides it;
 * - mouse: hover shows, the tooltip can be hovered, Escape dismisses it;
 * - linked highlighting from table rows and explorer options;
 * - reduced motion, and axe-core with a tooltip open.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Case, Category } from "../src/data/schema.ts";
import { CHARTS } from "../src/charts/registry.ts";
import { axeViolations } from "./support/axe.ts";
import { storySession } from "./support/story-session.ts";

const cases = JSON.parse(readFileSync("src/generated/cases.json", "utf8")) as Case[];
const categories = JSON.parse(readFileSync("src/generated/categories.json", "utf8")) as Category[];

const { openStory } = storySession();

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the focused chart shows: read from the DOM as a reader's tools would see it. */
interface ChartState {
  chart: string | null;
  /** data-datum and data-label of the element aria-activedescendant points at. */
  datum: string | null;
  label: string | null;
  role: string | null;
  name: string | null;
  tooltip: { text: string; box: Box } | null;
  ring: { box: Box; strokeWidth: number } | null;
  mark: Box | null;
  viewport: { width: number; height: number };
}

function readChartState(page: Page): Promise<ChartState> {
  return page.evaluate(() => {
    const box = (element: Element): Box => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const svg = document.activeElement instanceof SVGSVGElement ? document.activeElement : null;
    const figure = svg?.closest("figure");
    const mark = svg ? document.getElementById(svg.getAttribute("aria-activedescendant") ?? "") : null;
    const tooltip = figure?.querySelector<HTMLElement>('[role="tooltip"]');
    const tooltipShown = tooltip && getComputedStyle(tooltip).display !== "none" && tooltip.offsetWidth > 0;
    const ring = svg?.querySelector(".met-focus-ring");
    const ringOuter = ring?.querySelector("rect");
    const ringShown = ring && ringOuter && ring.getAttribute("display") !== "none" && ringOuter.getClientRects().length;
    return {
      chart: svg?.getAttribute("data-chart") ?? null,
      datum: mark?.getAttribute("data-datum") ?? null,
      label: mark?.getAttribute("data-label") ?? null,
      role: mark?.getAttribute("role") ?? null,
      name: mark?.getAttribute("aria-label") ?? null,
      tooltip: tooltipShown ? { text: tooltip.textContent ?? "", box: box(tooltip) } : null,
      ring: ringShown
        ? { box: box(ringOuter), strokeWidth: parseFloat(getComputedStyle(ringOuter).strokeWidth) }
        : null,
      mark: mark ? box(mark) : null,
      viewport: { width: document.documentElement.clientWidth, height: window.innerHeight },
    };
  });
}

/** The displayed drawing's marks in reading order: by table row, then in the order drawn. */
function expectedMarks(page: Page): Promise<{ datum: string; label: string }[]> {
  return page.evaluate(() => {
    const svg = document.activeElement as SVGSVGElement;
    return Array.from(svg.querySelectorAll<SVGElement>("[data-datum]"))
      .map((mark, index) => ({
        datum: mark.dataset.datum!,
        label: mark.dataset.label!,
        row: Number(mark.dataset.row),
        index,
      }))
      .sort((a, b) => a.row - b.row || a.index - b.index)
      .map(({ datum, label }) => ({ datum, label }));
  });
}

function expectInside(inner: Box, outer: Box, message: string) {
  expect(inner.left, `${message}: left`).toBeGreaterThanOrEqual(outer.left - 0.5);
  expect(inner.top, `${message}: top`).toBeGreaterThanOrEqual(outer.top - 0.5);
  expect(inner.right, `${message}: right`).toBeLessThanOrEqual(outer.right + 0.5);
  expect(inner.bottom, `${message}: bottom`).toBeLessThanOrEqual(outer.bottom + 0.5);
}

/** Checks everything a keyboard user relies on for the mark at `position` of `marks`. */
function expectFocusedMark(state: ChartState, marks: { datum: string; label: string }[], position: number) {
  const expected = marks[position]!;
  const where = `${state.chart} mark ${position} (${expected.datum})`;
  expect(state.datum, where).toBe(expected.datum);
  // Announced: the active descendant is an image named by the mark's own label.
  expect(state.role, where).toBe("img");
  expect(state.name, where).toBe(expected.label);
  // Shown: the tooltip says exactly what the mark's data says, inside the viewport.
  expect(state.tooltip?.text, where).toBe(expected.label);
  const viewport = { left: 0, top: 0, right: state.viewport.width, bottom: state.viewport.height };
  expectInside(state.tooltip!.box, viewport, `${where} tooltip in viewport`);
  // Visible focus: a ring at least 2 px thick drawn around the mark.
  expect(state.ring, `${where} ring`).not.toBeNull();
  expect(state.ring!.strokeWidth, `${where} ring width`).toBeGreaterThanOrEqual(2);
  expectInside(state.mark!, state.ring!.box, `${where} ring around mark`);
}

/** Explores the focused chart with the keyboard only, checking every mark, then the other keys. */
async function exploreFocusedChart(page: Page): Promise<string> {
  const marks = await expectedMarks(page);
  const first = await readChartState(page);
  const chart = first.chart!;
  expect(marks.length, `${chart} has marks`).toBeGreaterThan(0);
  expectFocusedMark(first, marks, 0);
  for (let position = 1; position < marks.length; position++) {
    await page.keyboard.press("ArrowRight");
    expectFocusedMark(await readChartState(page), marks, position);
  }
  // The ends hold; Left steps back; Home and End jump.
  await page.keyboard.press("ArrowRight");
  expect((await readChartState(page)).datum).toBe(marks.at(-1)!.datum);
  await page.keyboard.press("Home");
  expectFocusedMark(await readChartState(page), marks, 0);
  await page.keyboard.press("ArrowLeft");
  expect((await readChartState(page)).datum).toBe(marks[0]!.datum);
  await page.keyboard.press("End");
  expectFocusedMark(await readChartState(page), marks, marks.length - 1);
  if (marks.length > 1) {
    await page.keyboard.press("ArrowLeft");
    expectFocusedMark(await readChartState(page), marks, marks.length - 2);
  }
  // Down goes to a mark lower down (when there is one) and Up comes back to the first line.
  await page.keyboard.press("Home");
  const top = (await readChartState(page)).mark!;
  await page.keyboard.press("ArrowDown");
  const down = await readChartState(page);
  if (down.datum !== marks[0]!.datum) {
    expect(down.mark!.top, `${chart}: Down moves down`).toBeGreaterThan(top.top);
    expect(down.tooltip?.text).toBe(down.label);
    await page.keyboard.press("ArrowUp");
    expect((await readChartState(page)).datum, `${chart}: Up comes back`).toBe(marks[0]!.datum);
  }
  // Escape hides the tooltip and keeps focus and the ring; Enter shows it again.
  await page.keyboard.press("Escape");
  const escaped = await readChartState(page);
  expect(escaped.chart).toBe(chart);
  expect(escaped.tooltip, `${chart}: Escape hides the tooltip`).toBeNull();
  expect(escaped.ring).not.toBeNull();
  await page.keyboard.press("Enter");
  expect((await readChartState(page)).tooltip?.text).toBe(escaped.label);
  return chart;
}

describe.each([1280, 320])("keyboard only, at %i px", (width) => {
  it("reaches every chart with Tab, once each, and explores every mark of the displayed drawing", async () => {
    const { page, errors, close } = await openStory({ viewport: { width, height: 800 } });
    try {
      const explored: string[] = [];
      let previous: string | null = null;
      // Walk the whole page with Tab, as a keyboard user would.
      for (let step = 0; step < 400 && explored.length < CHARTS.length; step++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const element = document.activeElement;
          return {
            chart: element instanceof SVGSVGElement ? element.getAttribute("data-chart") : null,
            inChart: Boolean(element?.closest("svg")) && !(element instanceof SVGSVGElement),
          };
        });
        expect(focused.inChart, "no tab stop inside a chart").toBe(false);
        if (previous) {
          // Leaving a chart clears its tooltip and ring.
          const left = await page.evaluate((id) => {
            const figure = document.querySelector(`figure[data-chart="${id}"]`)!;
            const tooltip = figure.querySelector<HTMLElement>('[role="tooltip"]')!;
            const rings = Array.from(figure.querySelectorAll(".met-focus-ring"));
            return { tooltip: tooltip.hidden, rings: rings.every((ring) => ring.getAttribute("display") === "none") };
          }, previous);
          expect(left, `${previous} after Tab`).toEqual({ tooltip: true, rings: true });
          previous = null;
        }
        if (!focused.chart) continue;
        expect(explored, `${focused.chart} is one tab stop`).not.toContain(focused.chart);
        explored.push(await exploreFocusedChart(page));
        previous = focused.chart;
      }
      expect(explored.sort()).toEqual(CHARTS.map((chart) => chart.id).sort());
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The visible tooltip of a figure: its text, or null when hidden. */
function tooltipText(page: Page, chartId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const tooltip = document.querySelector<HTMLElement>(`figure[data-chart="${id}"] [role="tooltip"]`);
    return tooltip && !tooltip.hidden && tooltip.offsetWidth > 0 ? tooltip.textContent : null;
  }, chartId);
}

describe("touch", () => {
  it("shows a tooltip on tap, hides it on a second tap or a tap elsewhere, inside a 375 px screen", async () => {
    const { page, errors, close } = await openStory({
      viewport: { width: 375, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      const marks = page.locator('figure[data-chart="breach-types"] svg.met-chart--narrow [data-datum]');
      const first = marks.nth(0);
      const other = marks.nth(5);
      const label = (await first.getAttribute("data-label"))!;
      await first.tap();
      expect(await tooltipText(page, "breach-types")).toBe(label);
      const fits = await page.evaluate(() => {
        const box = document.querySelector('figure[data-chart="breach-types"] [role="tooltip"]')!;
        const { left, right } = box.getBoundingClientRect();
        return left >= 0 && right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;
      });
      expect(fits, "tooltip inside the screen, no sideways scroll").toBe(true);
      await first.tap();
      expect(await tooltipText(page, "breach-types"), "second tap hides").toBeNull();
      await first.tap();
      expect(await tooltipText(page, "breach-types")).toBe(label);
      await other.tap();
      expect(await tooltipText(page, "breach-types")).toBe(await other.getAttribute("data-label"));
      await page.locator("h1").tap();
      expect(await tooltipText(page, "breach-types"), "tap elsewhere hides").toBeNull();
      // An outlined square (no fill) answers a tap in its middle, not only on its outline.
      const outlined = page.locator(
        'figure[data-chart="breach-types"] svg.met-chart--narrow g[fill="none"] > [data-datum]',
      );
      expect(await outlined.count()).toBeGreaterThan(0);
      await outlined.first().tap();
      expect(await tooltipText(page, "breach-types")).toBe(await outlined.first().getAttribute("data-label"));
      await page.locator("h1").tap();
      // A small square of the outcomes chart works the same way.
      const square = page.locator('figure[data-chart="outcomes"] svg.met-chart--narrow [data-datum]').nth(250);
      await square.tap();
      expect(await tooltipText(page, "outcomes")).toBe(await square.getAttribute("data-label"));
      await page.locator("h1").tap();
      expect(await tooltipText(page, "outcomes")).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("mouse", () => {
  it("shows a tooltip on hover that can itself be hovered, and that Escape dismisses", async () => {
    const { page, errors, close } = await openStory();
    try {
      const mark = page.locator('figure[data-chart="national"] svg.met-chart--wide [data-datum]').nth(1);
      const label = await mark.getAttribute("data-label");
      await mark.hover();
      expect(await tooltipText(page, "national")).toBe(label);
      // Move onto the tooltip, crossing the gap, and stay there well past the hide delay.
      const tooltip = page.locator('figure[data-chart="national"] [role="tooltip"]');
      const box = (await tooltip.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
      await page.waitForTimeout(600);
      expect(await tooltipText(page, "national"), "hoverable").toBe(label);
      // Leaving both hides it.
      await page.mouse.move(5, 5, { steps: 4 });
      await page.waitForTimeout(600);
      expect(await tooltipText(page, "national")).toBeNull();
      // Escape dismisses it without moving the pointer, and it stays dismissed.
      await mark.hover();
      expect(await tooltipText(page, "national")).toBe(label);
      await page.keyboard.press("Escape");
      expect(await tooltipText(page, "national")).toBeNull();
      await page.waitForTimeout(400);
      expect(await tooltipText(page, "national")).toBeNull();
      // The middle of an outlined square (no fill) counts as the square.
      const outlined = page
        .locator('figure[data-chart="breach-types"] svg.met-chart--wide g[fill="none"] > [data-datum]')
        .first();
      await outlined.hover();
      expect(await tooltipText(page, "breach-types")).toBe(await outlined.getAttribute("data-label"));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** For the displayed breach-types drawing: which marks are highlighted, and each mark's opacity. */
function breachTypesHighlight(page: Page) {
  return page.evaluate(() => {
    const svg = Array.from(document.querySelectorAll<SVGSVGElement>('figure[data-chart="breach-types"] svg')).find(
      (candidate) => getComputedStyle(candidate).display !== "none",
    )!;
    return Array.from(svg.querySelectorAll<SVGElement>("[data-datum]")).map((mark) => ({
      row: Number(mark.dataset.row),
      label: mark.dataset.label!,
      opacity: Number(getComputedStyle(mark).opacity),
    }));
  });
}

describe("linked highlighting", () => {
  it("brings a table row's or a category's marks forward and dims the others", async () => {
    const { page, errors, close } = await openStory({ reducedMotion: "reduce" });
    try {
      const figure = page.locator('figure[data-chart="breach-types"]');
      await figure.locator("summary").click();
      const row = figure.locator("table tbody tr").nth(4);
      await row.hover();
      let marks = await breachTypesHighlight(page);
      expect(marks.filter((mark) => mark.opacity === 1).map((mark) => mark.row)).toEqual([4]);
      expect(marks.filter((mark) => mark.row !== 4).every((mark) => mark.opacity < 0.5)).toBe(true);
      await page.mouse.move(5, 5);
      marks = await breachTypesHighlight(page);
      expect(
        marks.every((mark) => mark.opacity === 1),
        "cleared on leave",
      ).toBe(true);

      // A category option of the explorer, by pointer and by keyboard focus.
      const category = [...categories].sort((a, b) => a.sort_order - b.sort_order)[2]!;
      const count = cases.filter((row) => row.category === category.id).length;
      const option = page.locator(`input[name="category"][value="${category.id}"]`);
      await option.hover();
      marks = await breachTypesHighlight(page);
      const bright = marks.filter((mark) => mark.opacity === 1);
      expect(bright.length).toBe(count);
      expect(bright.every((mark) => mark.label.startsWith(`${category.label}:`))).toBe(true);
      await page.mouse.move(5, 5);
      await option.focus();
      marks = await breachTypesHighlight(page);
      expect(marks.filter((mark) => mark.opacity === 1).length).toBe(count);
      await page.locator("h1").click();
      marks = await breachTypesHighlight(page);
      expect(
        marks.every((mark) => mark.opacity === 1),
        "cleared on blur",
      ).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("motion", () => {
  it.each([
    ["reduce", false],
    ["no-preference", true],
  ] as const)("with prefers-reduced-motion: %s, marks fade: %s", async (reducedMotion, fades) => {
    const { page, close } = await openStory({ reducedMotion });
    try {
      const durations = await page.$$eval("figure[data-chart] svg [data-datum]", (marks) =>
        marks.map((mark) => parseFloat(getComputedStyle(mark).transitionDuration) || 0),
      );
      expect(durations.length).toBeGreaterThan(0);
      expect(durations.every((duration) => (fades ? duration > 0 : duration === 0))).toBe(true);
    } finally {
      await close();
    }
  });
});

describe("accessibility (axe-core) with a tooltip open", () => {
  it.each(["light", "dark"] as const)("has no violations with a keyboard tooltip open (%s)", async (colorScheme) => {
    const { page, errors, close } = await openStory({ colorScheme });
    try {
      for (let step = 0; step < 400; step++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement?.getAttribute("data-chart") === "breach-types")) break;
      }
      await page.keyboard.press("ArrowRight");
      const state = await readChartState(page);
      expect(state.tooltip?.text).toBe(state.label);
      expect(await axeViolations(page)).toEqual([]);
      expect((await readChartState(page)).tooltip?.text, "still open after the check").toBe(state.label);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("has no violations with a hover tooltip open", async () => {
    const { page, errors, close } = await openStory();
    try {
      const mark = page.locator('figure[data-chart="outcomes"] svg.met-chart--wide [data-datum]').nth(220);
      await mark.hover();
      expect(await tooltipText(page, "outcomes")).toBe(await mark.getAttribute("data-label"));
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
