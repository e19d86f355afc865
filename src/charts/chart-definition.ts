/**
 * The contract of a chart in the registry: everything a surface (story,
 * embed, gallery, oEmbed, downloads) needs to show it, derived from the data.
 */
import type { Dataset } from "../data/schema.ts";
import type { Fact, Phrase } from "../lib/facts.ts";
import type { ChartOptions } from "../lib/render-svg.ts";

/** A column of a chart's data table (and of its CSV/JSON download). */
export interface ChartColumn {
  /** Key in each row; also the CSV header. */
  key: string;
  /** Header a reader sees. */
  label: string;
  type: "string" | "integer" | "number";
  /**
   * Set when the column holds our calculation, not a published value: how it
   * is computed, with its inputs ("cases ÷ 300 breaches × 100"). Its cells are
   * marked data-derived and say "Our calculation" (src/components/DataTable.astro).
   */
  derived?: string;
}

/** The exact numbers behind a chart: its "Show the data" table and its download. */
export interface ChartTable {
  columns: ChartColumn[];
  /** Rows in the order the chart draws them; a mark's `data-row` is an index into this array. */
  rows: Record<string, string | number | null>[];
}

/**
 * When a chart's figures are from, and when they were first reported: what
 * every image of the chart carries, so a picture shared years later is not
 * read as news ("January 2009 – October 2013 · reported May 2014").
 */
export interface ChartDating {
  /** What the figures cover, as a phrase with the period's months as Facts. */
  period: Phrase;
  /** The month the figures were first reported (the source's publication date). */
  reported: Fact;
}

/**
 * One chart. A page renders it once, at CHART_MIN_WIDTH
 * (src/charts/chart-frame.ts), made fluid (src/charts/fluid.ts: its bars
 * stretch with the page, its text keeps its px size), and imports
 * src/charts/charts.css; a fixed-size picture (a share image) renders it at
 * the width it needs.
 *
 * Every mark that stands for a datum carries `data-datum`, `data-row` and
 * `data-label` (src/charts/datum.ts, DATUM_SELECTOR).
 */
export interface ChartDefinition {
  /** URL-safe id: /embed/<id>/, downloads, element ids. */
  id: string;
  title: string;
  /** One line that says what the chart shows. */
  takeaway(data: Dataset): Phrase;
  /** Short text alternative (a sentence or two), for an image's alt or a figure's aria-label. */
  alt(data: Dataset): string;
  /** Ids of the sources (sources.csv) the chart rests on. */
  sources(data: Dataset): string[];
  /** Caveats a reader needs beside the chart. */
  notes(data: Dataset): Phrase[];
  /** The period the figures cover and when they were reported (src/charts/lookup.ts, chartDating). */
  dating(data: Dataset): ChartDating;
  /**
   * What in the chart is our own work, not the source's ("Types and counts:
   * our grouping"): carried wherever the chart
   * travels with a credit to its source alone (share images, oEmbed title).
   */
  ours?: string;
  /** Longer text alternative, generated from the data, for screen readers. */
  describe(data: Dataset): string;
  table(data: Dataset): ChartTable;
  /**
   * Each row of the table as a listener should hear it, for the keyboard,
   * screen readers and tooltips ("Formal action: 208 of the 300 cases, 69.3
   * per cent (our calculation)."), one entry per `table(data).rows` row.
   * Without it, a row with one mark says that mark's `data-label`.
   */
  groups?(data: Dataset): string[];
  /** The noun a row is said with after its words ("Example 3 of 16."); "Group" by default. */
  groupNoun?(data: Dataset): string;
  /** Draws the chart (server or browser): Plot, returns an SVG element with class `met-chart`. */
  render(data: Dataset, options: ChartOptions): SVGSVGElement;
}
