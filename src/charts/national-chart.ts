/**
 * National context: Big Brother Watch's figures for all UK forces, which
 * cover a different period and count breaches by a different definition
 * from the Met figures. The chart says so in its own first line, so the
 * caveat travels with every embed. Two panels of bars on one scale
 * (both count breaches): how the breaches ended, and the forces with the
 * most. Only reported figures are drawn: the listed outcomes do not add up
 * to the total, and the reports do not say whether they overlap or what the
 * rest were, so no remainder is computed or drawn; a note says so.
 */
import * as Plot from "@observablehq/plot";
import type { NationalRow } from "../data/schema.ts";
import { countFact, percentFact, plainFactText, type Fact } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, CHART_TYPE as TYPE, FLUID_CLASS, FORCED_CLASS, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS } from "./palette.ts";
import { labelledValue, paragraph, textMarks, type TextLine } from "./text-marks.ts";

/** Chart id, as registered. */
export const NATIONAL_CHART_ID = "national";

/** One bar of the chart, in drawing order (which is also the order of the chart's table). */
export interface NationalBar {
  id: string;
  section: "outcome" | "force";
  label: string;
  count: Fact;
  /** The share as reported, if it was. */
  percent: Fact | null;
}

/** The total row (national.csv, measure=total). */
export function nationalTotal(rows: readonly NationalRow[]): NationalRow {
  const total = rows.find((row) => row.measure === "total");
  if (!total) throw new Error("Chart data: national.csv has no row with measure=total");
  return total;
}

const countOf = (row: NationalRow) => countFact(row.count, row.source, `${row.label} (Big Brother Watch)`);

const reportedPercent = (row: NationalRow): Fact | null =>
  row.reported_percent === null
    ? null
    : percentFact(row.reported_percent, row.source, `${row.label}: share of all breaches, as reported`);

/** The outcome bars, then the force bars, as reported. */
export function nationalBars(rows: readonly NationalRow[]): NationalBar[] {
  const bar = (row: NationalRow, section: NationalBar["section"]): NationalBar => ({
    id: row.id,
    section,
    label: row.label,
    count: countOf(row),
    percent: reportedPercent(row),
  });
  return [
    ...rows.filter((row) => row.measure === "outcome").map((row) => bar(row, "outcome")),
    ...rows.filter((row) => row.measure === "force").map((row) => bar(row, "force")),
  ];
}

/** The number written at a bar's end: "1,283 (55%)". */
export function barValue(bar: NationalBar): string {
  const count = plainFactText(bar.count);
  return bar.percent ? `${count} (${plainFactText(bar.percent)})` : count;
}

/** What a bar says about itself (its data-label). */
export function barLabel(bar: NationalBar): string {
  const share = bar.percent ? `, ${plainFactText(bar.percent)} of all breaches as reported` : "";
  return `${bar.label}: ${plainFactText(bar.count)} breaches${share}`;
}

export interface NationalChartOptions extends ChartOptions {
  /** The period in words ("1 June 2011 to 31 December 2015"), from periods.csv. */
  period: string;
}

/** Drawn at this width or more, the two panels sit side by side (only share images draw so wide). */
export const SIDE_BY_SIDE_MIN_WIDTH = 900;
const PANEL_GAP = 48;

/** Draws the chart: see the module comment. */
export function nationalChart(
  rows: readonly NationalRow[],
  { width, document, period }: NationalChartOptions,
): SVGSVGElement {
  const barHeight = 14;
  const bars = nationalBars(rows);
  const total = nationalTotal(rows);
  const max = Math.max(...bars.map((bar) => bar.count.value));
  // Drawn very wide (a share image's landscape frame, never a page), the two panels sit side by
  // side so the chart stays short enough for its text to be read at thumbnail size.
  const sideBySide = width >= SIDE_BY_SIDE_MIN_WIDTH;
  const panelWidth = sideBySide ? (width - PANEL_GAP) / 2 : width;
  // Labels and values sit above the bars, so the longest bar takes the panel's whole width.
  const scale = (count: number) => (count / max) * panelWidth;
  const texts: TextLine[] = [];
  const placed: (NationalBar & { x: number; y: number; row: number })[] = [];
  const rules: { x: number; y: number }[] = [];

  // The caveat first: it must travel with the chart wherever it is shown.
  const caveat = paragraph(
    `All UK police forces, ${period}, as counted by Big Brother Watch: a different period and definition from the Met figures, not a like-for-like comparison.`,
    { x: 0, top: 0, width, size: TYPE.small, italic: true, role: "note" },
  );
  texts.push(...caveat.lines);
  const sectionsTop = caveat.bottom + 12;
  let y = sectionsTop;
  let bottom = y;

  const sections = [
    { section: "outcome", heading: `Outcomes reported, of ${plainFactText(countOf(total))} breaches in all` },
    { section: "force", heading: "Forces with the most breaches" },
  ] as const;
  let x = 0;
  for (const { section, heading } of sections) {
    const inSection = bars.filter((bar) => bar.section === section);
    if (inSection.length === 0) continue;
    rules.push({ x, y });
    const head = paragraph(heading, {
      x,
      top: y + 6,
      width: panelWidth,
      size: TYPE.label,
      bold: true,
      role: "heading",
    });
    texts.push(...head.lines);
    y = head.bottom + 6;
    for (const bar of inSection) {
      const label = labelledValue(bar.label, barValue(bar), { x, top: y, width: panelWidth, size: TYPE.label });
      texts.push(...label.lines);
      const barTop = label.bottom + 3;
      placed.push({ ...bar, x, y: barTop, row: bars.indexOf(bar) });
      y = barTop + barHeight + 10;
    }
    y += 8;
    bottom = Math.max(bottom, y);
    if (sideBySide) {
      x += panelWidth + PANEL_GAP;
      y = sectionsTop;
    }
  }

  const svg = Plot.plot({
    document,
    width,
    height: Math.ceil(bottom - 17),
    margin: 0,
    className: CHART_CLASS,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    marks: [
      Plot.ruleY(rules, {
        y: "y",
        x1: "x",
        x2: (rule) => rule.x + panelWidth,
        stroke: "currentColor",
        strokeOpacity: 0.3,
        className: FLUID_CLASS,
      }),
      Plot.rect(placed, {
        x1: (bar) => bar.x,
        x2: (bar) => bar.x + scale(bar.count.value),
        y1: (bar) => bar.y,
        y2: (bar) => bar.y + barHeight,
        fill: CHART_COLORS.national,
        className: `${FORCED_CLASS.solid} ${FLUID_CLASS}`,
        render: withDatumAttributes(placed, (bar) => ({ datum: bar.id, row: bar.row, label: barLabel(bar) })),
      }),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, NATIONAL_CHART_ID);
}
