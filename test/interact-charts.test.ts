/**
 * The charts' interactivity in a real Chromium (src/scripts/chart-explorer.ts):
 *
 * - keyboard only: Tab reaches each chart once; the chart is a tree
 *   (src/scripts/chart-tree.ts): Enter reaches every row of its table and
 *   every mark of each row, each with a tooltip equal to what is announced
 *   through aria-activedescendant and a visible ring; every mark lies within
 *   MAX_KEYS of the chart (shortest paths over the tree, a sample driven);
 *   Home/End, Up/Down and Escape; the tooltip stays inside the viewport;
 *   the outcomes chart's groups and cases are said level by level;
 * - touch: a tap shows a tooltip, a second tap or a tap elsewhere hides it;
 * - mouse: hover shows, the tooltip can be hovered, Escape dismisses it;
 * - linked highlighting from table rows and explorer options;
 * - reduced motion, and axe-core with a tooltip open.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Case, Category } from "../src/data/schema.ts";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { TARGETS_READY_ATTRIBUTE } from "../src/scripts/charts-ready.ts";
import {
  buildChartTree,
  MAX_KEYS,
  NAV_KEYS,
  navigate,
  type ChartTree,
  type NavKey,
  type NavNode,
} from "../src/scripts/chart-tree.ts";
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
  /** Id of the element aria-activedescendant points at: null when the chart itself is in focus. */
  node: string | null;
  describedBy: string;
  /** Whether the figure shows the keys under the chart. */
  keysShown: boolean;
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
    const node = svg ? document.getElementById(svg.getAttribute("aria-activedescendant") ?? "") : null;
    const mark = node?.hasAttribute("data-datum") ? node : null;
    const keys = figure?.querySelector<HTMLElement>(".met-chart-keys");
    const tooltip = figure?.querySelector<HTMLElement>('[role="tooltip"]');
    const tooltipShown = tooltip && getComputedStyle(tooltip).display !== "none" && tooltip.offsetWidth > 0;
    const ring = svg?.querySelector(".met-focus-ring");
    const ringOuter = ring?.querySelector(".met-focus-ring-outer");
    const ringShown = ring && ringOuter && ring.getAttribute("display") !== "none" && ringOuter.getClientRects().length;
    return {
      chart: svg?.getAttribute("data-chart") ?? null,
      node: node?.id ?? null,
      describedBy: svg?.getAttribute("aria-describedby") ?? "",
      keysShown: Boolean(keys && keys.offsetHeight > 0 && (keys.textContent ?? "").includes("Enter")),
      datum: mark?.getAttribute("data-datum") ?? null,
      label: mark?.getAttribute("data-label") ?? null,
      role: node?.getAttribute("role") ?? null,
      name: node?.getAttribute("aria-label") ?? null,
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

/** A label as said and shown: a sentence ("Formal action: case 12 of 208."). */
function sentence(label: string): string {
  const text = label.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A row's place, said after its words: "Group 1 of 3." (a chart may name its rows "Row" or "Example"). */
const POSITION = / (Group|Row|Example) (\d+) of (\d+)\.$/;

/** Checks everything a keyboard user relies on for the mark at `position` of `marks`. */
function expectFocusedMark(state: ChartState, marks: { datum: string; label: string }[], position: number) {
  const expected = marks[position]!;
  const where = `${state.chart} mark ${position} (${expected.datum})`;
  expect(state.datum, where).toBe(expected.datum);
  // Announced: the active descendant is an image named by the mark's own label (a row drawn as one
  // mark is that mark, and says its place among the rows too).
  expect(state.role, where).toBe("img");
  expect((state.name ?? "").replace(POSITION, ""), where).toBe(sentence(expected.label));
  // Shown: the tooltip says exactly what the mark's data says, inside the viewport.
  expect(state.tooltip?.text, where).toBe(sentence(expected.label));
  const viewport = { left: 0, top: 0, right: state.viewport.width, bottom: state.viewport.height };
  expectInside(state.tooltip!.box, viewport, `${where} tooltip in viewport`);
  // Visible focus: a ring at least 2 px thick drawn around the mark.
  expect(state.ring, `${where} ring`).not.toBeNull();
  expect(state.ring!.strokeWidth, `${where} ring width`).toBeGreaterThanOrEqual(2);
  expectInside(state.mark!, state.ring!.box, `${where} ring around mark`);
}

/** The focused chart's tree as the page builds it (labels aside): its table rows and its marks in reading order. */
async function focusedTree(page: Page): Promise<{ tree: ChartTree; marks: { datum: string; label: string }[] }> {
  const marks = await expectedMarks(page);
  const shape = await page.evaluate(() => {
    const svg = document.activeElement as SVGSVGElement;
    const rows = svg.closest("figure")!.querySelectorAll("table tbody tr").length;
    const markRows = Array.from(svg.querySelectorAll<SVGElement>("[data-datum]"))
      .map((mark) => Number(mark.dataset.row))
      .sort((a, b) => a - b);
    return { rows, markRows };
  });
  const tree = buildChartTree(
    "",
    Array.from({ length: shape.rows }, () => ""),
    shape.markRows.map((row, index) => ({ row, label: marks[index]!.label })),
  );
  return { tree, marks };
}

/** The fewest keys from the focused chart to every node, by breadth-first search over the tree's moves. */
function shortestPaths(tree: ChartTree): Map<NavNode, NavKey[]> {
  const paths = new Map<NavNode, NavKey[]>([[tree.root, []]]);
  const queue = [tree.root];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const key of NAV_KEYS) {
      const next = navigate(tree, node, key);
      if (!paths.has(next)) {
        paths.set(next, [...paths.get(node)!, key]);
        queue.push(next);
      }
    }
  }
  return paths;
}

/** Presses Escape until the focused chart is back at its top (nothing announced, nothing shown). */
async function backToChart(page: Page): Promise<void> {
  for (let step = 0; step < 12; step++) {
    const state = await readChartState(page);
    if (state.node === null) break;
    await page.keyboard.press("Escape");
  }
  const state = await readChartState(page);
  expect(state.node, "back at the chart").toBeNull();
  expect(state.tooltip).toBeNull();
  expect(state.ring).toBeNull();
}

/**
 * Explores the focused chart with the keyboard only: the chart on focus,
 * every row, every mark of every row (Left/Right walk a row's marks), the
 * shortest path to every mark within MAX_KEYS and a sample of them driven,
 * Up/Down, and Escape back out.
 */
async function exploreFocusedChart(page: Page): Promise<string> {
  const { tree, marks } = await focusedTree(page);
  const first = await readChartState(page);
  const chart = first.chart!;
  expect(marks.length, `${chart} has marks`).toBeGreaterThan(0);
  // On focus: the chart itself, named by its title and described by its description and the keys
  // (not the takeaway: the caption just before it says that).
  expect(first.node, `${chart}: nothing announced on focus but the chart`).toBeNull();
  expect(first.tooltip).toBeNull();
  expect(first.describedBy).not.toContain(`figure-${chart}-takeaway`);
  expect(first.describedBy).toContain(`figure-${chart}-desc`);
  expect(first.keysShown, `${chart}: the keys are on the page`).toBe(true);

  // Every row, then every mark of it: Enter down, Right along, Escape back up.
  await page.keyboard.press("Enter");
  for (const [row, rowNode] of tree.rows.entries()) {
    if (row > 0) await page.keyboard.press("ArrowRight");
    const rowState = await readChartState(page);
    expect(rowState.role, `${chart} row ${row}`).toBe("img");
    const place = (rowState.name ?? "").match(POSITION);
    expect(place?.slice(2).map(Number), `${chart} row ${row}: its place`).toEqual([row + 1, tree.rows.length]);
    // The tooltip shows the same words, without the place.
    expect(rowState.tooltip?.text).toBe((rowState.name ?? "").replace(POSITION, ""));
    if (rowNode.end === rowNode.first) continue;
    if (rowNode.mark !== null) {
      // A row drawn as one mark is that mark.
      expectFocusedMark(rowState, marks, rowNode.first);
      continue;
    }
    let depth = 0;
    for (; depth < 8 && (await readChartState(page)).datum === null; depth++) await page.keyboard.press("Enter");
    for (let position = rowNode.first; position < rowNode.end; position++) {
      if (position > rowNode.first) await page.keyboard.press("ArrowRight");
      expectFocusedMark(await readChartState(page), marks, position);
    }
    // The row's ends hold; Home and End jump to them.
    await page.keyboard.press("ArrowRight");
    expect((await readChartState(page)).datum).toBe(marks[rowNode.end - 1]!.datum);
    await page.keyboard.press("Home");
    expectFocusedMark(await readChartState(page), marks, rowNode.first);
    await page.keyboard.press("End");
    expectFocusedMark(await readChartState(page), marks, rowNode.end - 1);
    // Escape climbs back through the runs (a row's runs need not all be equally deep) to the row.
    for (let step = 0; step < 8 && (await readChartState(page)).name !== rowState.name; step++) {
      await page.keyboard.press("Escape");
    }
    expect((await readChartState(page)).name, `${chart}: Escape climbs back to the row`).toBe(rowState.name);
  }

  // Every mark within MAX_KEYS of the chart, by the tree's own moves; a sample of paths driven for real.
  const paths = shortestPaths(tree);
  const lengths = tree.leaves.map((leaf) => paths.get(leaf)?.length ?? Infinity);
  expect(Math.max(...lengths), `${chart}: keys to the farthest mark`).toBeLessThanOrEqual(MAX_KEYS);
  const farthest = lengths.indexOf(Math.max(...lengths));
  const sample = new Set([0, marks.length - 1, farthest, Math.floor(marks.length / 2), Math.floor(marks.length / 3)]);
  for (const index of sample) {
    await backToChart(page);
    for (const key of paths.get(tree.leaves[index]!)!) await page.keyboard.press(key);
    expectFocusedMark(await readChartState(page), marks, index);
  }

  // Down goes to a mark lower down (when there is one) and Up comes back to the first line.
  await backToChart(page);
  await page.keyboard.press("Enter");
  while ((await readChartState(page)).datum === null) await page.keyboard.press("Enter");
  const top = (await readChartState(page)).mark!;
  await page.keyboard.press("ArrowDown");
  const down = await readChartState(page);
  if (down.datum !== marks[0]!.datum) {
    expect(down.mark!.top, `${chart}: Down moves down`).toBeGreaterThan(top.top);
    expect(down.tooltip?.text).toBe(sentence(down.label!));
    await page.keyboard.press("ArrowUp");
    expect((await readChartState(page)).datum, `${chart}: Up comes back`).toBe(marks[0]!.datum);
  }
  // Escape from the top leaves the chart: focus stays, nothing shown.
  await backToChart(page);
  await page.keyboard.press("Escape");
  const escaped = await readChartState(page);
  expect(escaped.chart).toBe(chart);
  expect(escaped.tooltip, `${chart}: Escape hides the tooltip`).toBeNull();
  expect(escaped.ring).toBeNull();
  return chart;
}

describe.each([1280, 320])("keyboard only, at %i px", (width) => {
  it("reaches every chart with Tab, once each, and explores every row and mark of the displayed drawing", async () => {
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
        // Leave it with a group in focus, to check Tab clears it.
        await page.keyboard.press("Enter");
        previous = focused.chart;
      }
      expect(explored.sort()).toEqual(CHARTS.map((chart) => chart.id).sort());
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("a chart's focus ring in a story section", () => {
  it("is painted whole, past the edges of the section and figure that content-visibility skips until seen", async () => {
    const { page, errors, close } = await openStory({ viewport: { width: 375, height: 740 } });
    try {
      const svg = page.locator('figure[data-chart="breach-types"] svg.met-chart');
      await svg.scrollIntoViewIfNeeded();
      await drawn(svg);
      await svg.evaluate((element) => (element as SVGSVGElement).focus());
      // Back and forth with the keyboard, so the ring is the keyboard's (:focus-visible).
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const box = (await svg.boundingBox())!;
      // The ring (3 px, 2 px outside the drawing) on its left: the drawing's left edge is the column's,
      // where the section and the figure end.
      const shot = await page.screenshot({ clip: { x: box.x - 6, y: box.y + 40, width: 5, height: 40 } });
      const ringColour = await svg.evaluate((element) => getComputedStyle(element).outlineColor);
      const ringPixels = await page.evaluate(
        async ({ base64, colour }) => {
          const [r, g, b] = colour.match(/\d+/g)!.map(Number) as [number, number, number];
          // An image, not fetch(): the page's Content-Security-Policy allows data: images, not data: fetches.
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext("2d")!;
          context.drawImage(image, 0, 0);
          const { data } = context.getImageData(0, 0, image.width, image.height);
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 60) count++;
          }
          return count;
        },
        { base64: shot.toString("base64"), colour: ringColour },
      );
      // At least one column of the strip is the ring's colour.
      expect(ringPixels, "the focus ring's left side is painted").toBeGreaterThanOrEqual(40);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the outcomes chart as a tree", () => {
  it("says the chart, its groups with their counts, and their cases, level by level", async () => {
    const { page, errors, close } = await openStory();
    try {
      const table = chartById("outcomes").table(dataset);
      const name = (row: number) => String(table.rows[row]!["outcome"]);
      const count = (row: number) => Number(table.rows[row]!["cases"]).toLocaleString("en-GB");
      await page.locator('figure[data-chart="outcomes"] svg.met-chart').focus();
      await page.keyboard.press("Enter");
      const group = await readChartState(page);
      const total = Number(table.rows.reduce((sum, row) => sum + (row["part_of"] ? 0 : Number(row["cases"])), 0));
      expect(group.name).toMatch(new RegExp(`^${name(0)}: ${count(0)} of the ${total.toLocaleString("en-GB")} cases`));
      // The group's share is heard too, in words, and says it is our calculation.
      const share = Number(table.rows[0]!["share_of_all"]).toLocaleString("en-GB");
      expect(group.name).toContain(`${share} per cent (our calculation)`);
      expect(group.name).toMatch(/ Group 1 of 3\.$/);
      expect(group.tooltip?.text).toBe(group.name!.replace(POSITION, ""));
      // The ring outlines the whole group.
      expect(group.ring).not.toBeNull();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      const third = await readChartState(page);
      expect(name(2)).toBe("No further action");
      expect(third.name).toMatch(new RegExp(`^${name(2)}, part of other outcomes: ${count(2)} of .* Group 3 of 3\\.$`));
      await page.keyboard.press("Enter");
      const firstCase = await readChartState(page);
      const expected = await page
        .locator('figure[data-chart="outcomes"] svg.met-chart [data-datum][data-row="2"]')
        .first()
        .getAttribute("data-label");
      expect(firstCase.name).toBe(sentence(expected!));
      expect(firstCase.tooltip?.text).toBe(sentence(expected!));
      await page.keyboard.press("Escape");
      expect((await readChartState(page)).name).toBe(third.name);
      await page.keyboard.press("Escape");
      expect((await readChartState(page)).node).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/**
 * Taps (or hovers) the middle of a mark as a finger or mouse would: the chart's touch targets
 * (src/scripts/hit-areas.ts) lie over its marks and answer for them.
 */
async function tapOn(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await drawn(target);
  const box = (await target.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}
async function hoverOn(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await drawn(target);
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
}

/**
 * Waits until a mark scrolled to is drawn: a chart below the first screen is rendered
 * (content-visibility, src/styles/story.css) a frame or two after it nears the screen, and a
 * reader's finger or pointer arrives on what is drawn.
 */
async function drawn(target: Locator): Promise<void> {
  await target.evaluate(
    (element) =>
      new Promise<void>((done) => {
        const check = () =>
          element.checkVisibility({ contentVisibilityAuto: true }) ? done() : requestAnimationFrame(check);
        check();
      }),
  );
}

/** What a tap or hover on a mark shows: its row's spoken words (the SVG's data-groups), else its own label. */
function groupWords(mark: Locator): Promise<string> {
  return mark.evaluate((element) => {
    const groups = JSON.parse(element.closest("svg")!.getAttribute("data-groups") ?? "[]") as string[];
    const text = (groups[Number(element.getAttribute("data-row"))] ?? element.getAttribute("data-label") ?? "").trim();
    return /[.!?]$/.test(text) ? text : `${text}.`;
  });
}

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
      const marks = page.locator('figure[data-chart="breach-types"] svg.met-chart [data-datum]');
      const first = marks.nth(0);
      const other = marks.nth(5);
      const label = await groupWords(first);
      // The chart's section is rendered (content-visibility) only as it nears the screen, and its
      // touch targets are placed then: tap once they are, as a reader's finger arrives after them.
      await first.scrollIntoViewIfNeeded();
      await page.locator(`figure[data-chart="breach-types"] svg.met-chart[${TARGETS_READY_ATTRIBUTE}]`).waitFor();
      await tapOn(page, first);
      expect(await tooltipText(page, "breach-types")).toBe(label);
      const fits = await page.evaluate(() => {
        const box = document.querySelector('figure[data-chart="breach-types"] [role="tooltip"]')!;
        const { left, right } = box.getBoundingClientRect();
        return left >= 0 && right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;
      });
      expect(fits, "tooltip inside the screen, no sideways scroll").toBe(true);
      await tapOn(page, first);
      expect(await tooltipText(page, "breach-types"), "second tap hides").toBeNull();
      await tapOn(page, first);
      expect(await tooltipText(page, "breach-types")).toBe(label);
      await tapOn(page, other);
      expect(await tooltipText(page, "breach-types")).toBe(await groupWords(other));
      await page.locator("h1").tap();
      expect(await tooltipText(page, "breach-types"), "tap elsewhere hides").toBeNull();
      // An outlined square (no fill) answers a tap in its middle, not only on its outline.
      const outlined = page.locator('figure[data-chart="breach-types"] svg.met-chart g[fill="none"] > [data-datum]');
      expect(await outlined.count()).toBeGreaterThan(0);
      await tapOn(page, outlined.first());
      expect(await tooltipText(page, "breach-types")).toBe(await groupWords(outlined.first()));
      await page.locator("h1").tap();
      // A small square of the outcomes chart answers for its whole group, in the group's words.
      const square = page.locator('figure[data-chart="outcomes"] svg.met-chart [data-datum]').nth(250);
      await tapOn(page, square);
      expect(await tooltipText(page, "outcomes")).toBe(await groupWords(square));
      expect(await tooltipText(page, "outcomes")).toMatch(/ cases, .* per cent \(our calculation\)/);
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
      const mark = page.locator('figure[data-chart="national"] svg.met-chart [data-datum]').nth(1);
      const label = await groupWords(mark);
      await hoverOn(page, mark);
      // The tooltip follows the pointer's event, which may land a frame after the move: wait for it.
      await expect.poll(() => tooltipText(page, "national")).toBe(label);
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
      await hoverOn(page, mark);
      await expect.poll(() => tooltipText(page, "national")).toBe(label);
      await page.keyboard.press("Escape");
      expect(await tooltipText(page, "national")).toBeNull();
      await page.waitForTimeout(400);
      expect(await tooltipText(page, "national")).toBeNull();
      // The middle of an outlined square (no fill) counts as the square.
      const outlined = page
        .locator('figure[data-chart="breach-types"] svg.met-chart g[fill="none"] > [data-datum]')
        .first();
      await hoverOn(page, outlined);
      const outlinedWords = await groupWords(outlined);
      await expect.poll(() => tooltipText(page, "breach-types")).toBe(outlinedWords);
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
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      const state = await readChartState(page);
      expect(state.tooltip?.text).toBe(sentence(state.label!));
      expect(await axeViolations(page)).toEqual([]);
      expect((await readChartState(page)).tooltip?.text, "still open after the check").toBe(sentence(state.label!));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("has no violations with a hover tooltip open", async () => {
    const { page, errors, close } = await openStory();
    try {
      const mark = page.locator('figure[data-chart="outcomes"] svg.met-chart [data-datum]').nth(220);
      await hoverOn(page, mark);
      expect(await tooltipText(page, "outcomes")).toBe(await groupWords(mark));
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
