/**
 * The built story in Chromium, for the interaction tests: one server and one
 * browser per test file, and a fresh context per scenario whose page errors
 * (script errors, console errors, CSP refusals) are collected.
 */
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.ts";
import { chartsReady } from "./charts-ready.ts";
import { DIST_DIR } from "./site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

/** The base path the site was built under. */
export const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");

/** Registers the file's beforeAll/afterAll; returns `openStory` for its tests. */
export function storySession() {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(DIST_DIR, BASE);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The story (with an optional query) in a fresh context; `errors` must stay empty. */
  async function openStory(options: BrowserContextOptions & { search?: string } = {}) {
    const { search = "", ...contextOptions } = options;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${server.url}${search}`, { waitUntil: "load" });
    if (contextOptions.javaScriptEnabled !== false) await chartsReady(page);
    return { page, errors, close: () => context.close() };
  }

  return { openStory, server: () => server, browser: () => browser };
}
