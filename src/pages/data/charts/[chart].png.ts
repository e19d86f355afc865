/**
 * `/data/charts/<chart-id>.png` (1200 px wide) and `<chart-id>@2x.png` (2400
 * px): the chart's standalone image (src/publish/chart-image.ts) as PNG,
 * rasterised at build time by resvg with the bundled fonts.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { imageContext, normaliseBase } from "../../../publish/embed-urls.ts";
import { chartImagePng } from "../../../publish/og-image.ts";

export const getStaticPaths = (() =>
  CHARTS.flatMap((chart) => [
    { params: { chart: chart.id }, props: { id: chart.id, zoom: 1 } },
    { params: { chart: `${chart.id}@2x` }, props: { id: chart.id, zoom: 2 } },
  ])) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const { id, zoom } = props as { id: string; zoom: 1 | 2 };
  const address = { site, base: normaliseBase(import.meta.env.BASE_URL) };
  const png = chartImagePng(chartById(id), dataset, imageContext(id, address), zoom);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
