/**
 * Share images (Open Graph / Twitter cards), drawn at build time without a
 * browser, each with its chart drawn for the frame: `/og/<chart-id>.png`
 * (1200x630) and `/og/<chart-id>-square.png` (1200x1200) for every chart in
 * the registry, and `/og/story.png` (plus `story-square.png`) for the story:
 * its headline over its share chart.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { CHARTS, chartById } from "../../charts/registry.ts";
import { dataset } from "../../data/dataset.ts";
import { storyPhraseText } from "../../lib/fact-display.ts";
import { embedStory, storyShareChart } from "../../publish/embed-entry.ts";
import { imageContext, normaliseBase } from "../../publish/embed-urls.ts";
import { shareImagePng } from "../../publish/og-image.ts";

const FRAMES = ["landscape", "square"] as const;

export const getStaticPaths = (() =>
  FRAMES.flatMap((frame) => {
    const suffix = frame === "square" ? "-square" : "";
    return [
      ...CHARTS.map((chart) => ({ params: { chart: `${chart.id}${suffix}` }, props: { id: chart.id, frame } })),
      { params: { chart: `story${suffix}` }, props: { id: null, frame } },
    ];
  })) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const { id, frame } = props as { id: string | null; frame: (typeof FRAMES)[number] };
  const address = { site, base: normaliseBase(import.meta.env.BASE_URL) };
  let png: Buffer;
  if (id) {
    png = shareImagePng(chartById(id), dataset, imageContext(id, address), frame);
  } else {
    // The story's card: its headline over its share chart, which it credits.
    const chart = await storyShareChart();
    const { headline } = await embedStory(dataset);
    png = shareImagePng(chart, dataset, imageContext(chart.id, address), frame, {
      title: storyPhraseText(headline),
      subtitle: chart.title,
    });
  }
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
