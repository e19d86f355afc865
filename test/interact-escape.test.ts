/**
 * The interactive story built from hostile data (the run's shared hostile
 * build, test/support/hostile-data.ts hostileSite): a case summary and a
 * category label full of markup reach the
 * tooltips, the case explorer's options, the search and the address as text
 * only. No element is created from them, no script runs, and the tooltip
 * says exactly what the mark's data-label holds (as a sentence).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { HOSTILE, HOSTILE_BASE, HOSTILE_CATEGORY, hostileSite } from "./support/hostile-data.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

let server: StaticServer;
let browser: Browser;
/** The hostile category's label: its hostile label followed by HOSTILE. */
let hostileLabel: string;

beforeAll(async () => {
  const site = hostileSite();
  hostileLabel = site.categoryLabel;
  server = await serveStatic(site.outDir, HOSTILE_BASE);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
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
      const marks = page.locator(`figure[data-chart="breach-types"] svg.met-chart [data-datum]`);
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
      // The explorer, set up after the first paint, shows its controls once it has read the address.
      await page.locator("form[data-case-filters]").waitFor({ state: "visible" });
      expect(await page.locator('input[name="q"]').inputValue()).toBe(HOSTILE.slice(0, 30).trim());
      expect(await injected(page)).toEqual({ pwned: null, images: 0, bold: 0, inTooltips: 0 });
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
