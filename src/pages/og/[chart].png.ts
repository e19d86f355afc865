/**
 * A share image (Open Graph / Twitter card) for every chart in the registry,
 * drawn at build time without a browser: /og/<chart-id>.png.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../charts/registry.ts";
import { dataset } from "../../data/dataset.ts";
import { shareImagePng } from "../../publish/og-image.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const png = shareImagePng(chartById(String(params.chart)), dataset);
  return new Response(new Uint8Array(png), { headers: { "content-type": "image/png" } });
};
