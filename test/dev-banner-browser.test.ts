/**
 * `npm run dev` shows the truth on every page (issue 11): with bad data,
 * every page carries a banner listing the problems and warnings, after a
 * reload and on another page too; once the data is fixed, it is gone. And
 * the data page's download links answer in dev as in the build.
 *
 * The preview never breaks (issue 22): with a warning or an error showing,
 * every request of the story succeeds with its headers, scripts and styles
 * pass through byte for byte as without a banner, the charts work, and the
 * open page updates itself after an edit, when a problem appears and when
 * it is fixed. `/_data-diff/` shows the edit as an editor's page.
 *
 * Runs the real dev server on a copy of the project, on a free port, in Chromium.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestRelease } from "../src/lib/release-order.ts";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
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
      // The dev server may reload the page under us as the data changes, and Vite reloads it once more
      // when a page's first visit finds a dependency it had not optimised yet.
      if (attempt >= 8) throw error;
      await new Promise((done) => setTimeout(done, 250));
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

  /** Loads the story and returns every response and every failed request it made. */
  async function storyRequests(retried = false): Promise<{ responses: Response[]; failed: string[] }> {
    const responses: Response[] = [];
    const failed: string[] = [];
    const onResponse = (response: Response) => responses.push(response);
    const onFailed = (request: { url(): string; failure(): { errorText: string } | null }) =>
      failed.push(`${request.url()}: ${request.failure()?.errorText}`);
    page.on("response", onResponse);
    page.on("requestfailed", onFailed);
    try {
      await page.goto(`${origin}/`, { waitUntil: "load" });
      await chartsReady(page);
    } finally {
      page.off("response", onResponse);
      page.off("requestfailed", onFailed);
    }
    // A reload the server sent (a data run, or Vite optimising a dependency it met for the first time)
    // aborts the requests of the load it cut short: load the story again, once, and judge that load.
    const aborted = failed.length > 0 && failed.every((failure) => failure.endsWith("net::ERR_ABORTED"));
    if (aborted && !retried) return storyRequests(true);
    return { responses, failed };
  }

  /**
   * Leaves the dev server's pages for a blank one, so that the reload the server sends after the next
   * data run cannot cut short a navigation of the test's (a reload already on its way may interrupt this one).
   */
  async function leaveTheStory(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto("about:blank");
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Whether the open page, as it is now (no navigation from here), satisfies `test`; false while it reloads. */
  async function openPage<T>(read: () => T): Promise<T | null> {
    try {
      return await page.evaluate(read);
    } catch {
      return null;
    }
  }

  /** Status, headers (but the date) and bytes of a response, to compare with and without a banner. */
  async function exactly(url: string): Promise<{ status: number; headers: [string, string][]; body: string }> {
    const response = await fetch(url);
    const headers = [...response.headers].filter(([name]) => !["date", "keep-alive", "connection"].includes(name));
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()).toString("base64") };
  }

  /** A story request that failed or came back without a status line or content type. */
  const broken = (response: Response) => {
    const type = response.headers()["content-type"];
    const ok = response.status() >= 200 && response.status() < 400;
    return ok && (type || response.status() === 304) ? null : `${response.url()}: ${response.status()} ${type}`;
  };

  it("with a warning and with an error showing, every request of the story succeeds, byte for byte, and the charts work", async () => {
    const clean = await storyRequests();
    expect(clean.failed).toEqual([]);
    const assets = [
      ...new Set(
        clean.responses
          .filter((response) => response.request().method() === "GET")
          .filter((response) => !String(response.headers()["content-type"]).startsWith("text/html"))
          .map((response) => response.url()),
      ),
    ];
    // The live-reload client, the chart and explorer scripts, styles and images.
    expect(assets.some((url) => url.endsWith("/@vite/client"))).toBe(true);
    expect(assets.length).toBeGreaterThan(5);
    const before = new Map(await Promise.all(assets.map(async (url) => [url, await exactly(url)] as const)));

    const workforce = readFileSync(dataFile("workforce.csv"), "utf8");
    const outcomes = readFileSync(dataFile("outcomes.csv"), "utf8");
    const states = [
      {
        name: "a warning",
        edit: () =>
          writeFileSync(
            dataFile("workforce.csv"),
            workforce.replace("officers,Police officers,31000,", "officers,Police officers,31001,"),
          ),
        banner: "Data warnings: 0 errors and 1 warning.",
      },
      {
        name: "an error",
        edit: () => writeFileSync(dataFile("outcomes.csv"), outcomes.replace(",208,", ",207,")),
        banner: "Data problems: 1 error and 2 warnings.",
      },
    ];
    try {
      for (const state of states) {
        // Away from the story while the server takes the edit: its reload would cut short the requests counted below.
        await leaveTheStory();
        state.edit();
        await expect.poll(() => servedHtml("/"), { timeout: 30_000, interval: 250 }).toContain(state.banner);
        const { responses, failed } = await storyRequests();
        expect(failed, state.name).toEqual([]);
        expect(responses.map(broken).filter(Boolean), state.name).toEqual([]);
        expect(await page.locator(BANNER).innerText(), state.name).toContain(state.banner);
        for (const url of assets) expect(await exactly(url), `${state.name}: ${url}`).toEqual(before.get(url));
        // The charts' scripts ran: hovering a mark shows its tooltip, with its row's spoken words (the
        // SVG's data-groups) or else its own label. The mouse goes to the mark's middle, as a reader's
        // would: the chart's touch targets (src/scripts/hit-areas.ts) lie over its marks and answer for them.
        const mark = page.locator('figure[data-chart="national"] svg.met-chart [data-datum]:visible').nth(1);
        const words = await mark.evaluate((element) => {
          const groups = JSON.parse(element.closest("svg")!.getAttribute("data-groups") ?? "[]") as string[];
          const row = groups[Number(element.getAttribute("data-row"))] ?? element.getAttribute("data-label") ?? "";
          return row.trim().replace(/[.!?]$/, "");
        });
        await mark.scrollIntoViewIfNeeded();
        const box = (await mark.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
        await expect
          .poll(() =>
            page.evaluate(() => {
              const tooltip = document.querySelector<HTMLElement>('figure[data-chart="national"] [role="tooltip"]');
              return tooltip && !tooltip.hidden && tooltip.offsetWidth > 0 ? tooltip.textContent : null;
            }),
          )
          .toContain(words);
        await page.mouse.move(5, 5);
      }
    } finally {
      await leaveTheStory();
      writeFileSync(dataFile("workforce.csv"), workforce);
      writeFileSync(dataFile("outcomes.csv"), outcomes);
      await expect.poll(() => servedHtml("/"), { timeout: 30_000, interval: 250 }).not.toContain(BANNER.slice(1));
    }
  }, 180_000);

  it("updates the open page by itself after an edit, when a problem appears and when it is fixed", async () => {
    const cases = readFileSync(dataFile("cases.csv"), "utf8");
    const outcomes = readFileSync(dataFile("outcomes.csv"), "utf8");
    await page.goto(`${origin}/`, { waitUntil: "load" });
    // Both read null while the page is between documents (mid-reload, the case not yet parsed), so a
    // poll cannot settle on a half-loaded page: an absent banner there is no proof the banner went.
    const summary = () =>
      document.readyState === "loading"
        ? null
        : (document.querySelector("#case-16 .case-summary")?.textContent?.trim() ?? null);
    const banner = () => {
      if (document.readyState === "loading" || !document.querySelector("#case-16")) return null;
      const aside = document.querySelector("#data-problems-banner");
      return aside ? `${aside.getAttribute("data-errors")}: ${aside.textContent}` : "";
    };
    expect(await openPage(summary)).toContain("cab driver");
    expect(await openPage(banner)).toBe("");

    // An edit: the open page shows the new words (and, as a published value changed, a warning).
    writeFileSync(dataFile("cases.csv"), cases.replace("details of a cab driver", "details of a taxi driver"));
    await expect.poll(() => openPage(summary), { timeout: 30_000, interval: 100 }).toContain("taxi driver");
    await expect.poll(() => openPage(banner), { timeout: 30_000, interval: 100 }).toMatch(/^0: Data warnings/);

    // A problem appears: the open page shows it (the last good data stays).
    writeFileSync(dataFile("outcomes.csv"), outcomes.replace(",208,", ",207,"));
    const shown = async () => `${await openPage(banner)} | ${await openPage(summary)}`;
    await expect.poll(shown, { timeout: 30_000, interval: 100 }).toMatch(/^1: Data problems.* \| .*taxi driver/s);

    // The fix: the banner goes from the open page, with no reload by hand.
    writeFileSync(dataFile("outcomes.csv"), outcomes);
    writeFileSync(dataFile("cases.csv"), cases);
    // Both files' edits reach the page, in whichever order the server takes them.
    await expect.poll(shown, { timeout: 30_000, interval: 100 }).toMatch(/^ \| .*cab driver/);
  }, 120_000);

  it("shows /_data-diff/ as an editor's page: cells as a table, changed words marked, charts before and after", async () => {
    const outcomes = readFileSync(dataFile("outcomes.csv"), "utf8");
    await leaveTheStory();
    writeFileSync(dataFile("outcomes.csv"), outcomes.replace(",208,", ",207,").replace(",92,", ",93,"));
    try {
      await expect.poll(() => servedHtml("/"), { timeout: 30_000, interval: 250 }).toContain("Data warnings");
      await page.goto(`${origin}/_data-diff/`, { waitUntil: "load" });
      // In the site's layout and styles.
      expect(await page.locator("header.site-header nav").count()).toBe(1);
      expect(await page.locator("main.page #data-diff").count()).toBe(1);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(
        /^"?Times New Roman"?$/,
      );
      // The footer's own rules too (src/styles/footer.css, no longer in global.css): its rule above it.
      expect(
        await page.locator("footer.site-footer").evaluate((footer) => getComputedStyle(footer).borderTopWidth),
      ).toBe("1px");
      const row = page.locator('[data-cell="outcomes:formal-action:count"] td');
      expect(await row.allInnerTexts()).toEqual([
        "data/outcomes.csv",
        "formal-action",
        "count",
        "208",
        "207",
        expect.stringMatching(/^data\/outcomes\.csv:\d+$/),
      ]);
      expect(await row.nth(5).locator("a").getAttribute("href")).toMatch(
        /^\/__open-in-editor\?file=data%2Foutcomes\.csv%3A\d+$/,
      );
      // The story's sentence whole, with only the changed figure marked.
      const after = page.locator("[data-fact] [data-after]").first();
      expect(await after.innerText()).toContain("207 ended in formal action");
      expect(await after.locator("ins").allInnerTexts()).toEqual(["207"]);
      expect(await page.locator("[data-fact] [data-before]").first().locator("del").allInnerTexts()).toEqual(["208"]);
      // The chart before and after, side by side, each with its share image, all drawn.
      const chart = page.locator('[data-chart="outcomes"]');
      for (const side of ["before", "after"]) {
        const images = chart.locator(`figure[data-side="${side}"] img`);
        expect(await images.count(), side).toBe(2);
        for (const image of await images.all())
          expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), side).toBe(
            true,
          );
      }
      const [left, right] = await Promise.all(
        ["before", "after"].map((side) => chart.locator(`figure[data-side="${side}"]`).boundingBox()),
      );
      expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
      expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    } finally {
      await leaveTheStory();
      writeFileSync(dataFile("outcomes.csv"), outcomes);
      await expect.poll(() => servedHtml("/"), { timeout: 30_000, interval: 250 }).not.toContain(BANNER.slice(1));
    }
  }, 120_000);
});
