/**
 * Waiting for the story's charts and case explorer to become interactive. The chart script
 * (src/scripts/chart-explorer.ts) sets them up a step per task after the
 * page loads, so that no task blocks the page for long, and marks <html>
 * when it is done; tests that read or use the interactive charts wait for
 * that mark rather than for the load event alone.
 */
import type { Page } from "playwright-core";
import { CHARTS_READY_ATTRIBUTE } from "../../src/scripts/charts-ready.ts";

/** Resolves once every chart on the story is interactive. */
export async function chartsReady(page: Page): Promise<void> {
  await page.waitForSelector(`html[${CHARTS_READY_ATTRIBUTE}]`, { state: "attached" });
}

/**
 * Resolves once the story's case explorer shows its controls. Without a filter in the address it is
 * set up when a reader nears it, its controls placed once its section is rendered
 * (src/scripts/case-setup.ts), so this scrolls to it first, as a reader would.
 */
export async function explorerReady(page: Page): Promise<void> {
  await page.locator("[data-case-explorer]").first().scrollIntoViewIfNeeded();
  await page.locator("form[data-case-filters]").first().waitFor({ state: "visible" });
}
