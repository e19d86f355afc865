/**
 * Workforce: the Met's three workforce groups at the time of the story
 * (approximate headcounts, as reported) as bars labelled directly. Context
 * only: no split of the breaches by role was reported, so the chart sets no
 * breach figure beside the bars and says so. (A rate of breaches per
 * employee would mislead: breaches over almost five years against one
 * headcount, breaches rather than people, and staff such as special
 * constables outside the three groups.)
 *
 * Layouts: labels sit above the bars in both; the narrow one is shorter
 * and its text wraps sooner.
 */
import * as Plot from "@observablehq/plot";
import type { WorkforceGroup } from "../data/schema.ts";
import { countFact, plainFactText, type Fact } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, FORCED_CLASS, chartType, chartVariant, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS } from "./palette.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";
import { textWidth } from "./text-metrics.ts";

/** Chart id, as registered. */
export const WORKFORCE_CHART_ID = "workforce";

/** A headcount as a Fact: "about 31,000". */
export function headcountFact(group: WorkforceGroup): Fact {
  return countFact(group.count, group.source, `Workforce as reported: ${group.label}`, group.approximate);
}

export type WorkforceChartOptions = ChartOptions;

/** What a bar says about itself (its data-label). */
export function groupLabel(group: WorkforceGroup): string {
  return `${group.label}: ${plainFactText(headcountFact(group))} employees`;
}

/** Draws the chart: see the module comment. */
export function workforceChart(
  workforce: readonly WorkforceGroup[],
  { width, document }: WorkforceChartOptions,
): SVGSVGElement {
  const TYPE = chartType(width);
  const wide = chartVariant(width) === "wide";
  const barHeight = wide ? 24 : 20;
  const max = Math.max(...workforce.map((group) => group.count));
  const valueTexts = workforce.map((group) => plainFactText(headcountFact(group)));
  const valueRoom = Math.max(...valueTexts.map((text) => textWidth(text, TYPE.label, true))) + 12;
  const barMax = width - valueRoom;
  const texts: TextLine[] = [];
  const bars: { group: WorkforceGroup; row: number; y: number; length: number }[] = [];

  const intro = paragraph("Employees at the time of the story, by group; workforce as reported, rounded", {
    x: 0,
    top: 0,
    width,
    size: TYPE.small,
    muted: true,
  });
  texts.push(...intro.lines);
  let y = intro.bottom + 12;

  workforce.forEach((group, row) => {
    const name = paragraph(group.label, { x: 0, top: y, width, size: TYPE.label });
    texts.push(...name.lines);
    const barTop = name.bottom + 4;
    const length = (group.count / max) * barMax;
    bars.push({ group, row, y: barTop, length });
    texts.push({
      x: length + 8,
      y: barTop + barHeight / 2,
      text: valueTexts[row]!,
      size: TYPE.label,
      bold: true,
    });
    y = barTop + barHeight + 16;
  });

  const unknown = paragraph(
    "Our sources report no split of the breaches by role, so how many involved each group is not known.",
    {
      x: 0,
      top: y - 4,
      width,
      size: TYPE.small,
      italic: true,
    },
  );
  texts.push(...unknown.lines);

  const svg = Plot.plot({
    document,
    width,
    height: Math.ceil(unknown.bottom + 2),
    margin: 0,
    className: CHART_CLASS,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    marks: [
      Plot.rect(bars, {
        x1: 0,
        x2: (bar) => bar.length,
        y1: (bar) => bar.y,
        y2: (bar) => bar.y + barHeight,
        fill: CHART_COLORS.workforce,
        className: FORCED_CLASS.solid,
        render: withDatumAttributes(bars, (bar) => ({
          datum: bar.group.id,
          row: bar.row,
          label: groupLabel(bar.group),
        })),
      }),
      Plot.ruleX([0], { x: 0, y1: bars[0]!.y - 4, y2: bars.at(-1)!.y + barHeight + 4, stroke: "currentColor" }),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, WORKFORCE_CHART_ID, width);
}
