/**
 * The files a reader can take a chart away in, with their exact sizes: its
 * image (PNG at 1x and 2x, SVG), its data (CSV, JSON) and its text version
 * (Markdown). Each is the same bytes its endpoint serves, so a size on a
 * page is the size of the file a reader gets.
 */
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { chartCsv, chartJson } from "./downloads.ts";
import { chartMarkdown } from "./chart-markdown.ts";
import { chartFilePath, chartCsvPath, imageContext, type SiteAddress } from "./embed-urls.ts";
import { chartImage, chartImagePng } from "./og-image.ts";

/** One file of a chart: its label, path under the base, media type and size in bytes. */
export interface ChartFile {
  label: string;
  path: string;
  type: string;
  bytes: number;
}

const encoder = new TextEncoder();

/** PNG, SVG, CSV, JSON (the downloads line under every figure), then the 2x PNG and the Markdown. */
export function chartFiles(chart: ChartDefinition, data: Dataset, address: SiteAddress): ChartFile[] {
  const context = imageContext(chart.id, address);
  return [
    {
      label: "PNG",
      path: chartFilePath(chart.id, "png"),
      type: "image/png",
      bytes: chartImagePng(chart, data, context, 1).byteLength,
    },
    {
      label: "SVG",
      path: chartFilePath(chart.id, "svg"),
      type: "image/svg+xml",
      bytes: encoder.encode(chartImage(chart, data, context)).byteLength,
    },
    { label: "CSV", path: chartCsvPath(chart.id), type: "text/csv", bytes: chartCsv(chart, data).byteLength },
    {
      label: "JSON",
      path: chartCsvPath(chart.id).replace(/\.csv$/, ".json"),
      type: "application/json",
      bytes: chartJson(chart, data).byteLength,
    },
    {
      label: "PNG at 2x",
      path: chartFilePath(chart.id, "@2x.png"),
      type: "image/png",
      bytes: chartImagePng(chart, data, context, 2).byteLength,
    },
    {
      label: "Text version",
      path: chartFilePath(chart.id, "md"),
      type: "text/markdown",
      bytes: encoder.encode(chartMarkdown(chart, data, context)).byteLength,
    },
  ];
}
