/**
 * What issue 24 asks of the surfaces that leave the site, seen in real
 * Chromium and measured, with screenshots written to
 * test/output/screenshots/ (gitignored) for people to look at:
 *
 * - embeds in a light and a dark host article on another origin (a second
 *   server), at 320, 400 and 640 px columns: neither snippet clips its
 *   chart at any of them, and the embed's theme is its host's (the default
 *   snippet is light, even for a reader whose system is dark);
 * - the story in print: about a third of the 21 A4 pages it took before,
 *   no blank or nearly empty page, nothing wider than the page, no
 *   buttons or keyboard help;
 * - share images at the 500 px a feed shows them: every word at least
 *   12 px tall, measured in Chromium from the SVG the PNG is drawn from.
 *
 * One browser and the repository's own built site (dist/), read only.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { join } from "node:path";
import type { Browser, ElementHandle, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { SHARE_FRAMES, SHARE_THUMBNAIL, type ShareFrame } from "../src/publish/chart-image.ts";
import { imageContext } from "../src/publish/embed-urls.ts";
import { shareImage } from "../src/publish/og-image.ts";
import { launchBrowser } from "./support/browser.ts";
import { chartsReady } from "./support/charts-ready.ts";
import { pdfPages } from "./support/pdf-pages.ts";
import { builtPage, DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import { hostServer, type HostServer } from "./support/host-server.ts";

const BASE = (process.env.BASE_PATH ?? "/").replace(/\/*$/, "/");
/** The site's address in the published snippets (astro.config.mjs reads the same variables). */
const SITE = new URL(BASE, process.env.SITE_URL ?? "http://localhost:4321").href;
const SCREENSHOTS = join("test", "output", "screenshots");

/** Column widths of the host article: a small phone, a large phone, an article column. */
const COLUMNS = [320, 400, 640] as const;

/** Content height of each embed page at 320 px before issue 24 (Chromium, 2026-12-03, main at b86d8ec). */
const PHONE_HEIGHTS_BEFORE = { outcomes: 1211, "breach-types": 1316, workforce: 883, national: 1450 } as const;

/** A4 pages the story printed on before issue 24 (Chromium page.pdf, 2026-12-03); the issue asks for about a third. */
const PRINT_PAGES_BEFORE = 21;

let browser: Browser;
let site: StaticServer;
let host: HostServer;

/** The two host articles: a cream newspaper page, and a dark one that says so (color-scheme). */
const HOSTS = {
  light: { background: "#fbf8f1", text: "#222222", scheme: "light" },
  dark: { background: "#141414", text: "#e8e8e8", scheme: "dark" },
} as const;
type HostTheme = keyof typeof HOSTS;

function hostArticle(theme: HostTheme, column: number, embeds: string[]): string {
  const { background, text, scheme } = HOSTS[theme];
  const paragraph = "<p>Host article text, in the host's own type, before and after the chart.</p>";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="${scheme}">
<title>Host article (${theme})</title>
<style>html{background:${background};color:${text};color-scheme:${scheme}}body{margin:0;font:18px/1.5 Georgia,serif}
article{width:${column}px;margin:0}</style></head>
<body><article><h1>Host article</h1>${paragraph}${embeds.join(paragraph)}${paragraph}</article></body></html>`;
}

/** The published snippets of a chart (its oEmbed html and the gallery's plain iframe), pointed at the test's server. */
function snippets(chartId: string): { script: string; plain: string } {
  const oembed = JSON.parse(readFileSync(join(DIST_DIR, "oembed", `${chartId}.json`), "utf8")) as { html: string };
  const gallery = readFileSync(join(DIST_DIR, "charts", "index.html"), "utf8");
  const plain = new RegExp(`id="plain-${chartId}"[^>]*>([^<]*)<`).exec(gallery)?.[1];
  if (!plain) throw new Error(`The gallery has no plain iframe for ${chartId}`);
  const unescape = (html: string) =>
    html.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  return { script: oembed.html.replaceAll(SITE, site.url), plain: unescape(plain).replaceAll(SITE, site.url) };
}

/** A snippet as a host with a dark page sets it, following the gallery's instructions. */
const forHost = (snippet: string, theme: HostTheme) =>
  theme === "dark" ? snippet.replace("?theme=light", "?theme=dark") : snippet;

async function frameOf(iframe: ElementHandle<Element>): Promise<Frame> {
  await iframe.scrollIntoViewIfNeeded();
  const frame = await iframe.contentFrame();
  if (!frame) throw new Error("iframe has no frame");
  await frame.waitForSelector("svg.met-chart", { state: "attached" });
  return frame;
}

/** Relative luminance of a computed CSS colour (rgb/rgba), 0 (black) to 1 (white). */
function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** What an embed shows in its iframe: its own background and text, its content height, where its story link ends. */
async function embedState(iframe: ElementHandle<Element>) {
  const frame = await frameOf(iframe);
  const inside = await frame.evaluate(() => {
    const body = getComputedStyle(document.body);
    // "Read the full story: …", the last line of the embed.
    const story = document.querySelector(".embed-links a:last-child");
    return {
      background: body.backgroundColor,
      text: body.color,
      content: Math.ceil(document.documentElement.getBoundingClientRect().height),
      scrollable: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      storyLinkBottom: story ? story.getBoundingClientRect().bottom : Number.NaN,
      viewport: window.innerHeight,
    };
  });
  const height = await iframe.evaluate((element) => element.getBoundingClientRect().height);
  return { ...inside, height };
}

/**
 * A screenshot of one embed with a little of its host article above and below. Chromium paints a
 * cross-origin frame only near the viewport, so the viewport is made as tall as the frame and scrolled to it.
 */
async function screenshotInHost(page: Page, iframe: ElementHandle<Element>, file: string): Promise<void> {
  const context = 80;
  const { top, height } = await iframe.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top + window.scrollY, height: box.height };
  });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: Math.ceil(height + 2 * context) });
  await page.evaluate((y) => window.scrollTo(0, y), Math.max(0, top - context));
  await (
    await iframe.contentFrame()
  )?.waitForFunction(() =>
    [...document.querySelectorAll("svg.met-chart")].some((svg) => svg.getClientRects().length > 0),
  );
  // Two animation frames: the newly exposed part of the frame is painted before the shot.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: join(SCREENSHOTS, file) });
  await page.setViewportSize(viewport);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, site, host] = await Promise.all([launchBrowser(), serveStatic(DIST_DIR, BASE), hostServer()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), site?.close(), host?.close()]);
});

describe("embeds in host articles on another origin", () => {
  const cases = (["light", "dark"] as const).flatMap((theme) =>
    COLUMNS.flatMap((column) => (["script", "plain"] as const).map((kind) => [theme, column, kind] as const)),
  );
  /**
   * A tab per host theme, whose reader's system is the opposite of the host's, for every column and
   * snippet of that host: each case loads its own host article, sized to its column, in it.
   */
  const tabs = new Map<HostTheme, Promise<Page>>();
  const tabFor = (theme: HostTheme) => {
    if (!tabs.has(theme))
      tabs.set(
        theme,
        browser.newContext({ colorScheme: theme === "light" ? "dark" : "light" }).then((context) => context.newPage()),
      );
    return tabs.get(theme)!;
  };
  afterAll(async () => {
    for (const tab of tabs.values()) await (await tab).context().close();
  });

  it.each(cases)(
    "in a %s host at a %i px column, the %s snippet clips no chart and takes the host's theme",
    async (theme, column, kind) => {
      const path = `/${theme}-${column}-${kind}.html`;
      host.pages.set(
        path,
        hostArticle(
          theme,
          column,
          CHARTS.map((chart) => forHost(snippets(chart.id)[kind], theme)),
        ),
      );
      // The reader's system is the opposite of the host's: the embed must follow the host, not the reader.
      const page = await tabFor(theme);
      await page.setViewportSize({ width: column, height: 900 });
      expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(theme === "light");
      await page.goto(`${host.origin}${path}`);
      const iframes = await page.$$("iframe");
      expect(iframes).toHaveLength(CHARTS.length);
      const hostBackground = luminance(
        await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      );
      for (const [index, iframe] of iframes.entries()) {
        const chart = CHARTS[index]!.id;
        let state = await embedState(iframe);
        if (kind === "script") {
          // embed.js sets the height once the embed reports it.
          await expect
            .poll(async () => {
              state = await embedState(iframe);
              return Math.abs(state.height - state.content) <= 2;
            })
            .toBe(true);
        }
        // Never clipped: the frame is at least as tall as the content, and the story link (the last line) is inside it.
        expect(state.height, `${chart}: iframe ${state.height} px, content ${state.content} px`).toBeGreaterThanOrEqual(
          state.content - 1,
        );
        expect(state.scrollable, chart).toBeLessThanOrEqual(1);
        // And no big empty box under it: the plain iframe's two heights (phone, column) keep within a fifth of the content.
        expect(state.height - state.content, `${chart}: ${state.height - state.content} px empty`).toBeLessThanOrEqual(
          0.2 * state.content,
        );
        expect(state.storyLinkBottom, chart).toBeLessThanOrEqual(state.viewport);
        // The embed's theme is the host's: both light, or both dark.
        const embedIsLight = luminance(state.background) > 0.5;
        expect(embedIsLight, `${chart}: embed background ${state.background} in a ${theme} host`).toBe(
          hostBackground > 0.5,
        );
        expect(luminance(state.text) > 0.5, chart).toBe(!embedIsLight);
        await screenshotInHost(page, iframe, `embed-${chart}-${theme}-host-${column}px-${kind}.png`);
      }
    },
  );

  it("in a 320 px column, each embed is compact: shorter than before issue 24, its story link without the headline", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    try {
      for (const chart of CHARTS) {
        await page.goto(`${site.url}embed/${chart.id}/?theme=light`);
        const { height, storyLink } = await page.evaluate(() => ({
          height: document.documentElement.getBoundingClientRect().height,
          storyLink: (document.querySelector(".embed-links a:last-child") as HTMLElement).innerText.trim(),
        }));
        expect(storyLink, chart.id).toBe("Read the full story");
        const before = PHONE_HEIGHTS_BEFORE[chart.id as keyof typeof PHONE_HEIGHTS_BEFORE];
        expect(height, `${chart.id}: ${Math.round(height)} px, ${before} px before`).toBeLessThan(before * 0.9);
        // At a column's width the link names the story again.
        await page.setViewportSize({ width: 640, height: 900 });
        expect(
          await page.evaluate(() => (document.querySelector(".embed-links a:last-child") as HTMLElement).innerText),
        ).toMatch(/^Read the full story: \S/);
        await page.setViewportSize({ width: 320, height: 900 });
      }
    } finally {
      await page.close();
    }
  });
});

describe("the story in print", () => {
  it(`prints on about a third of the ${PRINT_PAGES_BEFORE} A4 pages it took before, with no blank page`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(site.url, { waitUntil: "load" });
      await chartsReady(page);
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(SCREENSHOTS, "story-print.pdf"), pdf);
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(3);
      expect(pages.length).toBeLessThanOrEqual(Math.ceil(PRINT_PAGES_BEFORE * 0.4));
      pages.forEach((printed, index) => {
        const where = `page ${index + 1} of ${pages.length}`;
        expect(printed.textRuns + printed.marks, where).toBeGreaterThan(0);
        // Every page but the last is more than half full: no figure pushed out, leaving a page mostly white.
        if (index < pages.length - 1) expect(printed.bottom - printed.top, where).toBeGreaterThan(0.5);
      });
    } finally {
      await page.close();
    }
  });

  it("lays nothing out wider than the page, and prints no buttons or keyboard help", async () => {
    // A4's width less the margins of src/styles/print.css (1.6 cm each side), in CSS px.
    const contentWidth = Math.floor(((21 - 2 * 1.6) / 2.54) * 96);
    const page = await browser.newPage({ viewport: { width: contentWidth, height: 900 } });
    try {
      await page.goto(site.url, { waitUntil: "load" });
      await chartsReady(page);
      await page.emulateMedia({ media: "print" });
      const report = await page.evaluate((width) => {
        const visible = (element: Element) => element.getClientRects().length > 0;
        const wide = [...document.querySelectorAll("main *")]
          .filter((element) => visible(element) && element.getBoundingClientRect().right > width + 1)
          .map((element) => `${element.localName}.${element.className}`);
        const screenOnly = [
          ...document.querySelectorAll("button, .met-chart-keys, .cite-this, .chart-downloads, .chart-more, nav"),
        ]
          .filter(visible)
          .map((element) => `${element.localName}.${element.className}`);
        return { wide: [...new Set(wide)], screenOnly, overflow: document.documentElement.scrollWidth - width };
      }, contentWidth);
      expect(report.wide).toEqual([]);
      expect(report.screenOnly).toEqual([]);
      expect(report.overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, "story-print-media.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe("share images at feed size", () => {
  const address = { site: new URL(SITE), base: BASE };
  // The story's card: its headline over its share chart (front matter's shareChart), as src/pages/og draws it.
  const storyChart = /^shareChart:\s*(\S+)$/m.exec(readFileSync("src/content/story/story.mdx", "utf8"))![1]!;
  const headline = () => parseHTML(builtPage("")).document.querySelector("h1")!.textContent.replace(/\s+/g, " ").trim();
  const cards = [
    ...CHARTS.flatMap((chart) => (["landscape", "square"] as const).map((frame) => ({ name: chart.id, frame }))),
    ...(["landscape", "square"] as const).map((frame) => ({ name: "story", frame })),
  ] as { name: string; frame: ShareFrame }[];

  // One tab for every card: each test sets its own content in it.
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: SHARE_THUMBNAIL.width, height: 800 } });
  });
  afterAll(async () => {
    await page?.close();
  });

  it.each(cards.map((card) => [card.name, card.frame] as const))(
    "%s (%s): every word is at least 12 px tall when shown 500 px wide",
    async (name, frame) => {
      const id = name === "story" ? storyChart : name;
      const chart = chartById(id);
      const heading = name === "story" ? { title: headline(), subtitle: chart.title } : undefined;
      const svg = shareImage(chart, dataset, imageContext(id, address), frame, heading);
      // The card's SVG scaled to the thumbnail's width, as a feed scales the PNG drawn from it.
      await page.setContent(
        `<!doctype html><body style="margin:0">${svg.replace("<svg", `<svg style="display:block;width:${SHARE_THUMBNAIL.width}px;height:auto"`)}</body>`,
      );
      const words = await page.evaluate(() =>
        [...document.querySelectorAll("body > svg text")].map((text) => {
          const size = Number.parseFloat(getComputedStyle(text).fontSize);
          const matrix = (text as SVGGraphicsElement).getScreenCTM()!;
          return { text: text.textContent, px: size * Math.hypot(matrix.b, matrix.d) };
        }),
      );
      expect(words.length).toBeGreaterThan(3);
      expect(words.filter((word) => !(word.px >= SHARE_THUMBNAIL.minTextPx))).toEqual([]);
      const built = readFileSync(join(DIST_DIR, "og", `${name}${frame === "square" ? "-square" : ""}.png`));
      await page.setContent(
        `<!doctype html><body style="margin:0"><img style="display:block;width:${SHARE_THUMBNAIL.width}px" src="data:image/png;base64,${built.toString("base64")}"></body>`,
      );
      await page.locator("img").screenshot({ path: join(SCREENSHOTS, `og-${name}-${frame}-500px.png`) });
      expect(SHARE_FRAMES[frame].width).toBeGreaterThan(SHARE_THUMBNAIL.width);
    },
  );
});
