/**
 * The built story in a real Chromium: no sideways scrolling and every chart
 * on screen from 320 px to 1280 px, charts drawn with JavaScript off, no
 * axe-core violations in either colour scheme, no request leaving the local
 * origin, no console errors, and a print layout. Screenshots go to
 * test/screenshots/ (git-ignored) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { axeViolations } from "./support/axe.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { fileTabs, launchBrowser } from "./support/browser.ts";
import { DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

const WIDTHS = [320, 768, 1280] as const;
const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
const SCREENSHOTS = resolve("test/screenshots");

let server: StaticServer;
let browser: Browser;
const tabs = fileTabs(() => browser, { viewport: { width: 1280, height: 900 } });

/** A page of the story with every request and console error recorded. */
interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
  close(): Promise<void>;
}

async function visit(options: BrowserContextOptions & { path?: string } = {}): Promise<Visit> {
  const { path = "", ...contextOptions } = options;
  const { page, close } = await tabs.open(contextOptions);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const response = await page.goto(`${server.url}${path}`, { waitUntil: "load" });
  if (path === "") expect(response?.status()).toBe(200);
  if (path === "" && contextOptions.javaScriptEnabled !== false) await chartsReady(page);
  return { page, requests, errors, close };
}

/** For each figure: how many drawings are displayed, and the box of the displayed one. */
function chartBoxes(page: Page) {
  return page.$$eval("figure[data-chart]", (figures) =>
    figures.map((figure) => {
      const shown = Array.from(figure.querySelectorAll("svg")).filter((svg) => {
        const style = getComputedStyle(svg);
        return style.display !== "none" && style.visibility !== "hidden";
      });
      const box = shown[0]?.getBoundingClientRect();
      return {
        id: figure.getAttribute("data-chart"),
        shown: shown.length,
        left: box?.left ?? -1,
        right: box?.right ?? -1,
        width: box?.width ?? 0,
        height: box?.height ?? 0,
      };
    }),
  );
}

function expectChartsVisible(boxes: Awaited<ReturnType<typeof chartBoxes>>, viewportWidth: number) {
  expect(boxes.map((box) => box.id).sort()).toEqual(CHARTS.map((chart) => chart.id).sort());
  for (const box of boxes) {
    expect(box.shown, `${box.id}: exactly one drawing displayed`).toBe(1);
    expect(box.width, `${box.id} width`).toBeGreaterThan(0);
    expect(box.height, `${box.id} height`).toBeGreaterThan(0);
    expect(box.left, `${box.id} left edge`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${box.id} right edge`).toBeLessThanOrEqual(viewportWidth);
  }
}

function expectLocalOnly({ requests, errors }: Visit) {
  expect(
    requests.filter((url) => !url.startsWith(`${server.origin}/`)),
    "requests that leave the local origin",
  ).toEqual([]);
  expect(errors, "console errors").toEqual([]);
}

/** axe-core's violations for the page, with every "Show the data" table opened so they are checked too. */
async function axeViolationsWithTablesOpen(page: Page): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  return axeViolations(page);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveStatic(DIST_DIR, BASE);
  browser = await launchBrowser();
});

afterAll(async () => {
  await tabs.close();
  await browser?.close();
  await server?.close();
});

describe.each(WIDTHS)("at %i px wide", (width) => {
  it("does not scroll sideways, shows every chart within the viewport, and stays on the local origin", async () => {
    const visit_ = await visit({ viewport: { width, height: 900 } });
    try {
      const { page } = visit_;
      const sizes = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(sizes.scrollWidth, "page width").toBeLessThanOrEqual(sizes.innerWidth);
      expectChartsVisible(await chartBoxes(page), sizes.innerWidth);
      // Open tables must not widen the page either: they scroll inside their own box.
      await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(sizes.innerWidth);
      await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = false)));
      await page.screenshot({ path: join(SCREENSHOTS, `story-${width}.png`), fullPage: true });
      expectLocalOnly(visit_);
    } finally {
      await visit_.close();
    }
  });
});

describe("without JavaScript", () => {
  it.each([320, 1280])("renders the whole article and every chart at %i px", async (width) => {
    const visit_ = await visit({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    try {
      const { page } = visit_;
      expectChartsVisible(await chartBoxes(page), width);
      const sections = await page.$$eval("article.story section[id]", (elements) => elements.map((e) => e.id));
      expect(sections).toEqual(
        expect.arrayContaining(["scale", "outcomes", "what-they-did", "who", "national", "reaction", "about-the-data"]),
      );
      expectLocalOnly(visit_);
    } finally {
      await visit_.close();
    }
  });
});

describe("accessibility (axe-core)", () => {
  it.each(["light", "dark"] as const)("has no violations in the %s colour scheme", async (colorScheme) => {
    const visit_ = await visit({ colorScheme });
    try {
      await visit_.page.emulateMedia({ colorScheme });
      expect(await visit_.page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(
        colorScheme === "dark",
      );
      await visit_.page.screenshot({ path: join(SCREENSHOTS, `story-1280-${colorScheme}.png`) });
      expect(await axeViolationsWithTablesOpen(visit_.page)).toEqual([]);
      expectLocalOnly(visit_);
    } finally {
      await visit_.close();
    }
  });

  it("has no violations on the 404 page", async () => {
    const visit_ = await visit({ path: "404.html" });
    try {
      expect(await axeViolationsWithTablesOpen(visit_.page)).toEqual([]);
      expectLocalOnly(visit_);
    } finally {
      await visit_.close();
    }
  });

  it("shows a visible focus ring on links reached by keyboard", async () => {
    const visit_ = await visit();
    try {
      const { page } = visit_;
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { text: element.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(focused.text).toBe("Skip to content");
      expect(focused.outline).toBe("solid");
      expect(focused.width).toBeGreaterThanOrEqual(2);
    } finally {
      await visit_.close();
    }
  });
});

describe("print", () => {
  it("hides the site navigation, writes out link addresses and shows each chart's one drawing in black on white", async () => {
    const visit_ = await visit({ viewport: { width: 800, height: 1100 } });
    try {
      const { page } = visit_;
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const printed = await page.evaluate(() => {
        const link = document.querySelector<HTMLAnchorElement>('.source-list a[href^="http"]')!;
        return {
          nav: getComputedStyle(document.querySelector(".site-header")!).display,
          after: getComputedStyle(link, "::after").content,
          href: link.getAttribute("href"),
          background: getComputedStyle(document.body).backgroundColor,
          color: getComputedStyle(document.body).color,
          charts: Array.from(document.querySelectorAll("figure[data-chart] svg"))
            .filter((svg) => getComputedStyle(svg).display !== "none")
            .map((svg) => ({
              width: svg.getBoundingClientRect().width,
              height: svg.getBoundingClientRect().height,
              frame: svg.parentElement!.getBoundingClientRect().width,
            })),
        };
      });
      expect(printed.nav).toBe("none");
      expect(printed.after).toContain(printed.href);
      expect(printed.background).toBe("rgb(255, 255, 255)");
      expect(printed.color).toBe("rgb(0, 0, 0)");
      expect(printed.charts.length).toBe(CHARTS.length);
      // One drawing, whole: it has a size, and no wider than its frame.
      for (const chart of printed.charts) {
        expect(chart.width).toBeGreaterThan(0);
        expect(chart.height).toBeGreaterThan(0);
        expect(chart.width).toBeLessThanOrEqual(chart.frame + 0.5);
      }
      await page.screenshot({ path: join(SCREENSHOTS, "story-print.png"), fullPage: true });
    } finally {
      await visit_.close();
    }
  });
});
