/**
 * `data/charts/<chart-id>.bib`: each chart's citation in BibTeX, the same record the figure's
 * "Cite this" panel formats as APA and Chicago (src/publish/citation.ts). The panel links this file
 * and its copy button copies it, so the story does not carry it four times over.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../../charts/registry.ts";
import { dataset } from "../../../data/dataset.ts";
import { citations, citationSite, citedChart } from "../../../publish/citation.ts";
import { normaliseBase } from "../../../publish/embed-urls.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const address = { site, base: normaliseBase(import.meta.env.BASE_URL) };
  const chart = chartById(String(params.chart));
  const text = citations(dataset, citationSite(address), citedChart(chart, dataset, address)).bibtex;
  return new Response(text, { headers: { "Content-Type": "application/x-bibtex; charset=utf-8" } });
};
