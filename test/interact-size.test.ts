/**
 * The story's JavaScript budget, read from the built page: every script it
 * loads (each <script src>, every module those import, any inline script),
 * gzipped file by file, must total at most 20 KB. The enhancements read the
 * server-drawn SVG; a chart library in the browser would blow this budget.
 * Scripts must also be files, never inline, so a strict Content Security
 * Policy (no 'unsafe-inline') can run them. And none may stand in the way of
 * the first paint (issue 25): each page loads one entry, at low priority,
 * that imports nothing statically (a static import is fetched at high
 * priority); everything else it fetches after the paint.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { DIST_DIR, builtHtmlFiles, builtPage } from "./support/site.ts";

/** At most this many bytes of gzipped JavaScript on the story page. */
const BUDGET = 20 * 1024;
const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
/** Script types a browser does not run. */
const DATA_TYPES = new Set(["application/ld+json", "application/json"]);

/** A built file for a URL path under the site's base. */
function distFile(url: string): string {
  const path = new URL(url, `http://site${BASE}`).pathname;
  expect(path.startsWith(BASE), `${url} is under ${BASE}`).toBe(true);
  return join(DIST_DIR, path.slice(BASE.length));
}

/** The module and every module it imports, statically or dynamically, as built files. */
function withImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  expect(existsSync(file), `${relative(DIST_DIR, file)} exists`).toBe(true);
  seen.add(file);
  const code = readFileSync(file, "utf8");
  const specifiers = [
    ...code.matchAll(/\b(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  for (const specifier of specifiers) {
    const target = specifier.startsWith("/") ? distFile(specifier) : resolve(dirname(file), specifier);
    withImports(target, seen);
  }
  return seen;
}

const { document } = parseHTML(builtPage(""));
const scripts = Array.from(document.querySelectorAll("script")).filter(
  (script) => !DATA_TYPES.has(script.getAttribute("type") ?? ""),
);
const files = new Set<string>();
for (const script of scripts) {
  const src = script.getAttribute("src");
  if (src) withImports(distFile(src), files);
}
const inline = scripts.filter((script) => !script.getAttribute("src")).map((script) => script.textContent ?? "");

describe("the story's JavaScript", () => {
  it("is loaded from files, with no inline script", () => {
    expect(inline).toEqual([]);
    for (const script of scripts) expect(script.getAttribute("type"), script.outerHTML).toBe("module");
  });

  it("is one entry on every page, fetched at low priority, importing nothing before the first paint", () => {
    const entries = new Set<string>();
    for (const file of builtHtmlFiles()) {
      const page = parseHTML(readFileSync(join(DIST_DIR, file), "utf8")).document;
      const modules = Array.from(page.querySelectorAll('script[type="module"]'));
      // Pages without a layout (none today) would have no script at all; every page with one has one entry.
      expect(modules.length, file).toBeLessThanOrEqual(1);
      for (const script of modules) {
        expect(script.getAttribute("fetchpriority"), `${file}: ${script.outerHTML}`).toBe("low");
        entries.add(distFile(script.getAttribute("src")!));
      }
    }
    expect(entries.size, "one entry for every page").toBe(1);
    for (const entry of entries) {
      const code = readFileSync(entry, "utf8");
      // Static imports only: a dynamic import( is the set-up after the paint.
      expect(code, relative(DIST_DIR, entry)).not.toMatch(/\bimport\s*(?:[\w*${}\s,]+from\s*)?["']/);
      expect(code, relative(DIST_DIR, entry)).toMatch(/\bimport\(/);
    }
  });

  it(`weighs at most ${BUDGET / 1024} KB gzipped in total`, () => {
    const sizes = [...files].map((file) => ({
      file: relative(DIST_DIR, file),
      gzip: gzipSync(readFileSync(file)).length,
    }));
    const inlineBytes = inline.reduce((sum, code) => sum + gzipSync(code).length, 0);
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, inlineBytes);
    // The enhancements exist: a budget met by shipping nothing would prove nothing.
    expect(sizes.length, "script files").toBeGreaterThan(0);
    expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(BUDGET);
  });
});
