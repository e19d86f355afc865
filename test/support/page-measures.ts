/**
 * What a graphics editor measures on a page (issue 24's visual review), read
 * from the real Chromium layout: the left edges of the page's parts, the
 * measure of its prose, horizontal overflow, where the first chart starts,
 * facts with a decoration, and each chart figure's furniture. One function,
 * run in the page, so the screenshot test (test/visual-pages.test.ts) and a
 * one-off "before" measurement read the same figures.
 */
import type { Page } from "playwright-core";

/** One chart figure, as laid out. */
export interface FigureMeasure {
  chart: string;
  /** Height of the displayed chart drawing (px). */
  chartHeight: number;
  /** Height of everything under the drawing that shows without opening anything (px). */
  footHeight: number;
  /** Visible lines under the chart: source, caveats, notes, downloads, keyboard help. */
  visibleFootLines: number;
  /** Whether the keyboard help shows with nothing focused. */
  keysShown: boolean;
  /** The chart title's font size, and the largest text drawn in the chart, both as rendered (px). */
  titlePx: number;
  largestChartTextPx: number;
}

/** A page's measurable layout. */
export interface PageMeasure {
  path: string;
  viewport: { width: number; height: number };
  /** Left edge (px) of: the nav's first link, the page's H1, its first prose paragraph, its first figure, the footer's text. */
  edges: { nav: number | null; h1: number | null; prose: number | null; figure: number | null; footer: number | null };
  /** Gap between the header's bottom and the H1's top (px). */
  h1Gap: number | null;
  /** The widest prose paragraph in characters a line (its width over its own average character width). */
  maxMeasure: number;
  /** Width of the document beyond the viewport (px); 0 means no horizontal overflow. */
  overflow: number;
  /** Top of the first chart drawing, from the top of the page (px), or null without a chart. */
  firstChartTop: number | null;
  /** Bottom of the first chart drawing (px). */
  firstChartBottom: number | null;
  /** Facts (.fact) whose text is decorated (underlined), and those in the H1. */
  decoratedFacts: number;
  decoratedFactsInH1: number;
  /** Whether the story header names the publication (a byline line) and a date. */
  byline: string | null;
  figures: FigureMeasure[];
}

/** Measures the page as it is now laid out. */
export function measurePage(page: Page, path: string): Promise<PageMeasure> {
  return page.evaluate((path) => {
    const visible = (element: Element | null): element is HTMLElement =>
      element instanceof Element &&
      element.getClientRects().length > 0 &&
      getComputedStyle(element).visibility !== "hidden";
    const left = (element: Element | null) =>
      visible(element) ? Math.round(element.getBoundingClientRect().left) : null;
    const firstVisible = (selector: string) => [...document.querySelectorAll(selector)].find(visible) ?? null;
    /** The left edge of an element's first line of text (not its box: a centred box's text starts further in). */
    const textLeft = (element: Element | null) => {
      if (!visible(element)) return null;
      const range = document.createRange();
      range.selectNodeContents(element);
      const rect = [...range.getClientRects()].find((box) => box.width > 0);
      return rect ? Math.round(rect.left) : left(element);
    };
    /** Characters a full line: the text's length over its lines, the last counted as half full. */
    const charsPerLine = (paragraph: HTMLElement) => {
      const style = getComputedStyle(paragraph);
      const text = (paragraph.textContent ?? "").replace(/\s+/g, " ").trim();
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const lines = Math.round(paragraph.getBoundingClientRect().height / lineHeight);
      return lines >= 3 ? Math.round(text.length / (lines - 0.5)) : 0;
    };
    const main = document.querySelector("main") ?? document.body;
    const prose = [...main.querySelectorAll<HTMLElement>("p")].filter(
      (paragraph) => visible(paragraph) && !paragraph.closest("figure, table, .site-footer, details, .embed-foot"),
    );
    const header = document.querySelector(".site-header");
    const h1 = firstVisible("main h1");
    const svgs = [...document.querySelectorAll("figure[data-chart] svg[data-chart]")].filter(visible);
    const first = svgs[0]?.getBoundingClientRect();
    const facts = [...document.querySelectorAll(".fact")].filter(visible);
    const decorated = (element: Element) => {
      const style = getComputedStyle(element);
      return style.textDecorationLine.includes("underline") || style.borderBottomStyle !== "none";
    };
    const byline = document.querySelector(".story-header .byline");
    const figures = [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].filter(visible).map((figure) => {
      const svg = [...figure.querySelectorAll<SVGSVGElement>("svg[data-chart]")].find((drawing) => visible(drawing));
      const svgBox = svg?.getBoundingClientRect();
      const below = [...figure.querySelectorAll<HTMLElement>("p, summary, .met-chart-keys")].filter(
        (element) =>
          visible(element) &&
          svgBox !== undefined &&
          element.getBoundingClientRect().top >= svgBox.bottom - 1 &&
          !element.closest("details:not([open]) > :not(summary)") &&
          element.offsetHeight > 1,
      );
      const footTop = svgBox?.bottom ?? 0;
      const footBottom = Math.max(footTop, ...below.map((element) => element.getBoundingClientRect().bottom));
      const scale = svg
        ? svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width)
        : 1;
      const texts = svg ? [...svg.querySelectorAll("text")].filter((text) => text.getClientRects().length > 0) : [];
      const largest = Math.max(0, ...texts.map((text) => parseFloat(getComputedStyle(text).fontSize) * scale));
      const keys = figure.querySelector(".met-chart-keys");
      return {
        chart: figure.dataset.chart ?? "",
        chartHeight: Math.round(svgBox?.height ?? 0),
        footHeight: Math.round(footBottom - footTop),
        visibleFootLines: below.length,
        keysShown: Boolean(keys && visible(keys) && (keys as HTMLElement).offsetHeight > 1),
        titlePx: parseFloat(getComputedStyle(figure.querySelector(".chart-title") ?? figure).fontSize),
        largestChartTextPx: Math.round(largest * 10) / 10,
      };
    });
    return {
      path,
      viewport: { width: innerWidth, height: innerHeight },
      edges: {
        nav: left(firstVisible(".site-header nav a")),
        h1: textLeft(h1),
        prose: textLeft(prose[0] ?? null),
        figure: left(firstVisible("figure[data-chart]")),
        footer: textLeft(firstVisible(".site-footer p")),
      },
      h1Gap:
        header && visible(h1)
          ? Math.round(h1.getBoundingClientRect().top - header.getBoundingClientRect().bottom)
          : null,
      maxMeasure: Math.max(0, ...prose.map(charsPerLine)),
      overflow: Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
      firstChartTop: first ? Math.round(first.top + scrollY) : null,
      firstChartBottom: first ? Math.round(first.bottom + scrollY) : null,
      decoratedFacts: facts.filter(decorated).length,
      decoratedFactsInH1: facts.filter((fact) => fact.closest("h1") && decorated(fact)).length,
      byline: visible(byline) ? (byline.textContent ?? "").replace(/\s+/g, " ").trim() : null,
      figures,
    };
  }, path);
}
