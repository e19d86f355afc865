/**
 * `npm run dev` shows the truth on every page (issue 11): with bad data,
 * every page carries a banner listing the problems and warnings, after a
 * reload and on another page too; once the data is fixed, it is gone. And
 * the data page's download links answer in dev as in the build. Runs the
 * real dev server on a copy of the project, on a free port, in Chromium.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestRelease } from "../src/lib/release-order.ts";
import { launchBrowser } from "./support/browser.ts";
import { startDevServer, type DevServer } from "./support/dev-server.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";

const BANNER = "#data-problems-banner";

let copy: ProjectCopy;
let server: DevServer;
let origin: string;
let browser: Browser;
let page: Page;

/** The banner's text on a freshly loaded page ("" when there is none). */
async function bannerOn(path: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(`${origin}${path}`, { waitUntil: "domcontentloaded" });
      const banner = page.locator(BANNER);
      return (await banner.count()) ? await banner.innerText() : "";
    } catch (error) {
      // The dev server may reload the page under us as the data changes.
      if (attempt >= 3) throw error;
    }
  }
}

const dataFile = (name: string) => join(copy.root, "data", name);

/** The version of the last release in the copy's data/releases.csv: the one whose values a change must correct. */
function lastReleasedVersion(): string {
  const { data } = Papa.parse<{ version: string; date: string }>(readFileSync(dataFile("releases.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  const latest = latestRelease(data);
  if (!latest) throw new Error("data/releases.csv has no release: the test needs a released value to change.");
  return latest.version;
}

/** The page's HTML as served: a cheap way to wait for the watcher's next run. */
async function servedHtml(path: string): Promise<string> {
  return (await fetch(`${origin}${path}`)).text();
}

beforeAll(async () => {
  copy = copyProject("met-dev-");
  server = await startDevServer(copy.root);
  origin = server.origin;
  browser = await launchBrowser();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  if (process.env.DEBUG_DEV_SERVER && server) console.error(server.output().slice(-6000));
  await browser?.close();
  server?.stop();
  copy?.remove();
});

describe("npm run dev", () => {
  it("serves every download link of the data page, with or without a trailing slash", async () => {
    await page.goto(`${origin}/data/`);
    const links = await page
      .locator('a[href$=".json"], a[href$=".csv"]')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(10);
    expect(links.some((link) => link.endsWith("/data/cases.json"))).toBe(true);
    for (const link of new Set(links)) {
      const response = await fetch(link);
      expect(response.status, link).toBe(200);
      expect(response.headers.get("content-type"), link).not.toMatch(/text\/html/);
    }
  });

  it("shows no banner while the data is good", async () => {
    expect(await bannerOn("/")).toBe("");
  });

  it("shows the problems and warnings on every page, after a reload, until the data is fixed", async () => {
    const outcomes = readFileSync(dataFile("outcomes.csv"), "utf8");
    writeFileSync(dataFile("outcomes copy.csv"), outcomes);
    writeFileSync(dataFile("outcomes.csv"), outcomes.replace(",208,", ",207,"));

    await expect.poll(() => servedHtml("/"), { timeout: 30_000, interval: 250 }).toContain("data/outcomes.csv:2:29");
    const story = await bannerOn("/");
    // The second warning: a value published in the last release changed with no correction (issue 12).
    expect(story).toContain("Data problems: 1 error and 2 warnings. The site shows the last good data");
    expect(story).toContain(
      `data/outcomes.csv:2:29 count: 208 -> 207 changes a value published in release ${lastReleasedVersion()}, ` +
        "expected a correction naming outcomes/formal-action/count in data/corrections.csv",
    );
    expect(story).toContain(
      "data/outcomes.csv:2:29 count: the top-level outcome counts (part_of empty) on lines 2 and 3 add up to 299, expected 300",
    );
    expect(story).toContain("data/outcomes copy.csv:1:1 file: not a table the site reads (a copy of outcomes.csv?)");
    expect(await bannerOn("/data/")).toBe(story);
    await page.reload({ waitUntil: "domcontentloaded" });
    expect(await page.locator(BANNER).innerText()).toBe(story);

    writeFileSync(dataFile("outcomes.csv"), outcomes);
    rmSync(dataFile("outcomes copy.csv"));
    await expect.poll(() => servedHtml("/data/"), { timeout: 30_000, interval: 250 }).not.toContain(BANNER.slice(1));
    expect(await bannerOn("/data/")).toBe("");
    expect(await bannerOn("/")).toBe("");
  }, 120_000);
});
