/**
 * Chart images that stand alone, drawn at build time from the registry's own
 * chart functions (no browser, no script): a download (SVG and PNG) and the
 * share images (Open Graph / Twitter cards, landscape and square).
 *
 * Every image is one SVG built through a DOM (linkedom), so every string from
 * the data is escaped on serialisation, with the chart drawn *for the image*:
 * the chart function is called at the width the image has room for, never
 * shrunk from a page layout. The text around the chart (title, takeaway,
 * source, notes, credit, licence, date and address) is real <text>, in fonts
 * named by family, so the SVG is readable on its own and the PNG (resvg with
 * the bundled DejaVu fonts, src/publish/og-image.ts) is the same on every
 * machine.
 */
import { CHART_WIDTHS } from "../charts/chart-frame.ts";
import { datingLine } from "../charts/lookup.ts";
import type { ChartDefinition } from "../charts/registry.ts";
import { wrapText as wrapEstimated } from "../charts/text-metrics.ts";
import type { Dataset } from "../data/schema.ts";
import { licenceOf, publication as thePublication } from "../data/publication.ts";
import type { Publication } from "../data/schema.ts";
import { dataVersionLine } from "../lib/data-version.ts";
import { chartUpdate } from "../lib/chart-updates.ts";
import { fullSentence } from "../lib/correction-text.ts";
import { isoDateFact, phraseText, plainFactText } from "../lib/facts.ts";
import { RELEASES_SOURCE } from "../lib/story-facts.ts";
import { serverDocument } from "../lib/render-svg.ts";
import { serializeMarkup } from "../lib/serialize-markup.ts";
import { knownFrom, sourceReferences } from "../lib/source-credit.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** The fonts the images name: DejaVu (bundled for the PNGs), then common fallbacks for the SVG elsewhere. */
export const IMAGE_FONT = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

/** Width of the downloadable image, in px; its PNG also comes at twice this. */
export const IMAGE_WIDTH = 1200;

/** Share image frames: the large card Open Graph and Twitter recommend, and a square one. */
export const SHARE_FRAMES = {
  landscape: { width: 1200, height: 630 },
  square: { width: 1200, height: 1200 },
} as const;
export type ShareFrame = keyof typeof SHARE_FRAMES;

const COLORS = { background: "#ffffff", ink: "#1a1a1a", body: "#3d3d3d", muted: "#595959" } as const;

/**
 * DejaVu Sans is wider than the system fonts the chart's text estimates
 * assume (src/charts/text-metrics.ts): lines wrap at this share of the room.
 */
const DEJAVU_WIDTH_FACTOR = 1.15;

/** Where the image says it comes from: the chart's own address and the site's. */
export interface ImageContext {
  /** Absolute address of the chart (its embed page). */
  chartUrl: string;
  /** Absolute address of the site (the story). */
  siteUrl: string;
  /** Absolute address of the chart's PNG, for a text version to show it. */
  imageUrl?: string;
  /** Who made the chart and publishes it (data/publication.csv); the build's record unless given. */
  publication?: Publication;
}

/** Everything an image writes about a chart besides the drawing, from the registry and the data. */
export interface ImageTexts {
  title: string;
  takeaway: string;
  /** The period the figures cover and when they were reported ("January 2009 – October 2013 · reported May 2014"). */
  dating: string;
  /** What in the chart is ours, where its credit names only its source (ChartDefinition.ours). */
  ours?: string | undefined;
  source: string;
  notes: string[];
  /** "Chart: <publisher>": who made the chart, by name (never an address). */
  byline: string;
  /** The byline, licence, data version and date, and the chart's address. */
  credit: string;
}

/** The texts of a chart's image. */
export function imageTexts(chart: ChartDefinition, data: Dataset, context: ImageContext): ImageTexts {
  const dating = chart.dating(data);
  const publisher = context.publication ?? thePublication;
  const licence = licenceOf(publisher);
  const byline = `Chart: ${publisher.name}`;
  return {
    title: chart.title,
    takeaway: phraseText(chart.takeaway(data)),
    dating: datingLine(dating),
    ours: chart.ours,
    source: `Source: ${sourceReferences(chart.sources(data), data)}`,
    notes: [...chart.notes(data).map((note) => `Note: ${phraseText(note)}`), ...updateNote(chart, data)],
    byline,
    credit:
      `${byline}. Licence: ${licence.title} (${licence.name}). ` +
      `${dataVersionLine(data, dating.reported)}. ${context.chartUrl}`,
  };
}

/**
 * "Updated 3 December 2026: <the correction's sentence>", as the chart's
 * "Updated" note on the page says it, for a chart whose data changed after
 * first publication (an image or text version travels without the page).
 */
function updateNote(chart: ChartDefinition, data: Dataset): string[] {
  const update = chartUpdate(chart.id, data);
  if (!update) return [];
  const date = plainFactText(isoDateFact(update.date, RELEASES_SOURCE, "Date of the update"));
  const why = update.correction
    ? fullSentence(update.correction.change)
    : `Release ${update.version} changed its data.`;
  return [`Updated ${date}: ${why}`];
}

/** Lines of at most `width` px of DejaVu Sans at `size`. */
function wrap(text: string, width: number, size: number, bold = false): string[] {
  return wrapEstimated(text, width / DEJAVU_WIDTH_FACTOR, size, bold);
}

/** A fresh SVG canvas in its own document, with helpers that add text and shapes. */
class Canvas {
  readonly document = serverDocument();
  readonly root: SVGSVGElement;

  constructor(readonly width: number) {
    this.root = this.element("svg", { xmlns: SVG_NS, "font-family": IMAGE_FONT }) as SVGSVGElement;
  }

  element(name: string, attributes: Record<string, string | number> = {}): Element {
    const element = this.document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }

  /** Text lines from `top` down; returns where the last line box ends. */
  lines(lines: readonly string[], x: number, top: number, size: number, fill: string, bold = false): number {
    let y = top;
    for (const line of lines) {
      // The baseline sits about 0.8 of the font size below the top of a line box of 1.25 em.
      const text = this.element("text", { x, y: round(y + size * 0.95), "font-size": size, fill });
      if (bold) text.setAttribute("font-weight", "bold");
      text.textContent = line;
      this.root.appendChild(text);
      y += size * 1.25;
    }
    return y;
  }

  /** The finished image: size, white background, a <title> and <desc> for assistive technology. */
  finish(height: number, title: string, description: string): string {
    const { root } = this;
    root.setAttribute("width", String(this.width));
    root.setAttribute("height", String(Math.ceil(height)));
    root.setAttribute("viewBox", `0 0 ${this.width} ${Math.ceil(height)}`);
    root.setAttribute("role", "img");
    const desc = this.element("desc");
    desc.textContent = description;
    root.insertBefore(desc, root.firstChild);
    const titleElement = this.element("title");
    titleElement.textContent = title;
    root.insertBefore(titleElement, root.firstChild);
    root.insertBefore(
      this.element("rect", { width: this.width, height: Math.ceil(height), fill: COLORS.background }),
      desc.nextSibling,
    );
    return serializeMarkup(root);
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A chart drawn at `width`, placed at (x, y) and scaled by `scale`, in the canvas's document. */
function placeChart(
  canvas: Canvas,
  chart: ChartDefinition,
  data: Dataset,
  drawing: { width: number; scale: number },
  x: number,
  y: number,
): number {
  const svg = chart.render(data, { width: drawing.width, document: canvas.document });
  const height = Number(svg.getAttribute("height"));
  // A nested <svg>: the chart keeps its own coordinates (viewBox) and is scaled as one piece.
  svg.setAttribute("x", String(round(x)));
  svg.setAttribute("y", String(round(y)));
  svg.setAttribute("width", String(round(drawing.width * drawing.scale)));
  svg.setAttribute("height", String(round(height * drawing.scale)));
  svg.setAttribute("viewBox", `0 0 ${drawing.width} ${height}`);
  svg.setAttribute("font-family", IMAGE_FONT);
  // The page's stylesheet gives the chart its text colour; standing alone, it needs it here.
  svg.setAttribute("color", COLORS.ink);
  svg.removeAttribute("class");
  canvas.root.appendChild(svg);
  return height * drawing.scale;
}

/** The downloadable image: the chart at IMAGE_WIDTH with every text it needs to stand alone. */
export function chartImageSvg(chart: ChartDefinition, data: Dataset, context: ImageContext): string {
  const texts = imageTexts(chart, data, context);
  const margin = 48;
  const inner = IMAGE_WIDTH - 2 * margin;
  const canvas = new Canvas(IMAGE_WIDTH);
  let y = margin;
  y = canvas.lines(wrap(texts.title, inner, 34, true), margin, y, 34, COLORS.ink, true);
  y = canvas.lines(wrap(texts.takeaway, inner, 22), margin, y + 6, 22, COLORS.body);
  y = canvas.lines(wrap(texts.dating, inner, 18, true), margin, y + 6, 18, COLORS.muted, true);
  y += 24;
  y += placeChart(canvas, chart, data, { width: inner, scale: 1 }, margin, y);
  y += 24;
  const rule = canvas.element("line", { x1: margin, x2: IMAGE_WIDTH - margin, y1: y, y2: y, stroke: "#d0d0d0" });
  canvas.root.appendChild(rule);
  y += 12;
  y = canvas.lines(wrap(texts.source, inner, 17), margin, y, 17, COLORS.body);
  for (const note of texts.notes) y = canvas.lines(wrap(note, inner, 17), margin, y + 4, 17, COLORS.muted);
  y = canvas.lines(wrap(texts.credit, inner, 15), margin, y + 8, 15, COLORS.muted);
  return canvas.finish(y + margin - 8, `${texts.title}: ${texts.takeaway}`, chart.describe(data));
}

/** What a share image says beside the chart: the chart's title and takeaway, or the story's headline. */
export interface ShareHeading {
  title: string;
  /** Dropped when the card's text would not otherwise fit at SHARE_TEXT_PX. */
  subtitle?: string | undefined;
}

/**
 * A share image is judged as a thumbnail: the size a feed shows it at
 * (an X or LinkedIn card is about 500 px wide), where every word must be at
 * least 12 px tall. In a 1200 px image that is 28.8 px.
 */
export const SHARE_THUMBNAIL = { width: 500, minTextPx: 12 } as const;

/** The smallest type a share image sets, in px of the image: SHARE_THUMBNAIL's minimum, scaled up, rounded up. */
export const SHARE_TEXT_PX = 30;

/** A card's colours: the ink of the heading and credits, the takeaway's body grey (contrast over 10:1). */
const SHARE_COLORS = { ink: COLORS.ink, body: "#333333" } as const;

/** "Press Association, via The London Post": who a chart's figures come from, short enough for a thumbnail. */
function shortSources(chart: ChartDefinition, data: Dataset): string {
  return chart
    .sources(data)
    .map((id) => data.sources.find((source) => source.id === id))
    .filter((source) => source !== undefined)
    .map((source) => `${source.publisher}${knownFrom(source)}`)
    .join("; ");
}

/** The x/y offset an element's ancestors' translate() transforms add, up to (not including) `root`. */
function offsetOf(element: Element, root: Element): [number, number] {
  let x = 0;
  let y = 0;
  for (let node = element.parentElement; node && node !== root; node = node.parentElement) {
    const match = /translate\(\s*([-\d.e]+)[\s,]*([-\d.e]+)?\s*\)/.exec(node.getAttribute("transform") ?? "");
    if (match) {
      x += Number(match[1]);
      y += Number(match[2] ?? 0);
    }
  }
  return [x, y];
}

/** The box round a drawing's data marks (the elements that carry data-datum), in its own coordinates. */
function marksBox(svg: Element): { x: number; y: number; width: number; height: number } {
  let box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const mark of svg.querySelectorAll("[data-datum]")) {
    const [dx, dy] = offsetOf(mark, svg);
    const x = Number(mark.getAttribute("x") ?? 0) + dx;
    const y = Number(mark.getAttribute("y") ?? 0) + dy;
    const width = Number(mark.getAttribute("width") ?? 0);
    const height = Number(mark.getAttribute("height") ?? 0);
    if (![x, y, width, height].every(Number.isFinite)) continue;
    box = {
      left: Math.min(box.left, x),
      top: Math.min(box.top, y),
      right: Math.max(box.right, x + width),
      bottom: Math.max(box.bottom, y + height),
    };
  }
  if (!Number.isFinite(box.left))
    throw new Error("The chart draws no data marks (data-datum) to show in a share image");
  return { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
}

/**
 * The chart's own marks, drawn by its own function, with no text: at a
 * thumbnail's size a chart's labels would be unreadable, so the card's own
 * text (title, takeaway, period) carries the words, and the picture is the
 * marks alone, cropped to them (legend swatches and annotations outside
 * them fall away), scaled to fill `box` and centred in it.
 */
function placeMarks(
  canvas: Canvas,
  chart: ChartDefinition,
  data: Dataset,
  box: { x: number; y: number; width: number; height: number },
): void {
  // The wide layout: its labels and legend sit beside and above the marks, so cropping to the marks
  // leaves them out (the narrow layout stacks legend swatches among the marks).
  const svg = chart.render(data, { width: CHART_WIDTHS.wide, document: canvas.document });
  const marks = marksBox(svg);
  const scale = Math.min(box.width / marks.width, box.height / marks.height, 6);
  for (const text of [...svg.querySelectorAll("text")]) text.remove();
  for (const element of [...svg.querySelectorAll("title, desc")]) element.remove();
  const pad = 2;
  const width = (marks.width + 2 * pad) * scale;
  const height = (marks.height + 2 * pad) * scale;
  svg.setAttribute("x", String(round(box.x + (box.width - width) / 2)));
  svg.setAttribute("y", String(round(box.y + (box.height - height) / 2)));
  svg.setAttribute("width", String(round(width)));
  svg.setAttribute("height", String(round(height)));
  svg.setAttribute("viewBox", `${marks.x - pad} ${marks.y - pad} ${marks.width + 2 * pad} ${marks.height + 2 * pad}`);
  svg.setAttribute("color", COLORS.ink);
  svg.setAttribute("aria-hidden", "true");
  for (const name of ["class", "role", "aria-labelledby", "aria-describedby", "font-family", "font-size"])
    svg.removeAttribute(name);
  canvas.root.appendChild(svg);
}

/** One block of a card's text: its lines, size, colour and weight. */
interface TextBlock {
  lines: string[];
  size: number;
  color: string;
  bold?: boolean;
}

/** A landscape card's text column, as a share of the width inside its margins. */
const TEXT_SHARE = 0.58;

const blockHeight = (block: TextBlock) => block.lines.length * block.size * 1.25;

/**
 * A share image that reads as a thumbnail: the heading (the chart's title
 * and takeaway, or the story's headline), the chart's marks, the period its
 * figures cover and when they were reported, its sources and the
 * publication that made it. No notes: they stay with the chart on the page
 * and in its downloads. Every word is at least SHARE_TEXT_PX tall, so at
 * SHARE_THUMBNAIL.width it is at least SHARE_THUMBNAIL.minTextPx.
 * Landscape sets the text in a column beside the chart; square stacks them.
 */
export function shareCardSvg(
  chart: ChartDefinition,
  data: Dataset,
  context: ImageContext,
  frame: ShareFrame,
  heading: ShareHeading = { title: chart.title, subtitle: phraseText(chart.takeaway(data)) },
): string {
  const { width, height } = SHARE_FRAMES[frame];
  const texts = imageTexts(chart, data, context);
  const marks = marksBox(chart.render(data, { width: CHART_WIDTHS.wide, document: serverDocument() }));
  // Each layout takes the largest heading that fits (with the subtitle if it can); of the layouts that
  // fit, the one that draws the chart largest wins. A square card always stacks.
  const layouts = frame === "landscape" ? (["side", "stacked"] as const) : (["stacked"] as const);
  const candidates = layouts
    .map((layout) => shareLayout(layout, { width, height }, heading, texts, chart, data))
    .filter((candidate) => candidate !== undefined)
    .map((candidate) => {
      const scale = Math.min(candidate.chartBox.width / marks.width, candidate.chartBox.height / marks.height);
      return { ...candidate, area: marks.width * marks.height * scale * scale };
    });
  const best = candidates.reduce<(typeof candidates)[number] | undefined>(
    (a, b) => (a && a.area >= b.area ? a : b),
    undefined,
  );
  if (!best) {
    throw new Error(
      `Share image ${frame} of chart "${chart.id}": its title, period and sources do not fit at ${SHARE_TEXT_PX} px: shorten the title`,
    );
  }
  const canvas = new Canvas(width);
  for (const { block, top } of best.placed) {
    canvas.lines(block.lines, best.textX, top, block.size, block.color, block.bold);
  }
  placeMarks(canvas, chart, data, best.chartBox);
  return canvas.finish(height, heading.title, chart.alt(data));
}

/** Where a layout puts a card's text blocks and its chart, or undefined when the text does not fit. */
function shareLayout(
  layout: "side" | "stacked",
  { width, height }: { width: number; height: number },
  heading: ShareHeading,
  texts: ImageTexts,
  chart: ChartDefinition,
  data: Dataset,
):
  | {
      textX: number;
      placed: { block: TextBlock; top: number }[];
      chartBox: { x: number; y: number; width: number; height: number };
    }
  | undefined {
  const margin = 48;
  const gutter = 40;
  const side = layout === "side";
  const square = height >= width;
  const textWidth = side ? Math.round((width - 2 * margin - gutter) * TEXT_SHARE) : width - 2 * margin;
  const footSize = SHARE_TEXT_PX;
  const foot: TextBlock[] = [
    {
      lines: wrap([texts.dating, texts.ours].filter(Boolean).join(" · "), textWidth, footSize, true),
      size: footSize,
      color: SHARE_COLORS.ink,
      bold: true,
    },
    {
      lines: wrap(`Source: ${shortSources(chart, data)}`, textWidth, footSize),
      size: footSize,
      color: SHARE_COLORS.body,
    },
    { lines: wrap(texts.byline, textWidth, footSize, true), size: footSize, color: SHARE_COLORS.ink, bold: true },
  ];
  const titleSizes = square ? [64, 56, 48, 40] : side ? [52, 46, 40, 36, 32] : [48, 42, 36, 32];
  const subtitleSize = square ? 40 : 32;
  // The least height the chart gets when stacked: a third of the card.
  const minChartHeight = side ? 0 : Math.round(height / 3);
  const attempts = [
    ...(heading.subtitle ? titleSizes.map((titleSize) => ({ titleSize, subtitle: heading.subtitle })) : []),
    ...titleSizes.map((titleSize) => ({ titleSize, subtitle: undefined })),
  ];
  for (const { titleSize, subtitle } of attempts) {
    const head: TextBlock[] = [
      { lines: wrap(heading.title, textWidth, titleSize, true), size: titleSize, color: SHARE_COLORS.ink, bold: true },
      ...(subtitle
        ? [{ lines: wrap(subtitle, textWidth, subtitleSize), size: subtitleSize, color: SHARE_COLORS.body }]
        : []),
    ];
    const headGap = 12;
    const footGap = 6;
    const headHeight = head.reduce((sum, block) => sum + blockHeight(block), 0) + (head.length - 1) * headGap;
    const footHeight = foot.reduce((sum, block) => sum + blockHeight(block), 0) + (foot.length - 1) * footGap;
    const room = height - 2 * margin - headHeight - footHeight - gutter;
    if (room < minChartHeight) continue;
    const placed: { block: TextBlock; top: number }[] = [];
    let y = margin;
    for (const block of head) {
      placed.push({ block, top: y });
      y += blockHeight(block) + headGap;
    }
    y = height - margin - footHeight;
    for (const block of foot) {
      placed.push({ block, top: y });
      y += blockHeight(block) + footGap;
    }
    const chartBox = side
      ? {
          x: margin + textWidth + gutter,
          y: margin,
          width: width - 2 * margin - textWidth - gutter,
          height: height - 2 * margin,
        }
      : { x: margin, y: margin + headHeight + gutter / 2, width: textWidth, height: room };
    return { textX: margin, placed, chartBox };
  }
  return undefined;
}
