/**
 * Compact unit grids: how a page carries a group of identical squares (the
 * outcomes chart's 300 cases) in a few hundred bytes instead of one element
 * with its own attributes per square, and how the browser rebuilds the
 * squares from it.
 *
 * A chart function still draws every square as its own `<rect>` with the
 * datum attributes (src/charts/datum.ts): snapshots, downloads and share
 * images use that drawing as it is. A page's markup (src/publish/chart-markup.ts)
 * then replaces each group of such squares with one `<path>` that draws
 * them all (so the picture is the same with no script and no CSS) and a
 * `data-units` attribute that says how to number them, the spec's fields
 * as a JSON array in the order of `UnitsSpec` (names would be sent with
 * every path):
 *
 *   <g fill="#2f7fc1" …><path d="M1.75 120.05h10.5v10.5h-10.5z m14 0h…"
 *     data-units='[0,[10.5,10.5,1.5,0],["formal-action-",1,""],["Formal action: case ",1," of 208"]]'/></g>
 *
 * Square i (from 0) is at the i-th move of the path, with the datum
 * `datum[0] + (datum[1] + i) + datum[2]` and the label
 * `label[0] + (label[1] + i, written as in en-GB) + label[2]`.
 * When whole rows repeat (the same squares at the same x, one row after
 * another), the page draws the first such row once, as a path with an id,
 * and copies it with one `<use y="…">` per further row (`spec.rows` says
 * where among the path's own squares those rows go): 22 KB of outlines
 * otherwise filled most of gzip's 32 KB window and made the text after the
 * chart compress worse (issue 25).
 * `compactUnits` only compacts a group when `expandUnits` gives back
 * exactly the squares it started from, so the page's marks after the
 * script runs are the chart function's marks.
 *
 * No Plot or D3 here: the browser imports it (src/scripts/chart-explorer.ts).
 */

import { countText } from "../lib/count-text.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Attribute on the path that stands for a group of squares. */
export const UNITS_ATTRIBUTE = "data-units";

/** Selector of every compacted group's path. */
export const UNITS_SELECTOR = `path[${UNITS_ATTRIBUTE}]`;

/** How to rebuild the squares of one path (see the module comment). */
export interface UnitsSpec {
  row: number;
  /** Width, height, rx and ry shared by every square (0: not set). */
  size: [number, number, number, number];
  datum: [string, number, string];
  label: [string, number, string];
  /**
   * Set when whole rows repeat: how many of the path's own squares come before them. The rows are
   * the path's next sibling (a path drawing one row, with an id) and the `<use>`s after it that
   * draw that row again, each moved by its x and y.
   */
  rows?: number;
}

/** The attributes a square may carry: anything else (its own colour, a class) keeps the group as it is. */
const SQUARE_ATTRIBUTES = new Set(["x", "y", "width", "height", "rx", "ry", "data-datum", "data-row", "data-label"]);

/** A coordinate, short: to a thousandth of a pixel, no trailing zeros. */
function coordinate(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A coordinate rounded to a thousandth of a pixel, as the path writes it. */
function round(value: number): number {
  return Number(coordinate(value));
}

/** How far right of its corner a square's outline starts: a rounded one starts where its top edge does. */
function outlineOffset([width, , rx, ry]: UnitsSpec["size"]): number {
  return rx > 0 || ry > 0 ? Math.min(rx > 0 ? rx : ry, width / 2) : 0;
}

/** The outline of one square, relative to where it starts (its corner, or rx along its top edge); it ends there. */
function squareOutline([width, height, rx, ry]: UnitsSpec["size"]): string {
  const w = coordinate(width);
  const h = coordinate(height);
  if (rx <= 0 && ry <= 0) return `h${w}v${h}h-${w}z`;
  // As SVG draws a rect with only rx or ry set: the other radius takes the same value.
  const rX = Math.min(rx > 0 ? rx : ry, width / 2);
  const rY = Math.min(ry > 0 ? ry : rx, height / 2);
  const [a, b] = [coordinate(rX), coordinate(rY)];
  // SVG's path grammar needs no space before a flag or a minus sign: "0 01-1.5-1.5" is
  // "0 0 1 -1.5 -1.5" in fewer bytes.
  const arc = (dx: string, dy: string) => `a${a} ${b} 0 01${dx}${dy.startsWith("-") ? "" : " "}${dy}`;
  const across = coordinate(width - 2 * rX);
  const down = coordinate(height - 2 * rY);
  return `h${across}${arc(a, b)}v${down}${arc(`-${a}`, b)}h-${across}${arc(`-${a}`, `-${b}`)}v-${down}${arc(a, `-${b}`)}z`;
}

/**
 * The path drawing every square at `corners` (top-left corners, in order):
 * the first move absolute, each later one relative to the one before, every
 * position rounded first so that adding the moves up gives them back exactly.
 */
export function unitsPath(corners: readonly { x: number; y: number }[], spec: UnitsSpec): string {
  const outline = squareOutline(spec.size);
  const offset = outlineOffset(spec.size);
  let previous: { x: number; y: number } | null = null;
  let d = "";
  for (const corner of corners) {
    const start = { x: round(corner.x + offset), y: round(corner.y) };
    d += previous
      ? `m${coordinate(start.x - previous.x)} ${coordinate(start.y - previous.y)}`
      : `M${coordinate(start.x)} ${coordinate(start.y)}`;
    d += outline;
    previous = start;
  }
  return d;
}

/** The top-left corners of the squares a path made by `unitsPath` draws (its own squares only). */
export function unitCorners(d: string, spec: UnitsSpec): { x: number; y: number }[] {
  const offset = outlineOffset(spec.size);
  const corners: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  // Only the moves between squares are M or m; each outline uses h, v, a and z.
  for (const [, command, dx, dy] of d.matchAll(/([Mm])(-?[\d.]+) (-?[\d.]+)/g)) {
    x = command === "M" ? Number(dx) : round(x + Number(dx));
    y = command === "M" ? Number(dy) : round(y + Number(dy));
    corners.push({ x: round(x - offset), y });
  }
  return corners;
}

/** A spec as the data-units attribute writes it: its fields in order, `rows` only when set. */
function writeSpec({ row, size, datum, label, rows }: UnitsSpec): string {
  return JSON.stringify(rows === undefined ? [row, size, datum, label] : [row, size, datum, label, rows]);
}

/** The spec a path's data-units attribute holds. */
function readSpec(path: Element): UnitsSpec {
  const [row, size, datum, label, rows] = JSON.parse(path.getAttribute(UNITS_ATTRIBUTE) ?? "null") as [
    UnitsSpec["row"],
    UnitsSpec["size"],
    UnitsSpec["datum"],
    UnitsSpec["label"],
    UnitsSpec["rows"],
  ];
  return rows === undefined ? { row, size, datum, label } : { row, size, datum, label, rows };
}

/** The row a compacted path's repeated rows copy and the `<use>`s that copy it: none when no rows repeat. */
export function unitRows(path: Element): Element[] {
  const spec = readSpec(path);
  const parts: Element[] = [];
  if (spec.rows === undefined) return parts;
  for (let next = path.nextElementSibling; next; next = next.nextElementSibling) {
    if (parts.length > 0 && next.tagName.toLowerCase() !== "use") break;
    parts.push(next);
  }
  return parts;
}

/** Every square's top-left corner, in order: the path's own squares with the repeated rows put in. */
function groupCorners(path: Element, spec: UnitsSpec): { x: number; y: number }[] {
  const own = unitCorners(path.getAttribute("d") ?? "", spec);
  if (spec.rows === undefined) return own;
  const [row, ...copies] = unitRows(path);
  const first = unitCorners(row?.getAttribute("d") ?? "", spec);
  const rows = [
    first,
    ...copies.map((copy) => {
      const [dx, dy] = [numberAttribute(copy, "x"), numberAttribute(copy, "y")];
      return first.map((corner) => ({ x: round(corner.x + dx), y: round(corner.y + dy) }));
    }),
  ];
  return [...own.slice(0, spec.rows), ...rows.flat(), ...own.slice(spec.rows)];
}

/**
 * The squares at `corners` as the chart drew them, made in `document`, `batch` squares at a time.
 * Each square is a copy of one made with the attributes all share, given its own four.
 */
function* squareBatches(
  document: Document,
  spec: UnitsSpec,
  corners: readonly { x: number; y: number }[],
  batch: number,
): Generator<SVGElement[]> {
  const [width, height, rx, ry] = spec.size;
  const shared = document.createElementNS(SVG_NS, "rect") as SVGElement;
  shared.setAttribute("data-row", String(spec.row));
  if (rx > 0) shared.setAttribute("rx", coordinate(rx));
  if (ry > 0) shared.setAttribute("ry", coordinate(ry));
  shared.setAttribute("height", coordinate(height));
  shared.setAttribute("width", coordinate(width));
  for (let start = 0; start < corners.length; start += batch) {
    yield corners.slice(start, start + batch).map((corner, offset) => {
      const i = start + offset;
      const square = shared.cloneNode(false) as SVGElement;
      square.setAttribute("data-label", `${spec.label[0]}${countText(spec.label[1] + i)}${spec.label[2]}`);
      square.setAttribute("data-datum", `${spec.datum[0]}${spec.datum[1] + i}${spec.datum[2]}`);
      square.setAttribute("y", coordinate(corner.y));
      square.setAttribute("x", coordinate(corner.x));
      return square;
    });
  }
}

/**
 * Puts back one compacted path's squares `batch` at a time, a step per iteration (the browser runs
 * each in a frame of its own: src/scripts/chart-explorer.ts). Each step places the next batch of
 * squares before the path and leaves the path drawing only the squares still to come, so the
 * picture is whole after every step, and no step makes the browser style and lay out more than a
 * batch of new elements (208 at once was a task of over 50 ms on a slow phone, issue 25). The
 * first step also takes away the path's repeated rows and its data-units (it is no longer a
 * compacted group); the last takes away the path.
 */
export function* expandUnitsStepwise(document: Document, path: Element, batch: number): Generator<void> {
  const spec = readSpec(path);
  const rows = unitRows(path);
  const corners = groupCorners(path, spec);
  let placed = 0;
  for (const squares of squareBatches(document, spec, corners, batch)) {
    if (placed === 0) {
      path.removeAttribute(UNITS_ATTRIBUTE);
      for (const part of rows) part.remove();
    }
    path.before(...squares);
    placed += squares.length;
    if (placed < corners.length) path.setAttribute("d", unitsPath(corners.slice(placed), spec));
    else path.remove();
    yield;
  }
}

/** The squares of one compacted path as the chart drew them, made in `document`. */
function unitSquares(document: Document, path: Element): SVGElement[] {
  const spec = readSpec(path);
  return [...squareBatches(document, spec, groupCorners(path, spec), Infinity)].flat();
}

/**
 * Puts back the squares of every compacted group in `root` (in place of their paths and repeated
 * rows) at once: `expandUnitsStepwise` in one step, so both end alike.
 */
export function expandUnits(root: ParentNode & Node): void {
  const document = root.ownerDocument ?? (root as unknown as Document);
  for (const path of Array.from(root.querySelectorAll(UNITS_SELECTOR))) {
    const steps = expandUnitsStepwise(document, path, Infinity);
    while (!steps.next().done);
  }
}

/**
 * Splits `texts` into one prefix, a counted number and one suffix, when
 * text i is exactly `prefix + write(first + i) + suffix`.
 */
function counted(texts: readonly string[], write: (value: number) => string): [string, number, string] | null {
  const firstText = texts[0]!;
  const lastText = texts.at(-1)!;
  let start = 0;
  while (start < firstText.length && firstText[start] === lastText[start]) start++;
  while (start > 0 && /[\d,]/.test(firstText[start - 1]!)) start--;
  const prefix = firstText.slice(0, start);
  const number = /^\d[\d,]*/.exec(firstText.slice(start))?.[0];
  if (number === undefined) return null;
  const first = Number(number.replaceAll(",", ""));
  const suffix = firstText.slice(start + number.length);
  const spec: [string, number, string] = [prefix, first, suffix];
  return texts.every((text, i) => text === `${prefix}${write(first + i)}${suffix}`) ? spec : null;
}

function numberAttribute(element: Element, name: string): number {
  const value = element.getAttribute(name);
  return value === null ? 0 : Number(value);
}

/** Whether two drawings of a square agree, coordinates to a thousandth of a pixel. */
function sameSquare(a: Element, b: Element): boolean {
  const names = new Set([...a.getAttributeNames(), ...b.getAttributeNames()]);
  for (const name of names) {
    const [left, right] = [a.getAttribute(name), b.getAttribute(name)];
    if (left === right) continue;
    if (left === null || right === null || name.startsWith("data-")) return false;
    if (Math.abs(Number(left) - Number(right)) > 0.001) return false;
  }
  return true;
}

/** Same-height runs of corners (a grid's rows), each with where it starts in the list. */
function cornerRows(
  corners: readonly { x: number; y: number }[],
): { start: number; corners: { x: number; y: number }[] }[] {
  const rows: { start: number; corners: { x: number; y: number }[] }[] = [];
  corners.forEach((corner, i) => {
    const last = rows.at(-1);
    if (last && round(last.corners[0]!.y) === round(corner.y)) last.corners.push(corner);
    else rows.push({ start: i, corners: [corner] });
  });
  return rows;
}

/**
 * The first run of two or more rows in a row with their squares at the same x (a grid's full rows):
 * the first of them, and how many more follow. A page draws that row once and copies it with a
 * `<use>` per further row, so 200 squares travel as one row of 20 and nine copies: the repeated
 * outlines otherwise fill most of the gzip window, and text after the chart compresses worse.
 */
function repeatedRows(corners: readonly { x: number; y: number }[]) {
  const rows = cornerRows(corners);
  const sameXs = (a: { x: number }[], b: { x: number }[]) =>
    a.length === b.length && a.every((corner, i) => round(corner.x) === round(b[i]!.x));
  for (let first = 0; first < rows.length - 1; first++) {
    let more = 0;
    while (first + more + 1 < rows.length && sameXs(rows[first]!.corners, rows[first + more + 1]!.corners)) more++;
    if (more > 0) return { rows: rows.slice(first, first + more + 1), start: rows[first]!.start };
  }
  return null;
}

/**
 * The parts drawing one group's squares: a path with the spec, and, when whole rows repeat and
 * `rowId` is given, a path drawing one such row (with that id) and a `<use>` for each further row.
 * Null when the group is not a plain unit grid (a square with attributes of its own, sizes that
 * differ, labels or datums that are not numbered in order).
 */
function compactGroup(document: Document, squares: readonly Element[], rowId?: string): Element[] | null {
  if (squares.length < 2) return null;
  const [first] = squares as [Element];
  const shared = ["width", "height", "rx", "ry", "data-row"].map((name) => first.getAttribute(name));
  for (const square of squares) {
    if (square.tagName.toLowerCase() !== "rect" || square.childNodes.length > 0) return null;
    if (square.getAttributeNames().some((name) => !SQUARE_ATTRIBUTES.has(name))) return null;
    if (["width", "height", "rx", "ry", "data-row"].some((name, i) => square.getAttribute(name) !== shared[i])) {
      return null;
    }
  }
  const datum = counted(
    squares.map((square) => square.getAttribute("data-datum") ?? ""),
    (value) => String(value),
  );
  const label = counted(
    squares.map((square) => square.getAttribute("data-label") ?? ""),
    countText,
  );
  const row = Number(first.getAttribute("data-row"));
  if (!datum || !label || !Number.isInteger(row)) return null;
  const spec: UnitsSpec = {
    row,
    size: [
      numberAttribute(first, "width"),
      numberAttribute(first, "height"),
      numberAttribute(first, "rx"),
      numberAttribute(first, "ry"),
    ],
    datum,
    label,
  };
  const path = document.createElementNS(SVG_NS, "path");
  const corners = squares.map((square) => ({ x: numberAttribute(square, "x"), y: numberAttribute(square, "y") }));
  const repeated = rowId === undefined ? null : repeatedRows(corners);
  const parts: Element[] = [path];
  if (repeated) {
    const [first, ...copies] = repeated.rows;
    spec.rows = repeated.start;
    const row = document.createElementNS(SVG_NS, "path");
    row.setAttribute("id", rowId!);
    row.setAttribute("d", unitsPath(first!.corners, spec));
    parts.push(row);
    for (const copy of copies) {
      const use = document.createElementNS(SVG_NS, "use");
      use.setAttribute("href", `#${rowId!}`);
      const dy = coordinate(copy.corners[0]!.y - first!.corners[0]!.y);
      use.setAttribute("y", dy);
      parts.push(use);
    }
    const inRows = new Set(repeated.rows.flatMap((each) => each.corners));
    path.setAttribute(
      "d",
      unitsPath(
        corners.filter((corner) => !inRows.has(corner)),
        spec,
      ),
    );
  } else {
    path.setAttribute("d", unitsPath(corners, spec));
  }
  path.setAttribute(UNITS_ATTRIBUTE, writeSpec(spec));
  // Only when the browser would rebuild exactly these squares, from the parts as the page holds them.
  document.createElementNS(SVG_NS, "g").append(...parts);
  const rebuilt = unitSquares(document, path);
  if (rebuilt.length !== squares.length || rebuilt.some((square, i) => !sameSquare(square, squares[i]!))) return null;
  return parts;
}

/**
 * Replaces, in a chart's SVG, every group of numbered datum squares with
 * one path (see the module comment); with `idPrefix` (unique in the page),
 * whole rows that repeat are drawn once and copied (`compactGroup`).
 * Returns how many squares it folded.
 */
export function compactUnits(svg: Element, idPrefix?: string): number {
  const document = svg.ownerDocument!;
  let folded = 0;
  let rowIds = 0;
  for (const group of Array.from(svg.querySelectorAll("g"))) {
    const children = Array.from(group.children);
    if (children.length < 2 || !children.every((child) => child.hasAttribute("data-datum"))) continue;
    const parts = compactGroup(document, children, idPrefix === undefined ? undefined : `${idPrefix}${rowIds + 1}`);
    if (!parts) continue;
    if (parts.length > 1) rowIds++;
    group.replaceChildren(...parts);
    folded += children.length;
  }
  return folded;
}
