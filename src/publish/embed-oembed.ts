/**
 * oEmbed (https://oembed.com, section 2.3) for a chart: a static "rich"
 * response whose html is the same snippet the gallery offers. Static files
 * cannot read the consumer's `?url=` query, so there is one file per chart,
 * found through the <link rel="alternate" type="application/json+oembed">
 * on the chart's embed page (and, for the key chart, on the story).
 */
import { EMBED_SIZING_WIDTHS } from "./embed-size.ts";
import { embedSnippet, type SnippetInput } from "./embed-snippet.ts";
import { EMBED_DEFAULT_THEME, EMBED_THEMES, type EmbedTheme } from "./embed-theme.ts";

/** The theme an embed address asks for (what the embed page will show). */
function themeOf(src: string): EmbedTheme {
  const asked = new URL(src).searchParams.get("theme");
  return EMBED_THEMES.find((theme) => theme === asked) ?? EMBED_DEFAULT_THEME;
}

/** The fields of an oEmbed 1.0 rich response we publish. */
export interface OEmbedRich {
  version: "1.0";
  type: "rich";
  title: string;
  html: string;
  /** The width the snippet was sized for; the iframe itself fills its container (width 100%). */
  width: number;
  height: number;
  /** Who made the chart: the publication (data/publication.csv). Its sources are `source`, never authors. */
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
  /**
   * Ours, beside the standard fields: the day the chart's data last changed
   * after first publication (YYYY-MM-DD) and the correction that says why, so
   * a consumer that cached the chart can tell it changed. Absent for a chart
   * never changed.
   */
  updated?: string;
  updated_url?: string;
  /** Ours, beside the standard fields: the reporting the chart's data rests on, credited as its source. */
  source: string;
  /**
   * Ours, beside the standard fields: the colour theme the html's iframe asks
   * for (`?theme=` in its address; src/publish/embed-theme.ts). A consumer on
   * a dark page can change it to `dark`, or `auto` to follow the reader.
   */
  theme: EmbedTheme;
  /** The correction's sentence, in the editor's words (absent when the change was no correction). */
  updated_note?: string;
}

/** What the response says about the publisher, the chart's sources and its share image. */
export interface OEmbedContext {
  /**
   * What in the chart is ours, not its sources' (ChartDefinition.ours): added
   * to the title, which a consumer shows beside a credit to the sources alone.
   */
  ours?: string | undefined;
  /** The publication, which made the chart and publishes it: author and provider. */
  publisher: { name: string; url: string };
  /** The chart's own sources, as credited ("Data: …"; src/lib/source-credit.ts). */
  source: string;
  thumbnail: { url: string; width: number; height: number };
  /** When the chart's data last changed after first publication, and the address of the correction. */
  updated?: { date: string; url: string; note?: string | null } | null;
}

/** The oEmbed response for a chart's snippet. */
export function oembedResponse(snippet: SnippetInput, context: OEmbedContext): OEmbedRich {
  return {
    version: "1.0",
    type: "rich",
    title: context.ours ? `${snippet.title}. ${context.ours}` : snippet.title,
    html: embedSnippet(snippet),
    width: EMBED_SIZING_WIDTHS.column,
    height: Math.round(snippet.height),
    author_name: context.publisher.name,
    author_url: context.publisher.url,
    provider_name: context.publisher.name,
    provider_url: context.publisher.url,
    thumbnail_url: context.thumbnail.url,
    thumbnail_width: context.thumbnail.width,
    thumbnail_height: context.thumbnail.height,
    ...(context.updated ? { updated: context.updated.date, updated_url: context.updated.url } : {}),
    source: context.source,
    theme: themeOf(snippet.src),
    ...(context.updated?.note ? { updated_note: context.updated.note } : {}),
  };
}
