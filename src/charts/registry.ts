/**
 * The chart registry: every chart declared once. The story, the embed pages,
 * the gallery, the oEmbed files and the per-chart downloads all iterate
 * CHARTS, so a surface that forgets a chart is impossible.
 */
import type { Dataset } from "../data/schema.ts";
import type { Phrase } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";
import { outcomesChart } from "./outcomes-chart.ts";

/** A column of a chart's data table (and of its CSV/JSON download). */
export interface ChartColumn {
  /** Key in each row; also the CSV header. */
  key: string;
  /** Header a reader sees. */
  label: string;
  type: "string" | "integer" | "number";
}

/** The exact numbers behind a chart: its "Show the data" table and its download. */
export interface ChartTable {
  columns: ChartColumn[];
  rows: Record<string, string | number | null>[];
}

export interface ChartDefinition {
  /** URL-safe id: /embed/<id>/, downloads, element ids. */
  id: string;
  title: string;
  /** One line that says what the chart shows. */
  takeaway(data: Dataset): Phrase;
  /** Ids of the sources (sources.csv) the chart rests on. */
  sources(data: Dataset): string[];
  /** Caveats a reader needs beside the chart. */
  notes(data: Dataset): Phrase[];
  /** Longer text alternative, generated from the data, for screen readers. */
  describe(data: Dataset): string;
  table(data: Dataset): ChartTable;
  /** Draws the chart (server or browser): Plot or D3, returns an SVG element. */
  render(data: Dataset, options: ChartOptions): SVGSVGElement;
}

export const CHARTS: readonly ChartDefinition[] = [
  {
    id: "outcomes",
    title: "What happened to those found in breach",
    takeaway: (data) => {
      const formal = data.outcomes.find((outcome) => outcome.id === "formal-action");
      return formal
        ? [
            { value: formal.count, format: "count", source: formal.source, label: formal.label },
            " cases ended in formal action",
          ]
        : [];
    },
    sources: (data) => [...new Set(data.outcomes.map((outcome) => outcome.source))],
    notes: () => [],
    describe: (data) =>
      data.outcomes.map((outcome) => `${outcome.label}: ${outcome.count.toLocaleString("en-GB")} cases.`).join(" "),
    table: (data) => ({
      columns: [
        { key: "outcome", label: "Outcome", type: "string" },
        { key: "cases", label: "Cases", type: "integer" },
      ],
      rows: data.outcomes.map((outcome) => ({ outcome: outcome.label, cases: outcome.count })),
    }),
    render: (data, options) => outcomesChart(data.outcomes, options),
  },
];

/** Looks a chart up by id; an unknown id is a build error, never a silent gap. */
export function chartById(id: string): ChartDefinition {
  const chart = CHARTS.find((candidate) => candidate.id === id);
  if (!chart) throw new Error(`Unknown chart id "${id}"; known: ${CHARTS.map((c) => c.id).join(", ")}`);
  return chart;
}
