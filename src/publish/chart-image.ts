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
import { chartVariant } from "../charts/chart-frame.ts";
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
import { sourceReferences } from "../lib/source-credit.ts";

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

/** The smallest chart text in a share image, in px of the image: readable in a feed's thumbnail. */
export const SHARE_MIN_TEXT_PX = 16;

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

/** The smallest font size set anywhere in a chart's SVG, in the chart's own px. */
export function smallestFontSize(svg: Element): number {
  const sizes = [svg, ...Array.from(svg.querySelectorAll("[font-size]"))]
    .map((element) => Number.parseFloat(element.getAttribute("font-size") ?? ""))
    .filter((size) => Number.isFinite(size));
  return Math.min(...sizes);
}

// Each frame tries the same widths: a drawing's height and smallest text are measured once per build.
const sizes = new WeakMap<Dataset, Map<string, { height: number; smallest: number }>>();
function drawingSize(chart: ChartDefinition, data: Dataset, width: number): { height: number; smallest: number } {
  if (!sizes.has(data)) sizes.set(data, new Map());
  const known = sizes.get(data)!;
  const key = `${chart.id}|${width}`;
  if (!known.has(key)) {
    const svg = chart.render(data, { width, document: serverDocument() });
    known.set(key, { height: Number(svg.getAttribute("height")), smallest: smallestFontSize(svg) });
  }
  return known.get(key)!;
}

/** A drawing width and the scale it is shown at in a box. */
export interface ChartFit {
  width: number;
  height: number;
  scale: number;
  /** The smallest chart text as drawn in the image, in px. */
  smallestTextPx: number;
}

/**
 * The width to draw a chart at so it fills a box with its smallest text at
 * least `minTextPx` tall: every width from the narrow layout's up to the
 * box's is tried, and the one whose drawing covers the most of the box wins.
 * Undefined when no width keeps the text that large; with `minTextPx` 0,
 * the width that draws the text largest.
 */
export function fitChart(
  chart: ChartDefinition,
  data: Dataset,
  box: { width: number; height: number },
  minTextPx: number,
): ChartFit | undefined {
  let best: ChartFit | undefined;
  let largestText: ChartFit | undefined;
  for (let width = 360; width <= box.width; width += width < 480 ? 20 : 40) {
    const { height, smallest } = drawingSize(chart, data, width);
    // Never enlarged past the narrow layout's double: beyond that a wider drawing reads better.
    const scale = Math.min(box.width / width, box.height / height, chartVariant(width) === "narrow" ? 2 : 3);
    const smallestTextPx = smallest * scale;
    if (!largestText || smallestTextPx > largestText.smallestTextPx) {
      largestText = { width, height, scale, smallestTextPx };
    }
    if (smallestTextPx < minTextPx) continue;
    const area = width * height * scale * scale;
    if (!best || area > best.width * best.height * best.scale * best.scale) {
      best = { width, height, scale, smallestTextPx };
    }
  }
  return best ?? (minTextPx > 0 ? undefined : largestText);
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

/** What a share image says above the chart: the chart's title and takeaway, or the story's headline. */
export interface ShareHeading {
  title: string;
  /** Dropped when the chart would not otherwise fit with its text at SHARE_MIN_TEXT_PX. */
  subtitle?: string | undefined;
}

/**
 * A share image: heading, the chart drawn for what is left of the frame, and
 * the chart's source, with the chart's text at least SHARE_MIN_TEXT_PX tall
 * wherever a drawing width allows it (test/chart-images.test.ts checks the
 * real data's cards; data that cannot fit gets a build warning).
 */
export function shareCardSvg(
  chart: ChartDefinition,
  data: Dataset,
  context: ImageContext,
  frame: ShareFrame,
  heading: ShareHeading = { title: chart.title, subtitle: phraseText(chart.takeaway(data)) },
): string {
  const { width, height } = SHARE_FRAMES[frame];
  const margin = 32;
  const inner = width - 2 * margin;
  const texts = imageTexts(chart, data, context);
  // A long heading (the story's dated headline) may be set smaller before the chart's text goes under the minimum.
  const titleSizes = frame === "square" ? [48, 42, 36] : [36, 32, 28];
  const subtitleSize = frame === "square" ? 30 : 24;
  const footSize = 18;
  // The foot credits the chart's maker by name and its data's sources; an address is no credit.
  const footLines = wrap(`${texts.source} · ${texts.byline}`, inner, footSize);
  // When the figures are from, on every card (a share travels for years), with what in the chart is ours.
  const datingSize = 18;
  const datingLines = wrap([texts.dating, texts.ours].filter(Boolean).join(" · "), inner, datingSize, true);
  const footTop = height - margin - footLines.length * footSize * 1.25;
  const datingTop = footTop - 4 - datingLines.length * datingSize * 1.25;

  // With the subtitle if the chart still fits with readable text, else without, then with the heading
  // set smaller; and if no width keeps the text SHARE_MIN_TEXT_PX tall (an editor's long labels), the
  // largest it can be, with a warning.
  const smallestTitle = titleSizes.at(-1)!;
  const attempts = [
    ...(heading.subtitle
      ? [{ subtitle: heading.subtitle, titleSize: titleSizes[0]!, minText: SHARE_MIN_TEXT_PX }]
      : []),
    ...titleSizes.map((titleSize) => ({ subtitle: undefined, titleSize, minText: SHARE_MIN_TEXT_PX })),
    { subtitle: undefined, titleSize: smallestTitle, minText: 0 },
  ];
  for (const { subtitle, titleSize, minText } of attempts) {
    const titleLines = wrap(heading.title, inner, titleSize, true);
    const subtitleLines = subtitle ? wrap(subtitle, inner, subtitleSize) : [];
    const chartTop =
      margin +
      titleLines.length * titleSize * 1.25 +
      (subtitleLines.length ? 4 + subtitleLines.length * subtitleSize * 1.25 : 0) +
      16;
    const box = { width: inner, height: datingTop - 12 - chartTop };
    const fit = fitChart(chart, data, box, minText);
    if (!fit) continue;
    if (fit.smallestTextPx < SHARE_MIN_TEXT_PX) {
      console.warn(
        `Share image ${frame} of chart "${chart.id}": its smallest text is ${fit.smallestTextPx.toFixed(1)} px, under ${SHARE_MIN_TEXT_PX} px: shorten its labels`,
      );
    }
    const canvas = new Canvas(width);
    let y = canvas.lines(titleLines, margin, margin, titleSize, COLORS.ink, true);
    if (subtitleLines.length) canvas.lines(subtitleLines, margin, y + 4, subtitleSize, COLORS.body);
    // Centred in the space left, so a short chart does not hang under the heading.
    const drawnWidth = fit.width * fit.scale;
    const drawnHeight = fit.height * fit.scale;
    y = chartTop + (box.height - drawnHeight) / 2;
    placeChart(canvas, chart, data, fit, margin + (inner - drawnWidth) / 2, y);
    canvas.lines(datingLines, margin, datingTop, datingSize, COLORS.ink, true);
    canvas.lines(footLines, margin, footTop, footSize, COLORS.muted);
    return canvas.finish(height, heading.title, chart.alt(data));
  }
  throw new Error(
    `Share image ${frame} of chart "${chart.id}": no width draws it in the frame with text at least ${SHARE_MIN_TEXT_PX} px tall`,
  );
}
