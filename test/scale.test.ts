/**
 * Bounded pages at any number of cases (src/lib/case-scale.ts), on a copy of
 * the project whose cases.csv holds 2,000 synthetic rows (never data/):
 *
 * - the story's HTML stays within 1.25 times the real story's, gzipped, and
 *   lists only the first page of cases, with links to static pages;
 * - the breach-types chart aggregates: its key, text alternative and notes
 *   state how many examples a square stands for, that number marked as our
 *   calculation and equal to the rule worked out here from the CSV, and its
 *   squares add up to every case;
 * - static pages (/cases/<n>/) and JSON chunks hold every case once, in the
 *   list's order;
 * - in Chromium the explorer pages, filters and searches over all the
 *   cases, keeps its state in the address (reload, Back), and without
 *   JavaScript the first page and the links to the others work.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
import type { Case, Category, Quote } from "../src/data/schema.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { explorerReady } from "./support/charts-ready.ts";
import { DIST_DIR } from "./support/site.ts";
import { storySession } from "./support/story-session.ts";

const ROWS = 2_000;
/** The held passage (data/passages.csv) every synthetic case cites. */
const PASSAGE = "pa-case-email-porn-pcso";
const PAGE = 20;
const FILE = 500;

let project: ProjectCopy;
let dist: string;
let cases: Case[];
let quotes: Quote[];
/** The cases in list order: by breach type (sort_order), in file order within each. */
let ordered: Case[];

const read = (path: string) => readFileSync(join(dist, path), "utf8");
/** A case's searchable text (its summary, who, outcome and quoted words), lower case: the synthetic rows are ASCII. */
const searchableText = (row: Case) =>
  [row.summary, row.role, row.outcome, quotes.find((quote) => quote.id === row.quote_id)?.quote ?? ""]
    .join(" ")
    .toLowerCase();
const documentOf = (path: string) => parseHTML(read(path)).document;

beforeAll(() => {
  project = copyProject("met-scale-");
  // Every case cites a held passage, as the real ones do, so each page shows a case's source passage.
  const [header, ...rows] = syntheticCasesCsv(ROWS).trimEnd().split("\n");
  const withPassages = [`${header},passages`, ...rows.map((row) => `${row},${PASSAGE}`)];
  writeFileSync(join(project.root, "data/cases.csv"), `${withPassages.join("\n")}\n`);
  dist = project.build();
  const generated = (table: string) =>
    JSON.parse(readFileSync(join(project.root, `src/generated/${table}.json`), "utf8"));
  cases = generated("cases");
  quotes = generated("quotes");
  const categories = (generated("categories") as Category[]).sort((a, b) => a.sort_order - b.sort_order);
  ordered = categories.flatMap((category) => cases.filter((row) => row.category === category.id));
}, 300_000);

afterAll(() => project?.remove());

/** Examples a square stands for, by the rule the method states, worked out independently. */
function expectedPerSquare(): number {
  const groups = new Map<string, number>();
  for (const row of cases) {
    const outcome = row.outcome.toLowerCase();
    const group = outcome === "not stated" ? "none" : outcome === "formal action" ? "formal" : "other";
    groups.set(`${row.category}/${group}`, (groups.get(`${row.category}/${group}`) ?? 0) + 1);
  }
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500]) {
    if ([...groups.values()].reduce((sum, n) => sum + Math.ceil(n / step), 0) <= 100) return step;
  }
  throw new Error("no step found");
}

describe("a story with 2,000 cases", () => {
  it("stays within 1.25 times the real story's gzipped HTML", () => {
    const real = gzipSync(readFileSync(join(DIST_DIR, "index.html"))).byteLength;
    const scaled = gzipSync(readFileSync(join(dist, "index.html"))).byteLength;
    expect(scaled).toBeLessThanOrEqual(real * 1.25);
  });

  it("lists the first page of cases and links to static pages of every case", () => {
    const document = documentOf("index.html");
    const ids = [...document.querySelectorAll("[data-case-explorer] li.case")].map((item) => item.id);
    expect(ids).toEqual(ordered.slice(0, PAGE).map((row) => row.id));
    const links = [...document.querySelectorAll("[data-case-pages] a")].map((link) => link.getAttribute("href"));
    expect(links).toContain("/cases/1/");
    expect(links).toContain(`/cases/${ROWS / FILE}/`);
  });

  it("says in the accessibility statement what readers without JavaScript get: the first page, and the rest", () => {
    const statement = documentOf("accessibility/index.html").body.textContent?.replace(/\s+/g, " ") ?? "";
    expect(statement).toContain("the case list shows its first page, with links to plain pages of the rest");
    expect(statement).not.toContain("every case shows in a plain list");
    const real = readFileSync(join(DIST_DIR, "accessibility/index.html"), "utf8").replace(/\s+/g, " ");
    expect(real).toContain("every case shows in a plain list");
  });

  it("states in the chart's key, text alternative and notes how many examples a square stands for", () => {
    const perSquare = expectedPerSquare();
    expect(perSquare).toBeGreaterThan(1);
    const words = `${perSquare.toLocaleString("en-GB")} examples`;
    const document = documentOf("index.html");
    const figure = document.querySelector('figure[data-chart="breach-types"]')!;
    for (const svg of figure.querySelectorAll("svg[data-chart]")) {
      const texts = [...svg.querySelectorAll("text")].map((text) => text.textContent).join(" ");
      expect(texts).toContain(`One square = ${words} (our calculation)`);
      expect(svg.querySelector("desc")!.textContent).toContain(`one square for every ${words} (our calculation)`);
      const marks = [...svg.querySelectorAll("[data-datum]")];
      expect(marks.length).toBeLessThanOrEqual(100);
      // Every case is in exactly one square: the squares' counts add up to all of them.
      const drawn = marks.reduce(
        (sum, mark) =>
          sum + Number(/, ([\d,]+) examples?$/.exec(mark.getAttribute("data-label")!)![1]!.replace(/,/g, "")),
        0,
      );
      expect(drawn).toBe(ROWS);
    }
    const fact = [...figure.querySelectorAll(".chart-note data.fact")].find((element) =>
      element.getAttribute("data-note")!.endsWith("Examples each square of the breach-types chart stands for"),
    )!;
    expect(fact.getAttribute("value")).toBe(String(perSquare));
    expect(fact.getAttribute("data-derived")).toMatch(/rows of cases\.csv/);
    expect(fact.hasAttribute("data-source")).toBe(false);
    expect(fact.getAttribute("data-note")).toMatch(/^Our calculation from /);
    // The data page says how it is computed, and its method says the chart aggregates.
    const dataPage = documentOf("data/index.html");
    expect(dataPage.querySelector("#calculation-cases-per-square [data-derived]")).not.toBeNull();
    expect(dataPage.querySelector(".methods")!.textContent).toContain("one square stands for several examples");
  });

  it("draws its table as counts by type and outcome, not a row a case", () => {
    const rows = documentOf("embed/breach-types/index.html").querySelectorAll(".data-table tbody tr");
    expect(rows.length).toBeLessThanOrEqual(15);
    const chartJson = JSON.parse(read("data/charts/breach-types.json"));
    // The count per type and outcome is ours (an aggregation), and the download's column name says so.
    const total = chartJson.rows.reduce(
      (sum: number, row: { examples_our_calculation?: number }) => sum + (row.examples_our_calculation ?? 0),
      0,
    );
    expect(total).toBe(ROWS);
  });

  it("publishes every case once, in list order, on static pages and in JSON chunks", () => {
    const pages = ROWS / FILE;
    const onPages: string[] = [];
    const inChunks: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const document = documentOf(`cases/${page}/index.html`);
      expect(document.querySelector("h1")!.textContent).toContain(`page ${page} of ${pages}`);
      onPages.push(...[...document.querySelectorAll("li.case")].map((item) => item.id));
      const chunk = JSON.parse(read(`data/cases/page-${page}.json`));
      expect(chunk.first).toBe((page - 1) * FILE);
      inChunks.push(...chunk.cases.map((row: { id: string }) => row.id));
    }
    const expected = ordered.map((row) => row.id);
    expect(onPages).toEqual(expected);
    expect(inChunks).toEqual(expected);
    const index = JSON.parse(read("data/cases/index.json"));
    const code = (outcome: string) => (outcome === "not stated" ? "n" : outcome === "formal action" ? "f" : "s");
    expect(index.outcomes).toBe(ordered.map((row) => code(row.outcome.toLowerCase())).join(""));
  });

  it("shows each case's source passage on the static pages, and carries it in the explorer's page files, in the story list's markup (CaseSources.astro)", () => {
    const { passage } = (
      JSON.parse(readFileSync(join(project.root, "src/generated/passages.json"), "utf8")) as {
        id: string;
        passage: string;
      }[]
    ).find((row) => row.id === PASSAGE)!;
    const storySource = documentOf("index.html").querySelector("li.case details.case-source")!;
    expect(storySource.querySelector("summary")!.textContent).toBe("Source passage");
    expect(storySource.querySelector("q")!.textContent).toBe(passage);
    for (let page = 1; page <= ROWS / FILE; page++) {
      const items = [...documentOf(`cases/${page}/index.html`).querySelectorAll("li.case")];
      expect(items.length).toBe(FILE);
      for (const item of items)
        expect(item.querySelector("details.case-source")?.outerHTML).toBe(storySource.outerHTML);
      // The explorer's page file: each case names its passages, and the file carries their markup once.
      const chunk = JSON.parse(read(`data/cases/page-${page}.json`));
      expect(chunk.cases.map((row: { passages: string }) => row.passages)).toEqual(Array(FILE).fill(PASSAGE));
      expect(Object.keys(chunk.sources)).toEqual([PASSAGE]);
      // Compared as parsed, as the explorer sets it: the same markup, whichever way each serialises a quote mark.
      const carried = parseHTML(`<div>${chunk.sources[PASSAGE]}</div>`).document.querySelector("details.case-source");
      expect(carried?.outerHTML).toBe(storySource.outerHTML);
    }
  });

  it("indexes every word of every case for the search, in files of at most 100,000 bytes", () => {
    const folder = join(dist, "data/cases");
    const names = readdirSync(folder).filter((name) => name.startsWith("search"));
    const index = JSON.parse(read("data/cases/index.json"));
    const wordFiles = Array.from({ length: index.searchWordFiles }, (_, i) =>
      JSON.parse(read(`data/cases/search-words-${i + 1}.json`)),
    );
    const postingsCount = names.length - wordFiles.length;
    expect(names.sort()).toEqual(
      [
        ...wordFiles.map((_, i) => `search-words-${i + 1}.json`),
        ...Array.from({ length: postingsCount }, (_, i) => `search-${i + 1}.json`),
      ].sort(),
    );
    for (const name of names) expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(100_000);
    // Each case's words, read back from the postings: the words of its own text, and no other.
    const indexed = ordered.map(() => new Set<string>());
    for (let file = 1; file <= postingsCount; file++) {
      const { postings } = JSON.parse(read(`data/cases/search-${file}.json`));
      type Postings = number[] | { start: number; bits: string };
      for (const [word, run] of Object.entries(postings as Record<string, Postings>)) {
        if (Array.isArray(run)) {
          let position = 0;
          run.forEach((gap, i) => indexed[(position = i === 0 ? gap : position + gap)]!.add(word));
        } else {
          // A bitmap: bit j of byte i is the case at start + 8i + j.
          Buffer.from(run.bits, "base64").forEach((byte, i) => {
            for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) indexed[run.start + 8 * i + bit]!.add(word);
          });
        }
      }
    }
    const vocabulary = wordFiles.flatMap((file) => file.words);
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    ordered.forEach((row, position) => {
      const words = new Set(searchableText(row).split(/\s+/).filter(Boolean));
      expect([...indexed[position]!].sort(), row.id).toEqual([...words].sort());
    });
  });
});

describe("the paged explorer in Chromium", () => {
  // The copy's site, built by the file's beforeAll, which runs before this block's.
  const { openStory } = storySession(() => dist, "/");
  const open = (search = "", javaScriptEnabled = true) => openStory({ search, javaScriptEnabled });

  /** The listed ids and the count, once the explorer has settled. */
  async function listed(page: Page, status: RegExp) {
    await page.waitForFunction(
      (pattern) => new RegExp(pattern).test(document.querySelector("[data-case-count]")?.textContent ?? ""),
      status.source,
    );
    await page.waitForFunction(() => !document.querySelector(".case-list[aria-busy]"));
    return page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll("[data-case-explorer] li.case")).map((item) => item.id),
      status: document.querySelector("[data-case-count]")!.textContent,
      search: location.search,
    }));
  }

  const quoteText = (row: Case) => quotes.find((quote) => quote.id === row.quote_id)?.quote ?? "";
  const searchable = (row: Case) => [row.summary, row.role, row.outcome, quoteText(row)].join(" ").toLowerCase();
  const n = (value: number) => value.toLocaleString("en-GB");

  /** Each listed case's source-passages disclosure, as markup (null: none). */
  const listedSources = (page: Page) =>
    page
      .locator("[data-case-explorer] li.case")
      .evaluateAll((items) => items.map((item) => item.querySelector("details.case-source")?.outerHTML ?? null));

  it("pages through every case, with the page in the address, each case with its source passage", async () => {
    const { page, errors, close } = await open();
    await explorerReady(page);
    let state = await listed(page, /^Showing 1 to 20 of 2,000 examples\.$/);
    // Its first count is written out of the live regions (not news), and the count is live again after.
    await expect.poll(() => page.locator("[data-case-count]").getAttribute("role")).toBe("status");
    expect(await page.locator("[data-case-count]").getAttribute("aria-live")).toBe("polite");
    expect(state.ids).toEqual(ordered.slice(0, PAGE).map((row) => row.id));
    const [firstSource] = await listedSources(page);
    expect(firstSource).toMatch(/^<details class="case-source/);
    await page.locator('[data-case-pages] a[rel="next"]').click();
    state = await listed(page, /^Showing 21 to 40 of/);
    expect(state.ids).toEqual(ordered.slice(PAGE, 2 * PAGE).map((row) => row.id));
    expect(state.search).toBe("?page=2");
    // A fetched page's cases show their passages as the server's first page does, and they open.
    expect(await listedSources(page)).toEqual(Array(PAGE).fill(firstSource));
    const summary = page.locator("[data-case-explorer] li.case details.case-source summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("[data-case-explorer] li.case details.case-source").first().getAttribute("open")).toBe(
      "",
    );
    await expect
      .poll(() => page.locator("[data-case-explorer] li.case details.case-source q").first().isVisible())
      .toBe(true);
    // The last page, from its number.
    const last = ROWS / PAGE;
    await page.locator(`[data-case-pages] a[data-page="${last}"]`).click();
    state = await listed(page, /^Showing 1,981 to 2,000 of/);
    expect(state.ids).toEqual(ordered.slice(-PAGE).map((row) => row.id));
    await page.goBack();
    state = await listed(page, /^Showing 21 to 40 of/);
    expect(state.search).toBe("?page=2");
    expect(errors).toEqual([]);
    await close();
  });

  it("filters and searches over all the cases, and restores the filter and page from the address", async () => {
    const category = ordered.at(-1)!.category;
    const word = "unconnected";
    const expected = ordered.filter(
      // "Another outcome stated", as the chart's key says: neither formal action nor not stated.
      (row) =>
        row.category === category &&
        !["not stated", "formal action"].includes(row.outcome.toLowerCase()) &&
        searchable(row).includes(word),
    );
    expect(expected.length).toBeGreaterThan(2 * PAGE);
    const { page, errors, close } = await open();
    await explorerReady(page);
    await listed(page, /^Showing 1 to 20 of 2,000/);
    await page.locator(`input[name="category"][value="${category}"]`).check();
    await page.locator('input[name="outcome"][value="stated"]').check();
    await page.locator('input[name="q"]').fill(word);
    let state = await listed(page, new RegExp(`^Showing 1 to 20 of ${n(expected.length)} matching examples`));
    expect(state.ids).toEqual(expected.slice(0, PAGE).map((row) => row.id));
    await page.locator('[data-case-pages] a[rel="next"]').click();
    state = await listed(page, new RegExp(`^Showing 21 to 40 of ${n(expected.length)} matching`));
    expect(state.ids).toEqual(expected.slice(PAGE, 2 * PAGE).map((row) => row.id));
    expect(new URLSearchParams(state.search).get("page")).toBe("2");
    await page.reload({ waitUntil: "load" });
    state = await listed(page, new RegExp(`^Showing 21 to 40 of ${n(expected.length)} matching`));
    expect(state.ids).toEqual(expected.slice(PAGE, 2 * PAGE).map((row) => row.id));
    expect(await page.locator('input[name="q"]').inputValue()).toBe(word);
    await page.locator('input[name="q"]').fill("no such words anywhere");
    state = await listed(page, /^No example matches these filters \(0 of 2,000 examples\)\.$/);
    expect(state.ids).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it("works without JavaScript: the first page, and links to static pages of the rest", async () => {
    const { page, close } = await open("", false);
    const ids = await page.locator("[data-case-explorer] li.case").evaluateAll((items) => items.map((item) => item.id));
    expect(ids).toEqual(ordered.slice(0, PAGE).map((row) => row.id));
    await page.locator('[data-case-pages] a[href="/cases/2/"]').click();
    await page.waitForURL(/\/cases\/2\/$/);
    const second = await page.locator("li.case").evaluateAll((items) => items.map((item) => item.id));
    expect(second).toEqual(ordered.slice(FILE, 2 * FILE).map((row) => row.id));
    await page.locator('a[rel="next"]').first().click();
    await page.waitForURL(/\/cases\/3\/$/);
    await close();
  });
});
