/**
 * The case explorer in a real Chromium (src/scripts/case-explorer.ts):
 * every filter and the search narrow the list to exactly the cases the data
 * says (src/generated/cases.json, filtered here independently); the count
 * is announced; the address holds the filter, a reload restores it, Back
 * and Forward step through it; axe-core passes with filters applied; and
 * with JavaScript off the story still shows every chart and every case.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { GROUP_LABEL } from "../src/charts/breach-types-chart.ts";
import { CHARTS } from "../src/charts/registry.ts";
import type { Case, Category, Quote } from "../src/data/schema.ts";
import { axeViolations } from "./support/axe.ts";
import { explorerReady } from "./support/charts-ready.ts";
import { storySession } from "./support/story-session.ts";

const cases = JSON.parse(readFileSync("src/generated/cases.json", "utf8")) as Case[];
const categories = JSON.parse(readFileSync("src/generated/categories.json", "utf8")) as Category[];
const quotes = JSON.parse(readFileSync("src/generated/quotes.json", "utf8")) as Quote[];
/** A case's quoted words (quotes.csv), which the search covers; not its speaker. */
const quoteText = (row: Case) => quotes.find((quote) => quote.id === row.quote_id)?.quote ?? "";
const ALL_IDS = cases.map((row) => row.id).sort();

const { openStory, server } = storySession();

/** The story, open with its case explorer set up (scrolled to, as a reader reaches it). */
async function openExplorer(options?: Parameters<typeof openStory>[0]) {
  const opened = await openStory(options);
  await explorerReady(opened.page);
  return opened;
}

/** What a filter should keep, worked out from the data, not from the page. */
interface Expectation {
  category?: string;
  outcome?: "formal" | "stated" | "not-stated";
  q?: string;
}

/** A case's group in the breach-types chart's key, from cases.csv's words. */
function groupOf(row: Case): "formal" | "stated" | "not-stated" {
  const outcome = row.outcome.trim().toLowerCase();
  return outcome === "not stated" ? "not-stated" : outcome === "formal action" ? "formal" : "stated";
}

function expectedIds({ category, outcome, q }: Expectation): string[] {
  const words = (q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return cases
    .filter((row) => !category || row.category === category)
    .filter((row) => !outcome || groupOf(row) === outcome)
    .filter((row) => {
      const text = [row.summary, row.role, row.outcome, quoteText(row)].join(" ").toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .map((row) => row.id)
    .sort();
}

/** What the page shows: the displayed cases, the displayed group headings, the status and the controls. */
function shown(page: Page) {
  return page.evaluate(() => {
    const explorer = document.querySelector("[data-case-explorer]")!;
    const displayed = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const checked = (name: string) =>
      explorer.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
    return {
      ids: Array.from(explorer.querySelectorAll("li.case"))
        .filter(displayed)
        .map((item) => item.id)
        .sort(),
      groups: Array.from(explorer.querySelectorAll(".case-group h3, .case-group h4, .case-group h5"))
        .filter(displayed)
        .map((heading) => heading.textContent?.trim()),
      status: explorer.querySelector("[role=status]")?.textContent ?? "",
      category: checked("category"),
      outcome: checked("outcome"),
      q: explorer.querySelector<HTMLInputElement>('input[name="q"]')!.value,
      search: location.search,
    };
  });
}

type Shown = Awaited<ReturnType<typeof shown>>;

/**
 * Loads the story again, at `url` or where it is, and waits until its case explorer is set up
 * (src/scripts/case-explorer.ts shows its controls last): the page's set-up runs after the first
 * paint, which can come after the load event.
 */
async function reloaded(page: Page, url?: string): Promise<void> {
  if (url) await page.goto(url, { waitUntil: "load" });
  else await page.reload({ waitUntil: "load" });
  await explorerReady(page);
}

/** Checks the list, the group headings and the announced count against the data. */
function expectList(state: Shown, expectation: Expectation) {
  const ids = expectedIds(expectation);
  const label = JSON.stringify(expectation);
  expect(state.ids, label).toEqual(ids);
  const groups = [...categories]
    .sort((a, b) => a.sort_order - b.sort_order)
    .filter((category) => cases.some((row) => row.category === category.id && ids.includes(row.id)))
    .map((category) => category.label);
  expect(state.groups, `${label}: only groups with a case show`).toEqual(groups);
  const total = cases.length.toLocaleString("en-GB");
  if (ids.length === cases.length) expect(state.status).toBe(`Showing all ${total} examples.`);
  else if (ids.length === 0) expect(state.status).toBe(`No example matches these filters (0 of ${total} examples).`);
  else expect(state.status).toBe(`Showing ${ids.length.toLocaleString("en-GB")} of ${total} examples.`);
}

function searchOf(expectation: Expectation): string {
  const params = new URLSearchParams();
  if (expectation.category) params.set("category", expectation.category);
  if (expectation.outcome) params.set("outcome", expectation.outcome);
  if (expectation.q) params.set("q", expectation.q);
  const search = params.toString();
  return search ? `?${search}` : "";
}

describe("case explorer", () => {
  it("shows every case at first, with the count in a polite status region", async () => {
    const { page, errors, close } = await openExplorer();
    try {
      const state = await shown(page);
      expectList(state, {});
      expect(state.ids).toEqual(ALL_IDS);
      expect(state).toMatchObject({ category: "", outcome: "", q: "", search: "" });
      const status = page.locator("[data-case-explorer] [role=status]");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect(await page.locator("form[data-case-filters]").isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("narrows the list by each category and each outcome, with the filter in the address", async () => {
    const { page, errors, close } = await openExplorer();
    try {
      for (const category of categories.filter((c) => cases.some((row) => row.category === c.id))) {
        await page.locator(`input[name="category"][value="${category.id}"]`).check();
        const state = await shown(page);
        expectList(state, { category: category.id });
        expect(state.search).toBe(searchOf({ category: category.id }));
      }
      await page.locator('input[name="category"][value=""]').check();
      // The outcome options are the breach-types chart's key, in its words and order (issue 24, problem 9).
      const labels = await page.$$eval('input[name="outcome"]', (inputs) =>
        inputs.map((input) => (input.parentElement?.textContent ?? "").trim()),
      );
      expect(labels).toEqual(["Any outcome", GROUP_LABEL.formal, GROUP_LABEL.stated, GROUP_LABEL["not-stated"]]);
      for (const outcome of ["formal", "stated", "not-stated"] as const) {
        await page.locator(`input[name="outcome"][value="${outcome}"]`).check();
        const state = await shown(page);
        expectList(state, { outcome });
        expect(state.search).toBe(searchOf({ outcome }));
      }
      // "Another outcome stated" keeps no case that ended in formal action.
      await page.locator('input[name="outcome"][value="stated"]').check();
      const stated = await page.$$eval("[data-case-category]", (items) =>
        items.filter((item) => (item as HTMLElement).offsetParent !== null).map((item) => item.textContent ?? ""),
      );
      expect(stated.length).toBeGreaterThan(0);
      expect(stated.filter((text) => /Outcome:\s*formal action/i.test(text))).toEqual([]);
      await page.locator('input[name="outcome"][value="not-stated"]').check();
      // Both together.
      await page.locator('input[name="category"][value="offensive-posts"]').check();
      const both = { category: "offensive-posts", outcome: "not-stated" as const };
      expectList(await shown(page), both);
      expect((await shown(page)).search).toBe(searchOf(both));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("searches the cases' text, alone and with filters, and says when nothing matches", async () => {
    const { page, errors, close } = await openExplorer();
    try {
      const search = page.locator('input[name="q"]');
      for (const q of ["facebook", "Officer", "police computer", "arrested", "offensive", "zzzz"]) {
        await search.fill(q);
        const state = await shown(page);
        expectList(state, { q });
        expect(state.search).toBe(searchOf({ q }));
      }
      await search.fill("officer");
      await page.locator('input[name="outcome"][value="stated"]').check();
      expectList(await shown(page), { q: "officer", outcome: "stated" });
      await page.locator('input[name="category"][value="helping-criminals"]').check();
      expectList(await shown(page), { q: "officer", outcome: "stated", category: "helping-criminals" });
      // "Show all" clears everything.
      await page.locator("[data-case-clear]").click();
      const cleared = await shown(page);
      expectList(cleared, {});
      expect(cleared).toMatchObject({ category: "", outcome: "", q: "", search: "" });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("restores the filter from the address on load and on reload, and ignores values it does not offer", async () => {
    const wanted = { category: "personal-misuse", outcome: "not-stated" as const, q: "police" };
    const { page, errors, close } = await openStory({ search: searchOf(wanted) });
    try {
      let state = await shown(page);
      expectList(state, wanted);
      expect(state).toMatchObject({ category: wanted.category, outcome: wanted.outcome, q: wanted.q });
      await page.locator('input[name="outcome"][value=""]').check();
      await reloaded(page);
      state = await shown(page);
      expectList(state, { category: wanted.category, q: wanted.q });
      expect(state).toMatchObject({ category: wanted.category, outcome: "", q: wanted.q });
      await reloaded(page, `${server().url}?category=%3Cscript%3E&outcome=maybe`);
      state = await shown(page);
      expectList(state, {});
      expect(state).toMatchObject({ category: "", outcome: "" });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("steps back and forward through the reader's choices; typing adds one history entry", async () => {
    const { page, errors, close } = await openExplorer();
    try {
      await page.locator('input[name="category"][value="offensive-posts"]').check();
      await page.locator('input[name="outcome"][value="stated"]').check();
      const search = page.locator('input[name="q"]');
      await search.click();
      await page.keyboard.type("offic", { delay: 20 });
      const typed = { category: "offensive-posts", outcome: "stated" as const, q: "offic" };
      expectList(await shown(page), typed);
      expect((await shown(page)).search).toBe(searchOf(typed));

      await page.goBack();
      let state = await shown(page);
      expectList(state, { category: "offensive-posts", outcome: "stated" });
      expect(state).toMatchObject({ q: "", search: searchOf({ category: "offensive-posts", outcome: "stated" }) });
      await page.goBack();
      state = await shown(page);
      expectList(state, { category: "offensive-posts" });
      expect(state).toMatchObject({ category: "offensive-posts", outcome: "" });
      await page.goBack();
      state = await shown(page);
      expectList(state, {});
      expect(state).toMatchObject({ category: "", outcome: "", q: "", search: "" });
      await page.goForward();
      await page.goForward();
      await page.goForward();
      state = await shown(page);
      expectList(state, typed);
      expect(state).toMatchObject({ category: typed.category, outcome: typed.outcome, q: typed.q });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("fits a 320 px screen with the controls shown and a filter applied", async () => {
    const { page, errors, close } = await openStory({
      viewport: { width: 320, height: 700 },
      search: searchOf({ category: "helping-criminals", q: "officer" }),
    });
    try {
      expectList(await shown(page), { category: "helping-criminals", q: "officer" });
      const sizes = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      expect(sizes.scroll).toBeLessThanOrEqual(sizes.width);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("accessibility (axe-core) with filters applied", () => {
  it.each(["light", "dark"] as const)("has no violations (%s)", async (colorScheme) => {
    const { page, errors, close } = await openExplorer({ colorScheme });
    try {
      await page.locator('input[name="category"][value="offensive-posts"]').check();
      await page.locator('input[name="q"]').fill("facebook");
      expectList(await shown(page), { category: "offensive-posts", q: "facebook" });
      expect(await axeViolations(page)).toEqual([]);
      // Nothing matching is a state too.
      await page.locator('input[name="q"]').fill("zzzz");
      expectList(await shown(page), { category: "offensive-posts", q: "zzzz" });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("without JavaScript", () => {
  it("shows every chart, the full case list and no filter controls, with no sideways scroll at 320 px", async () => {
    const { page, errors, close } = await openStory({
      viewport: { width: 320, height: 800 },
      javaScriptEnabled: false,
      search: searchOf({ category: "helping-criminals" }),
    });
    try {
      const state = await page.evaluate(() => {
        const displayed = (element: Element) => getComputedStyle(element).display !== "none";
        return {
          charts: Array.from(document.querySelectorAll("figure[data-chart]")).map((figure) => {
            const svgs = Array.from(figure.querySelectorAll("svg")).filter(displayed);
            const box = svgs[0]?.getBoundingClientRect();
            return {
              id: figure.getAttribute("data-chart"),
              shown: svgs.length,
              role: svgs[0]?.getAttribute("role"),
              tabindex: svgs[0]?.getAttribute("tabindex") ?? null,
              inside: Boolean(box && box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= innerWidth),
            };
          }),
          cases: Array.from(document.querySelectorAll("li.case"))
            .filter((item) => (item as HTMLElement).offsetParent !== null)
            .map((item) => item.id)
            .sort(),
          form: Array.from(document.querySelectorAll("form[data-case-filters]")).filter(displayed).length,
          status: document.querySelector("[data-case-explorer] [role=status]")?.textContent ?? "",
          tooltips: document.querySelectorAll('[role="tooltip"]').length,
          scroll: document.documentElement.scrollWidth,
          width: window.innerWidth,
        };
      });
      expect(state.charts.map((chart) => chart.id).sort()).toEqual(CHARTS.map((chart) => chart.id).sort());
      for (const chart of state.charts) {
        expect(chart, `${chart.id}: one drawing, a picture, inside the page`).toMatchObject({
          shown: 1,
          role: "img",
          tabindex: null,
          inside: true,
        });
      }
      // The address's filter cannot apply without the script: the whole list shows.
      expect(state.cases).toEqual(ALL_IDS);
      expect(state.form).toBe(0);
      expect(state.status).toBe("");
      expect(state.tooltips).toBe(0);
      expect(state.scroll).toBeLessThanOrEqual(state.width);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
