/**
 * `npm run bench:dev-loop`: how long an editor waits in `npm run dev`.
 *
 * In a throwaway copy of the project (never the working tree) it starts
 * `npm run dev`, times it until the story is served, opens the story in
 * Chromium, then saves data/cases.csv again and again, each time with a new
 * summary for one case, and times each save until the open page shows the
 * new words by itself (no reload from here): first with clean data, then
 * with a warning showing (a published value changed without a correction,
 * the normal state during a correction edit). Prints the median and spread
 * of each; a run that never shows the change within TIMEOUT_MS counts as
 * "never" (the page is then reloaded by hand so the next run starts fresh).
 *
 *   npm run bench:dev-loop          # 7 saves per case
 *   npm run bench:dev-loop -- 3     # fewer
 *
 * Targets (issue 22): save -> visible <= 1.5 s median in both cases; the
 * story served <= 5 s after `npm run dev` starts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "../test/support/browser.ts";
import { startDevServer } from "../test/support/dev-server.ts";
import { copyProject } from "../test/support/project-copy.ts";

const RUNS = Number(process.argv[2] ?? 7);
const TIMEOUT_MS = 15_000;
/** Pause between saves, so that each run starts from a settled server and page. */
const SETTLE_MS = 1_500;

/**
 * A case the bench adds to its copy only: a new row (no published value changes) whose summary
 * keeps to the words of the passage it cites and ends in a number that marks each save, so the
 * data check raises no warning (a case's words beyond its passages would be one).
 */
const BENCH_CASE = "case-bench";
const benchSummary = (marker: string) => `An officer also used their internal email for dating purposes, ${marker}.`;
const benchRow = (marker: string) =>
  `${BENCH_CASE},"${benchSummary(marker)}",personal-misuse,Officer,not stated,single,,,pa-2014,pa-case-email-porn-pcso`;

const copy = copyProject("met-dev-loop-");
const casesFile = join(copy.root, "data", "cases.csv");
const workforceFile = join(copy.root, "data", "workforce.csv");
const cases = readFileSync(casesFile, "utf8").replace(/\n?$/, "\n");
const workforce = readFileSync(workforceFile, "utf8");
const saveCase = (words: string) => writeFileSync(casesFile, `${cases}${benchRow(words)}\n`);
saveCase("1");

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Whether the open page has `text` in the bench's case now (in its HTML: the case list may show a page
 * of cases at a time); false while it is between documents (reloading).
 */
async function pageShows(page: Page, text: string): Promise<boolean> {
  try {
    const script = `document.getElementById(${JSON.stringify(BENCH_CASE)})?.textContent.includes(${JSON.stringify(text)}) ?? false`;
    return (await page.evaluate(script)) as boolean;
  } catch {
    return false;
  }
}

/** Milliseconds from now until the page shows `text` by itself, or null after TIMEOUT_MS. */
async function untilShown(page: Page, text: string, started: number): Promise<number | null> {
  while (performance.now() - started < TIMEOUT_MS) {
    if (await pageShows(page, text)) return performance.now() - started;
    await sleep(25);
  }
  return null;
}

/** Saves RUNS new summaries and times each until the page shows it. */
async function saveToVisible(page: Page, series: number): Promise<(number | null)[]> {
  const times: (number | null)[] = [];
  for (let run = 0; run < RUNS; run++) {
    const words = `${series}${run}${Date.now()}`;
    await sleep(SETTLE_MS);
    const started = performance.now();
    saveCase(words);
    const ms = await untilShown(page, benchSummary(words), started);
    times.push(ms);
    if (ms === null) await page.reload({ waitUntil: "domcontentloaded" }).catch(() => undefined);
  }
  return times;
}

function summary(label: string, times: (number | null)[]): string {
  const shown = times.filter((ms): ms is number => ms !== null);
  const never = times.length - shown.length;
  const runs = times.map((ms) => (ms === null ? "never" : (ms / 1000).toFixed(2))).join(", ");
  const figure =
    shown.length === 0
      ? `never by itself within ${TIMEOUT_MS / 1000} s`
      : `median ${(median(shown) / 1000).toFixed(2)} s, spread ${(Math.min(...shown) / 1000).toFixed(2)}–${(Math.max(...shown) / 1000).toFixed(2)} s` +
        (never > 0 ? `; ${never} of ${times.length} never by itself within ${TIMEOUT_MS / 1000} s` : "");
  return `${label}\t${figure}\truns (s): ${runs}`;
}

const startedDev = performance.now();
const server = await startDevServer(copy.root, { interval: 100 });
const startup = performance.now() - startedDev;
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`, { waitUntil: "domcontentloaded" });
  if (!(await pageShows(page, benchSummary("1")))) throw new Error("the story does not show the bench's case");
  const clean = await saveToVisible(page, 2);

  // The normal state during a correction: a published value changed, its correction not yet written.
  writeFileSync(workforceFile, workforce.replace("officers,Police officers,31000,", "officers,Police officers,31001,"));
  const banner = "#data-problems-banner";
  const bannerStarted = performance.now();
  while (
    (await page
      .locator(banner)
      .count()
      .catch(() => 0)) === 0
  ) {
    if (performance.now() - bannerStarted > TIMEOUT_MS) {
      await page.reload({ waitUntil: "domcontentloaded" }).catch(() => undefined);
      if ((await page.locator(banner).count()) > 0) break;
    }
    await sleep(50);
  }
  const warning = await saveToVisible(page, 3);

  console.log(`bench:dev-loop — ${RUNS} saves per case, Chromium, a copy of the project`);
  console.log(`npm run dev -> story served\t${(startup / 1000).toFixed(2)} s (target at most 5 s)`);
  console.log(summary("save -> visible, clean data", clean) + " (target median at most 1.5 s)");
  console.log(summary("save -> visible, warning showing", warning) + " (target median at most 1.5 s)");
} finally {
  await browser.close();
  server.stop();
  copy.remove();
}
