/**
 * Breach types: the examples of individual breaches the reports describe, one square per
 * documented case, in rows by breach type (categories.csv, sort_order).
 * A square filled in the formal-action colour is a case that ended in formal
 * action (the same colour as in the outcomes chart), one outlined in ink a
 * case with another stated outcome, one outlined in grey dashes a case whose
 * outcome the source does not state; a square with a second square stacked
 * behind it stands for several cases the source describes without a number.
 * A key says so in words, and each row is labelled with its counts, so
 * colour is never the only cue. These are examples, not a breakdown of all
 * the breaches.
 *
 * One layout for every width: labels above each row's squares, the key and
 * the rows laid out for the width drawn at (a page draws at CHART_MIN_WIDTH,
 * src/charts/chart-frame.ts), text at constant px sizes.
 *
 * Past CASE_THRESHOLD cases (src/lib/case-scale.ts) the chart aggregates
 * (aggregatedBreachTypesChart): one square for every N cases, N our
 * calculation and stated in the key, in rows by breach type and outcome group.
 */
import * as Plot from "@observablehq/plot";
import type { Case, Category } from "../data/schema.ts";
import {
  caseGroupCounts,
  casesPerSquare,
  outcomeGroup,
  type CaseGroupCount,
  type OutcomeGroup,
} from "../lib/case-scale.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, CHART_TYPE as TYPE, FORCED_CLASS, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS, INK } from "./palette.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";
import { textWidth } from "./text-metrics.ts";

/** Chart id, as registered. */
export const BREACH_TYPES_CHART_ID = "breach-types";

/** What cases.csv writes when the source gives no outcome. */
const NOT_STATED = "not stated";

/** Whether the source states what happened in a case. */
export function outcomeStated(documented: Case): boolean {
  return documented.outcome.trim().toLowerCase() !== NOT_STATED;
}

/** A category with its cases, in drawing order. */
export interface CategoryRow {
  category: Category;
  /** Cases with a stated outcome first, then the others; by id within each. */
  cases: Case[];
}

/** Categories in sort_order with their cases; categories without a documented case are left out. */
export function casesByCategory(cases: readonly Case[], categories: readonly Category[]): CategoryRow[] {
  return [...categories]
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((category) => ({
      category,
      cases: cases
        .filter((documented) => documented.category === category.id)
        .sort((a, b) => Number(outcomeStated(b)) - Number(outcomeStated(a)) || a.id.localeCompare(b.id)),
    }))
    .filter((row) => row.cases.length > 0);
}

/** The cases in the order the chart draws them (and its table lists them). */
export function casesInDrawingOrder(cases: readonly Case[], categories: readonly Category[]): Case[] {
  return casesByCategory(cases, categories).flatMap((row) => row.cases);
}

/**
 * A category's counts in words: "3 examples, 2 with the outcome stated" on
 * the chart; `spoken`, for the text alternatives, the second count keeps its
 * unit in view ("2 of them with the outcome stated").
 */
export function categoryCounts(row: CategoryRow, spoken = false): string {
  const examples = row.cases.length;
  const stated = row.cases.filter(outcomeStated).length;
  const noun = examples === 1 ? "example" : "examples";
  return `${examples.toLocaleString("en-GB")} ${noun}, ${stated.toLocaleString("en-GB")}${spoken ? " of them" : ""} with the outcome stated`;
}

/** What a case's mark says about itself (its data-label). */
export function caseLabel(documented: Case, category: Category): string {
  const outcome = outcomeStated(documented) ? `Outcome: ${documented.outcome}.` : "Outcome not stated.";
  const several = documented.multiplicity === "several" ? " Several cases; the source gives no number." : "";
  return `${category.label}: ${documented.summary} ${outcome}${several}`;
}

/** The key's three entries, in words. */
export const KEY = {
  formal: "Formal action",
  stated: "Another outcome stated",
  notStated: "Outcome not stated",
  several: "Several cases, number not given",
} as const;

/** Class of the mark drawing the stacked squares behind "several" cases (and the key's). */
export const STACK_CLASS = "met-chart-stack";

interface SquareStyle {
  fill: string;
  fillOpacity?: number;
  stroke?: string;
  strokeWidth?: number;
  strokeDasharray?: string;
  /** Its shape in forced colours (FORCED_CLASS). */
  className: string;
}

const STROKE = 2;
/** Side of a case's square, the distance from one square to the next, and the space between two rows, in px. */
const SQUARE = 18;
const PITCH = SQUARE + 8;
const ROW_GAP = 18;
/**
 * Formal action keeps its colour from the outcomes chart, filled; any other
 * stated outcome is outlined in ink, never a category hue; an outcome not
 * stated is outlined in grey dashes. Fill, outline and dashes tell them
 * apart without colour, as in forced colours (charts.css).
 */
const FORMAL: SquareStyle = { fill: CHART_COLORS.formalAction, className: FORCED_CLASS.solid };
const OTHER_STATED: SquareStyle = { fill: "none", stroke: INK, strokeWidth: STROKE, className: FORCED_CLASS.outline };
const NOT_STATED_STYLE: SquareStyle = {
  fill: "none",
  stroke: CHART_COLORS.notStated,
  strokeWidth: STROKE,
  strokeDasharray: "4 2.5",
  className: FORCED_CLASS.dashed,
};

/** Whether a case's stated outcome is formal action (cases.csv writes it as the outcomes table labels it). */
export function endedInFormalAction(documented: Case): boolean {
  return documented.outcome.trim().toLowerCase() === FORMAL_ACTION_LABEL;
}
const FORMAL_ACTION_LABEL = "formal action";

function caseStyle(documented: Case): SquareStyle {
  if (!outcomeStated(documented)) return NOT_STATED_STYLE;
  return endedInFormalAction(documented) ? FORMAL : OTHER_STATED;
}

/** The page's drawing and the share image's both place every mark in pixels themselves: identity scales, no axes, no margin. */
function placedFrame(document: Document, width: number, height: number): Plot.PlotOptions {
  return {
    document,
    width,
    height,
    margin: 0,
    className: CHART_CLASS,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    color: { type: "identity" },
  };
}

function square(x: number, y: number, size: number, style: SquareStyle) {
  const half = (style.strokeWidth ?? 0) / 2;
  return { x1: x + half, x2: x + size - half, y1: y + half, y2: y + size - half };
}

/** Draws the chart: see the module comment. */
export function breachTypesChart(
  cases: readonly Case[],
  categories: readonly Category[],
  options: ChartOptions,
): SVGSVGElement {
  const counts = caseGroupCounts(cases, categories);
  const perSquare = casesPerSquare(counts);
  if (perSquare > 1) return aggregatedBreachTypesChart(counts, perSquare, options);
  const { width, document } = options;
  const size = SQUARE;
  const pitch = PITCH;
  // The stacked square behind a "several" case peeks out by this much.
  const stackOffset = 4;
  const labelWidth = width;
  const rows = casesByCategory(cases, categories);
  const order = casesInDrawingOrder(cases, categories);
  const texts: TextLine[] = [];
  const boxes: { documented: Case; category: Category; x: number; y: number }[] = [];

  // Key, flowing onto as many lines as the width needs.
  const keyItems = [
    { text: KEY.formal, style: FORMAL, several: false },
    { text: KEY.stated, style: OTHER_STATED, several: false },
    { text: KEY.notStated, style: NOT_STATED_STYLE, several: false },
    { text: KEY.several, style: OTHER_STATED, several: true },
  ];
  const keySize = 14;
  const keyLine = 24;
  const keySquares: { x: number; y: number; style: SquareStyle; several: boolean }[] = [];
  let keyX = 0;
  let keyRow = 0;
  for (const item of keyItems) {
    const itemWidth = keySize + stackOffset + 8 + textWidth(item.text, TYPE.small) + 22;
    if (keyX > 0 && keyX + itemWidth > width) {
      keyX = 0;
      keyRow++;
    }
    const middle = stackOffset + keyRow * keyLine + keySize / 2;
    keySquares.push({ x: keyX, y: middle - keySize / 2, style: item.style, several: item.several });
    texts.push({ x: keyX + keySize + stackOffset + 8, y: middle, text: item.text, size: TYPE.small, muted: true });
    keyX += itemWidth;
  }
  let y = stackOffset + (keyRow + 1) * keyLine + 14;

  for (const row of rows) {
    const top = y;
    const name = paragraph(row.category.label, { x: 0, top, width: labelWidth, size: TYPE.label, bold: true });
    const counts = paragraph(categoryCounts(row), {
      x: 0,
      top: name.bottom,
      width: labelWidth,
      size: TYPE.small,
      muted: true,
    });
    texts.push(...name.lines, ...counts.lines);
    const perRow = Math.max(1, Math.floor((width - stackOffset + (pitch - size)) / pitch));
    const gridTop = counts.bottom + 6 + stackOffset;
    row.cases.forEach((documented, i) => {
      boxes.push({
        documented,
        category: row.category,
        x: (i % perRow) * pitch,
        y: gridTop + Math.floor(i / perRow) * pitch,
      });
    });
    const gridBottom = gridTop + Math.ceil(row.cases.length / perRow) * pitch - (pitch - size);
    y = gridBottom + ROW_GAP;
  }
  const height = Math.ceil(y - ROW_GAP + 2);

  const styles = [FORMAL, OTHER_STATED, NOT_STATED_STYLE];
  const several = boxes.filter((box) => box.documented.multiplicity === "several");
  const caseMark = (list: typeof boxes, style: SquareStyle) =>
    Plot.rect(list, {
      ...style,
      x1: (box: (typeof boxes)[number]) => square(box.x, box.y, size, style).x1,
      x2: (box: (typeof boxes)[number]) => square(box.x, box.y, size, style).x2,
      y1: (box: (typeof boxes)[number]) => square(box.x, box.y, size, style).y1,
      y2: (box: (typeof boxes)[number]) => square(box.x, box.y, size, style).y2,
      rx: 2,
      render: withDatumAttributes(list, (box) => ({
        datum: box.documented.id,
        row: order.indexOf(box.documented),
        label: caseLabel(box.documented, box.category),
      })),
    });
  // The square stacked behind a "several" case: only its visible edges (top and right), so it
  // reads the same behind a filled square and an outlined one, on any background.
  const stackMark = (list: { x: number; y: number; style: SquareStyle }[], side: number) =>
    Plot.line(
      list.flatMap((box, i) => {
        const inset = 0.75;
        const [left, top, right, bottom] = [box.x + stackOffset, box.y - stackOffset, box.x + side, box.y];
        return [
          [left + inset, bottom],
          [left + inset, top + inset],
          [right + stackOffset - inset, top + inset],
          [right + stackOffset - inset, bottom + side - stackOffset],
        ].map(([x, y]) => ({ x, y, i, stroke: (box.style.stroke ?? box.style.fill) as string }));
      }),
      { x: "x", y: "y", z: "i", stroke: "stroke", strokeWidth: 1.5, strokeLinejoin: "round", className: STACK_CLASS },
    );

  const svg = Plot.plot({
    ...placedFrame(document, width, height),
    marks: [
      stackMark(
        keySquares.filter((key) => key.several),
        keySize,
      ),
      ...keySquares.map((key) =>
        Plot.rect([key], { ...key.style, ...square(key.x, key.y, keySize, key.style), rx: 2 }),
      ),
      stackMark(
        several.map((box) => ({ ...box, style: caseStyle(box.documented) })),
        size,
      ),
      ...styles.map((style) =>
        caseMark(
          boxes.filter((box) => caseStyle(box.documented) === style),
          style,
        ),
      ),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, BREACH_TYPES_CHART_ID);
}

/** The style of each outcome group's squares, as in the unit chart. */
const GROUP_STYLE: Record<OutcomeGroup, SquareStyle> = {
  formal: FORMAL,
  stated: OTHER_STATED,
  "not-stated": NOT_STATED_STYLE,
};

/** An outcome group in words, as the key names it. */
export const GROUP_LABEL: Record<OutcomeGroup, string> = {
  formal: KEY.formal,
  stated: KEY.stated,
  "not-stated": KEY.notStated,
};

/** The aggregated key's last entry: what one square stands for. */
export function perSquareKey(perSquare: number): string {
  return `One square = ${perSquare.toLocaleString("en-GB")} examples (our calculation)`;
}

/** A breach type's counts, summed from its outcome groups, in the words of categoryCounts. */
export function groupedCategoryCounts(counts: readonly CaseGroupCount[], categoryId: string, spoken = false): string {
  const own = counts.filter((count) => count.category.id === categoryId);
  const examples = own.reduce((sum, count) => sum + count.cases, 0);
  const stated = own.filter((count) => count.group !== "not-stated").reduce((sum, count) => sum + count.cases, 0);
  const noun = examples === 1 ? "example" : "examples";
  return `${examples.toLocaleString("en-GB")} ${noun}, ${stated.toLocaleString("en-GB")}${spoken ? " of them" : ""} with the outcome stated`;
}

/**
 * The chart past CASE_THRESHOLD cases: per breach type, each outcome group's
 * cases as squares of `perSquare` cases each, the last one a part square (its
 * width the share of a square it stands for). Each square is a datum of its
 * group's table row. No stacked squares: the rows that stand for several
 * cases are counted in the table and the notes.
 */
export function aggregatedBreachTypesChart(
  counts: readonly CaseGroupCount[],
  perSquare: number,
  { width, document }: ChartOptions,
): SVGSVGElement {
  const size = SQUARE;
  const pitch = PITCH;
  const labelWidth = width;
  const texts: TextLine[] = [];
  const boxes: {
    count: CaseGroupCount;
    row: number;
    index: number;
    of: number;
    cases: number;
    x: number;
    y: number;
  }[] = [];

  const keyItems = [
    ...(["formal", "stated", "not-stated"] as const).map((group) => ({
      text: GROUP_LABEL[group],
      style: GROUP_STYLE[group],
    })),
    { text: perSquareKey(perSquare), style: null },
  ];
  const keySize = 14;
  const keyLine = 24;
  const keySquares: { x: number; y: number; style: SquareStyle }[] = [];
  let keyX = 0;
  let keyRow = 0;
  for (const item of keyItems) {
    const squareWidth = item.style ? keySize + 8 : 0;
    const itemWidth = squareWidth + textWidth(item.text, TYPE.small) + 22;
    if (keyX > 0 && keyX + itemWidth > width) {
      keyX = 0;
      keyRow++;
    }
    const middle = keyRow * keyLine + keySize / 2;
    if (item.style) keySquares.push({ x: keyX, y: middle - keySize / 2, style: item.style });
    texts.push({ x: keyX + squareWidth, y: middle, text: item.text, size: TYPE.small, muted: true });
    keyX += itemWidth;
  }
  let y = (keyRow + 1) * keyLine + 14;

  const categories = counts.map((count) => count.category).filter((category, i, all) => all.indexOf(category) === i);
  for (const category of categories) {
    const top = y;
    const name = paragraph(category.label, { x: 0, top, width: labelWidth, size: TYPE.label, bold: true });
    const words = paragraph(groupedCategoryCounts(counts, category.id), {
      x: 0,
      top: name.bottom,
      width: labelWidth,
      size: TYPE.small,
      muted: true,
    });
    texts.push(...name.lines, ...words.lines);
    const perRow = Math.max(1, Math.floor((width + (pitch - size)) / pitch));
    const gridTop = words.bottom + 6;
    let i = 0;
    counts.forEach((count, row) => {
      if (count.category !== category) return;
      const of = Math.ceil(count.cases / perSquare);
      for (let index = 0; index < of; index++, i++) {
        const cases = Math.min(perSquare, count.cases - index * perSquare);
        boxes.push({
          count,
          row,
          index,
          of,
          cases,
          x: (i % perRow) * pitch,
          y: gridTop + Math.floor(i / perRow) * pitch,
        });
      }
    });
    const gridBottom = gridTop + Math.ceil(i / perRow) * pitch - (pitch - size);
    y = gridBottom + ROW_GAP;
  }
  const height = Math.ceil(y - ROW_GAP + 2);

  type Box = (typeof boxes)[number];
  const groupMark = (group: OutcomeGroup) => {
    const style = GROUP_STYLE[group];
    const list = boxes.filter((box) => box.count.group === group);
    // A part square keeps its height and shows its share of the width (at least a sliver).
    const side = (box: Box) => Math.max(3, (size * box.cases) / perSquare);
    const half = (style.strokeWidth ?? 0) / 2;
    return Plot.rect(list, {
      ...style,
      x1: (box: Box) => box.x + half,
      x2: (box: Box) => box.x + side(box) - half,
      y1: (box: Box) => box.y + half,
      y2: (box: Box) => box.y + size - half,
      rx: 2,
      render: withDatumAttributes(list, (box) => ({
        datum: `${box.count.category.id}-${group}-${box.index + 1}`,
        row: box.row,
        label:
          `${box.count.category.label}, ${GROUP_LABEL[group].toLowerCase()}: square ${(box.index + 1).toLocaleString("en-GB")} ` +
          `of ${box.of.toLocaleString("en-GB")}, ${box.cases.toLocaleString("en-GB")} ${box.cases === 1 ? "example" : "examples"}`,
      })),
    });
  };

  const svg = Plot.plot({
    ...placedFrame(document, width, height),
    marks: [
      ...keySquares.map((key) =>
        Plot.rect([key], { ...key.style, ...square(key.x, key.y, keySize, key.style), rx: 2 }),
      ),
      ...(["formal", "stated", "not-stated"] as const).map(groupMark),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, BREACH_TYPES_CHART_ID);
}

/**
 * The row of the chart's table a case is drawn in, for highlighting: its
 * own row in the unit chart, its type and outcome's row once aggregated.
 */
export function chartRowOf(cases: readonly Case[], categories: readonly Category[]): (documented: Case) => number {
  const known = rowFunctions.get(cases);
  if (known?.categories === categories) return known.rowOf;
  const rowOf = rowFunction(cases, categories);
  rowFunctions.set(cases, { categories, rowOf });
  return rowOf;
}
const rowFunctions = new WeakMap<
  readonly Case[],
  { categories: readonly Category[]; rowOf: (documented: Case) => number }
>();

function rowFunction(cases: readonly Case[], categories: readonly Category[]): (documented: Case) => number {
  const counts = caseGroupCounts(cases, categories);
  if (casesPerSquare(counts) === 1) {
    const rows = new Map(casesInDrawingOrder(cases, categories).map((documented, index) => [documented.id, index]));
    return (documented) => rows.get(documented.id)!;
  }
  const rows = new Map(counts.map((count, index) => [`${count.category.id}\u0000${count.group}`, index]));
  return (documented) => rows.get(`${documented.category}\u0000${outcomeGroup(documented)}`)!;
}
