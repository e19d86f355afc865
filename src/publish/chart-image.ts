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
import { CHART_IMAGE_WIDTH } from "../charts/chart-frame.ts";
import { datingLine } from "../charts/lookup.ts";
import type { ChartDefinition } from "../charts/registry.ts";
import { textWidth as estimatedWidth, wrapText as wrapEstimated } from "../charts/text-metrics.ts";
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
import { labelledMarks, type Box, type LabelledMarks, type MarkKey, type MarkSection } from "./share-marks.ts";

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
  lines(
    lines: readonly string[],
    x: number,
    top: number,
    size: number,
    fill: string,
    bold = false,
    parent: Element = this.root,
  ): number {
    let y = top;
    for (const line of lines) {
      // The baseline sits about 0.8 of the font size below the top of a line box of 1.25 em.
      const text = this.element("text", { x, y: round(y + size * 0.95), "font-size": size, fill });
      if (bold) text.setAttribute("font-weight", "bold");
      text.textContent = line;
      parent.appendChild(text);
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

/** A card's labels for the chart's marks: their line height, the gaps round them, the size of a key's swatch. */
const MARK_LABELS = {
  line: SHARE_TEXT_PX * 1.25,
  gap: 8,
  swatch: SHARE_TEXT_PX,
  swatchGap: 12,
  minMarkPx: 8,
  /** The height a card's smallest mark should have, the heading giving way (subtitle first) to reach it. */
  clearMarkPx: 16,
  /** Room between a block's words and its marks. */
  labelGap: 6,
  /** Room kept round each block's marks, in the chart's px, so strokes are not cut. */
  pad: 2,
} as const;

/** How a card draws the chart's labelled marks in its box: the sections that fit, their keys, the scale. */
interface MarksPlan {
  sections: MarkSection[];
  keys: MarkKey[];
  scale: number;
  /** Each block labelled by its first line only (MarkBlock.short). */
  short: boolean;
  /** Where the marks start, in px from the box's left: after the labels when they sit beside them, else 0. */
  indent: number;
  /** Room between a block's words and its marks below them (none where the card is short of room). */
  labelGap: number;
  height: number;
}

/**
 * The chart's marks with the chart's own words for each block of them (a
 * bar's name and value, a group's count and name), its bold headings, and a
 * key line for each of its legend's styles the marks are drawn in, all at
 * SHARE_TEXT_PX, in `box`: the marks shrink to make room for the words.
 * Where even so the words do not fit, whole sections are left off from the
 * end (a card shows fewer bars, never an unlabelled one); undefined when
 * not even the first fits. A drawing with no sections gets an empty plan.
 */
function planMarks(drawing: LabelledMarks, box: { width: number; height: number }): MarksPlan | undefined {
  const { line, gap, swatch, swatchGap, minMarkPx } = MARK_LABELS;
  const size = SHARE_TEXT_PX;
  // No marks (a card of words only): nothing to place.
  if (drawing.sections.length === 0)
    return { sections: [], keys: [], scale: 0, short: false, indent: 0, labelGap: 0, height: 0 };
  const tries = drawing.sections.flatMap((_, index) =>
    [false, true].flatMap((short) =>
      [false, true].flatMap((beside) =>
        [MARK_LABELS.labelGap, 0].map((labelGap) => ({
          kept: drawing.sections.length - index,
          short,
          beside,
          labelGap,
        })),
      ),
    ),
  );
  let best: MarksPlan | undefined;
  for (const { kept, short, beside, labelGap } of tries) {
    if (best && best.sections.length > kept) break;
    const sections = drawing.sections.slice(0, kept);
    const blocks = sections.flatMap((section) => section.blocks);
    const drawn = new Set(blocks.flatMap((block) => block.signatures));
    const keys = drawing.keys.filter((key) => drawn.has(key.signature));
    const labels = blocks.map((block) => (short ? block.short : block.label));
    // Beside: each label on one line to the left of its marks, which start after the longest.
    const labelWidth = beside
      ? Math.max(...labels.map((label) => estimatedWidth(label, size) * DEJAVU_WIDTH_FACTOR))
      : 0;
    const indent = beside ? Math.ceil(labelWidth) + MARK_LABELS.swatchGap : 0;
    let words = 0;
    for (const section of sections)
      if (section.heading) words += wrap(section.heading, box.width, size, true).length * line;
    if (!beside) for (const label of labels) words += wrap(label, box.width, size).length * line + labelGap;
    for (const key of keys) words += wrap(key.text, box.width - swatch - swatchGap, size).length * line;
    const gaps = (blocks.length + sections.length + (keys.length > 0 ? 1 : 0)) * gap;
    const rowsHeight = (scale: number) =>
      blocks.reduce((sum, block) => {
        const marks = (block.box.height + 2 * MARK_LABELS.pad) * scale;
        return sum + (beside ? Math.max(line, marks) : marks);
      }, 0);
    let scale = Math.min((box.width - indent) / drawing.marks.width, 6);
    while (scale * drawing.smallest >= minMarkPx && words + gaps + rowsHeight(scale) > box.height) scale *= 0.97;
    if (scale * drawing.smallest < minMarkPx) continue;
    const plan = { sections, keys, scale, short, indent, labelGap, height: words + gaps + rowsHeight(scale) };
    // Of the ways that keep as much of the chart, one with each row's full words (its value too), and of
    // those the one with the largest marks.
    const weight = (candidate: MarksPlan) =>
      candidate.scale + (candidate.short ? 0 : 1000) + (candidate.labelGap > 0 ? 0.001 : 0);
    if (!best || (best.sections.length === kept && weight(plan) > weight(best))) best = plan;
  }
  return best;
}

/** A fresh copy of the chart with no text, for the card to cut marks or a swatch out of. */
function chartCopy(canvas: Canvas, chart: ChartDefinition, data: Dataset): SVGSVGElement {
  const svg = chart.render(data, { width: CHART_IMAGE_WIDTH, document: canvas.document });
  for (const element of [...svg.querySelectorAll("text, title, desc")]) element.remove();
  for (const name of ["class", "role", "aria-labelledby", "aria-describedby", "font-family", "font-size"])
    svg.removeAttribute(name);
  svg.setAttribute("color", COLORS.ink);
  svg.setAttribute("aria-hidden", "true");
  return svg;
}

/** Sets a nested <svg> to show `view` (chart coordinates) at (x, y), `scale` px per unit. */
function showView(svg: Element, view: Box, x: number, y: number, scale: number): void {
  svg.setAttribute("x", String(round(x)));
  svg.setAttribute("y", String(round(y)));
  svg.setAttribute("width", String(round(view.width * scale)));
  svg.setAttribute("height", String(round(view.height * scale)));
  svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].map(round).join(" "));
}

/** Draws a plan in `box`, centred vertically: headings, then each block's label over its marks, then the keys. */
function drawMarks(
  canvas: Canvas,
  chart: ChartDefinition,
  data: Dataset,
  drawing: LabelledMarks,
  plan: MarksPlan,
  box: Box,
): void {
  const { gap, swatch, swatchGap } = MARK_LABELS;
  const size = SHARE_TEXT_PX;
  const { pad } = MARK_LABELS;
  let y = box.y + (box.height - plan.height) / 2;
  for (const section of plan.sections) {
    if (section.heading) {
      const heading = canvas.element("g", { "data-share-heading": "" });
      canvas.root.appendChild(heading);
      y = canvas.lines(wrap(section.heading, box.width, size, true), box.x, y, size, SHARE_COLORS.ink, true, heading);
    }
    y += gap;
    for (const block of section.blocks) {
      const group = canvas.element("g", { "data-share-block": "" });
      canvas.root.appendChild(group);
      const label = plan.short ? block.short : block.label;
      const marksHeight = (block.box.height + 2 * pad) * plan.scale;
      const rowHeight = plan.indent > 0 ? Math.max(MARK_LABELS.line, marksHeight) : 0;
      if (plan.indent > 0)
        canvas.lines([label], box.x, y + (rowHeight - MARK_LABELS.line) / 2, size, SHARE_COLORS.body, false, group);
      else
        y = canvas.lines(wrap(label, box.width, size), box.x, y, size, SHARE_COLORS.body, false, group) + plan.labelGap;
      // The block's marks alone: the others, and shapes outside the block, go from this copy.
      const svg = chartCopy(canvas, chart, data);
      for (const mark of [...svg.querySelectorAll("[data-datum]")])
        if (!insideBlock(mark, svg, block.box)) mark.remove();
      for (const shape of [...svg.querySelectorAll("rect:not([data-datum]), line")])
        if (!insideBlock(shape, svg, block.box)) shape.remove();
      const view = {
        x: drawing.marks.x - pad,
        y: block.box.y - pad,
        width: drawing.marks.width + 2 * pad,
        height: block.box.height + 2 * pad,
      };
      showView(
        svg,
        view,
        box.x + plan.indent - pad * plan.scale,
        y + (rowHeight > 0 ? (rowHeight - marksHeight) / 2 : 0),
        plan.scale,
      );
      group.appendChild(svg);
      y += Math.max(rowHeight, marksHeight) + gap;
    }
  }
  for (const key of plan.keys) {
    const group = canvas.element("g", { "data-share-key": "" });
    canvas.root.appendChild(group);
    const svg = chartCopy(canvas, chart, data);
    for (const mark of [...svg.querySelectorAll("[data-datum]")]) mark.remove();
    const view = {
      x: key.swatch.x - 1.5,
      y: key.swatch.y - 1.5,
      width: key.swatch.width + 3,
      height: key.swatch.height + 3,
    };
    const scale = swatch / view.height;
    showView(svg, view, box.x, y + (MARK_LABELS.line - swatch) / 2, scale);
    group.appendChild(svg);
    const x = box.x + view.width * scale + swatchGap;
    y = canvas.lines(wrap(key.text, box.x + box.width - x, size), x, y, size, SHARE_COLORS.body, false, group);
  }
}

/** Whether an element's box (a rect, a line) lies in `box`'s row band. */
function insideBlock(element: Element, svg: Element, box: Box): boolean {
  let dy = 0;
  for (let node = element.parentElement; node && node !== svg; node = node.parentElement) {
    const match = /translate\(\s*[-\d.e]+[\s,]*([-\d.e]+)?\s*\)/.exec(node.getAttribute("transform") ?? "");
    if (match) dy += Number(match[1] ?? 0);
  }
  const top = Number(element.getAttribute("y") ?? element.getAttribute("y1") ?? 0) + dy;
  const bottom = top + Number(element.getAttribute("height") ?? 0);
  return bottom >= box.y - 1 && top <= box.y + box.height + 1;
}

/** One block of a card's text: its lines, size, colour and weight. */
interface TextBlock {
  lines: string[];
  size: number;
  color: string;
  bold?: boolean;
}

/** A landscape card's text column, as a share of the width inside its margins: wide first, narrower to give labels room. */
const TEXT_SHARES = [0.58, 0.5, 0.42, 0.36] as const;

const blockHeight = (block: TextBlock) => block.lines.length * block.size * 1.25;

/**
 * A share image that reads as a thumbnail: the heading (the chart's title
 * and takeaway, or the story's headline), the chart's marks labelled in its own words (planMarks), the period its
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
  const drawing = labelledMarks(chart.render(data, { width: CHART_IMAGE_WIDTH, document: serverDocument() }));
  // Each layout takes the largest heading that fits with the chart's labelled marks (with the subtitle
  // if it can); of the layouts that fit, the one that keeps the most of the chart, then draws its marks
  // largest, wins. A square card always stacks.
  const layouts =
    frame === "landscape"
      ? ([...TEXT_SHARES.map((share) => ({ side: true, share })), { side: false, share: 1 }] as const)
      : ([{ side: false, share: 1 }] as const);
  const candidates = layouts
    .map((layout) => shareLayout(layout, { width, height }, heading, texts, chart, data, drawing))
    .filter((candidate) => candidate !== undefined)
    .map((candidate) => ({
      ...candidate,
      kept: candidate.plan.sections.length,
      area: drawing.marks.width * drawing.marks.height * candidate.plan.scale ** 2,
    }));
  const best = candidates.reduce<(typeof candidates)[number] | undefined>(
    (a, b) => (a && (a.kept > b.kept || (a.kept === b.kept && a.area >= b.area)) ? a : b),
    undefined,
  );
  const canvas = new Canvas(width);
  if (!best) {
    // No layout holds the chart's marks with their labels at SHARE_TEXT_PX (far more groups than the
    // story has, as in the scale tests): the card keeps its words, stacked, and draws no mark rather than
    // marks a reader cannot name.
    const textOnly = shareLayout({ side: false, share: 1 }, { width, height }, heading, texts, chart, data, NO_MARKS);
    for (const { block, top } of textOnly?.placed ?? []) {
      canvas.lines(block.lines, textOnly!.textX, top, block.size, block.color, block.bold);
    }
    return canvas.finish(height, heading.title, chart.alt(data));
  }
  for (const { block, top } of best.placed) {
    canvas.lines(block.lines, best.textX, top, block.size, block.color, block.bold);
  }
  drawMarks(canvas, chart, data, drawing, best.plan, best.chartBox);
  return canvas.finish(height, heading.title, chart.alt(data));
}

/** A drawing with no marks, for a card that shows only its words. */
const NO_MARKS: LabelledMarks = { marks: { x: 0, y: 0, width: 0, height: 0 }, sections: [], keys: [], smallest: 0 };

/** Where a layout puts a card's text blocks and its chart, or undefined when the text does not fit. */
function shareLayout(
  layout: { side: boolean; share: number },
  { width, height }: { width: number; height: number },
  heading: ShareHeading,
  texts: ImageTexts,
  chart: ChartDefinition,
  data: Dataset,
  drawing: LabelledMarks,
): { textX: number; placed: { block: TextBlock; top: number }[]; chartBox: Box; plan: MarksPlan } | undefined {
  const margin = 48;
  const gutter = 40;
  const { side } = layout;
  const square = height >= width;
  const textWidth = side ? Math.round((width - 2 * margin - gutter) * layout.share) : width - 2 * margin;
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
  const fitting: {
    textX: number;
    placed: { block: TextBlock; top: number }[];
    chartBox: Box;
    plan: MarksPlan;
    roomy: boolean;
  }[] = [];
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
    if (room < 0) continue;
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
    const plan = planMarks(drawing, chartBox);
    if (plan) fitting.push({ textX: margin, placed, chartBox, plan, roomy: room >= minChartHeight });
  }
  // The largest heading that leaves the chart whole, with its rows' full words, marks clear to see and
  // its due height; else the nearest to that; else the most of the chart.
  const whole = fitting.filter((fit) => fit.plan.sections.length === drawing.sections.length);
  const worded = whole.filter((fit) => !fit.plan.short);
  const clear = (fit: (typeof fitting)[number]) => fit.plan.scale * drawing.smallest >= MARK_LABELS.clearMarkPx;
  return (
    worded.find((fit) => clear(fit) && fit.roomy) ??
    worded.find(clear) ??
    worded[0] ??
    whole.find((fit) => fit.roomy) ??
    whole[0] ??
    fitting.reduce<(typeof fitting)[number] | undefined>(
      (a, b) => (a && a.plan.sections.length >= b.plan.sections.length ? a : b),
      undefined,
    )
  );
}
