/**
 * `npm run bench:first-chart`: time to first chart. In Chromium, the time
 * from navigation until the first chart's marks are on screen, on our story
 * page (SVG rendered at build time) and on the baseline page that draws the
 * same charts in the browser with Plot (bench/plot-baseline.ts). Mobile-like
 * conditions (4x CPU slowdown, a slow 4G link), a fresh context per run,
 * median of RUNS. Target: ours at most half the baseline's.
 *
 * "On screen" is measured the same way on both pages: a MutationObserver
 * installed before the page's own code sees the first datum mark arrive in
 * the DOM, and two animation frames later that frame has been painted.
 *
 * Run `npm run build` first.
 */
import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../test/support/browser.ts";
import { DIST_DIR } from "../test/support/site.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { buildPlotBaseline } from "./plot-baseline.ts";

const RUNS = Number(process.argv[2] ?? 7);

/** Resolves window.__firstChart with the time the first datum mark was painted. */
const FIRST_CHART_PROBE = `
window.__firstChart = new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector("svg [data-datum]")) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
});`;

async function firstChartMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  await page.addInitScript(FIRST_CHART_PROBE);
  await page.goto(url, { waitUntil: "commit" });
  const ms = (await page.evaluate("window.__firstChart")) as number;
  await context.close();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const baseline = await buildPlotBaseline();
const ours = await serveStatic(DIST_DIR, "/");
const theirs = await serveStatic(baseline.dir, "/");
const browser = await launchBrowser();
try {
  const results = { story: [] as number[], baseline: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    // Alternate, so that any drift in the machine's load hits both alike.
    results.story.push(await firstChartMs(browser, ours.url));
    results.baseline.push(await firstChartMs(browser, `${theirs.url}${baseline.page}`));
  }
  const story = median(results.story);
  const plot = median(results.baseline);
  console.log(`bench:first-chart — ${RUNS} runs each, 4x CPU slowdown, 150 ms / 1.6 Mbps link, 412 px wide`);
  console.log(
    `story (server-rendered SVG)\tmedian ${story.toFixed(0)} ms\truns ${results.story.map((ms) => ms.toFixed(0)).join(", ")}`,
  );
  console.log(
    `baseline (Plot in the browser)\tmedian ${plot.toFixed(0)} ms\truns ${results.baseline.map((ms) => ms.toFixed(0)).join(", ")}`,
  );
  console.log(`ratio story / baseline\t${(story / plot).toFixed(2)} (target at most 0.50)`);
} finally {
  await browser.close();
  await ours.close();
  await theirs.close();
  rmSync(baseline.dir, { recursive: true, force: true });
}
