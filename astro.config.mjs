// @ts-check
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { readFileSync } from "node:fs";
import { defineConfig } from "astro/config";
import { dataWatcher } from "./scripts/astro-data-watcher.mjs";
import { provenanceCheck } from "./scripts/astro-provenance-check.mjs";
import { remarkCiteNumbers } from "./scripts/remark-cite-numbers.mjs";
import { scriptPriority } from "./scripts/astro-script-priority.mjs";
import { securityHeaders } from "./scripts/astro-security-headers.mjs";
import { htmlWhitespace } from "./scripts/astro-html-whitespace.mjs";

/**
 * Where the site is hosted comes from the environment, so one build can live
 * at a domain root or under a sub-path such as /interactive/met-breaches/:
 *   SITE_URL=https://news.example  BASE_PATH=/interactive/met-breaches/  npm run build
 */
const site = process.env.SITE_URL ?? "http://localhost:4321";
const base = process.env.BASE_PATH ?? "/";

/**
 * A preview (data/ differs from the last release; `npm run data` writes the status first) gets no
 * sitemap: its pages are noindex and say they are a preview (src/data/release-status.ts).
 */
function isPreview() {
  try {
    return (
      JSON.parse(readFileSync(new URL("./src/generated/release-status.json", import.meta.url), "utf8")).released !==
      true
    );
  } catch {
    return true;
  }
}

export default defineConfig({
  site,
  base,
  trailingSlash: "always",
  outDir: process.env.OUT_DIR ?? "./dist",
  // In the project, not in node_modules: test and bench copies share node_modules by symlink,
  // and must not share a content cache.
  cacheDir: "./.astro-cache",
  // Stylesheets inline: each page's few KB of CSS arrive with the HTML instead of as four
  // render-blocking requests; the CSP step hashes them. Three files a page links on purpose (`?url`
  // imports) stay files: print.css, the story's below-fold.css (linked under its first screen) and
  // interactive.css (added by script).
  build: { format: "directory", inlineStylesheets: "always" },
  // Scoped component styles by a class (astro-xxxx) rather than a data-astro-cid-xxxx attribute on
  // every element: the same specificity, fewer bytes in every page.
  scopedStyleStrategy: "class",
  server: { port: 4321, host: "127.0.0.1" },
  devToolbar: { enabled: false },
  // Scripts always load from files, never inline, however small (a strict Content-Security-Policy
  // runs only hashed files; test/interact-size); other assets keep Vite's default.
  vite: { build: { assetsInlineLimit: (/** @type {string} */ file) => (file.endsWith(".js") ? false : undefined) } },
  // mdx: the story's narrative (src/content/story/); sitemap: sitemap-index.xml, named in robots.txt,
  // without the embed pages, which are noindex (the story is the page to find); none in a preview.
  // provenanceCheck fails the build when a figure or a credit misstates its source.
  // scriptPriority marks each page's module scripts fetchpriority="low" (the first paint needs none).
  // htmlWhitespace drops the whitespace a browser does not show (runs in text, spaces between blocks).
  // securityHeaders last: it hashes the final HTML into each page's Content-Security-Policy.
  integrations: [
    dataWatcher(),
    // Numbers the story's <Cite /> markers in reading order, for their footnotes.
    mdx({ remarkPlugins: [remarkCiteNumbers] }),
    ...(isPreview() ? [] : [sitemap({ filter: (page) => !new URL(page).pathname.includes("/embed/") })]),
    provenanceCheck(),
    scriptPriority(),
    htmlWhitespace(),
    securityHeaders(),
  ],
});
