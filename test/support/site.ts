/**
 * Where the built site is. `npm test` builds into dist/; a parallel build
 * can use another folder (OUT_DIR=dist-x npm run build; DIST_DIR=dist-x vitest).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const DIST_DIR = resolve(process.env.DIST_DIR ?? "dist");

/** The HTML of a built page, by its path under the site (e.g. "data/"). */
export function builtPage(path = ""): string {
  const file = path.endsWith(".html") ? path : join(path, "index.html");
  return readFileSync(join(DIST_DIR, file), "utf8");
}

/** Every file under a built site, as paths relative to it, sorted. */
export function builtFiles(root = DIST_DIR): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Every built HTML file (e.g. `data/index.html`), relative to the site. */
export function builtHtmlFiles(root = DIST_DIR): string[] {
  return builtFiles(root).filter((file) => file.endsWith(".html"));
}

/** The path a built HTML file is served at, under the base: `data/index.html` -> `data/`. */
export function pagePath(file: string): string {
  return file.replace(/(^|\/)index\.html$/, "$1");
}

/** All the CSS a built page uses: its inline <style> elements and the stylesheets it links, in order. */
export function pageCss(file: string, root = DIST_DIR, base = "/"): string {
  const html = readFileSync(join(root, file), "utf8");
  const sheets = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|<link rel="stylesheet" href="([^"]+)"/g)];
  return sheets
    .map(([, inline, href]) => inline ?? readFileSync(join(root, href!.slice(base.length)), "utf8"))
    .join("\n");
}
