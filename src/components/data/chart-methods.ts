/**
 * How each chart is computed, in words, for the data page's method section.
 * The registry (src/charts/registry.ts) has no method field, so the text
 * lives here, keyed by chart id; a chart without an entry fails the build
 * (see chartMethods), so a new chart cannot go out unexplained.
 */
import type { ChartDefinition } from "../../charts/registry.ts";
import type { Dataset } from "../../data/schema.ts";
import { CASE_THRESHOLD, MAX_SQUARES, isPaged } from "../../lib/case-scale.ts";

const CHART_METHODS: Readonly<Record<string, string>> = {
  outcomes:
    "We draw one square for each substantiated breach, in the top-level outcome groups the Press Association " +
    "reported (outcomes.csv): a group’s squares are its reported count, and we estimate nothing. " +
    "We draw a reported part of a group (the cases of no further action) first inside it. " +
    "We draw the rest of a group whose split between outcomes was not reported as one outlined block, not divided, " +
    "and do not write its size. " +
    "We give the reported share that ended in a sacking or retirement (figures.csv) in words and mark no squares " +
    "for it, because the source does not say which cases these were. " +
    "The share column of its table is our calculation: each group’s cases divided by the reported total.",
  "breach-types":
    "One square for each example the Press Association’s report describes (cases.csv), in rows by the breach type we " +
    "filed it under (categories.csv, in its sort order). " +
    "In our chart, a square in the formal-action colour is an example that ended in formal action; a square in the " +
    "text colour, one with another stated outcome; an outlined square, one whose outcome the report does not state. " +
    "We count an example the Press Association’s report describes as several cases, without a number, once, with " +
    "a second square stacked behind it, because how many it stands for is not known. " +
    "The counts of examples are ours. " +
    "Our chart shows examples, not a breakdown of all the breaches.",
  workforce:
    "We draw one bar for each workforce group, at the number the source reported (workforce.csv), rounded as it was. " +
    "We set no breach figure against the bars: no split of the breaches by role was reported, and a rate over the " +
    "whole workforce would set the breaches of the whole period against the workforce at one moment.",
  national:
    "We draw bars for the outcomes and the forces Big Brother Watch reported from its requests to every UK police " +
    "force, as Inforrm and Computer Weekly reported them (national.csv), with the shares as reported. " +
    "We draw only reported figures: the listed outcomes do not add up to the total, and we compute no remainder. " +
    "Its period and definitions differ from the Met figures’, so we show it as context, not a comparison.",
};

/** A chart with the text that says how it is computed. */
export interface ChartMethod {
  chart: ChartDefinition;
  method: string;
}

/**
 * What replaces a method's text when the data has more cases than are drawn one by one
 * (src/lib/case-scale.ts): the breach-types chart then draws one square for several examples.
 */
const AGGREGATED_METHODS: Readonly<Record<string, string>> = {
  "breach-types":
    `With more than ${CASE_THRESHOLD.toLocaleString("en-GB")} examples, one square stands for several examples of one breach type ` +
    "and one outcome group (cases.csv, by the type we filed each under, in the sort order of categories.csv): " +
    "how many is our calculation, listed below, the smallest round number that keeps the chart within " +
    `${MAX_SQUARES.toLocaleString("en-GB")} squares. ` +
    "We draw the last square of each group as a part square, as wide as the share of a square it stands for. " +
    "In our chart, a square in the formal-action colour stands for examples that ended in formal action; a square " +
    "in the text colour, for another stated outcome; an outlined square, for examples whose outcome the report " +
    "does not state. " +
    "The counts of examples, and of those that stand for several cases, are ours, in the chart’s table. " +
    "Our chart shows examples, not a breakdown of all the breaches.",
};

/**
 * Every method text, the aggregated ones included, with its chart: what the data page's
 * sentence check (data-page-sources.ts) reads, whichever of them the data shows.
 */
export const METHOD_TEXTS: readonly { chart: string; aggregated: boolean; text: string }[] = [
  ...Object.entries(CHART_METHODS).map(([chart, text]) => ({ chart, aggregated: false, text })),
  ...Object.entries(AGGREGATED_METHODS).map(([chart, text]) => ({ chart, aggregated: true, text })),
];

/**
 * The method text of every chart, in registry order; throws naming every chart that has none.
 * With `data` past CASE_THRESHOLD cases, an aggregated chart's text says so.
 */
export function chartMethods(charts: readonly ChartDefinition[], data?: Dataset): ChartMethod[] {
  const missing = charts.filter((chart) => !Object.hasOwn(CHART_METHODS, chart.id)).map((chart) => chart.id);
  if (missing.length > 0) {
    throw new Error(
      `No method text for chart${missing.length === 1 ? "" : "s"} ${missing.map((id) => `"${id}"`).join(", ")}: ` +
        "add an entry to CHART_METHODS in src/components/data/chart-methods.ts saying how the chart is computed.",
    );
  }
  const aggregated = data !== undefined && isPaged(data.cases);
  return charts.map((chart) => ({
    chart,
    method: (aggregated ? AGGREGATED_METHODS[chart.id] : undefined) ?? CHART_METHODS[chart.id]!,
  }));
}
