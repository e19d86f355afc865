/**
 * The chart registry: every chart declared once. The story, the embed pages,
 * the gallery, the oEmbed files and the per-chart downloads all iterate
 * CHARTS, so a surface that forgets a chart is impossible.
 *
 * Each entry lives beside its chart function (`<name>-entry.ts` next to
 * `<name>-chart.ts`); the contract is in chart-definition.ts.
 */
import type { ChartDefinition } from "./chart-definition.ts";
import { breachTypesEntry } from "./breach-types-entry.ts";
import { nationalEntry } from "./national-entry.ts";
import { outcomesEntry } from "./outcomes-entry.ts";
import { workforceEntry } from "./workforce-entry.ts";

export type { ChartColumn, ChartDefinition, ChartTable } from "./chart-definition.ts";
export { CHART_IMAGE_WIDTH, CHART_MIN_WIDTH } from "./chart-frame.ts";
export { DATUM_SELECTOR } from "./datum.ts";

/** Every chart, in the order the story shows them. */
export const CHARTS: readonly ChartDefinition[] = [outcomesEntry, breachTypesEntry, workforceEntry, nationalEntry];

/** Looks a chart up by id; an unknown id is a build error, never a silent gap. */
export function chartById(id: string): ChartDefinition {
  const chart = CHARTS.find((candidate) => candidate.id === id);
  if (!chart) throw new Error(`Unknown chart id "${id}"; known: ${CHARTS.map((c) => c.id).join(", ")}`);
  return chart;
}
