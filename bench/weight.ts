/**
 * `npm run bench:weight [dist-folder]`: what every built page weighs, its
 * HTML, CSS and JS raw and gzipped (bench/page-weight.ts); the story's HTML
 * in all, gzipped, against issue 25's 18 KB; its HTML up to the end of its
 * first chart (the closing </figure> of the first <figure data-chart>),
 * gzipped, against the first round trip of a new connection (ten packets of
 * 1,460 bytes); exit code 1 when either is over. Then the
 * story beside a baseline that draws the same charts in the browser with
 * Plot (bench/plot-baseline.ts), and the ratio between them.
 *
 * Run `npm run build` first (or pass another build's folder; DIST_DIR and
 * BASE_PATH are honoured). The baseline is also loaded in Chromium, to show
 * it really draws every chart, when a Chromium is installed.
 */
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { CHARTS } from "../src/charts/registry.ts";
import { launchBrowser } from "../test/support/browser.ts";
import { serveStatic } from "../test/support/static-server.ts";
import {
  FIRST_ROUND_TRIP_BYTES,
  findPages,
  firstChartWeight,
  pageWeight,
  type Bytes,
  type PageWeight,
} from "./page-weight.ts";
import { buildPlotBaseline, type Baseline } from "./plot-baseline.ts";
import { storyParts } from "./story-parts.ts";

const distDir = resolve(process.argv[2] ?? process.env.DIST_DIR ?? "dist");
const base = process.env.BASE_PATH ?? "/";

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);
const pair = ({ raw, gzip }: Bytes) => `${kb(raw)} ${kb(gzip)}`;

function row(label: string, weight: PageWeight): string {
  return [label.padEnd(34), pair(weight.html), pair(weight.css), pair(weight.js), pair(weight.total)].join("  ");
}

const header = [
  "page".padEnd(34),
  ...["HTML", "CSS", "JS", "all"].map((kind) => `${`${kind} raw`.padStart(8)} ${"gz".padStart(8)}`),
].join("  ");

/** Draws the baseline in Chromium and counts the charts, so the comparison is with a page that works. */
async function chartsDrawn(baseline: Baseline): Promise<number> {
  const server = await serveStatic(baseline.dir, "/");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}${baseline.page}`, { waitUntil: "load" });
    await page
      .waitForFunction((count) => document.querySelectorAll("div[id^=chart-] > svg").length >= count, CHARTS.length, {
        timeout: 10_000,
      })
      .catch(() => undefined);
    if (errors.length > 0) throw new Error(`The baseline failed in Chromium: ${errors.join("; ")}`);
    return await page.evaluate(() => document.querySelectorAll("div[id^=chart-] > svg").length);
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(`bench:weight — ${distDir} (KB; gz = gzip, default level; each file gzipped on its own)\n`);
console.log(header);
const weights = findPages(distDir).map((page) => pageWeight(distDir, page, base));
for (const weight of weights) console.log(row(weight.page, weight));

const story = weights.find((weight) => weight.page === "index.html");
if (!story) throw new Error(`${distDir} has no story page (index.html)`);

/** Issue 25: the story's whole HTML file (inline style and data included), gzipped. */
const STORY_HTML_GZIP_TARGET = 18 * 1024;
const storyFile = story.assets.find((asset) => asset.kind === "html" && !asset.inline)!;
const storyWithin = storyFile.gzip <= STORY_HTML_GZIP_TARGET;
console.log(
  `\nThe story's HTML file in all (inline style and JSON-LD included): ${kb(storyFile.raw).trim()} KB raw, ` +
    `${kb(storyFile.gzip).trim()} KB gzipped (${storyFile.gzip.toLocaleString("en-GB")} bytes); target ${kb(STORY_HTML_GZIP_TARGET).trim()} KB gzipped: ` +
    (storyWithin ? "met" : "NOT met"),
);
if (!storyWithin) process.exitCode = 1;
const storyHtml = readFileSync(resolve(distDir, story.page), "utf8");
console.log(`\nWhere the story's bytes are (gzipped bytes the file loses without each part; parts overlap):\n`);
console.log(`${"part".padEnd(36)} ${"count".padStart(6)} ${"raw KB".padStart(8)} ${"saves B".padStart(8)}`);
for (const part of storyParts(storyHtml)) {
  console.log(
    `${part.part.padEnd(36)} ${String(part.count).padStart(6)} ${kb(part.raw)} ${String(part.saves).padStart(8)}`,
  );
}
console.log(
  `Over the target by ${Math.max(0, storyFile.gzip - STORY_HTML_GZIP_TARGET).toLocaleString("en-GB")} bytes gzipped.\n`,
);

const firstChart = firstChartWeight(storyHtml);
if (!firstChart) throw new Error(`${distDir}/index.html has no chart figure`);
const within = firstChart.gzip <= FIRST_ROUND_TRIP_BYTES;
console.log(
  `The story's HTML up to the end of its first chart (the closing </figure> of the first <figure data-chart>): ` +
    `${kb(firstChart.raw).trim()} KB raw, ${kb(firstChart.gzip).trim()} KB gzipped (${firstChart.gzip.toLocaleString("en-GB")} bytes); ` +
    `first round trip ${kb(FIRST_ROUND_TRIP_BYTES).trim()} KB (${FIRST_ROUND_TRIP_BYTES.toLocaleString("en-GB")} bytes): ` +
    (within ? "within it" : "OVER it"),
);
if (!within) process.exitCode = 1;
const baseline = await buildPlotBaseline();
try {
  const plot = pageWeight(baseline.dir, baseline.page);
  let drawn: string;
  try {
    drawn = `${await chartsDrawn(baseline)} of ${CHARTS.length} charts drawn in Chromium`;
  } catch (error) {
    drawn = `not checked in a browser (${(error as Error).message.split("\n")[0]})`;
  }
  console.log(`\nThe story against the same ${CHARTS.length} charts drawn in the browser with Plot (${drawn}):\n`);
  console.log(header);
  console.log(row("story (server-drawn SVG)", story));
  console.log(row("baseline (Plot in the browser)", plot));
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `\nbaseline / story, gzipped: all ${ratio(plot.total.gzip, story.total.gzip)}x, ` +
      `JS ${story.js.gzip === 0 ? "n/a (the story ships no JS)" : `${ratio(plot.js.gzip, story.js.gzip)}x`}; ` +
      `raw: all ${ratio(plot.total.raw, story.total.raw)}x`,
  );
  console.log(
    "The story carries its whole text, tables and one drawing of every chart in its HTML (a unit grid as one path per group); the baseline carries no text at all.",
  );
} finally {
  rmSync(baseline.dir, { recursive: true, force: true });
}
