/**
 * Structured data (schema.org JSON-LD) for the story: a NewsArticle and the
 * Dataset behind it, with every value read from the data. The publication
 * (data/publication.csv) is the author and publisher of both; the reporting
 * they rest on is what they are based on (`isBasedOn`), each saying how we
 * know it. Only what search engines read for an article and a dataset: the
 * story's every source is in its source list, not repeated here as a
 * `citation` (issue 25: the story's HTML).
 */
import type { Dataset, Publication, Source } from "../data/schema.ts";
import { latestRelease } from "../lib/release-order.ts";
import { dataSourceIds, sourceReference } from "../lib/source-credit.ts";

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
  /** Who publishes the story and the data. */
  publication: Publication;
  /** Name and address of the licence of our work. */
  licenceUrl: string;
}

function creativeWork(source: Source) {
  return {
    "@type": "CreativeWork",
    name: source.title,
    url: source.url,
    datePublished: source.published,
    publisher: { "@type": "Organization", name: source.publisher },
    // How we know it ("via The London Post", "as reported by Inforrm and Computer Weekly").
    description: sourceReference(source),
  };
}

/** The NewsArticle and Dataset graph, as a plain object. */
export function storyJsonLd(data: Dataset, input: StoryJsonLdInput): Record<string, unknown> {
  const first = data.releases[0];
  const last = latestRelease(data.releases);
  if (!first || !last) throw new Error("releases.csv has no release");
  // Every period the data covers, Met and national: from the first start to the last end.
  const starts = data.periods.map((period) => period.start).sort();
  const ends = data.periods.map((period) => period.end).sort();
  if (starts.length === 0) throw new Error("periods.csv has no rows: the dataset's coverage comes from it");
  const basedOn = data.sources.filter((source) => dataSourceIds(data).includes(source.id)).map(creativeWork);
  const organisation = {
    "@type": "Organization",
    "@id": `${input.publication.url}#publisher`,
    name: input.publication.name,
    url: input.publication.url,
  };
  const publisher = { "@id": organisation["@id"] };
  return {
    "@context": "https://schema.org",
    "@graph": [
      organisation,
      {
        "@type": "NewsArticle",
        "@id": `${input.url}#article`,
        headline: input.headline,
        description: input.description,
        url: input.url,
        image: [input.imageUrl],
        inLanguage: "en-GB",
        datePublished: first.date,
        dateModified: last.date,
        author: publisher,
        publisher,
        isBasedOn: basedOn,
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
        temporalCoverage: `${starts[0]}/${ends.at(-1)}`,
        inLanguage: "en-GB",
        creator: publisher,
        author: publisher,
        publisher,
        license: input.licenceUrl,
        isBasedOn: basedOn,
      },
    ],
  };
}
