/**
 * How each chart is computed, in words, for the data page's method section.
 * The registry (src/charts/registry.ts) has no method field, so the text
 * lives here, keyed by chart id; a chart without an entry fails the build
 * (see chartMethods), so a new chart cannot go out unexplained.
 */
import type { ChartDefinition } from "../../charts/registry.ts";

const CHART_METHODS: Readonly<Record<string, string>> = {
  outcomes:
    "One square for each substantiated breach, in the outcome groups the force reported (outcomes.csv): a " +
    "group's squares are its count, and nothing is estimated. The group whose split between outcomes was never " +
    "published is drawn as one outlined group, not divided. The reported share that ended in a sacking or " +
    "retirement (figures.csv) is given in words and marks no squares, because the source does not say which " +
    "cases these were.",
  "breach-types":
    "One square for each individual case the force described (cases.csv), in rows by the breach type we filed " +
    "it under (categories.csv, in its sort order). A filled square is a case whose outcome the source states; " +
    "an outlined square, one whose outcome it does not. A row the source describes as several cases, without a " +
    "number, is counted once, with a second square stacked behind it, because how many it stands for is not " +
    "known. These are the examples the force chose to describe, not a breakdown of all the breaches.",
  workforce:
    "One bar for each workforce group, at the headcount the source reported (workforce.csv), rounded as it " +
    "was. The rate is computed by us: the reported total of breaches (figures.csv) divided by the sum of the " +
    "headcounts, times a thousand, over the whole period; it is approximate because the headcounts are. No " +
    "split of the breaches by role was published, so no group has a rate of its own.",
  national:
    "Bars for the outcomes and the forces Big Brother Watch reported for all UK police forces (national.csv), " +
    "with the shares as it reported them. Where the listed outcomes add up to less than its total, the rest is " +
    "shown as one bar, computed by us as the total minus the listed outcomes. The computed share column is each " +
    "count divided by the total. A different period and definition from the Met figures: context, not a " +
    "comparison.",
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
