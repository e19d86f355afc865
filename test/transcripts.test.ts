/**
 * What a screen-reader user hears (issue 26), from the built site in one
 * Chromium: every chart on the story read in browse mode, entered, walked
 * and left; every embed read; the case explorer filtered and its results
 * read (test/support/transcript.ts: the virtual screen reader for speech,
 * Chromium's accessibility tree for what the keyboard lands on).
 *
 * - Each transcript must equal its committed snapshot (test/transcripts/),
 *   so a change to what is spoken is a reviewed change: record again with
 *   `UPDATE_TRANSCRIPTS=1 npx vitest run test/transcripts.test.ts` and read
 *   the diff as a listener.
 * - Each must pass the listener's review (listenerProblems): no number
 *   without its unit, nothing said twice in one step, no description read
 *   around the figure it describes.
 * - A label with its unit dropped, a live region that repeats what the
 *   keyboard announces, and the facts' notes put back as titles (read as
 *   descriptions, each figure three times with its source) make the checks fail.
 * - At 375 px every chart's touch targets are at least 24 by 24 CSS px and
 *   answer the pointer there (elementFromPoint), and each group of marks
 *   has one.
 * - Formal action and any other stated outcome differ by shape (fill,
 *   outline, dashes), not only by colour and lightness, in normal colours.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPLIT_NOT_REPORTED } from "../src/charts/outcomes-chart.ts";
import { CHARTS } from "../src/charts/registry.ts";
import { TARGETS_READY_ATTRIBUTE } from "../src/scripts/charts-ready.ts";
import { MIN_TARGET_PX } from "../src/scripts/hit-areas.ts";
import { fileTabs, launchBrowser } from "./support/browser.ts";
import { chartsReady, explorerReady } from "./support/charts-ready.ts";
import { DIST_DIR } from "./support/site.ts";
import { BASE } from "./support/story-session.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import {
  act,
  browse,
  exposedInside,
  listenerProblems,
  routeReader,
  startListener,
  transcriptText,
  walkChart,
  type Listener,
  type Step,
  type Transcript,
} from "./support/transcript.ts";

const SNAPSHOTS = "test/transcripts";
const UPDATE = process.env.UPDATE_TRANSCRIPTS === "1";

let server: StaticServer;
let browser: Browser;
/** Each page a tab (or, for options a tab cannot set, a context) with the virtual reader routed in: the site's CSP, rightly, refuses it. */
const tabs = fileTabs(() => browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true }, routeReader);

beforeAll(async () => {
  server = await serveStatic(DIST_DIR, BASE);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await tabs.close();
  await browser?.close();
  await server?.close();
});

/** A page of the built site with the virtual reader (see `tabs`). */
async function open(path: string, options: BrowserContextOptions = {}, prepare?: (page: Page) => Promise<void>) {
  const { page, close } = await tabs.open(options);
  if (prepare) await prepare(page);
  await page.goto(`${server.url}${path}`, { waitUntil: "load" });
  return { page, close };
}

/** The transcript as committed; written instead when UPDATE_TRANSCRIPTS=1. */
function expectSnapshot(name: string, transcript: Transcript): void {
  const file = join(SNAPSHOTS, `${name}.txt`);
  const text = transcriptText(transcript);
  if (UPDATE) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${file} exists (record it with UPDATE_TRANSCRIPTS=1)`).toBe(true);
  expect(text, `${file}: what is spoken changed; read the diff, then record it with UPDATE_TRANSCRIPTS=1`).toBe(
    readFileSync(file, "utf8"),
  );
}

/** Walks every chart of the story page open in `listener`. */
async function walkStory(listener: Listener, width: number): Promise<Transcript[]> {
  const transcripts: Transcript[] = [];
  for (const chart of CHARTS) {
    transcripts.push(
      await walkChart(listener, `figure[data-chart="${chart.id}"]`, `${chart.title} (story, ${width} px)`),
    );
  }
  return transcripts;
}

describe("the story's charts, heard", () => {
  it("read, entered, walked and left: as committed, and nothing a listener would object to", async () => {
    const { page, close } = await open("");
    try {
      await chartsReady(page);
      const listener = await startListener(page);
      const transcripts = await walkStory(listener, 1280);
      for (const [index, chart] of CHARTS.entries()) {
        const transcript = transcripts[index]!;
        // What Chromium exposes inside the focused chart: the chart and the node the keyboard is on, nothing else.
        const svgId = await page.evaluate((id) => {
          const svg = Array.from(
            document.querySelectorAll<SVGSVGElement>(`figure[data-chart="${id}"] svg[tabindex]`),
          ).find((candidate) => candidate.getBoundingClientRect().width > 0)!;
          svg.id ||= `heard-${id}`;
          svg.focus();
          return svg.id;
        }, chart.id);
        await page.keyboard.press("Enter");
        const exposed = await exposedInside(listener, svgId);
        await page.keyboard.press("Escape");
        transcript.steps.push({ action: "Chromium's tree inside the chart, on its first group", spoken: exposed });
        expect(exposed, `${chart.id}: the chart, and one image for the focused group`).toHaveLength(2);
        expectSnapshot(`story-${chart.id}`, transcript);
        expect(listenerProblems(transcript).join("\n"), chart.id).toBe("");
      }
    } finally {
      await close();
    }
  }, 240_000);

  it("hears a dropped unit, a repeated live announcement and a figure's source read around it: the checks can fail", async () => {
    // The built page, changed on its way to the browser: a group's words lose "cases", and the
    // facts' notes become titles again.
    const { page, close } = await open("", {}, async (page) => {
      await page.route(
        (url) => url.pathname === BASE,
        async (route) => {
          const response = await route.fetch();
          const html = (await response.text())
            .replace(/( of the [\d,]+) cases(, [\d.]+ per cent)/g, "$1$2")
            .replace(/(<data class="fact"[^>]*?) data-note=/g, "$1 title=");
          await route.fulfill({ response, body: html });
        },
      );
    });
    try {
      await chartsReady(page);
      // A live region that says again what the keyboard lands on, as a careless script might.
      await page.evaluate(() => {
        const figure = document.querySelector('figure[data-chart="outcomes"]')!;
        const live = document.createElement("p");
        live.setAttribute("aria-live", "polite");
        figure.append(live);
        for (const svg of Array.from(figure.querySelectorAll("svg"))) {
          new MutationObserver(() => {
            const id = svg.getAttribute("aria-activedescendant");
            live.textContent = id ? (figure.querySelector('[role="tooltip"]')?.textContent ?? "") : "";
          }).observe(svg, { attributes: true, attributeFilter: ["aria-activedescendant"] });
        }
      });
      const listener = await startListener(page);
      const transcript = await walkChart(listener, 'figure[data-chart="outcomes"]', CHARTS[0]!.title);
      const problems = listenerProblems(transcript);
      expect(problems.some((problem) => problem.includes("number without unit"))).toBe(true);
      expect(problems.filter((problem) => problem.includes("said twice")).join("\n")).toContain("polite:");
      expect(problems.filter((problem) => problem.includes("described around")).join("\n")).toContain(
        "Cases: Formal action. Source: Press Association",
      );
      expect(transcriptText(transcript)).not.toBe(readFileSync(join(SNAPSHOTS, "story-outcomes.txt"), "utf8"));
    } finally {
      await close();
    }
  }, 120_000);
});

describe("the embeds, heard", () => {
  it.each(CHARTS.map((chart) => chart.id))("/embed/%s/ read from top to bottom, then Tab", async (id) => {
    const { page, close } = await open(`embed/${id}/`, { viewport: { width: 375, height: 812 } });
    try {
      const listener = await startListener(page);
      const steps: Step[] = [await browse(page, "body", 120)];
      const previous = { descendant: null as string | null };
      steps.push(await act(listener, "Tab", () => page.keyboard.press("Tab"), previous));
      const transcript = { title: `/embed/${id}/ (375 px)`, steps };
      expectSnapshot(`embed-${id}`, transcript);
      expect(listenerProblems(transcript).join("\n")).toBe("");
    } finally {
      await close();
    }
  });
});

describe("the case explorer, heard", () => {
  it("filtered by type, by outcome and by a word, with its results read", async () => {
    const { page, close } = await open("");
    try {
      await chartsReady(page);
      await explorerReady(page);
      const listener = await startListener(page);
      const previous = { descendant: null as string | null };
      const explorer = "[data-case-explorer]";
      const steps: Step[] = [];
      const step = async (action: string, run: () => Promise<void>) =>
        steps.push(await act(listener, action, run, previous));
      await step("Tab (to the first type of breach)", () =>
        page.locator(`${explorer} input[name="category"]`).first().focus(),
      );
      await step("ArrowDown", () => page.keyboard.press("ArrowDown"));
      await step("Tab (to the outcomes)", () => page.keyboard.press("Tab"));
      await step("ArrowDown", () => page.keyboard.press("ArrowDown"));
      steps.push(await browse(page, `${explorer} .case-list`, 40));
      await step("Tab (to the search)", () => page.locator(`${explorer} input[name="q"]`).focus());
      await step("type: officer", () => page.keyboard.type("officer", { delay: 10 }));
      await step("Escape (clears the search)", () => page.keyboard.press("Escape"));
      const transcript = { title: "The case explorer (story, 1280 px)", steps };
      expectSnapshot("story-case-explorer", transcript);
      expect(listenerProblems(transcript).join("\n")).toBe("");
    } finally {
      await close();
    }
  }, 120_000);
});

describe("touch targets at 375 px", () => {
  it(`gives every group of marks a target of at least ${MIN_TARGET_PX} by ${MIN_TARGET_PX} CSS px that answers there`, async () => {
    const { page, close } = await open("", { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    try {
      await chartsReady(page);
      for (const chart of CHARTS) {
        const svg = page.locator(`figure[data-chart="${chart.id}"] svg[data-chart]:visible`).first();
        await svg.scrollIntoViewIfNeeded();
        // A chart whose section was not rendered until now places its targets once it is.
        await page
          .locator(`figure[data-chart="${chart.id}"] svg[data-chart][${TARGETS_READY_ATTRIBUTE}]`)
          .waitFor({ state: "attached" });
        const result = await svg.evaluate((element, min) => {
          const rows = new Set(
            Array.from(element.querySelectorAll<SVGElement>("[data-datum]"), (mark) => mark.dataset.row),
          );
          const targets = Array.from(element.querySelectorAll<SVGRectElement>(".met-hit"));
          const measured = targets.map((target) => {
            target.scrollIntoView({ block: "center" });
            const box = target.getBoundingClientRect();
            // A min × min square inside the target where every probe lands on the target itself.
            let owned = false;
            for (let y = box.top; !owned && y + min <= box.bottom + 0.01; y += 2) {
              for (let x = box.left; !owned && x + min <= box.right + 0.01; x += 2) {
                const probes = [0.5, min / 2, min - 0.5].flatMap((dy) =>
                  [0.5, min / 2, min - 0.5].map((dx) => [x + dx, y + dy]),
                );
                owned = probes.every(([px, py]) => document.elementFromPoint(px!, py!) === target);
              }
            }
            return { row: target.dataset.row, width: box.width, height: box.height, owned };
          });
          return { rows: [...rows].sort(), measured };
        }, MIN_TARGET_PX);
        expect(result.measured.map((target) => target.row).sort(), `${chart.id}: one target per group`).toEqual(
          result.rows,
        );
        for (const target of result.measured) {
          const where = `${chart.id} row ${target.row}: ${target.width.toFixed(1)} × ${target.height.toFixed(1)} px`;
          expect(Math.min(target.width, target.height), where).toBeGreaterThanOrEqual(MIN_TARGET_PX);
          expect(target.owned, `${where}, answers the pointer in a ${MIN_TARGET_PX} px square`).toBe(true);
        }
      }
      // A tap on the two squares of no further action, inside the block of other outcomes, says their group.
      const svg = page.locator('figure[data-chart="outcomes"] svg[data-chart]:visible').first();
      const square = svg.locator('[data-datum][data-row="2"]').first();
      await square.scrollIntoViewIfNeeded();
      const box = (await square.boundingBox())!;
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      const groups = JSON.parse((await svg.getAttribute("data-groups"))!) as string[];
      await expect
        .poll(() => page.locator('figure[data-chart="outcomes"] [role="tooltip"]').textContent())
        .toBe(groups[2]);
    } finally {
      await close();
    }
  }, 120_000);
});

describe("formal action and other outcomes, told apart without colour", () => {
  it("differ by fill, outline or dashes in normal colours, in both charts that show them", async () => {
    const { page, close } = await open("");
    try {
      await chartsReady(page);
      const shapes = await page.evaluate(() => {
        /** What a square looks like, colour and lightness left out. */
        const shape = (mark: Element | null) => {
          if (!mark) return null;
          const style = getComputedStyle(mark);
          const filled = style.fill !== "none" && Number(style.fillOpacity) >= 0.5;
          const outlined = style.stroke !== "none" && parseFloat(style.strokeWidth) > 0;
          const dashed = outlined && style.strokeDasharray !== "none";
          return `${filled ? "filled" : "hollow"}${outlined ? (dashed ? ", dashed outline" : ", solid outline") : ""}`;
        };
        const svg = (id: string) => document.querySelector(`figure[data-chart="${id}"] svg.met-chart`)!;
        return {
          outcomes: {
            formal: shape(svg("outcomes").querySelector('[data-datum][data-row="0"]')),
            other: shape(svg("outcomes").querySelector('[data-datum][data-row="2"]')),
            unsplit: shape(svg("outcomes").querySelector('[data-datum][data-row="1"]')),
          },
          breachTypes: {
            formal: shape(svg("breach-types").querySelector(".met-forced-solid [data-datum]")),
            other: shape(svg("breach-types").querySelector(".met-forced-outline [data-datum]")),
            notStated: shape(svg("breach-types").querySelector(".met-forced-dashed [data-datum]")),
          },
        };
      });
      for (const [chart, kinds] of Object.entries(shapes)) {
        const values = Object.values(kinds);
        expect(values.every(Boolean), `${chart}: every kind drawn ${JSON.stringify(kinds)}`).toBe(true);
        expect(new Set(values).size, `${chart}: each kind its own shape ${JSON.stringify(kinds)}`).toBe(values.length);
      }
    } finally {
      await close();
    }
  });
});

describe("the keyboard ring", () => {
  it("outlines exactly the focused marks: a run that starts and ends mid-row, and a group around another", async () => {
    const { page, close } = await open("");
    try {
      await chartsReady(page);
      await page.locator('figure[data-chart="outcomes"] svg.met-chart').focus();
      const checked: string[] = [];
      // The first run of other outcomes (it starts after the two squares of no further action), then the group.
      for (const keys of [["Enter", "ArrowRight", "Enter"], ["Escape"]]) {
        for (const key of keys) await page.keyboard.press(key);
        const result = await page.evaluate(() => {
          const svg = document.activeElement as SVGSVGElement;
          const node = document.getElementById(svg.getAttribute("aria-activedescendant")!)!;
          const d = svg.querySelector(".met-focus-ring-outer")!.getAttribute("d")!;
          const toSvg = svg.getScreenCTM()!.inverse();
          // Inside the outline: an odd number of its vertical edges to the right of the point.
          const edges = [...d.matchAll(/M([\d.-]+) ([\d.-]+)V([\d.-]+)/g)].map((m) => m.slice(1).map(Number));
          const inside = (mark: Element) => {
            const box = mark.getBoundingClientRect();
            const { x, y } = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2).matrixTransform(toSvg);
            return (
              edges.filter(([ex, y1, y2]) => ex! > x && y >= Math.min(y1!, y2!) && y < Math.max(y1!, y2!)).length %
                2 ===
              1
            );
          };
          const tooltip = svg.closest("figure")!.querySelector('[role="tooltip"]')!.textContent ?? "";
          const marks = Array.from(svg.querySelectorAll("[data-datum]"));
          return {
            label: node.getAttribute("aria-label")!,
            tooltip,
            outlined: marks.filter(inside).map((mark) => mark.getAttribute("data-label")!),
          };
        });
        checked.push(result.label);
        // Every square inside the outline belongs to the focused node, and the node has them all.
        const cases = result.label.match(/cases ([\d,]+) to ([\d,]+) of/);
        if (cases) {
          const [first, last] = cases.slice(1).map((value) => Number(value.replace(/,/g, "")));
          expect(result.outlined.length, result.label).toBe(last! - first! + 1);
          expect(result.outlined.every((label) => label.startsWith("Other outcomes: case "))).toBe(true);
        } else {
          expect(result.outlined.length, result.label).toBeGreaterThan(0);
          expect(
            result.outlined.every((label) => label.includes(SPLIT_NOT_REPORTED)),
            result.label,
          ).toBe(true);
        }
      }
      expect(checked).toHaveLength(2);
    } finally {
      await close();
    }
  });
});
