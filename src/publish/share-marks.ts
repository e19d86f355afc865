/**
 * What a share card needs to label a chart's marks, read from the chart's
 * own drawing (as a share image draws it, CHART_IMAGE_WIDTH): the marks in
 * rows ("blocks": a bar, a row of squares, a grid of squares), the chart's
 * own words set above each block (since the one before it), the headings
 * over runs of blocks (TEXT_ROLE_CLASS), and the chart's legend entries for
 * the styles its marks are drawn in. The card redraws
 * these words at thumbnail size (src/publish/chart-image.ts); nothing here
 * writes a word or a number of its own.
 */

import { TEXT_ROLE_CLASS } from "../charts/text-marks.ts";

/** A box in the chart's own coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Marks that sit together in one row band, and the chart's words for them. */
export interface MarkBlock {
  /** The box round the block's marks, to cut them out of a copy of the chart. */
  box: Box;
  /** The chart's text lines for the block, top to bottom (each line's pieces left to right), as one label. */
  label: string;
  /** The first of those lines alone (a row's name without its count), for a card short of room. */
  short: string;
  /** The styles (styleSignature) the block's marks are drawn in. */
  signatures: string[];
}

/** A run of blocks under one of the chart's bold headings (or none). */
export interface MarkSection {
  heading?: string | undefined;
  blocks: MarkBlock[];
}

/** A legend entry of the chart whose swatch is drawn in the style of some of its marks. */
export interface MarkKey {
  /** The swatch and any shape drawn over it (a stack's corner), in the chart's coordinates. */
  swatch: Box;
  text: string;
  signature: string;
}

/** A chart's marks as a card labels them. */
export interface LabelledMarks {
  /** The box round every mark. */
  marks: Box;
  sections: MarkSection[];
  keys: MarkKey[];
  /** The height of the smallest mark, so a card can keep every mark big enough to see. */
  smallest: number;
}

/** The presentation attributes that tell one group of marks from another. */
const STYLE_ATTRIBUTES = ["fill", "fill-opacity", "stroke", "stroke-dasharray", "stroke-width"] as const;

/** How an element is drawn: each style attribute from itself or its nearest ancestor, as SVG inherits them. */
export function styleSignature(element: Element): string {
  return STYLE_ATTRIBUTES.map((name) => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = node.getAttribute(name);
      if (value !== null) return `${name}=${value}`;
    }
    return `${name}=`;
  }).join(";");
}

/** The x/y offset an element's own and its ancestors' translate() transforms add, up to (not including) `root`. */
function offsetOf(element: Element, root: Element, own = false): [number, number] {
  let x = 0;
  let y = 0;
  for (let node: Element | null = own ? element : element.parentElement; node && node !== root;) {
    const match = /translate\(\s*([-\d.e]+)[\s,]*([-\d.e]+)?\s*\)/.exec(node.getAttribute("transform") ?? "");
    if (match) {
      x += Number(match[1]);
      y += Number(match[2] ?? 0);
    }
    node = node.parentElement;
  }
  return [x, y];
}

/** A rect's box in the root's coordinates. */
function rectBox(rect: Element, root: Element): Box {
  const [dx, dy] = offsetOf(rect, root);
  const number = (name: string) => Number(rect.getAttribute(name) ?? 0);
  return { x: number("x") + dx, y: number("y") + dy, width: number("width"), height: number("height") };
}

/** The box round a path's points (its commands' numbers, taken in x, y pairs: M and L only, as the charts draw). */
function pathBox(path: Element, root: Element): Box | undefined {
  const numbers = (path.getAttribute("d") ?? "").match(/-?[\d.]+(?:e-?\d+)?/g)?.map(Number) ?? [];
  if (numbers.length < 2 || /[^MLZmlz\d\s.,e-]/.test(path.getAttribute("d") ?? "")) return undefined;
  const [dx, dy] = offsetOf(path, root);
  const xs = numbers.filter((_, index) => index % 2 === 0).map((x) => x + dx);
  const ys = numbers.filter((_, index) => index % 2 === 1).map((y) => y + dy);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

/** The smallest box holding both. */
export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

const overlaps = (a: Box, b: Box) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/** One of the chart's text lines, where it sits (its anchor, near the middle of its line). */
interface Placed {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  italic: boolean;
  /** A heading or a note (TEXT_ROLE_CLASS), or undefined for a line that labels the marks under it. */
  role: "heading" | "note" | undefined;
}

/** The nearest value of an inherited attribute. */
function inherited(element: Element, name: string): string | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const value = node.getAttribute(name);
    if (value !== null) return value;
  }
  return null;
}

/** How far below a block's last mark its words may reach (a row's count under its name), in font sizes. */
const LABEL_BELOW = 0.6;
/** Marks closer than this (in the chart's px) vertically are one block: a grid of squares, a stack. */
const BLOCK_GAP = 8;

/**
 * Reads a chart's drawing (the wide layout, rendered by its own function)
 * into the blocks, headings and legend entries a card labels it with.
 */
export function labelledMarks(svg: Element): LabelledMarks {
  const marks = [...svg.querySelectorAll("[data-datum]")].map((mark) => ({
    box: rectBox(mark, svg),
    signature: styleSignature(mark),
  }));
  if (marks.length === 0) throw new Error("The chart draws no data marks (data-datum) to show in a share image");
  const texts: Placed[] = [...svg.querySelectorAll("text")].map((text) => {
    const [x, y] = offsetOf(text, svg, true);
    // A value the chart sets after a label on its line (a bold <tspan>: text-marks.ts) reads "label: value".
    const value = text.querySelector('tspan[font-weight="bold"]');
    const words = value
      ? `${[...text.childNodes]
          .filter((node) => node !== value)
          .map((node) => node.textContent)
          .join("")
          .trim()}: ${value.textContent.trim()}`
      : text.textContent.trim();
    return {
      text: words,
      x,
      y,
      size: Number.parseFloat(inherited(text, "font-size") ?? "16"),
      bold: inherited(text, "font-weight") === "bold",
      italic: inherited(text, "font-style") === "italic",
      role: text.closest(`.${TEXT_ROLE_CLASS.heading}`)
        ? "heading"
        : text.closest(`.${TEXT_ROLE_CLASS.note}`)
          ? "note"
          : undefined,
    };
  });
  const used = new Set<Placed>();

  // Legend entries: a shape that is not a mark, with words starting just to its right on its line,
  // and the lines under those words that continue them (same left edge, same style, one line on).
  const keys: MarkKey[] = [];
  const markSignatures = new Set(marks.map((mark) => mark.signature));
  const shapes = [...svg.querySelectorAll("path, line")]
    .map((shape) => (shape.localName === "path" ? pathBox(shape, svg) : undefined))
    .filter((box) => box !== undefined);
  for (const rect of svg.querySelectorAll("rect:not([data-datum])")) {
    const box = rectBox(rect, svg);
    const middle = box.y + box.height / 2;
    const first = texts
      .filter((text) => !used.has(text) && Math.abs(text.y - middle) <= box.height)
      .filter((text) => text.x > box.x + box.width && text.x - (box.x + box.width) <= 2 * box.width)
      .sort((a, b) => a.x - b.x)[0];
    if (!first) continue;
    const lines = [first];
    for (;;) {
      const last = lines.at(-1)!;
      const next = texts.find(
        (text) =>
          !used.has(text) &&
          !lines.includes(text) &&
          text.x === last.x &&
          text.italic === last.italic &&
          text.bold === last.bold &&
          text.y > last.y &&
          text.y - last.y <= 1.5 * last.size,
      );
      if (!next) break;
      lines.push(next);
    }
    for (const line of lines) used.add(line);
    const signature = styleSignature(rect);
    if (!markSignatures.has(signature)) continue;
    const swatch = shapes.filter((shape) => overlaps(shape, box)).reduce(union, box);
    keys.push({ swatch, text: lines.map((line) => line.text).join(" "), signature });
  }

  // Blocks: marks in row bands, top to bottom, each with the words in and just round its band.
  const sorted = [...marks].sort((a, b) => a.box.y - b.box.y);
  const bands: { box: Box; signatures: Set<string> }[] = [];
  for (const mark of sorted) {
    const band = bands.at(-1);
    if (band && mark.box.y <= band.box.y + band.box.height + BLOCK_GAP) {
      band.box = union(band.box, mark.box);
      band.signatures.add(mark.signature);
    } else bands.push({ box: mark.box, signatures: new Set([mark.signature]) });
  }
  // A block takes in the shapes drawn over its marks (a stack's corner), so a card does not cut them.
  for (const band of bands) band.box = shapes.filter((shape) => overlaps(shape, band.box)).reduce(union, band.box);
  const lineOf = (pieces: Placed[]) => {
    const rows = new Map<number, Placed[]>();
    for (const piece of pieces) rows.set(piece.y, [...(rows.get(piece.y) ?? []), piece]);
    return [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, row]) =>
        row
          .sort((a, b) => a.x - b.x)
          .map((piece) => piece.text)
          .join(" "),
      );
  };
  const sections: MarkSection[] = [];
  let previousBottom = -Infinity;
  for (const band of bands) {
    const top = band.box.y;
    const bottom = band.box.y + band.box.height;
    // The chart sets a block's words above its marks (a bar's name and value, a group's count and name).
    const own = texts.filter(
      (text) =>
        !used.has(text) &&
        text.role === undefined &&
        text.y > previousBottom &&
        text.y <= bottom + LABEL_BELOW * text.size,
    );
    for (const text of own) used.add(text);
    // A heading between the previous block and this one heads a new section.
    const headings = texts.filter(
      (text) => !used.has(text) && text.role === "heading" && text.y > previousBottom && text.y < top,
    );
    for (const text of headings) used.add(text);
    if (headings.length > 0 || sections.length === 0)
      sections.push({ heading: headings.length > 0 ? lineOf(headings).join(" ") : undefined, blocks: [] });
    sections.at(-1)!.blocks.push({
      box: band.box,
      label: joinLabel(lineOf(own)),
      short: lineOf(own)[0] ?? "",
      signatures: [...band.signatures],
    });
    previousBottom = bottom;
  }
  const boxes = marks.map((mark) => mark.box);
  return { marks: boxes.reduce(union), sections, keys, smallest: Math.min(...boxes.map((box) => box.height)) };
}

/** A block's lines as one label: "208 Formal action" after a bare number, else "Police staff: about 13,000". */
function joinLabel(lines: string[]): string {
  return lines.reduce(
    (label, line) => (label === "" ? line : /^[\d,.]+$/.test(label) ? `${label} ${line}` : `${label}: ${line}`),
    "",
  );
}
