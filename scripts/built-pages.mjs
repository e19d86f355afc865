/**
 * The built site's HTML pages, for the integrations that check or rewrite
 * them after `astro build` (astro-html-whitespace, astro-script-priority,
 * astro-security-headers, astro-provenance-check): one place that says what
 * a page is, so that every step sees the same files in the same order.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Every HTML file under a folder, sorted, so each step's work and log are the same on every build. */
export function htmlFiles(/** @type {string} */ dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Rewrites every HTML page under `dir` with `rewrite`, writing only the pages it changes.
 * @param {string} dir
 * @param {(html: string) => string} rewrite
 * @returns {{ pages: number, saved: number }} pages changed, and characters fewer in all
 */
export function rewriteHtmlFiles(dir, rewrite) {
  let pages = 0;
  let saved = 0;
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, "utf8");
    const rewritten = rewrite(html);
    if (rewritten === html) continue;
    writeFileSync(file, rewritten);
    pages++;
    saved += html.length - rewritten.length;
  }
  return { pages, saved };
}
