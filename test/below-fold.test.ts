/**
 * The story's HTML carries only the CSS its first screen uses: the rest
 * (src/styles/below-fold.css) is one hashed, minified file the story links in
 * its body right after its header, where Chromium paints what comes before
 * without waiting for it. Checked on the built site, in Chromium with
 * JavaScript off: nothing drawn above the link is styled by the file, the
 * sections below it are, the file is not also inline, and every other page
 * carries (inline) each of the file's rules that its markup uses.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DIST_DIR, builtHtmlFiles, builtPage, pagePath } from "./support/site.ts";
import { fileTabs } from "./support/browser.ts";
import { servedInChromium } from "./support/served-site.ts";

const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
const story = builtPage("");
/** The story's links to stylesheets for the screen (print.css, media="print", is not one). */
const screenLinks = [...story.matchAll(/<link rel="stylesheet" href="([^"]+)"(?![^>]*media=)[^>]*>/g)];
const href = screenLinks[0]?.[1] ?? "";
const fileName = href.slice(BASE.length);

const site = servedInChromium(DIST_DIR, BASE);

/** Each page a tab in the file's one context with JavaScript off (issue 25). */
const noScript = fileTabs(() => site.browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
afterAll(() => noScript.close());

/** A built page in Chromium with JavaScript off, as a reader without it sees it. */
async function openNoScript(path: string, width = 360): Promise<{ page: Page; close(): Promise<void> }> {
  const { page, close } = await noScript.open({ viewport: { width, height: 800 } });
  const response = await page.goto(`${site.server.url}${path}`, { waitUntil: "load" });
  expect(response?.status(), path).toBeLessThan(400);
  return { page, close };
}

/**
 * Every style rule of the page's screen stylesheets whose href ends with `only` (all of them
 * without it; print.css left out), keyed by its text and the @media/@supports it sits in, with
 * a selector that finds the elements it could style (pseudo-elements and states such as :hover
 * taken out). Runs in the page: the browser's own parse of the CSS.
 */
function pageRules(page: Page, only?: string) {
  return page.evaluate((only) => {
    const states = /:(?:hover|focus-within|focus-visible|focus|target|active)\b/g;
    const out: { key: string; reach: string; applies: boolean }[] = [];
    const walk = (rules: CSSRuleList, context: string, applies: boolean) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) {
          const reach = rule.selectorText
            .split(",")
            .map((part) =>
              part
                .replace(/:is\(\s*(?::[\w-]+\s*,?\s*)+\)/g, (group) =>
                  group.replace(states, "").match(/:[\w-]/) ? group : "",
                )
                .replace(/::[\w-]+(\([^)]*\))?/g, "")
                .replace(states, "")
                .trim(),
            )
            .map((part) => part || "*")
            .join(",");
          out.push({ key: `${context}${rule.cssText}`, reach, applies });
        } else if (rule instanceof CSSMediaRule) {
          walk(
            rule.cssRules,
            `${context}@media ${rule.conditionText}|`,
            applies && matchMedia(rule.conditionText).matches,
          );
        } else if (rule instanceof CSSSupportsRule) {
          walk(
            rule.cssRules,
            `${context}@supports ${rule.conditionText}|`,
            applies && CSS.supports(rule.conditionText),
          );
        }
      }
    };
    for (const sheet of Array.from(document.styleSheets)) {
      if (sheet.media.mediaText === "print") continue;
      if (only && !sheet.href?.endsWith(only)) continue;
      walk(sheet.cssRules, "", true);
    }
    return out;
  }, only);
}

describe("the story's below-the-fold stylesheet", () => {
  it("is one hashed, minified file, linked once, that the build wrote", () => {
    expect(screenLinks).toHaveLength(1);
    expect(href).toMatch(new RegExp(`^${BASE}_astro/below-fold\\.[\\w-]{8}\\.css$`));
    expect(existsSync(join(DIST_DIR, fileName))).toBe(true);
    const css = readFileSync(join(DIST_DIR, fileName), "utf8");
    // Minified: one line, no comments, no indentation; it holds what the sections, tables and footer need.
    expect(css.trim()).not.toContain("\n");
    expect(css).not.toContain("/*");
    for (const selector of [".data-table", ".case-meta", ".sentence-notes", ".site-footer", ".story-section"])
      expect(css).toContain(selector);
  });

  it("is linked in the body after the story's header and lead chart, before its first section", () => {
    const link = story.indexOf(screenLinks[0]![0]);
    const body = story.indexOf("<body");
    const leadFigureEnd = story.indexOf("</figure>");
    const headerEnd = story.indexOf("</header>", story.indexOf('<header class="story-header"'));
    const firstSection = story.search(/<section class="story-section"/);
    expect(body).toBeGreaterThan(0);
    expect(leadFigureEnd).toBeGreaterThan(body);
    expect(headerEnd).toBeGreaterThan(leadFigureEnd);
    expect(link).toBeGreaterThan(headerEnd);
    expect(firstSection).toBeGreaterThan(link);
    // Nothing but whitespace and comments between the header and the link.
    expect(story.slice(headerEnd + "</header>".length, link).trim()).toBe("");
  });

  it("is not carried inline as well: the story's <style> holds none of its rules", async () => {
    const { page, close } = await openNoScript("");
    try {
      const linked = await pageRules(page, fileName);
      const all = await pageRules(page);
      expect(linked.length).toBeGreaterThan(20);
      const linkedKeys = new Set(linked.map((rule) => rule.key));
      const inline = all.filter((rule) => !linkedKeys.has(rule.key));
      expect(inline.length).toBeGreaterThan(20);
      expect(all.length).toBe(linked.length + inline.length);
    } finally {
      await close();
    }
  });

  it("styles nothing the story draws above it: the first screen needs only the inline CSS", async () => {
    const { page, close } = await openNoScript("");
    try {
      const linked = await pageRules(page, fileName);
      const styledAbove = await page.evaluate((rules) => {
        const link = document.querySelector(`link[rel="stylesheet"]:not([media])`)!;
        const found: string[] = [];
        for (const element of Array.from(document.querySelectorAll("body *"))) {
          if (!(link.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
          if (element.contains(link)) continue;
          // The inside of a closed disclosure is not drawn: the lead chart's "Notes and data" opens later.
          const details = element.parentElement?.closest("details");
          if (details && !details.open && !element.closest("summary")) continue;
          for (const rule of rules)
            if (rule.applies && element.matches(rule.reach))
              found.push(`${element.tagName.toLowerCase()}.${element.className} <- ${rule.key.slice(0, 80)}`);
        }
        return found;
      }, linked);
      // Rules for states a reader brings about later (a fact's note under the mouse) are left out
      // by pageRules only when the state is in the selector; a fact's ::after box with no content
      // draws nothing until then.
      expect(styledAbove.filter((found) => !/\.fact\[data-note\]/.test(found))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("does not hold up the first paint: Chromium draws the header while the file is on its way", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    let release = () => {};
    let loading: Promise<unknown> = Promise.resolve();
    try {
      const page = await context.newPage();
      const held = new Promise<void>((done) => (release = done));
      let requested = false;
      // The file is answered only once the first paint has happened (or the wait below gives up).
      await page.route(`**/${fileName}`, async (route) => {
        requested = true;
        await held;
        await route.continue().catch(() => undefined);
      });
      loading = page.goto(site.server.url, { waitUntil: "load" });
      // Handled at once: when the paint never comes, the page is closed under it.
      loading.catch(() => undefined);
      const painted = () =>
        page.evaluate(() => performance.getEntriesByName("first-contentful-paint").length).catch(() => 0);
      await expect.poll(painted, { timeout: 10_000, interval: 50 }).toBe(1);
      const meanwhile = await page.evaluate(() => ({
        headline: (document.querySelector(".story-header h1")?.getBoundingClientRect().height ?? 0) > 0,
        leadChart: (document.querySelector(".story-header svg")?.getBoundingClientRect().height ?? 0) > 0,
        // The parser waits at the link: nothing below it exists yet, so nothing is drawn unstyled.
        sections: document.querySelectorAll(".story-section").length,
      }));
      expect(requested).toBe(true);
      release();
      await loading;
      expect(meanwhile).toEqual({ headline: true, leadChart: true, sections: 0 });
      expect(await page.evaluate(() => document.querySelectorAll(".story-section").length)).toBeGreaterThan(3);
    } finally {
      release();
      await context.close();
      await loading.catch(() => undefined);
    }
  });

  it("styles the sections below it for a reader without JavaScript", async () => {
    for (const width of [360, 1024]) {
      const { page, close } = await openNoScript("", width);
      try {
        const styles = await page.evaluate(() => {
          const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
          return {
            tableHead: style(".data-table thead th").borderBottomWidth,
            number: style(".data-table td.num").textAlign,
            caseRule: style(".case").borderTopStyle,
            caseMeta: style(".case-meta").display,
            caveat: style(".caveat").borderLeftWidth,
            section: style(".story-section").contentVisibility,
            footnote: style(".sentence-notes li").marginBottom,
            footer: style(".site-footer").borderTopWidth,
          };
        });
        expect(styles, `${width} px`).toEqual({
          tableHead: "2px",
          number: "right",
          caseRule: "solid",
          caseMeta: "flex",
          caveat: "4px",
          section: "auto",
          footnote: expect.stringMatching(/^1\d(\.\d+)?px$/),
          footer: "1px",
        });
      } finally {
        await close();
      }
    }
  });

  it("has each of its rules that another page's markup uses in that page's own CSS", async () => {
    const { page: storyPage, close: closeStory } = await openNoScript("");
    const linked = await pageRules(storyPage, fileName).finally(closeStory);
    const missing: string[] = [];
    let checked = 0;
    for (const file of builtHtmlFiles().filter((file) => file !== "index.html")) {
      const { page, close } = await openNoScript(pagePath(file));
      try {
        const own = new Set((await pageRules(page)).map((rule) => rule.key));
        const used = await page.evaluate(
          (rules) => rules.filter((rule) => document.querySelector(rule.reach) !== null).map((rule) => rule.key),
          linked,
        );
        checked += used.length;
        for (const key of used) if (!own.has(key)) missing.push(`${file}: ${key.slice(0, 100)}`);
      } finally {
        await close();
      }
    }
    expect(missing).toEqual([]);
    // The data page's notes and the embeds' tables at least: the check is not vacuous.
    expect(checked).toBeGreaterThan(30);
  });
});
