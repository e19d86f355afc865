/**
 * A test file's site in Chromium: a built site served on loopback and the
 * run's Chromium (test/support/browser.ts), opened before the file's tests
 * and closed after them. Read `site.server` and `site.browser` in the tests.
 * (Apart from browser.ts, which the benches load without vitest.)
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

export function servedInChromium(root: string, base: string): { server: StaticServer; browser: Browser } {
  const site = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    site.server = await serveStatic(root, base);
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
