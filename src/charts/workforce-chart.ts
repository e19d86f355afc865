/**
 * Workforce: the Met's three workforce groups at the time of the story
 * (approximate headcounts, as reported) as bars labelled directly. Context
 * only: no split of the breaches by role was reported, so the chart sets no
 * breach figure beside the bars and says so. (A rate of breaches per
 * employee would mislead: breaches over almost five years against one
 * headcount, breaches rather than people, and staff such as special
 * constables outside the three groups.)
 *
 * One layout for every width: each bar's label and value sit above it, and
 * the bars stretch with the page (FLUID_CLASS), so nothing collides at the
 * narrowest width and no text scales.
 */
import * as Plot from "@observablehq/plot";
import type { WorkforceGroup } from "../data/schema.ts";
import { countFact, plainFactText, type Fact } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, CHART_TYPE as TYPE, FLUID_CLASS, FORCED_CLASS, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS } from "./palette.ts";
import { labelledValue, paragraph, textMarks, type TextLine } from "./text-marks.ts";

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
  const barHeight = 18;
  const max = Math.max(...workforce.map((group) => group.count));
  const texts: TextLine[] = [];
  const bars: { group: WorkforceGroup; row: number; y: number; length: number }[] = [];

  const intro = paragraph("Employees at the time of the story, by group; workforce as reported, rounded", {
    x: 0,
    top: 0,
    width,
    size: TYPE.small,
    muted: true,
    role: "note",
  });
  texts.push(...intro.lines);
  let y = intro.bottom + 12;

  workforce.forEach((group, row) => {
    const label = labelledValue(group.label, plainFactText(headcountFact(group)), {
      x: 0,
      top: y,
      width,
      size: TYPE.label,
    });
    texts.push(...label.lines);
    const barTop = label.bottom + 3;
    bars.push({ group, row, y: barTop, length: (group.count / max) * width });
    y = barTop + barHeight + 14;
  });

  const unknown = paragraph(
    "Our sources report no split of the breaches by role, so how many involved each group is not known.",
    {
      x: 0,
      top: y - 4,
      width,
      size: TYPE.small,
      italic: true,
      role: "note",
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
        className: `${FORCED_CLASS.solid} ${FLUID_CLASS}`,
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
  return finishChart(svg, WORKFORCE_CHART_ID);
}
