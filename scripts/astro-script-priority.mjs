/**
 * Astro integration, after the build: every page's module scripts fetched at
 * low priority (`fetchpriority="low"` on each `<script type="module" src>`).
 *
 * Why: a page's first paint needs none of its scripts (the page reads and
 * works without them; src/scripts/page-entry.ts sets everything up after
 * the paint), but Chromium fetches a module script at high priority, and a
 * slow phone's first paint then waits for it (Lighthouse's simulation puts
 * every high-priority script that loaded before the paint in its path;
 * issue 25). Astro writes no attributes on the scripts it bundles (an
 * attribute would make a script inline, which the strict
 * Content-Security-Policy refuses), so this step adds it to the built HTML.
 * The change is the same on every build of the same pages.
 *
 * List it before securityHeaders, which hashes the final HTML.
 */
import { rewriteHtmlFiles } from "./built-pages.mjs";
import { fileURLToPath } from "node:url";

/** A module script tag, without fetchpriority yet. */
const MODULE_SCRIPT = /<script type="module"(?![^>]*\sfetchpriority=)(?=[^>]*\ssrc=)/g;

/** The page's HTML with every external module script marked fetchpriority="low". */
export function lowPriorityScripts(html) {
  return html.replace(MODULE_SCRIPT, '<script type="module" fetchpriority="low"');
}

/** @returns {import("astro").AstroIntegration} */
export function scriptPriority() {
  return {
    name: "script-priority",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const { pages } = rewriteHtmlFiles(fileURLToPath(dir), lowPriorityScripts);
        logger.info(`module scripts marked fetchpriority="low" on ${pages} page(s)`);
      },
    },
  };
}
