/**
 * The height an embed iframe starts at, before the embed reports its real
 * height (or for good, where a CMS strips the host script).
 *
 * It is computed at build time from what the build knows: the chart's own
 * SVG, drawn at the layout the iframe's width selects, gives its exact
 * height; the text around it (title, takeaway, source, notes, links)
 * is estimated from its length, an average glyph width and the type sizes of
 * src/styles/figure.css and the embed layout. test/embed-browser.test.ts
 * compares the estimate with the height measured in Chromium, so drift in
 * the styles shows up there.
 */
import {
  CHART_WIDTHS,
  NARROW_MAX_DISPLAY_PX,
  VARIANT_BREAKPOINT_PX,
  type ChartVariant,
} from "../charts/chart-frame.ts";
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { factText } from "../lib/fact-display.ts";
import { phraseText } from "../lib/facts.ts";
import { serverDocument } from "../lib/render-svg.ts";
import { knownFrom } from "../lib/source-credit.ts";
import { publishedFact } from "../lib/story-facts.ts";

/** Widths the gallery sizes snippets for: a typical article column, and a phone. */
export const EMBED_SIZING_WIDTHS = { column: 640, phone: 360 } as const;

/** Horizontal padding of the embed body, both sides (0.5rem each). */
const BODY_PADDING_X = 16;
/** The embed's content stops widening at the story's figure width (--figure-width, 46rem). */
const CONTENT_MAX_PX = 736;
/** Average glyph width of the UI sans-serif, as a share of the font size, for regular and bold text. */
const GLYPH = { regular: 0.52, bold: 0.58 } as const;
/** Lines break at word boundaries, so a line holds a little less than the width allows. */
const FILL = 0.9;

/** The figure's downloads line (src/components/ChartDownloads.astro) at its usual length; only its length counts. */
const DOWNLOADS_LINE_ESTIMATE =
  "Download: PNG (00.0 kB) · SVG (00.0 kB) · CSV (000 bytes) · JSON (0.0 kB) · Text version (0.0 kB)";

/** One run of text: its characters, font size in px, line height (multiple) and weight. */
interface TextBlock {
  text: string;
  size: number;
  lineHeight: number;
  bold?: boolean;
}

/** Text the embed page shows besides the chart's own (from the story's front matter). */
export interface EmbedTexts {
  storyLink: string;
  dataLink: string;
  /** "Chart: <publisher>", the foot's credit. */
  byline: string;
}

function textHeight(block: TextBlock, width: number): number {
  const perLine = Math.max(1, Math.floor((width * FILL) / (block.size * (block.bold ? GLYPH.bold : GLYPH.regular))));
  const lines = block.text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return lines * block.size * block.lineHeight;
}

/** The chart's drawn height for a layout, read from the SVG the build renders. */
function drawnHeight(chart: ChartDefinition, data: Dataset, variant: ChartVariant): { width: number; height: number } {
  const width = CHART_WIDTHS[variant];
  const svg = chart.render(data, { width, document: serverDocument() });
  const height = Number(svg.getAttribute("height"));
  if (!Number.isFinite(height) || height <= 0) throw new Error(`Chart "${chart.id}" drew no height at ${width} px`);
  return { width, height };
}

/** Estimated content height, in CSS px, of a chart's embed page in an iframe `iframeWidth` wide. */
export function estimateEmbedHeight(
  chart: ChartDefinition,
  data: Dataset,
  texts: EmbedTexts,
  iframeWidth: number,
): number {
  const contentWidth = Math.min(iframeWidth - BODY_PADDING_X, CONTENT_MAX_PX);
  const variant: ChartVariant = iframeWidth < VARIANT_BREAKPOINT_PX ? "narrow" : "wide";
  const drawn = drawnHeight(chart, data, variant);
  const shownWidth = variant === "narrow" ? Math.min(contentWidth, NARROW_MAX_DISPLAY_PX) : contentWidth;
  const chartHeight = (drawn.height * shownWidth) / drawn.width;

  const small = (text: string): TextBlock => ({ text, size: 13, lineHeight: 1.45 });
  const sources = chart
    .sources(data)
    .map((id) => data.sources.find((source) => source.id === id))
    .filter((source) => source !== undefined)
    .map((source) => `${source.publisher}, ${source.title} (${factText(publishedFact(source))})${knownFrom(source)}`);
  const footBlocks = [
    small(`Source: ${sources.join("; ")}`),
    ...chart.notes(data).map((note) => small(`Note: ${phraseText(note)}`)),
    small(DOWNLOADS_LINE_ESTIMATE),
  ];
  const paragraphGap = 5.6;

  const spacing =
    4 * 2 + // body padding, top and bottom
    2 +
    16 +
    8 +
    1 + // figure: top rule, padding, bottom rule
    4 +
    12 + // takeaway margin, head margin
    12 +
    (footBlocks.length - 1) * paragraphGap + // foot margin, gaps between paragraphs
    12 +
    2 * paragraphGap + // "Show the data": margin and padding
    8 +
    4; // embed foot: margin
  const text = [
    textHeight({ text: chart.title, size: 18, lineHeight: 1.3, bold: true }, contentWidth),
    textHeight({ text: phraseText(chart.takeaway(data)), size: 16, lineHeight: 1.4 }, contentWidth),
    ...footBlocks.map((block) => textHeight(block, contentWidth)),
    textHeight({ ...small("Show the data"), bold: true }, contentWidth),
    textHeight({ ...small(`${texts.byline}\n${texts.dataLink}\n${texts.storyLink}`), bold: true }, contentWidth),
  ].reduce((sum, height) => sum + height, 0);
  return Math.ceil(spacing + chartHeight + text);
}
