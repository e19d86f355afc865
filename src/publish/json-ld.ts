/**
 * Structured data (schema.org JSON-LD) for the story: a NewsArticle and the
 * Dataset behind it, with every value read from the data.
 */
import type { Dataset, Source } from "../data/schema.ts";
import { latestRelease } from "../lib/release-order.ts";

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` are written
 * as \u escapes so no data string can close the script or open a comment,
 * and U+2028/U+2029 are escaped for old JavaScript parsers.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** What the story's structured data needs besides the dataset. */
export interface StoryJsonLdInput {
  headline: string;
  description: string;
  /** Absolute URL of the story. */
  url: string;
  /** Absolute URL of the data page. */
  dataUrl: string;
  /** Absolute URL of the share image. */
  imageUrl: string;
  datasetName: string;
  /** Id of the period the dataset covers (periods.csv). */
  periodId: string;
}

function creativeWork(source: Source) {
  return {
    "@type": "CreativeWork",
    name: source.title,
    url: source.url,
    datePublished: source.published,
    publisher: { "@type": "Organization", name: source.publisher },
  };
}

/** The NewsArticle and Dataset graph, as a plain object. */
export function storyJsonLd(data: Dataset, input: StoryJsonLdInput): Record<string, unknown> {
  const first = data.releases[0];
  const last = latestRelease(data.releases);
  if (!first || !last) throw new Error("releases.csv has no release");
  const period = data.periods.find((candidate) => candidate.id === input.periodId);
  if (!period) throw new Error(`Unknown period "${input.periodId}"`);
  const basedOn = data.sources.map(creativeWork);
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "NewsArticle",
        "@id": `${input.url}#article`,
        headline: input.headline,
        description: input.description,
        url: input.url,
        mainEntityOfPage: input.url,
        image: [input.imageUrl],
        inLanguage: "en-GB",
        datePublished: first.date,
        dateModified: last.date,
        isBasedOn: basedOn,
        about: { "@id": `${input.dataUrl}#dataset` },
      },
      {
        "@type": "Dataset",
        "@id": `${input.dataUrl}#dataset`,
        name: input.datasetName,
        description: input.description,
        url: input.dataUrl,
        version: last.version,
        datePublished: first.date,
        dateModified: last.date,
        temporalCoverage: `${period.start}/${period.end}`,
        inLanguage: "en-GB",
        isBasedOn: basedOn,
      },
    ],
  };
}
