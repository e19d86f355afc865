/**
 * Everything the embed surfaces say about one chart, built once from the
 * registry and the story's front matter so the embed page, the gallery and
 * the oEmbed file agree: the headline the embed page links to, the
 * snippet's addresses and its initial heights.
 */
import { getEntry } from "astro:content";
import { chartById, type ChartDefinition } from "../charts/registry.ts";
import { publication } from "../data/publication.ts";
import type { Dataset } from "../data/schema.ts";
import {
  EMBED_SIZING_WIDTHS,
  estimateEmbedHeight,
  plainEmbedHeights,
  type EmbedTexts,
  type PlainHeights,
} from "./embed-size.ts";
import { EMBED_DEFAULT_THEME, themedEmbedUrl } from "./embed-theme.ts";
import type { SnippetInput } from "./embed-snippet.ts";
import { EMBED_SCRIPT_PATH, absoluteUrl, embedPath, type SiteAddress } from "./embed-urls.ts";
import { parseTemplate, storyPhraseText, type StoryPhrase } from "../lib/fact-display.ts";

/** Words of the embed page's links. */
export const EMBED_LINK_TEXT = {
  data: "Get the data",
  /** Followed by ": <the story's headline>", which a phone-width embed leaves out (src/layouts/Embed.astro). */
  story: "Read the full story",
} as const;

/**
 * The story's headline, which the embed page links to. (The story's credit is
 * not an embed's: a chart credits its own sources, in its source line.)
 */
export interface EmbedStory {
  headline: StoryPhrase;
}

/** Reads the headline template from src/content/story/story.mdx. */
export async function embedStory(data: Dataset): Promise<EmbedStory> {
  const story = await getEntry("story", "story");
  if (!story) throw new Error("src/content/story/story.mdx is missing");
  return { headline: parseTemplate(story.data.title, data) };
}

/** The chart the story's share image draws (its front matter's `shareChart`). */
export async function storyShareChart(): Promise<ChartDefinition> {
  const story = await getEntry("story", "story");
  if (!story) throw new Error("src/content/story/story.mdx is missing");
  return chartById(story.data.shareChart);
}

/** A chart's snippet input (sized for an article column) and the taller height that fits a phone. */
export interface EmbedSizing {
  snippet: SnippetInput;
  /** Heights for the plain iframe, which never resizes: enough for every common column, either side of the breakpoint. */
  plainHeights: PlainHeights;
}

/** The snippet of a chart, with heights estimated from its drawing and texts (src/publish/embed-size.ts). */
export function embedSizing(
  chart: ChartDefinition,
  data: Dataset,
  story: EmbedStory,
  address: SiteAddress,
): EmbedSizing {
  const texts: EmbedTexts = {
    storyLink: `${EMBED_LINK_TEXT.story}: ${storyPhraseText(story.headline)}`,
    storyLinkCompact: EMBED_LINK_TEXT.story,
    dataLink: EMBED_LINK_TEXT.data,
    byline: `Chart: ${publication.name}`,
  };
  return {
    snippet: {
      chartId: chart.id,
      title: chart.title,
      // The theme is in the address, so an embedder sees it and can change it to dark or auto.
      src: themedEmbedUrl(absoluteUrl(embedPath(chart.id), address), EMBED_DEFAULT_THEME),
      height: estimateEmbedHeight(chart, data, texts, EMBED_SIZING_WIDTHS.column),
      scriptSrc: absoluteUrl(EMBED_SCRIPT_PATH, address),
    },
    plainHeights: plainEmbedHeights(chart, data, texts),
  };
}
