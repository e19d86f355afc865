/** `data/charts/<chart-id>.json`: the numbers behind each chart in CHARTS, with their columns and sources. */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { chartJson, downloadResponse } from "../../../publish/downloads.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse(chartJson(chartById(params.chart!), dataset), "json");
