/**
 * How each chart is computed, in words, for the data page's method section.
 * The registry (src/charts/registry.ts) has no method field, so the text
 * lives here, keyed by chart id; a chart without an entry fails the build
 * (see chartMethods), so a new chart cannot go out unexplained.
 */
import type { ChartDefinition } from "../../charts/registry.ts";

const CHART_METHODS: Readonly<Record<string, string>> = {
  outcomes:
    "One dot for each substantiated breach, in the outcome groups the Met reported (outcomes.csv): the dots in a " +
    "group are its count, nothing is estimated. The group whose split between outcomes was never published is " +
    "drawn as one group, not divided.",
};

/** A chart with the text that says how it is computed. */
export interface ChartMethod {
  chart: ChartDefinition;
  method: string;
}

/** The method text of every chart, in registry order; throws naming every chart that has none. */
export function chartMethods(charts: readonly ChartDefinition[]): ChartMethod[] {
  const missing = charts.filter((chart) => !Object.hasOwn(CHART_METHODS, chart.id)).map((chart) => chart.id);
  if (missing.length > 0) {
    throw new Error(
      `No method text for chart${missing.length === 1 ? "" : "s"} ${missing.map((id) => `"${id}"`).join(", ")}: ` +
        "add an entry to CHART_METHODS in src/components/data/chart-methods.ts saying how the chart is computed.",
    );
  }
  return charts.map((chart) => ({ chart, method: CHART_METHODS[chart.id]! }));
}
