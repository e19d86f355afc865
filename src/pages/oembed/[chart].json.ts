/**
 * `oembed/<chart-id>.json`: the oEmbed response for each chart in CHARTS
 * (src/publish/embed-oembed.ts), discovered through the embed page's
 * <link rel="alternate" type="application/json+oembed">.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../charts/registry.ts";
import { dataset } from "../../data/dataset.ts";
import { chartUpdate } from "../../lib/chart-updates.ts";
import { fullSentence } from "../../lib/correction-text.ts";
import { embedSizing, embedStory } from "../../publish/embed-entry.ts";
import { oembedResponse } from "../../publish/embed-oembed.ts";
import { absoluteUrl } from "../../publish/embed-urls.ts";
import { publication } from "../../data/publication.ts";
import { dataCredit } from "../../lib/source-credit.ts";
import { OG_HEIGHT, OG_WIDTH } from "../../publish/og-image.ts";

export const getStaticPaths = (() => CHARTS.map((chart) => ({ params: { chart: chart.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const chart = chartById(String(params.chart));
  const address = { site, base: import.meta.env.BASE_URL };
  const story = await embedStory(dataset);
  const update = chartUpdate(chart.id, dataset);
  const response = oembedResponse(embedSizing(chart, dataset, story, address).snippet, {
    ours: chart.ours,
    publisher: publication,
    source: dataCredit(chart.sources(dataset), dataset),
    thumbnail: { url: absoluteUrl(`og/${chart.id}.png`, address), width: OG_WIDTH, height: OG_HEIGHT },
    updated: update
      ? {
          date: update.date,
          url: absoluteUrl(`data/#${update.anchor}`, address),
          note: update.correction ? fullSentence(update.correction.change) : null,
        }
      : null,
  });
  return new Response(`${JSON.stringify(response, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
};
