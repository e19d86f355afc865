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

/** A file as served: text goes out as UTF-8, so its size is that of its encoding, not its length. */
function file(label: string, path: string, type: string, content: string | Uint8Array): ChartFile {
  const bytes = typeof content === "string" ? encoder.encode(content).byteLength : content.byteLength;
  return { label, path, type, bytes };
}

/** PNG, SVG, CSV, JSON (the downloads line under every figure), then the 2x PNG and the Markdown. */
export function chartFiles(chart: ChartDefinition, data: Dataset, address: SiteAddress): ChartFile[] {
  const context = imageContext(chart.id, address);
  const csvPath = chartCsvPath(chart.id);
  return [
    file("PNG", chartFilePath(chart.id, "png"), "image/png", chartImagePng(chart, data, context, 1)),
    file("SVG", chartFilePath(chart.id, "svg"), "image/svg+xml", chartImage(chart, data, context)),
    file("CSV", csvPath, "text/csv", chartCsv(chart, data)),
    file("JSON", csvPath.replace(/\.csv$/, ".json"), "application/json", chartJson(chart, data)),
    file("PNG at 2x", chartFilePath(chart.id, "@2x.png"), "image/png", chartImagePng(chart, data, context, 2)),
    file("Text version", chartFilePath(chart.id, "md"), "text/markdown", chartMarkdown(chart, data, context)),
  ];
}
