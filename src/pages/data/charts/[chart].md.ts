/** `data/charts/<chart-id>.md`: the text version of each chart in CHARTS (src/publish/chart-markdown.ts). */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { chartMarkdown } from "../../../publish/chart-markdown.ts";
import { imageContext, normaliseBase } from "../../../publish/embed-urls.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const chart = chartById(String(params.chart));
  const markdown = chartMarkdown(chart, dataset, imageContext(chart.id, { site, base: normaliseBase(import.meta.env.BASE_URL) }));
  return new Response(markdown, { headers: { "Content-Type": "text/markdown; charset=utf-8" } });
};
