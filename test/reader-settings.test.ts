/**
 * The reader's own settings, in Chromium:
 *
 * (The skip link waits off screen until it has focus, so it is left out.)
 *
 * - text spacing (WCAG 2.2 SC 1.4.12): with line height 1.5, paragraph
 *   spacing 2em, letter spacing 0.12em and word spacing 0.16em forced on
 *   every element, no text is cut off by a box that hides its overflow, no
 *   text reaches past the screen's sides and the page does not scroll
 *   sideways, on the story, the accessibility statement and an embed;
 * - zoom (SC 1.4.10): a 1280 px window at 200% is a 640 CSS px viewport
 *   (drawn at device scale 2), at 400% a 320 CSS px one; the story reflows
 *   to both with no sideways scroll;
 * - the accessibility statement: linked from the footer, axe-core clean.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./support/axe.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { storySession } from "./support/story-session.ts";

const { openStory, server } = storySession();

/** The bookmarklet WCAG's understanding document describes, as a style sheet. */
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

/** Text cut off or out of reach: boxes that hide overflowing text, text past the sides, sideways scroll. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const clipped: string[] = [];
    const outside: string[] = [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}.${element.className}: “${(element.textContent ?? "").trim().slice(0, 40)}”`;
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      if (
        element.closest(".visually-hidden, .skip-link, svg, [hidden], template") ||
        element.getClientRects().length === 0
      )
        continue;
      const style = getComputedStyle(element);
      // Visually hidden on purpose for screen readers only (a 1 px clipped box, as .visually-hidden
      // is; interactive.css hides a chart's keyboard help so until the chart has keyboard focus).
      if (style.clip === "rect(0px, 0px, 0px, 0px)" && element.offsetWidth <= 1) continue;
      const hides = (value: string) => value === "hidden" || value === "clip";
      const hasText = Array.from(element.childNodes).some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "",
      );
      if (!hasText && !element.querySelector("p, li, a, span, strong, em")) continue;
      if (hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1) clipped.push(describe(element));
      if (hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1) clipped.push(describe(element));
      // Text in a box that scrolls sideways on purpose (the data tables) is still within reach.
      if (hasText && !element.closest(".table-scroll, pre, .code-snippet")) {
        const box = element.getBoundingClientRect();
        if (box.left < -1 || box.right > document.documentElement.clientWidth + 1) outside.push(describe(element));
      }
    }
    const sideways = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    return { clipped, outside, sideways };
  });
}

describe("text spacing (WCAG 1.4.12)", () => {
  it.each([1280, 320])("cuts off no text at %i px", async (width) => {
    // A reader's style sheet (an extension, a bookmarklet) is not subject to the page's content security policy.
    const { page, errors, close } = await openStory({ viewport: { width, height: 900 }, bypassCSP: true });
    try {
      for (const path of ["", "accessibility/", "embed/outcomes/"]) {
        await page.goto(`${server().url}${path}`, { waitUntil: "load" });
        if (path === "") await chartsReady(page);
        await page.addStyleTag({ content: TEXT_SPACING });
        const lineHeight = await page.evaluate(() => getComputedStyle(document.querySelector("p")!).lineHeight);
        const fontSize = await page.evaluate(() => getComputedStyle(document.querySelector("p")!).fontSize);
        expect(parseFloat(lineHeight) / parseFloat(fontSize), `${path}: spacing applied`).toBeCloseTo(1.5, 1);
        const found = await overflow(page);
        expect(found.clipped, `${path || "story"} at ${width}: text cut off`).toEqual([]);
        expect(found.outside, `${path || "story"} at ${width}: text past the sides`).toEqual([]);
        expect(found.sideways, `${path || "story"} at ${width}: sideways scroll`).toBeLessThanOrEqual(0);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("zoom (WCAG 1.4.10)", () => {
  it.each([
    [640, "200%"],
    [320, "400%"],
  ])("reflows to %i CSS px (a 1280 px window at %s) with no sideways scroll", async (width) => {
    const { page, errors, close } = await openStory({
      viewport: { width, height: 450 },
      deviceScaleFactor: 1280 / width,
    });
    try {
      for (const path of ["", "accessibility/"]) {
        await page.goto(`${server().url}${path}`, { waitUntil: "load" });
        if (path === "") await chartsReady(page);
        const found = await overflow(page);
        expect(found.sideways, `${path || "story"}: sideways scroll`).toBeLessThanOrEqual(0);
        expect(found.outside, `${path || "story"}: text past the sides`).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("the accessibility statement", () => {
  it.each(["light", "dark"] as const)(
    "is linked from the story's footer and has no axe-core violations (%s)",
    async (colorScheme) => {
      const { page, errors, close } = await openStory({ colorScheme });
      try {
        await page.locator(".site-footer a", { hasText: "Accessibility" }).click();
        await page.waitForURL(/\/accessibility\/$/);
        expect(await page.locator("h1").textContent()).toBe("Accessibility");
        expect(await axeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
  );
});
