/**
 * `/data/charts/<chart-id>.svg`: every chart in the registry as a standalone
 * SVG image (title, takeaway, the chart, source, notes, credit, licence, date
 * and address), drawn at build time from its own chart function.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { imageContext, normaliseBase } from "../../../publish/embed-urls.ts";
import { chartImage } from "../../../publish/og-image.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const chart = chartById(String(params.chart));
  const svg = chartImage(chart, dataset, imageContext(chart.id, { site, base: normaliseBase(import.meta.env.BASE_URL) }));
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8" } });
};
