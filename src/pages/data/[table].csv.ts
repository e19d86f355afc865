/**
 * `data/<table>.csv`: every table as a CSV download (see src/lib/csv-writer.ts
 * for the format), generated at build time from the validated data.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { dataset } from "../../data/dataset.ts";
import { TABLE_NAMES, type TableName } from "../../data/schema.ts";
import { downloadResponse, tableCsv } from "../../publish/downloads.ts";

export const getStaticPaths = (() => TABLE_NAMES.map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse(tableCsv(params.table as TableName, dataset), "csv");
