/**
 * Outcomes: a unit chart with one square per substantiated breach, grouped
 * by the top-level outcome groups the Press Association reported, each
 * labelled directly with its reported count. A reported part of a group
 * (the two cases of no further action among the other outcomes) is drawn
 * first inside its group. The rest of a group whose split was never reported
 * stays undivided, drawn in outline: it is not split into invented counts,
 * and its size is not written (it would be our subtraction, not a reported
 * figure). The reported share that ended in a sacking or retirement is an
 * annotation in words, not marked on any square, because which cases those
 * were was not reported.
 *
 * One layout for every width: labels above each group's squares, the grid as
 * many squares across as the width holds (a page draws it at CHART_MIN_WIDTH,
 * src/charts/chart-frame.ts), text at constant px sizes.
 */
import * as Plot from "@observablehq/plot";
import { ROW_IDS } from "../data/row-ids.ts";
import type { Figure, Outcome } from "../data/schema.ts";
import { countFact, formatFact, percentFact, plainFactText } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, CHART_TYPE as TYPE, FLUID_CLASS, FORCED_CLASS, LINE_HEIGHT, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS, INK } from "./palette.ts";
import { capitalise } from "./lookup.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";
import { textWidth } from "./text-metrics.ts";

/** Chart id, as registered. */
export const OUTCOMES_CHART_ID = "outcomes";

/** One square: one case, placed in its group's grid. */
export interface OutcomeUnit {
  /** Id of the top-level group. */
  group: string;
  /** Row of the outcomes table (and of the chart's table) the square stands for: the group, or its reported part. */
  row: number;
  /** What the square says about itself (its data-label). */
  label: string;
  style: UnitStyle;
  /** Position in the group's grid. */
  column: number;
  line: number;
}

/** Words that flag the rest of a group whose split was not reported, on the chart and in its text. */
export const SPLIT_NOT_REPORTED = "how these divide was not reported";

/** How a square is drawn. */
export interface UnitStyle {
  fill: string;
  fillOpacity?: number | undefined;
  stroke?: string | undefined;
  strokeWidth: number;
  /** Dashes of the outline, for the rest of a group whose split was not reported. */
  strokeDasharray?: string | undefined;
  /** Its shape in forced colours (FORCED_CLASS). */
  className: string;
}

/**
 * Formal action filled in its colour; any other reported outcome outlined in
 * ink; the undivided rest of a group outlined in dashes. Shape tells them
 * apart as well as colour and lightness, as in forced colours (charts.css).
 */
export function outcomeStyle(outcome: Outcome): UnitStyle {
  if (!outcome.split_published) {
    return {
      fill: CHART_COLORS.notBrokenDown,
      fillOpacity: 0.15,
      stroke: CHART_COLORS.notBrokenDown,
      strokeWidth: 1.5,
      strokeDasharray: "3 1.5",
      className: FORCED_CLASS.dashed,
    };
  }
  return outcome.id === FORMAL_ACTION_ID
    ? { fill: CHART_COLORS.formalAction, strokeWidth: 0, className: FORCED_CLASS.solid }
    : { fill: "none", stroke: INK, strokeWidth: 1.5, className: FORCED_CLASS.outline };
}

/** The outcome id the data uses for formal action (outcomes.csv). */
export const FORMAL_ACTION_ID = ROW_IDS.formalAction;

/** A top-level group with its reported parts, in table order. */
export interface OutcomeGroup {
  outcome: Outcome;
  parts: Outcome[];
}

/** The top-level groups (part_of empty), each with the groups that are part of it. */
export function outcomeGroups(outcomes: readonly Outcome[]): OutcomeGroup[] {
  return outcomes
    .filter((outcome) => outcome.part_of === null)
    .map((outcome) => ({ outcome, parts: outcomes.filter((part) => part.part_of === outcome.id) }));
}

/** One unit per case of a group: its reported parts first, then the rest of the group, filling rows of `perRow`. */
export function groupUnits(group: OutcomeGroup, outcomes: readonly Outcome[], perRow: number): OutcomeUnit[] {
  const { outcome } = group;
  const of = outcome.count.toLocaleString("en-GB");
  const kinds = [
    ...group.parts.map((part) => ({ source: part, count: part.count, note: `, ${part.label.toLowerCase()}` })),
    {
      source: outcome,
      count: outcome.count - group.parts.reduce((sum, part) => sum + part.count, 0),
      note: outcome.split_published ? "" : ` (${SPLIT_NOT_REPORTED})`,
    },
  ];
  const units: OutcomeUnit[] = [];
  for (const kind of kinds) {
    const style = outcomeStyle(kind.source);
    const row = outcomes.indexOf(kind.source);
    for (let i = 0; i < kind.count; i++) {
      const index = units.length;
      units.push({
        group: outcome.id,
        row,
        label: `${outcome.label}: case ${(index + 1).toLocaleString("en-GB")} of ${of}${kind.note}`,
        style,
        column: index % perRow,
        line: Math.floor(index / perRow),
      });
    }
  }
  return units;
}

export interface OutcomesChartOptions extends ChartOptions {
  /** The reported share that ended in a sacking or retirement (figures.csv), shown as an annotation. */
  reportedShare?: Figure;
}

/** Grid pitch in px. */
const CELL = 13;
/** Side of a square in px. */
const SQUARE = 10;
/** The most squares a grid's row holds, however wide the drawing (a share image's): a grid reads as a block, not a strip. */
const MAX_PER_ROW = 27;

/** Draws the chart: see the module comment. */
export function outcomesChart(
  outcomes: readonly Outcome[],
  { width, document, reportedShare }: OutcomesChartOptions,
): SVGSVGElement {
  const perRow = Math.min(MAX_PER_ROW, Math.max(1, Math.floor((width + CELL - SQUARE) / CELL)));
  const geo = { perRow, cell: CELL, square: SQUARE };
  const total = outcomes.reduce((sum, outcome) => sum + (outcome.part_of === null ? outcome.count : 0), 0);
  const texts: TextLine[] = [];
  const marks: Plot.Markish[] = [];
  const inset = (geo.cell - geo.square) / 2;

  /** A key square drawn in a style, beside a line of text whose top is `top`. */
  const keySquare = (style: UnitStyle, top: number, size: number) => {
    const centre = top + size * 0.65;
    const half = style.strokeWidth / 2;
    marks.push(
      Plot.rect([0], {
        x1: () => half,
        x2: () => geo.square - half,
        y1: () => centre - geo.square / 2 + half,
        y2: () => centre + geo.square / 2 - half,
        ...style,
        rx: 1.5,
      }),
    );
  };

  // Key: what one square is.
  keySquare({ fill: INK, fillOpacity: 0.6, strokeWidth: 0, className: FORCED_CLASS.solid }, 0, TYPE.small);
  const key = paragraph(`Each square is one of ${formatFact(countFact(total, "", ""))} substantiated breaches`, {
    x: geo.square + 6,
    top: 0,
    width: width - geo.square - 6,
    size: TYPE.small,
    muted: true,
  });
  texts.push(...key.lines);
  let y = key.bottom + 18;

  for (const group of outcomeGroups(outcomes)) {
    const { outcome } = group;
    const top = y;

    // Direct label: the reported count and, beside it when it fits, the group; then a key line for
    // each kind of square in it.
    const numberText = formatFact(countFact(outcome.count, outcome.source, outcome.label));
    const number = paragraph(numberText, { x: 0, top, width, size: TYPE.number, bold: true });
    const besideX = textWidth(number.lines.at(-1)!.text, TYPE.number, true) + 8;
    const beside = number.lines.length === 1 && besideX + textWidth(outcome.label, TYPE.label) <= width;
    const name = beside
      ? paragraph(outcome.label, {
          x: besideX,
          // Its baseline on the number's (Plot sets text 0.32em below the middle of its line box).
          top: top + (TYPE.number - TYPE.label) * (LINE_HEIGHT / 2 + 0.32),
          width: width - besideX,
          size: TYPE.label,
        })
      : paragraph(outcome.label, { x: 0, top: number.bottom, width, size: TYPE.label });
    texts.push(...number.lines, ...name.lines);
    let labelBottom = beside ? number.bottom : name.bottom;
    const keyLines = [
      ...group.parts.map((part) => ({
        style: outcomeStyle(part),
        text: `${part.label}: ${formatFact(countFact(part.count, part.source, part.label))}`,
      })),
      ...(outcome.split_published
        ? []
        : [
            {
              style: outcomeStyle(outcome),
              // Roman like the key's other lines (its words and dashed square say what it is): an italic
              // here would be the first screen's only sans italic, a face of its own to set up (issue 25).
              text: capitalise(`${group.parts.length ? "the rest: " : ""}${SPLIT_NOT_REPORTED}`),
            },
          ]),
    ];
    for (const line of keyLines) {
      const keyTop = labelBottom + 4;
      keySquare(line.style, keyTop, TYPE.small);
      const words = paragraph(line.text, {
        x: geo.square + 6,
        top: keyTop,
        width: width - geo.square - 6,
        size: TYPE.small,
      });
      texts.push(...words.lines);
      labelBottom = words.bottom;
    }

    const gridTop = labelBottom + 6;
    const units = groupUnits(group, outcomes, geo.perRow);
    // One Plot mark per style, so each keeps its own fill and outline.
    for (const style of new Set(units.map((unit) => unit.style))) {
      const styled = units.filter((unit) => unit.style === style);
      const half = style.strokeWidth / 2;
      marks.push(
        Plot.rect(styled, {
          x1: (unit: OutcomeUnit) => unit.column * geo.cell + inset + half,
          x2: (unit: OutcomeUnit) => unit.column * geo.cell + inset + geo.square - half,
          y1: (unit: OutcomeUnit) => gridTop + unit.line * geo.cell + inset + half,
          y2: (unit: OutcomeUnit) => gridTop + unit.line * geo.cell + inset + geo.square - half,
          ...style,
          rx: 1.5,
          className: `met-chart-units ${style.className}`,
          render: withDatumAttributes(styled, (unit) => ({
            datum: `${unit.group}-${units.indexOf(unit) + 1}`,
            row: unit.row,
            label: unit.label,
          })),
        }),
      );
    }
    const gridBottom = gridTop + Math.ceil(outcome.count / geo.perRow) * geo.cell;
    y = gridBottom + 18;
  }

  // The reported share, in words: it spans groups and names no cases.
  if (reportedShare) {
    const ruleY = y;
    marks.push(
      Plot.ruleY([0], {
        y: () => ruleY,
        x1: () => 0,
        x2: () => width,
        stroke: "currentColor",
        strokeOpacity: 0.3,
        className: FLUID_CLASS,
      }),
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
      { x: 0, top: y + 10, width, size: TYPE.label, bold: true, role: "note" },
    );
    const detail = paragraph(
      [reportedShare.note, "The source does not say which cases these were, so no squares are marked."]
        .filter(Boolean)
        .join(" "),
      { x: 0, top: headline.bottom + 2, width, size: TYPE.small, muted: true, role: "note" },
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
  return finishChart(svg, OUTCOMES_CHART_ID);
}
