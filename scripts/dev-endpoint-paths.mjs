/**
 * In `npm run dev`, file endpoints with a parameter (`data/[table].json.ts`)
 * are only found with a trailing slash under `trailingSlash: "always"`, so
 * the data page's links (`data/cases.json`, as the build writes them) were
 * "Page not found" in dev. This Vite middleware adds the slash to such a
 * path before Astro routes it. Dev only: the build writes real files.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Regular expressions for the endpoints under `pagesDir` that serve a file type and take a parameter. */
export function parameterisedFileEndpoints(pagesDir) {
  const patterns = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[a-z0-9]+\.(ts|js|mjs)$/.test(entry.name) && entry.name.includes("[")) {
        const route = relative(pagesDir, path)
          .split(sep)
          .join("/")
          .replace(/\.(ts|js|mjs)$/, "");
        const source = route
          .split(/(\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
          .map((part) => (part.startsWith("[...") ? ".+" : part.startsWith("[") ? "[^/]+" : escape(part)))
          .join("");
        patterns.push(new RegExp(`^/${source}$`));
      }
    }
  };
  walk(pagesDir);
  return patterns;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Connect middleware: `/data/cases.json` -> `/data/cases.json/` for those endpoints. */
export function fileEndpointSlash(pagesDir) {
  const patterns = parameterisedFileEndpoints(pagesDir);
  return (req, _res, next) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.endsWith("/") && patterns.some((pattern) => pattern.test(url.pathname))) {
      req.url = `${url.pathname}/${url.search}`;
    }
    next();
  };
}
