/**
 * The interactive story built from hostile data, in a throwaway copy of the
 * project: a case summary and category label full of markup reach the
 * tooltips, the case explorer's options, the search and the address as text
 * only. No element is created from them, no script runs, and the tooltip
 * says exactly what the mark's data-label holds (as a sentence).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

// Markup that would become elements (an image, bold text) or run (a script) if anything were set as HTML.
const HOSTILE = `</script><script>window.pwned=1</script><img src=x alt=""><b>bold</b> & 'Co' &amp; <!--`;
// The case whose summary and the category whose label carry it (ids, which releases keep).
const HOSTILE_CASE = "case-03";
const HOSTILE_CATEGORY = "careless-disclosure";

let copy: ProjectCopy;
let server: StaticServer;
let browser: Browser;
/** The hostile category's label: its committed label followed by the markup. */
let hostileLabel: string;

/**
 * Sets one cell of a CSV of the copy (the row with that id, which must exist)
 * and returns the value it replaced.
 */
function setCell(file: string, id: string, column: string, value: (old: string) => string): string {
  const path = join(copy.root, "data", file);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true });
  const row = parsed.data.find((candidate) => candidate.id === id);
  expect(row?.[column], `${file} has ${column} for ${id}`).toEqual(expect.any(String));
  const old = row![column]!;
  row![column] = value(old);
  writeFileSync(path, Papa.unparse(parsed.data, { columns: parsed.meta.fields, newline: "\n" }) + "\n");
  return old;
}

beforeAll(async () => {
  copy = copyProject("met-interact-escape-");
  setCell("cases.csv", HOSTILE_CASE, "summary", () => HOSTILE);
  hostileLabel = `${setCell("categories.csv", HOSTILE_CATEGORY, "label", (label) => `${label} ${HOSTILE}`)} ${HOSTILE}`;
  const dist = copy.build({ BASE_PATH: "/" });
  server = await serveStatic(dist, "/");
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  copy?.remove();
});

/** Whether any of the hostile markup became an element or ran. */
function injected(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { pwned?: number }).pwned ?? null,
    images: document.querySelectorAll("img").length,
    bold: document.querySelectorAll("b").length,
    inTooltips: document.querySelectorAll('[role="tooltip"] *').length,
  }));
}

describe("the interactive story with hostile data", () => {
  it("shows hostile labels in tooltips, options and the list as text only", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(server.url, { waitUntil: "load" });
      await chartsReady(page);
      // Every mark whose label carries the hostile text: hover it and read the tooltip back.
      const marks = page.locator(`figure[data-chart="breach-types"] svg.met-chart--wide [data-datum]`);
      const labels = await marks.evaluateAll((elements) => elements.map((mark) => mark.getAttribute("data-label")));
      const hostile = labels.flatMap((label, index) => (label?.includes(HOSTILE) ? [index] : []));
      expect(hostile.length).toBeGreaterThanOrEqual(2);
      for (const index of hostile) {
        // Hovered where a mouse would: the chart's touch target over the mark answers for it.
        const mark = marks.nth(index);
        await mark.scrollIntoViewIfNeeded();
        const box = (await mark.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
        const tooltip = page.locator('figure[data-chart="breach-types"] [role="tooltip"]');
        // The label as a sentence: the same words, with a full stop when it has none.
        const label = labels[index]!.trim();
        expect(await tooltip.textContent()).toBe(/[.!?]$/.test(label) ? label : `${label}.`);
      }
      // The category option and the search box, with the hostile text in the address too.
      const option = `input[name="category"][value="${HOSTILE_CATEGORY}"]`;
      await page.locator(option).check();
      const label = await page.locator(`.case-filter-options label:has(${option})`).textContent();
      expect(label?.trim()).toBe(hostileLabel);
      await page.locator('input[name="q"]').fill(HOSTILE.slice(0, 30));
      await page.reload({ waitUntil: "load" });
      expect(await page.locator('input[name="q"]').inputValue()).toBe(HOSTILE.slice(0, 30).trim());
      expect(await injected(page)).toEqual({ pwned: null, images: 0, bold: 0, inTooltips: 0 });
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
