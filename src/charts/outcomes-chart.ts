/**
 * Outcomes: a unit chart with one square per substantiated breach, grouped
 * by the outcome groups the Met reported, each labelled directly with its
 * count. The group whose split was never published stays one group, drawn
 * in outline and labelled "split not published": it is not divided into
 * invented counts. The reported share that ended in a sacking or retirement
 * is an annotation in words, not marked on any square, because which cases
 * those were was not published.
 *
 * Layouts: wide (labels in a column left of the squares) and narrow (labels
 * above the squares, smaller squares), chosen by the width rendered at.
 */
import * as Plot from "@observablehq/plot";
import type { Figure, Outcome } from "../data/schema.ts";
import { countFact, formatFact, percentFact, plainFactText } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, TYPE, chartVariant, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS, PALETTE } from "./palette.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";

/** Chart id, as registered. */
export const OUTCOMES_CHART_ID = "outcomes";

/** One square: one case, placed in its group's grid. */
export interface OutcomeUnit {
  /** Outcome group id. */
  outcome: string;
  label: string;
  /** Index of the group in the outcomes table (and of its row in the chart's table). */
  group: number;
  /** 1-based number of the case within its group. */
  index: number;
  /** Cases in the group. */
  of: number;
  splitPublished: boolean;
  column: number;
  row: number;
}

/** One unit per case, in the order the groups are listed, filling rows of `perRow` squares. */
export function outcomeUnits(outcomes: readonly Outcome[], perRow: number): OutcomeUnit[] {
  return outcomes.flatMap((outcome, group) =>
    Array.from({ length: outcome.count }, (_, i) => ({
      outcome: outcome.id,
      label: outcome.label,
      group,
      index: i + 1,
      of: outcome.count,
      splitPublished: outcome.split_published,
      column: i % perRow,
      row: Math.floor(i / perRow),
    })),
  );
}

/** Words that flag the group whose split is not published, on the chart and in its text. */
export const SPLIT_NOT_PUBLISHED = "split not published";

/** What a unit's mark says about itself (its data-label). */
export function unitLabel(unit: OutcomeUnit): string {
  const group = unit.splitPublished ? unit.label : `${unit.label} (${SPLIT_NOT_PUBLISHED})`;
  return `${group}: case ${unit.index.toLocaleString("en-GB")} of ${unit.of.toLocaleString("en-GB")}`;
}

export interface OutcomesChartOptions extends ChartOptions {
  /** The reported share that ended in a sacking or retirement (figures.csv), shown as an annotation. */
  reportedShare?: Figure;
}

/** Sizes of one layout. */
interface Geometry {
  /** Squares per row. */
  perRow: number;
  /** Grid pitch in px. */
  cell: number;
  /** Side of a square in px. */
  square: number;
  /** Left edge of the grids. */
  gridX: number;
  /** Width of the label column (wide) or of the labels above the grid (narrow). */
  labelWidth: number;
  /** Labels beside the grid (wide) or above it (narrow). */
  labelsBeside: boolean;
}

function geometry(width: number): Geometry {
  if (chartVariant(width) === "wide") {
    const labelWidth = 180;
    const gridX = labelWidth + 24;
    const cell = 16;
    return { perRow: Math.floor((width - gridX) / cell), cell, square: 12, gridX, labelWidth, labelsBeside: true };
  }
  const cell = 14;
  return { perRow: Math.floor(width / cell), cell, square: 10.5, gridX: 0, labelWidth: width, labelsBeside: false };
}

/** How a group's squares are drawn: published groups filled, the unsplit group outlined. */
function unitStyle(outcome: Outcome, publishedIndex: number) {
  if (!outcome.split_published) {
    return { fill: CHART_COLORS.metUnsplit, fillOpacity: 0.15, stroke: CHART_COLORS.metUnsplit, strokeWidth: 1.5 };
  }
  // The first published group is the story's lead colour; the others are quieter.
  const fills = [CHART_COLORS.met, CHART_COLORS.neutral, PALETTE.purple, PALETTE.green];
  return { fill: fills[publishedIndex % fills.length]!, fillOpacity: undefined, stroke: undefined, strokeWidth: 0 };
}

/** Draws the chart: see the module comment. */
export function outcomesChart(
  outcomes: readonly Outcome[],
  { width, document, reportedShare }: OutcomesChartOptions,
): SVGSVGElement {
  const geo = geometry(width);
  const units = outcomeUnits(outcomes, geo.perRow);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.count, 0);
  const texts: TextLine[] = [];
  const marks: Plot.Markish[] = [];
  const inset = (geo.cell - geo.square) / 2;

  // Key: what one square is.
  let y = 0;
  const keyY = y + TYPE.small * 0.75;
  marks.push(
    Plot.rect([0], {
      x1: () => 0,
      x2: () => geo.square,
      y1: () => keyY - geo.square / 2,
      y2: () => keyY + geo.square / 2,
      fill: "currentColor",
      fillOpacity: 0.6,
      rx: 1.5,
    }),
  );
  texts.push({
    x: geo.square + 6,
    y: keyY,
    text: `Each square is one of ${formatFact(countFact(total, "", ""))} substantiated breaches`,
    size: TYPE.small,
    muted: true,
  });
  y += TYPE.small * 1.5 + 18;

  let publishedIndex = 0;
  outcomes.forEach((outcome, group) => {
    const style = unitStyle(outcome, outcome.split_published ? publishedIndex++ : 0);
    const rows = Math.ceil(outcome.count / geo.perRow);
    const top = y;

    // Direct label: the count, the group, and the flag for an unsplit group.
    const number = paragraph(formatFact(countFact(outcome.count, outcome.source, outcome.label)), {
      x: 0,
      top,
      width: geo.labelWidth,
      size: TYPE.number,
      bold: true,
    });
    const name = paragraph(outcome.label, { x: 0, top: number.bottom, width: geo.labelWidth, size: TYPE.label });
    texts.push(...number.lines, ...name.lines);
    let labelBottom = name.bottom;
    if (!outcome.split_published) {
      const flagTop = labelBottom + 4;
      const flagY = flagTop + TYPE.small * 0.65;
      marks.push(
        Plot.rect([0], {
          x1: () => 0.75,
          x2: () => geo.square - 0.75,
          y1: () => flagY - geo.square / 2 + 0.75,
          y2: () => flagY + geo.square / 2 - 0.75,
          ...style,
          rx: 1.5,
        }),
      );
      const flag = paragraph(SPLIT_NOT_PUBLISHED[0]!.toUpperCase() + SPLIT_NOT_PUBLISHED.slice(1), {
        x: geo.square + 6,
        top: flagTop,
        width: geo.labelWidth - geo.square - 6,
        size: TYPE.small,
        italic: true,
      });
      texts.push(...flag.lines);
      labelBottom = flag.bottom;
    }

    const gridTop = geo.labelsBeside ? top + 6 : labelBottom + 8;
    const groupUnits = units.filter((unit) => unit.group === group);
    const half = style.strokeWidth / 2;
    marks.push(
      Plot.rect(groupUnits, {
        x1: (unit: OutcomeUnit) => geo.gridX + unit.column * geo.cell + inset + half,
        x2: (unit: OutcomeUnit) => geo.gridX + unit.column * geo.cell + inset + geo.square - half,
        y1: (unit: OutcomeUnit) => gridTop + unit.row * geo.cell + inset + half,
        y2: (unit: OutcomeUnit) => gridTop + unit.row * geo.cell + inset + geo.square - half,
        ...style,
        rx: 1.5,
        className: "met-chart-units",
        render: withDatumAttributes(groupUnits, (unit) => ({
          datum: `${unit.outcome}-${unit.index}`,
          row: unit.group,
          label: unitLabel(unit),
        })),
      }),
    );
    const gridBottom = gridTop + rows * geo.cell;
    y = (geo.labelsBeside ? Math.max(labelBottom, gridBottom) : gridBottom) + 22;
  });

  // The reported share, in words: it spans groups and names no cases.
  if (reportedShare) {
    const ruleY = y;
    marks.push(
      Plot.ruleY([0], { y: () => ruleY, x1: () => 0, x2: () => width, stroke: "currentColor", strokeOpacity: 0.3 }),
    );
    const share = percentFact(
      reportedShare.value,
      reportedShare.source,
      reportedShare.label,
      reportedShare.approximate,
    );
    const lead = plainFactText(share);
    const headline = paragraph(
      `${lead[0]!.toUpperCase()}${lead.slice(1)} of all cases ended in a sacking or retirement`,
      { x: 0, top: y + 10, width, size: TYPE.label, bold: true },
    );
    const detail = paragraph(
      [reportedShare.note, "The source does not say which cases these were, so no squares are marked."]
        .filter(Boolean)
        .join(" "),
      { x: 0, top: headline.bottom + 2, width, size: TYPE.small, muted: true },
    );
    texts.push(...headline.lines, ...detail.lines);
    y = detail.bottom + 4;
  } else {
    y -= 16;
  }

  const svg = Plot.plot({
    document,
    width,
    height: Math.ceil(y),
    margin: 0,
    className: CHART_CLASS,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    marks: [...marks, ...textMarks(texts)],
  }) as SVGSVGElement;
  return finishChart(svg, OUTCOMES_CHART_ID, width);
}
