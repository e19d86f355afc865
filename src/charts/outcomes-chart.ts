/**
 * Outcomes: a unit chart with one dot per substantiated breach, grouped by
 * the outcome groups the Met reported. The group whose split was never
 * published stays one group: it is not divided into invented counts.
 */
import * as Plot from "@observablehq/plot";
import type { Outcome } from "../data/schema.ts";
import type { ChartOptions } from "../lib/render-svg.ts";

/** One dot: one case, placed in its group's grid. */
export interface OutcomeUnit {
  outcome: string;
  label: string;
  /** 1-based number of the case within its group. */
  index: number;
  column: number;
  row: number;
}

/** Dots per row of each group's grid. */
export const UNITS_PER_ROW = 25;

/** One unit per case, in the order the groups are listed. */
export function outcomeUnits(outcomes: readonly Outcome[]): OutcomeUnit[] {
  return outcomes.flatMap((outcome) =>
    Array.from({ length: outcome.count }, (_, i) => ({
      outcome: outcome.id,
      label: outcome.label,
      index: i + 1,
      column: i % UNITS_PER_ROW,
      row: Math.floor(i / UNITS_PER_ROW),
    })),
  );
}

export function outcomesChart(outcomes: readonly Outcome[], { width, document }: ChartOptions): SVGSVGElement {
  const units = outcomeUnits(outcomes);
  return Plot.plot({
    document,
    width,
    marginLeft: 160,
    marginRight: 0,
    x: { axis: null, domain: Array.from({ length: UNITS_PER_ROW }, (_, i) => i), type: "band" },
    y: { axis: null, type: "band", reverse: false },
    fy: { label: null, domain: outcomes.map((outcome) => outcome.label), axis: "left" },
    marks: [
      Plot.dot(units, {
        x: "column",
        y: "row",
        fy: "label",
        r: 4,
        fill: "outcome",
      }),
    ],
  }) as SVGSVGElement;
}
