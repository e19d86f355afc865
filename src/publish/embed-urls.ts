/**
 * Addresses of everything an embed involves, absolute (from SITE_URL and
 * BASE_PATH) because a snippet is pasted into someone else's page, where a
 * relative address would point at their site.
 */

/** Where the site is hosted: Astro.site and import.meta.env.BASE_URL. */
export interface SiteAddress {
  site: URL | undefined;
  base: string;
}

/** The base path with exactly one trailing slash. */
export function normaliseBase(base: string): string {
  return base.replace(/\/*$/, "/");
}

/** An absolute URL for a path under the site's base (the path has no leading slash). */
export function absoluteUrl(path: string, { site, base }: SiteAddress): string {
  if (!site) throw new Error("Embeds need absolute addresses: set `site` (SITE_URL) in astro.config.mjs");
  return new URL(`${normaliseBase(base)}${path.replace(/^\/+/, "")}`, site).href;
}

/** Path of a chart's embed page, under the base. */
export const embedPath = (chartId: string): string => `embed/${chartId}/`;

/** Path of a chart's oEmbed JSON, under the base. */
export const oembedPath = (chartId: string): string => `oembed/${chartId}.json`;

/** Path of the numbers behind a chart (src/pages/data/charts/[chart].csv.ts), under the base. */
export const chartCsvPath = (chartId: string): string => `data/charts/${chartId}.csv`;

/** Path of the chart in the story (Figure gives it the id `figure-<id>`), under the base. */
export const storyFigurePath = (chartId: string): string => `#figure-${chartId}`;

/**
 * Path of a chart's place on the data page, under the base: its data, downloads and citations
 * (src/components/data/ChartData.astro gives its section the id `chart-<id>`).
 */
export const chartDataPagePath = (chartId: string): string => `data/#${chartDataPageId(chartId)}`;

/** The id of a chart's section on the data page (src/components/data/ChartData.astro). */
export const chartDataPageId = (chartId: string): string => `chart-${chartId}`;

/** Path of the host script, under the base (public/embed.js). */
export const EMBED_SCRIPT_PATH = "embed.js";

/** Path of the gallery, under the base. */
export const GALLERY_PATH = "charts/";

/** Path of a chart's files under data/charts/ (images, text version), under the base. */
export const chartFilePath = (chartId: string, extension: "svg" | "png" | "@2x.png" | "md"): string =>
  `data/charts/${chartId}${extension.startsWith("@") ? "" : "."}${extension}`;

/** Path of a chart's citation file under data/charts/ (BibTeX or RIS), under the base. */
export const chartCitationPath = (chartId: string, format: "bibtex" | "ris"): string =>
  `data/charts/${chartId}.${format === "bibtex" ? "bib" : "ris"}`;

/** Path of a share image, under the base: `og/<chart-id>.png`, `og/<chart-id>-square.png`, `og/story.png`. */
export const shareImagePath = (name: string, frame: "landscape" | "square" = "landscape"): string =>
  `og/${name}${frame === "square" ? "-square" : ""}.png`;

/** What a chart image says of where it comes from: the chart's own address and the site's. */
export function imageContext(
  chartId: string,
  address: SiteAddress,
): { chartUrl: string; siteUrl: string; imageUrl: string } {
  return {
    chartUrl: absoluteUrl(embedPath(chartId), address),
    siteUrl: absoluteUrl("", address),
    imageUrl: absoluteUrl(chartFilePath(chartId, "png"), address),
  };
}
