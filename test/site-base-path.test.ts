/**
 * The whole site built under a sub-path (BASE_PATH=/interactive/met-breaches/)
 * on another host (SITE_URL): every internal link, anchor, asset and download
 * resolves; and in Chromium no page requests another origin, sets a cookie,
 * writes to storage or calls a fingerprinting API.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { builtHtmlFiles, pagePath } from "./support/site.ts";
import { sharedBuild } from "./support/shared-build.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

const BASE_PATH = "/interactive/met-breaches/";
const SITE_URL = "https://news.example";

/** The URL a built file is served at. */
function urlOf(file: string): URL {
  return new URL(`${BASE_PATH}${pagePath(file)}`, SITE_URL);
}

let outDir: string;

// Shared with test/embed-browser.test.ts's sub-path build (the same variables, no edits).
beforeAll(() => {
  outDir = sharedBuild({ BASE_PATH, SITE_URL });
}, 300_000);

describe(`the site built under ${SITE_URL}${BASE_PATH}`, () => {
  it("has no broken internal link, anchor, asset or download", () => {
    const idsByFile = new Map<string, Set<string>>();
    const ids = (file: string) => {
      if (!idsByFile.has(file)) {
        const { document } = parseHTML(readFileSync(join(outDir, file), "utf8"));
        idsByFile.set(file, new Set(Array.from(document.querySelectorAll("[id]")).map((element) => element.id)));
      }
      return idsByFile.get(file)!;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const file of builtHtmlFiles(outDir)) {
      const { document } = parseHTML(readFileSync(join(outDir, file), "utf8"));
      const references = [
        ...Array.from(document.querySelectorAll("[href]")).map((element) => element.getAttribute("href")!),
        ...Array.from(document.querySelectorAll("[src]")).map((element) => element.getAttribute("src")!),
        ...Array.from(document.querySelectorAll('meta[property="og:image"], meta[name="twitter:image"]')).map(
          (element) => element.getAttribute("content")!,
        ),
      ];
      for (const reference of references) {
        const url = new URL(reference, urlOf(file));
        if (url.origin !== SITE_URL) continue; // a link out, to a source: not ours to check
        checked++;
        if (!url.pathname.startsWith(BASE_PATH)) {
          broken.push(`${file}: ${reference} is outside ${BASE_PATH}`);
          continue;
        }
        let target = decodeURIComponent(url.pathname.slice(BASE_PATH.length));
        if (target === "" || target.endsWith("/")) target += "index.html";
        if (!existsSync(join(outDir, target))) broken.push(`${file}: ${reference} -> missing ${target}`);
        else if (url.hash && target.endsWith(".html") && !ids(target).has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${file}: ${reference} -> no element with id ${url.hash}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

describe("privacy, in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(outDir, BASE_PATH);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("no page requests another origin, sets a cookie, writes storage or fingerprints", async () => {
    const context = await browser.newContext();
    // Record every write to storage or cookies and every call of APIs used for fingerprinting.
    await context.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { __privacyLog: string[] }).__privacyLog = log;
      const watch = (target: object, name: string, label: string) => {
        const original = (target as Record<string, unknown>)[name];
        if (typeof original !== "function") return;
        (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          log.push(label);
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        };
      };
      watch(Storage.prototype, "setItem", "storage.setItem");
      watch(HTMLCanvasElement.prototype, "toDataURL", "canvas.toDataURL");
      watch(HTMLCanvasElement.prototype, "getContext", "canvas.getContext");
      watch(navigator, "getBattery", "navigator.getBattery");
      const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
      Object.defineProperty(document, "cookie", {
        get: () => cookie.get!.call(document),
        set: (value: string) => {
          log.push("document.cookie");
          cookie.set!.call(document, value);
        },
      });
    });
    const foreign: string[] = [];
    context.on("request", (request) => {
      if (!request.url().startsWith(server.origin)) foreign.push(request.url());
    });
    for (const file of builtHtmlFiles(outDir)) {
      const page = await context.newPage();
      await page.goto(`${server.url}${pagePath(file)}`, { waitUntil: "networkidle" });
      // Use the page a little: focus and click what scripts enhance.
      await page.keyboard.press("Tab");
      await page.mouse.move(200, 300);
      const log = await page.evaluate(() => (window as unknown as { __privacyLog: string[] }).__privacyLog);
      const storage = await page.evaluate(() => localStorage.length + sessionStorage.length);
      expect({ file, log, storage }).toEqual({ file, log: [], storage: 0 });
      await page.close();
    }
    expect(foreign).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
