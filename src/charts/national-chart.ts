/**
 * National context: Big Brother Watch's figures for all UK forces, which
 * cover a different period and count breaches by a different definition
 * from the Met figures. The chart says so in its own first line, so the
 * caveat travels with every embed. Two panels of bars on one scale
 * (both count breaches): how the breaches ended, and the forces with the
 * most. The part of the total the listed outcomes do not cover is computed
 * (total minus the listed outcomes) and drawn as a dashed outline, labelled
 * "not given in the reported figures": it is a gap in the reporting, not an
 * outcome.
 */
import * as Plot from "@observablehq/plot";
import type { NationalRow } from "../data/schema.ts";
import { countFact, percentFact, plainFactText, type Fact } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, TYPE, chartVariant, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS } from "./palette.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";
import { textWidth } from "./text-metrics.ts";

/** Chart id, as registered. */
export const NATIONAL_CHART_ID = "national";

/** Id and label of the computed remainder of the outcomes. */
export const NOT_GIVEN = {
  id: "outcome-not-given",
  label: "Outcome not given in the reported figures",
  how: "the total minus the outcomes listed above",
} as const;

/** One bar of the chart, in drawing order (which is also the order of the chart's table). */
export interface NationalBar {
  id: string;
  section: "outcome" | "force";
  label: string;
  count: Fact;
  /** The share as reported, or, for the computed remainder, as computed. */
  percent: Fact | null;
  /** True for the remainder computed from the total: not a reported figure. */
  computed: boolean;
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

/** The outcome bars, the computed remainder, then the force bars. */
export function nationalBars(rows: readonly NationalRow[]): NationalBar[] {
  const total = nationalTotal(rows);
  const outcomes = rows.filter((row) => row.measure === "outcome");
  const forces = rows.filter((row) => row.measure === "force");
  const listed = outcomes.reduce((sum, row) => sum + row.count, 0);
  if (listed > total.count) throw new Error("Chart data: national outcomes add up to more than the total");
  const remainder = total.count - listed;
  const bars: NationalBar[] = outcomes.map((row) => ({
    id: row.id,
    section: "outcome",
    label: row.label,
    count: countOf(row),
    percent: reportedPercent(row),
    computed: false,
  }));
  if (remainder > 0) {
    bars.push({
      id: NOT_GIVEN.id,
      section: "outcome",
      label: NOT_GIVEN.label,
      count: countFact(remainder, total.source, `${NOT_GIVEN.label}: ${NOT_GIVEN.how} (computed)`),
      percent: percentFact(
        (remainder / total.count) * 100,
        total.source,
        `${NOT_GIVEN.label}: share of all breaches (computed)`,
      ),
      computed: true,
    });
  }
  return [
    ...bars,
    ...forces.map((row) => ({
      id: row.id,
      section: "force" as const,
      label: row.label,
      count: countOf(row),
      percent: reportedPercent(row),
      computed: false,
    })),
  ];
}

/** The number written at a bar's end: "1,283 (55%)". */
export function barValue(bar: NationalBar): string {
  const count = plainFactText(bar.count);
  return bar.percent ? `${count} (${plainFactText(bar.percent)})` : count;
}

/** What a bar says about itself (its data-label). */
export function barLabel(bar: NationalBar): string {
  const share = bar.percent
    ? `, ${plainFactText(bar.percent)} of all breaches${bar.computed ? "" : " as reported"}`
    : "";
  const how = bar.computed ? ` (computed: ${NOT_GIVEN.how})` : "";
  return `${bar.label}: ${plainFactText(bar.count)} breaches${share}${how}`;
}

export interface NationalChartOptions extends ChartOptions {
  /** The period in words ("1 June 2011 to 31 December 2015"), from periods.csv. */
  period: string;
}

/** Draws the chart: see the module comment. */
export function nationalChart(
  rows: readonly NationalRow[],
  { width, document, period }: NationalChartOptions,
): SVGSVGElement {
  const wide = chartVariant(width) === "wide";
  const barHeight = wide ? 20 : 18;
  const bars = nationalBars(rows);
  const total = nationalTotal(rows);
  const max = Math.max(...bars.map((bar) => bar.count.value));
  const valueRoom = Math.max(...bars.map((bar) => textWidth(barValue(bar), TYPE.label, true))) + 12;
  const scale = (count: number) => (count / max) * (width - valueRoom);
  const texts: TextLine[] = [];
  const placed: (NationalBar & { y: number; row: number })[] = [];
  const rules: { y: number }[] = [];

  // The caveat first: it must travel with the chart wherever it is shown.
  const caveat = paragraph(
    `All UK police forces, ${period}, as counted by Big Brother Watch: a different period and definition from the Met figures, not a like-for-like comparison.`,
    { x: 0, top: 0, width, size: TYPE.small, italic: true },
  );
  texts.push(...caveat.lines);
  let y = caveat.bottom + 16;

  const sections = [
    { section: "outcome", heading: `How the ${plainFactText(countOf(total))} breaches ended` },
    { section: "force", heading: "Forces with the most breaches" },
  ] as const;
  for (const { section, heading } of sections) {
    const inSection = bars.filter((bar) => bar.section === section);
    if (inSection.length === 0) continue;
    rules.push({ y });
    const head = paragraph(heading, { x: 0, top: y + 8, width, size: TYPE.label, bold: true });
    texts.push(...head.lines);
    y = head.bottom + 8;
    for (const bar of inSection) {
      const name = paragraph(bar.label, { x: 0, top: y, width, size: TYPE.label });
      texts.push(...name.lines);
      let bottom = name.bottom;
      if (bar.computed) {
        const how = paragraph(`Computed: ${NOT_GIVEN.how}`, {
          x: 0,
          top: bottom,
          width,
          size: TYPE.small,
          muted: true,
        });
        texts.push(...how.lines);
        bottom = how.bottom;
      }
      const barTop = bottom + 3;
      placed.push({ ...bar, y: barTop, row: bars.indexOf(bar) });
      texts.push({
        x: scale(bar.count.value) + 8,
        y: barTop + barHeight / 2,
        text: barValue(bar),
        size: TYPE.label,
        bold: true,
      });
      y = barTop + barHeight + 14;
    }
    y += 10;
  }

  const reported = placed.filter((bar) => !bar.computed);
  const computed = placed.filter((bar) => bar.computed);
  const datum = (list: typeof placed) =>
    withDatumAttributes(list, (bar) => ({ datum: bar.id, row: bar.row, label: barLabel(bar) }));
  const half = 0.75;

  const svg = Plot.plot({
    document,
    width,
    height: Math.ceil(y - 24),
    margin: 0,
    className: CHART_CLASS,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    marks: [
      Plot.ruleY(rules, { y: "y", x1: 0, x2: width, stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.rect(reported, {
        x1: 0,
        x2: (bar) => scale(bar.count.value),
        y1: (bar) => bar.y,
        y2: (bar) => bar.y + barHeight,
        fill: CHART_COLORS.national,
        render: datum(reported),
      }),
      // A gap in the reporting, not an outcome: an empty, dashed outline.
      Plot.rect(computed, {
        x1: half,
        x2: (bar) => scale(bar.count.value) - half,
        y1: (bar) => bar.y + half,
        y2: (bar) => bar.y + barHeight - half,
        fill: "none",
        stroke: CHART_COLORS.neutral,
        strokeWidth: 1.5,
        strokeDasharray: "4 3",
        render: datum(computed),
      }),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, NATIONAL_CHART_ID, width);
}
