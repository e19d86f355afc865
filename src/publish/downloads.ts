/**
 * The bytes of every download under `data/`: each table and each chart's
 * data, as CSV and JSON. The endpoints in src/pages/data/ serve these bytes
 * and the data page measures them, so a size on the page is always the
 * size of the file a reader gets.
 */
import type { ChartColumn, ChartDefinition } from "../charts/registry.ts";
import { columnSpecs } from "../data/columns.ts";
import { publication } from "../data/publication.ts";
import { TABLES, type Dataset, type TableName } from "../data/schema.ts";
import { dataCredit } from "../lib/source-credit.ts";
import { toCsv, type CsvColumn, type CsvValue } from "../lib/csv-writer.ts";

/** The two formats every download comes in. */
export type DownloadFormat = "csv" | "json";

export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ["csv", "json"];

/** Media types the endpoints declare and the datapackage lists. */
export const MEDIA_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** A row of a download: column name to typed value, in column order. */
export type DownloadRow = Record<string, CsvValue>;

const encoder = new TextEncoder();

/** Path of a table's download, relative to the site's `data/` folder (and to datapackage.json). */
export function tableFile(name: TableName, format: DownloadFormat): string {
  return `${name}.${format}`;
}

/** Path of a chart's data download, relative to the site's `data/` folder. */
export function chartFile(id: string, format: DownloadFormat): string {
  return `charts/${id}.${format}`;
}

/** A table's columns as the CSV writer needs them, from its zod schema. */
export function tableColumns(name: TableName): CsvColumn[] {
  return columnSpecs(TABLES[name].schema).map(({ name, kind }) => ({ name, kind }));
}

/** A table's rows with their keys in column order: what both downloads hold. */
export function tableRows(name: TableName, dataset: Dataset): DownloadRow[] {
  const columns = tableColumns(name);
  return (dataset[name] as unknown as Record<string, CsvValue>[]).map((row) => orderRow(columns, row));
}

/**
 * Each download encoded once per dataset and table: the endpoint, the data page (its size) and
 * the data package (its size and hash) all ask for the same bytes, which at 100,000 cases
 * take seconds to write.
 */
const encoded = new WeakMap<Dataset, Map<string, Uint8Array>>();
function once(dataset: Dataset, key: string, encode: () => Uint8Array): Uint8Array {
  let files = encoded.get(dataset);
  if (!files) encoded.set(dataset, (files = new Map()));
  let bytes = files.get(key);
  if (!bytes) files.set(key, (bytes = encode()));
  return bytes;
}

/** A table as a CSV download. */
export function tableCsv(name: TableName, dataset: Dataset): Uint8Array {
  return once(dataset, `${name}.csv`, () => encoder.encode(toCsv(tableColumns(name), tableRows(name, dataset))));
}

/** A table as a JSON download: an array of row objects, typed as the schema says. */
export function tableJson(name: TableName, dataset: Dataset): Uint8Array {
  return once(dataset, `${name}.json`, () => encodeJson(tableRows(name, dataset)));
}

/**
 * A chart column's name in the downloads: a number we computed says so in
 * its name (`share_of_all_our_calculation`), so the label survives in a CSV
 * file, which has no room for the column's description.
 */
export function downloadKey(column: ChartColumn): string {
  return column.derived ? `${column.key}_our_calculation` : column.key;
}

/** A chart's data columns as the CSV writer needs them. */
export function chartColumns(chart: ChartDefinition, dataset: Dataset): CsvColumn[] {
  return chart.table(dataset).columns.map((column) => ({ name: downloadKey(column), kind: column.type }));
}

/** The JSON download of a chart's data: what it shows, who made it, where from, its columns and rows. */
export interface ChartDownload {
  id: string;
  title: string;
  /** Who made the chart: "Chart: <publisher>" (data/publication.csv). */
  credit: string;
  /** The reporting it rests on, as credited: "Data: <source>; <source>". */
  source: string;
  /** Ids of the sources (sources.csv rows) the chart rests on. */
  sources: string[];
  columns: ChartColumn[];
  rows: DownloadRow[];
}

/** The data behind a chart, as its JSON download holds it. */
export function chartDownload(chart: ChartDefinition, dataset: Dataset): ChartDownload {
  const table = chart.table(dataset);
  const columns = chartColumns(chart, dataset);
  const renamed = table.columns.map((column) => ({ ...column, key: downloadKey(column) }));
  return {
    id: chart.id,
    title: chart.title,
    credit: `Chart: ${publication.name}`,
    source: dataCredit(chart.sources(dataset), dataset),
    sources: chart.sources(dataset),
    columns: renamed,
    rows: table.rows.map((row) =>
      orderRow(columns, Object.fromEntries(table.columns.map((column) => [downloadKey(column), row[column.key]]))),
    ),
  };
}

/** A chart's data as a CSV download (the rows only; the header is the column keys). */
export function chartCsv(chart: ChartDefinition, dataset: Dataset): Uint8Array {
  return encoder.encode(toCsv(chartColumns(chart, dataset), chartDownload(chart, dataset).rows));
}

/** A chart's data as a JSON download. */
export function chartJson(chart: ChartDefinition, dataset: Dataset): Uint8Array {
  return encodeJson(chartDownload(chart, dataset));
}

/** Pretty-printed JSON with a final newline; JSON.stringify escapes every string. */
export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** A file size as a reader sees it, in British English (1 kB = 1,000 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes.toLocaleString("en-GB")} bytes`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString("en-GB", { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** A Response for a static endpoint: the download's bytes with its media type. */
export function downloadResponse(bytes: Uint8Array, format: DownloadFormat): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": MEDIA_TYPES[format] } });
}

// Only the declared columns, in their order: a key a chart adds to its rows
// without declaring it would otherwise reach the JSON but not the CSV.
function orderRow(columns: readonly CsvColumn[], row: Record<string, unknown>): DownloadRow {
  return Object.fromEntries(columns.map((column) => [column.name, (row[column.name] ?? null) as CsvValue]));
}
