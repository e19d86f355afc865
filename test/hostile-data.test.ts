/**
 * Hostile data: a build whose every free-text field holds an attack string
 * must build, and in Chromium no dialog opens, no injected element or script
 * exists, and the strings show as text. A javascript: source address is
 * rejected by the schema with a clear error. The site is the run's shared
 * hostile build (test/support/hostile-data.ts hostileSite, under a sub-path),
 * which test/interact-escape, story-escape and publish-browser read too.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Dialog, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../scripts/lib/pipeline.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { dataFixture } from "./support/data-fixture.ts";
import { correctionAnchor, releaseAnchor } from "../src/lib/chart-updates.ts";
import { ATTACKS, HOSTILE_BASE, hostileSite, type HostileHistory } from "./support/hostile-data.ts";
import { builtHtmlFiles, pagePath } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

describe("a javascript: source address", () => {
  it("is rejected with a located error", async () => {
    const fixture = dataFixture();
    try {
      const path = join(fixture.dataDir, "sources.csv");
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace(
          "https://www.bbc.com/news/uk-england-london-27299863",
          "javascript:alert(1)",
        ),
      );
      const result = await runPipeline({ dataDir: fixture.dataDir, outDir: fixture.outDir, cwd: fixture.root });
      expect(result.ok).toBe(false);
      expect(result.problems.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^data\/sources\.csv:3:\d+ url: "javascript:alert\(1\)" is not valid, expected a web address starting with http:\/\/ or https:\/\/$/,
        ),
      ]);
    } finally {
      fixture.remove();
    }
  });
});

describe("the site built from hostile data", () => {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  let history: HostileHistory;
  /** One tab for every page the tests load: each is a new document (no page keeps anything in storage). */
  let page: Page;

  beforeAll(async () => {
    ({ outDir, history } = hostileSite());
    server = await serveStatic(outDir, HOSTILE_BASE);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 600_000);

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it("builds every page", () => {
    expect(builtHtmlFiles(outDir).map(pagePath)).toEqual(expect.arrayContaining(["", "data/", "charts/"]));
  });

  it("runs no injected script and injects no element on any page", async () => {
    const dialogs: string[] = [];
    let loaded = "";
    const onDialog = async (dialog: Dialog) => {
      dialogs.push(`${loaded}: ${dialog.message()}`);
      await dialog.dismiss();
    };
    page.on("dialog", onDialog);
    for (const path of builtHtmlFiles(outDir).map(pagePath)) {
      loaded = path;
      await page.goto(`${server.url}${path}`, { waitUntil: "load" });
      if (path === "") await chartsReady(page);
      await page.waitForTimeout(200);
      const injected = await page.evaluate(() => ({
        images: document.querySelectorAll('img[src="x"]').length,
        frames: document.querySelectorAll("iframe[srcdoc]").length,
        handlers: Array.from(document.querySelectorAll("*")).filter((element) =>
          Array.from(element.attributes).some((attribute) => /^on/i.test(attribute.name)),
        ).length,
        scripts: Array.from(document.scripts).filter(
          (script) =>
            script.type !== "application/ld+json" &&
            script.type !== "application/json" &&
            /alert\(1\)/.test(script.text),
        ).length,
        bold: document.querySelectorAll("main b, figure b").length,
      }));
      expect(injected, path).toEqual({ images: 0, frames: 0, handlers: 0, scripts: 0, bold: 0 });
    }
    page.off("dialog", onDialog);
    expect(dialogs).toEqual([]);
  });

  it("shows the attack strings as text on the story and the data page", async () => {
    for (const path of ["", "data/"]) {
      await page.goto(`${server.url}${path}`);
      const text = await page.evaluate(() => document.body.textContent ?? "");
      for (const attack of ATTACKS.slice(0, 4)) expect(text, `${path}: ${attack}`).toContain(attack);
    }
  });

  it("shows the hostile correction and release, appended to the history, as text on the data page", async () => {
    await page.goto(`${server.url}data/`);
    const text = (selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
    const correction = await text(`#${correctionAnchor(history.correctionIndex)}`);
    for (const field of ["change", "reason", "old_value", "new_value"] as const)
      expect(correction, field).toContain(history.correction[field]);
    expect(await text(`#${releaseAnchor(history.release.version!)}`)).toContain(history.release.note);
  });
});
