/** `data/charts/<chart-id>.csv`: the numbers behind each chart in CHARTS, as CSV. */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { chartCsv, downloadResponse } from "../../../publish/downloads.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse(chartCsv(chartById(params.chart!), dataset), "csv");
