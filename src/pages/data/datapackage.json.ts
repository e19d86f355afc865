/** `data/datapackage.json`: the Frictionless Data Package (v2.0) describing every table's CSV download. */
import type { APIRoute } from "astro";
import { dataset } from "../../data/dataset.ts";
import { dataPackage } from "../../publish/datapackage.ts";
import { downloadResponse, encodeJson } from "../../publish/downloads.ts";

export const GET: APIRoute = () => downloadResponse(encodeJson(dataPackage(dataset)), "json");
