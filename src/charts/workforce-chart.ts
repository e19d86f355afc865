/**
 * Workforce: the Met's three workforce groups at the time (approximate
 * headcounts, as reported) as bars labelled directly, and what the total
 * number of breaches means per thousand employees. The rate is computed
 * from the data and hedged "about" because the headcounts are approximate.
 * No split of the breaches by role was published, so the chart gives no
 * rate per group and says so.
 *
 * Layouts: labels sit above the bars in both; the narrow one is shorter
 * and its text wraps sooner.
 */
import * as Plot from "@observablehq/plot";
import type { WorkforceGroup } from "../data/schema.ts";
import { countFact, decimalFact, plainFactText, type Fact } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { CHART_CLASS, TYPE, chartVariant, finishChart } from "./chart-frame.ts";
import { withDatumAttributes } from "./datum.ts";
import { CHART_COLORS } from "./palette.ts";
import { paragraph, textMarks, type TextLine } from "./text-marks.ts";
import { textWidth } from "./text-metrics.ts";
import { capitalise } from "./lookup.ts";

/** Chart id, as registered. */
export const WORKFORCE_CHART_ID = "workforce";

/** Breaches per this many employees. */
export const RATE_BASE = 1000;

/** The rate's base in words, so no number is typed into the text. */
export const RATE_BASE_WORDS = "thousand";

/** A headcount as a Fact: "about 31,000". */
export function headcountFact(group: WorkforceGroup): Fact {
  return countFact(group.count, group.source, `Headcount: ${group.label}`, group.approximate);
}

/** All three groups together; approximate if any headcount is. */
export function workforceTotalFact(workforce: readonly WorkforceGroup[]): Fact {
  const [first] = workforce;
  if (!first) throw new Error("Chart data: workforce.csv has no rows");
  return countFact(
    workforce.reduce((sum, group) => sum + group.count, 0),
    first.source,
    "All Met employees in the reported workforce groups (sum of workforce.csv)",
    workforce.some((group) => group.approximate),
  );
}

/** Breaches per thousand employees: total breaches / total workforce * 1,000, approximate with the workforce. */
export function ratePerThousandFact(breaches: Fact, workforce: readonly WorkforceGroup[]): Fact {
  const total = workforceTotalFact(workforce);
  return decimalFact(
    (breaches.value / total.value) * RATE_BASE,
    breaches.source,
    `Substantiated breaches per ${RATE_BASE_WORDS} Met employees, computed: breaches divided by employees, times a ${RATE_BASE_WORDS}`,
    Boolean(total.approximate || breaches.approximate),
    1,
  );
}

export interface WorkforceChartOptions extends ChartOptions {
  /** The total of substantiated breaches (figures.csv), for the rate. */
  breaches: Fact;
  /** The period the breaches cover, in words ("January 2009 to October 2013"), from periods.csv. */
  period: string;
}

/** What a bar says about itself (its data-label). */
export function groupLabel(group: WorkforceGroup): string {
  return `${group.label}: ${plainFactText(headcountFact(group))} employees`;
}

/** Draws the chart: see the module comment. */
export function workforceChart(
  workforce: readonly WorkforceGroup[],
  { width, document, breaches, period }: WorkforceChartOptions,
): SVGSVGElement {
  const wide = chartVariant(width) === "wide";
  const barHeight = wide ? 24 : 20;
  const max = Math.max(...workforce.map((group) => group.count));
  const valueTexts = workforce.map((group) => plainFactText(headcountFact(group)));
  const valueRoom = Math.max(...valueTexts.map((text) => textWidth(text, TYPE.label, true))) + 12;
  const barMax = width - valueRoom;
  const texts: TextLine[] = [];
  const bars: { group: WorkforceGroup; row: number; y: number; length: number }[] = [];

  const total = workforceTotalFact(workforce);
  const intro = paragraph(`${capitalise(plainFactText(total))} employees at the time, by group`, {
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

  // The rate, set apart below a rule: a number about all employees, not about any bar.
  const ruleY = y + 4;
  const rate = ratePerThousandFact(breaches, workforce);
  const rateRow = workforce.length;
  const rateY = ruleY + 16 + TYPE.number * 0.65;
  const rateText = capitalise(plainFactText(rate));
  const rateMark = { x: 0, y: rateY, text: rateText };
  const rateWidth = textWidth(rateText, TYPE.number, true);
  const besideRate = wide ? rateWidth + 6 : 0;
  const rateWords = paragraph(
    `breaches per ${RATE_BASE_WORDS} employees, ${period}`,
    wide
      ? // Sits on the big number's baseline: text is centred on 0.32em, which differs with size.
        {
          x: besideRate,
          top: rateY - TYPE.label * 0.65 + (TYPE.number - TYPE.label) * 0.32,
          width: width - besideRate,
          size: TYPE.label,
        }
      : { x: 0, top: rateY + TYPE.number * 0.65 + 2, width, size: TYPE.label },
  );
  const how = paragraph(
    `${plainFactText(breaches)} substantiated breaches divided by ${plainFactText(total)} employees. ` +
      "Approximate, because the headcounts are.",
    { x: 0, top: Math.max(rateWords.bottom, rateY + TYPE.number * 0.65) + 6, width, size: TYPE.small, muted: true },
  );
  const unknown = paragraph("No split of the breaches by role was published, so a rate for each group is not known.", {
    x: 0,
    top: how.bottom + 4,
    width,
    size: TYPE.small,
    italic: true,
  });
  texts.push(...rateWords.lines, ...how.lines, ...unknown.lines);

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
        render: withDatumAttributes(bars, (bar) => ({
          datum: bar.group.id,
          row: bar.row,
          label: groupLabel(bar.group),
        })),
      }),
      Plot.ruleX([0], { x: 0, y1: bars[0]!.y - 4, y2: bars.at(-1)!.y + barHeight + 4, stroke: "currentColor" }),
      Plot.ruleY([0], { y: ruleY, x1: 0, x2: width, stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.text([rateMark], {
        x: "x",
        y: "y",
        text: "text",
        fontSize: TYPE.number,
        fontWeight: "bold",
        textAnchor: "start",
        lineAnchor: "middle",
        fill: "currentColor",
        render: withDatumAttributes([rateMark], () => ({
          datum: "rate-per-thousand",
          row: rateRow,
          label: `${rateText} breaches per ${RATE_BASE_WORDS} employees (computed; approximate)`,
        })),
      }),
      ...textMarks(texts),
    ],
  }) as SVGSVGElement;
  return finishChart(svg, WORKFORCE_CHART_ID, width);
}
