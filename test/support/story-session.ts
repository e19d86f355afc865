/**
 * The built story in Chromium, for the interaction tests: one server and one
 * browser per test file, and a fresh tab per scenario whose page errors
 * (script errors, console errors, CSP refusals) are collected. A scenario
 * that only sets the viewport, colour scheme or reduced motion, which a tab
 * can set for itself, gets a new tab in the file's one context (a context
 * costs Chromium about a quarter of a second of processor time, issue 25);
 * any other option gets a context of its own. The site keeps nothing in
 * storage, so a tab starts as a new context's would.
 */
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { fileTabs, launchBrowser } from "./browser.ts";
import { chartsReady } from "./charts-ready.ts";
import { DIST_DIR } from "./site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

/** The base path the site was built under. */
export const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");

/**
 * Registers beforeAll/afterAll in the file or describe block it is called
 * in; returns `openStory` for its tests. `folder` says which built site to
 * serve (the real one by default); it is read when the hooks run, so a site
 * that an earlier beforeAll builds (a project copy's) can be served.
 */
export function storySession(folder: () => string = () => DIST_DIR, base = BASE) {
  let server: StaticServer;
  let browser: Browser;
  const tabs = fileTabs(() => browser, { viewport: { width: 1280, height: 900 } });

  beforeAll(async () => {
    server = await serveStatic(folder(), base);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await server?.close();
  });

  /** The story (with an optional query) in a fresh tab; `errors` must stay empty. */
  async function openStory(options: BrowserContextOptions & { search?: string } = {}) {
    const { search = "", ...contextOptions } = options;
    const { page, close } = await tabs.open(contextOptions);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${server.url}${search}`, { waitUntil: "load" });
    if (contextOptions.javaScriptEnabled !== false) await chartsReady(page);
    return { page, errors, close };
  }

  return { openStory, server: () => server, browser: () => browser };
}
