/** `data/<table>.json`: every table as a JSON array of typed rows, generated at build time. */
import type { APIRoute, GetStaticPaths } from "astro";
import { dataset } from "../../data/dataset.ts";
import { TABLE_NAMES, type TableName } from "../../data/schema.ts";
import { downloadResponse, tableJson } from "../../publish/downloads.ts";

export const getStaticPaths = (() => TABLE_NAMES.map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse(tableJson(params.table as TableName, dataset), "json");
