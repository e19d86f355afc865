/**
 * The height an embed iframe starts at, before the embed reports its real
 * height (or for good, where a CMS strips the host script).
 *
 * It is computed at build time from what the build knows: the chart's own
 * SVG gives its exact height (one drawing, the same px height at every
 * width: src/charts/fluid.ts); the text around it (title, takeaway, source, notes, links)
 * is estimated from its length, an average glyph width and the type sizes of
 * src/styles/figure.css and the embed layout. test/embed-browser.test.ts
 * compares the estimate with the height measured in Chromium, so drift in
 * the styles shows up there.
 */
import { CHART_MIN_WIDTH, PHONE_BREAKPOINT_PX } from "../charts/chart-frame.ts";
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { factText } from "../lib/fact-display.ts";
import { phraseText } from "../lib/facts.ts";
import { serverDocument } from "../lib/render-svg.ts";
import { knownFrom } from "../lib/source-credit.ts";
import { publishedFact } from "../lib/story-facts.ts";
import { chartUpdate } from "../lib/chart-updates.ts";
import { fullSentence } from "../lib/correction-text.ts";

/** Widths the gallery sizes snippets for: a typical article column, and a phone. */
export const EMBED_SIZING_WIDTHS = { column: 640, phone: 360 } as const;

/**
 * Column widths an embed is commonly shown at, in CSS px: small and large
 * phones (320-430), a phone in landscape, article columns and a full-width
 * figure. The plain iframe, which never resizes, is as tall as the tallest.
 */
export const EMBED_COMMON_WIDTHS = [320, 360, 375, 393, 400, 412, 430, 480, 540, 575, 576, 600, 640, 700, 752] as const;

/**
 * Room added to the plain iframe's height over the tallest estimate: the
 * estimate counts lines from average glyph widths, and a wider fallback font
 * can wrap a line more. A plain iframe that is too tall leaves a gap; one
 * too short cuts off the links at its foot.
 */
const PLAIN_HEADROOM = { share: 0.03, px: 16 } as const;

/** Horizontal padding of the embed body, both sides (0.5rem each). */
const BODY_PADDING_X = 16;
/** The embed's content stops widening at the figure's width (global.css's --page-width, 40rem). */
const CONTENT_MAX_PX = 640;
/** Average glyph width of the UI sans-serif, as a share of the font size, for regular and bold text. */
const GLYPH = { regular: 0.52, bold: 0.58 } as const;
/** Lines break at word boundaries, so a line holds a little less than the width allows. */
const FILL = 0.9;

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
  /** The story link in a phone-width frame, without the headline. */
  storyLinkCompact: string;
}

function textHeight(block: TextBlock, width: number): number {
  const perLine = Math.max(1, Math.floor((width * FILL) / (block.size * (block.bold ? GLYPH.bold : GLYPH.regular))));
  const lines = block.text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return lines * block.size * block.lineHeight;
}

/** The chart's drawn height, read from the SVG the build renders: a page shows it at this height at any width. */
function drawnHeight(chart: ChartDefinition, data: Dataset): number {
  const svg = chart.render(data, { width: CHART_MIN_WIDTH, document: serverDocument() });
  const height = Number(svg.getAttribute("height"));
  if (!Number.isFinite(height) || height <= 0) throw new Error(`Chart "${chart.id}" drew no height`);
  return height;
}

/** Estimated content height, in CSS px, of a chart's embed page in an iframe `iframeWidth` wide. */
export function estimateEmbedHeight(
  chart: ChartDefinition,
  data: Dataset,
  texts: EmbedTexts,
  iframeWidth: number,
): number {
  const contentWidth = Math.min(iframeWidth - BODY_PADDING_X, CONTENT_MAX_PX);
  const phone = iframeWidth < PHONE_BREAKPOINT_PX;
  const chartHeight = drawnHeight(chart, data);

  const small = (text: string): TextBlock => ({ text, size: 13, lineHeight: 1.45 });
  const sources = chart
    .sources(data)
    .map((id) => data.sources.find((source) => source.id === id))
    .filter((source) => source !== undefined)
    .map((source) => `${source.publisher}, ${source.title} (${factText(publishedFact(source))})${knownFrom(source)}`);
  // Under the chart: the source line and one caveat (its first note); the other notes and the
  // downloads wait, closed, in "Notes and data" (src/components/Figure.astro).
  const update = chartUpdate(chart.id, data);
  const footBlocks = [
    small(`Source: ${sources.join("; ")}`),
    ...chart
      .notes(data)
      .slice(0, 1)
      .map((note) => small(`Note: ${phraseText(note)}`)),
    // "Updated 30 September 2026: …" (src/components/ChartUpdated.astro); a long date stands in for the date.
    ...(update
      ? [
          {
            text: `Updated 30 September 2026: ${update.correction ? `${fullSentence(update.correction.change)} See the correction` : "see what changed"}`,
            size: 16,
            lineHeight: 1.45,
          },
        ]
      : []),
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
    2 * paragraphGap + // "Notes and data": margin and padding
    8 +
    4; // embed foot: margin
  const text = [
    textHeight({ text: chart.title, size: 22, lineHeight: 1.2, bold: true }, contentWidth),
    textHeight({ text: phraseText(chart.takeaway(data)), size: 17, lineHeight: 1.4 }, contentWidth),
    ...footBlocks.map((block) => textHeight(block, contentWidth)),
    textHeight({ ...small("Notes and data"), bold: true }, contentWidth),
    // A phone-width frame's story link leaves out the headline, so both links share a line.
    phone
      ? textHeight(
          { ...small(`${texts.byline}\n${texts.dataLink}    ${texts.storyLinkCompact}`), bold: true },
          contentWidth,
        )
      : textHeight({ ...small(`${texts.byline}\n${texts.dataLink}\n${texts.storyLink}`), bold: true }, contentWidth),
  ].reduce((sum, height) => sum + height, 0);
  return Math.ceil(spacing + chartHeight + text);
}

/**
 * A plain iframe's heights: in a frame narrower than the phone breakpoint,
 * `narrow` at the narrowest common width, less `perPx` for each px wider
 * (text wraps less, and the chart keeps its height); `wide` above it.
 */
export interface PlainHeights {
  narrow: number;
  perPx: number;
  wide: number;
}

/**
 * The heights of a plain iframe (no script, so it never resizes), with
 * headroom, so no common column (EMBED_COMMON_WIDTHS) cuts off the embed's
 * foot: above the phone breakpoint (PHONE_BREAKPOINT_PX) the tallest
 * estimate there; below it a height that falls with the frame's width, on
 * a line that passes over every common phone width's estimate, so a wider
 * phone frame is not left with the narrowest one's empty space.
 */
export function plainEmbedHeights(chart: ChartDefinition, data: Dataset, texts: EmbedTexts): PlainHeights {
  const needed = (width: number) =>
    estimateEmbedHeight(chart, data, texts, width) * (1 + PLAIN_HEADROOM.share) + PLAIN_HEADROOM.px;
  const phones = EMBED_COMMON_WIDTHS.filter((width) => width < PHONE_BREAKPOINT_PX);
  const [narrowest, widest] = [phones[0]!, phones.at(-1)!];
  const perPx = Math.max(0, Math.floor(((needed(narrowest) - needed(widest)) / (widest - narrowest)) * 100) / 100);
  return {
    narrow: Math.ceil(Math.max(...phones.map((width) => needed(width) + perPx * (width - narrowest)))),
    perPx,
    wide: Math.ceil(Math.max(...EMBED_COMMON_WIDTHS.filter((width) => width >= PHONE_BREAKPOINT_PX).map(needed))),
  };
}
