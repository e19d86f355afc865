/**
 * The strict Content-Security-Policy on every built page, the _headers file
 * for static hosts, and no CSP violation in Chromium on any page.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { builtHtmlFiles, DIST_DIR, pagePath } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

const pages = builtHtmlFiles();

const policyOf = (html: string) =>
  /<head>(?:<meta charset="utf-8">)?<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ??
  null;
const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("the Content-Security-Policy of every page", () => {
  it.each(pages)("%s: first in <head> after the charset, strict, and allowing exactly its inline code", (page) => {
    const html = readFileSync(join(DIST_DIR, page), "utf8");
    const policy = policyOf(html);
    expect(policy).not.toBeNull();
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/object-src 'none'/);
    for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (/\ssrc=|application\/(ld\+)?json/.test(attributes!)) continue;
      expect(policy).toContain(hash(body!));
    }
    for (const [, body] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) expect(policy).toContain(hash(body!));
    expect(html).not.toMatch(/<[^>]+\s(style|on[a-z]+)=/i);
  });
});

describe("_headers", () => {
  const headers = readFileSync(join(DIST_DIR, "_headers"), "utf8");

  it("sets the security headers for every path", () => {
    expect(headers).toMatch(
      /^\/\*\n {2}X-Content-Type-Options: nosniff\n {2}Referrer-Policy: no-referrer\n {2}Permissions-Policy: /m,
    );
  });

  it("lets anyone frame the embeds and only our origin frame the rest", () => {
    expect(headers).toMatch(/^\/embed\/\*\n {2}Content-Security-Policy: frame-ancestors \*;/m);
    expect(headers).toMatch(/^\/\n {2}Content-Security-Policy: frame-ancestors 'self';/m);
    expect(headers).toMatch(/^\/data\/\*\n {2}Content-Security-Policy: frame-ancestors 'self';/m);
  });
});

describe("in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveStatic(DIST_DIR, "/");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("no page violates its policy, with its scripts running", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = violations;
      document.addEventListener("securitypolicyviolation", (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
      );
    });
    const errors: string[] = [];
    for (const page of pages) {
      const tab = await context.newPage();
      tab.on("console", (message) => {
        if (message.type() === "error") errors.push(`${page}: ${message.text()}`);
      });
      await tab.goto(`${server.url}${pagePath(page)}`, { waitUntil: "networkidle" });
      await tab.keyboard.press("Tab");
      await tab.keyboard.press("Tab");
      await tab.mouse.move(300, 400);
      const violations = await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      expect({ page, violations }).toEqual({ page, violations: [] });
      await tab.close();
    }
    expect(errors.filter((error) => !/404/.test(error))).toEqual([]);
    await context.close();
  });
});
