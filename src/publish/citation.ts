/**
 * How to cite the data: one CSL-JSON record, built from sources.csv (the
 * publishers whose reporting the data compiles are its authors), releases.csv
 * (the data version and its date) and the site's address (the compiler and
 * where the data lives), formatted by citation-js into APA 7, Chicago
 * (author-date, registered from the CSL style in ./csl/), BibTeX and RIS.
 * Nothing here writes a citation format by hand.
 */
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import "@citation-js/plugin-ris";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "../data/schema.ts";
import { currentRelease, PACKAGE_NAME, PACKAGE_TITLE, type PackageCitation } from "./datapackage.ts";
import { absoluteUrl, type SiteAddress } from "./embed-urls.ts";

/** Styles the site offers, by the name citation-js knows them. */
export const CITATION_STYLES = {
  apa: "APA (seventh edition)",
  "chicago-author-date": "Chicago (author-date)",
} as const;
export type CitationStyle = keyof typeof CITATION_STYLES;

// The Chicago style is a CSL file in the repository (with its licence), read from the project root
// because Astro bundles this module elsewhere; citation-js ships APA itself.
const CHICAGO_CSL = join(process.cwd(), "src/publish/csl/chicago-author-date.csl");
let registered = false;
function registerStyles(): void {
  if (registered) return;
  const config = plugins.config.get("@csl") as { styles: { add(name: string, xml: string): void } };
  config.styles.add("chicago-author-date", readFileSync(CHICAGO_CSL, "utf8"));
  registered = true;
}

/** A CSL-JSON name: an organisation, written as it is. */
interface CslName {
  literal: string;
}

/** The CSL-JSON record of the data (the fields this site fills). */
export interface CslRecord {
  id: string;
  type: "dataset";
  title: string;
  author: CslName[];
  compiler: CslName[];
  publisher: string;
  version: string;
  issued: { "date-parts": [[number, number, number]] };
  URL: string;
}

/** Where the data lives and who compiled it: the site's data page and its address. */
export interface CitationSite {
  /** Absolute address of the data page. */
  dataUrl: string;
  /** The site, as it names itself: its address without the scheme. */
  name: string;
}

/** A chart cited on its own: its title, sources and address (its embed page). */
export interface CitedChart {
  id: string;
  title: string;
  sources: string[];
  url: string;
}

/**
 * The one record every citation is formatted from: the data, or one chart of
 * it. Authors are organisations only, never people: the publishers of the
 * reporting (of the chart's own sources, for a chart), in sources.csv order.
 */
export function citationRecord(data: Dataset, site: CitationSite, chart?: CitedChart): CslRecord {
  const release = currentRelease(data);
  const [year, month, day] = release.date.split("-").map(Number) as [number, number, number];
  const sources = chart ? data.sources.filter((source) => chart.sources.includes(source.id)) : data.sources;
  return {
    id: chart ? `${PACKAGE_NAME}-${chart.id}` : PACKAGE_NAME,
    type: "dataset",
    title: chart ? chart.title : PACKAGE_TITLE,
    author: [...new Set(sources.map((source) => source.publisher))].map((literal) => ({ literal })),
    compiler: [{ literal: site.name }],
    publisher: site.name,
    version: release.version,
    issued: { "date-parts": [[year, month, day]] },
    URL: chart ? chart.url : site.dataUrl,
  };
}

/** Every citation of the data, as text to copy. */
export interface Citations {
  apa: string;
  chicago: string;
  bibtex: string;
  ris: string;
}

/** The record formatted in each style and format. */
export function citations(data: Dataset, site: CitationSite, chart?: CitedChart): Citations {
  registerStyles();
  const cite = new Cite([citationRecord(data, site, chart)]);
  const text = (template: CitationStyle) =>
    (
      cite.format("bibliography", { format: "text", template, lang: template === "apa" ? "en-GB" : "en-US" }) as string
    ).trim();
  return {
    apa: text("apa"),
    chicago: text("chicago-author-date"),
    bibtex: `${(cite.format("bibtex") as string).trim()}\n`,
    ris: `${(cite.format("ris") as string).trim()}\n`,
  };
}

/** The citation datapackage.json carries: the record and every format. */
export function packageCitation(data: Dataset, site: CitationSite): PackageCitation {
  return { csl: citationRecord(data, site), ...citations(data, site) };
}

/** The site as a citation names it, from its address: the data page and the address without its scheme. */
export function citationSite(address: SiteAddress): CitationSite {
  return {
    dataUrl: absoluteUrl("data/", address),
    name: absoluteUrl("", address)
      .replace(/^[a-z]+:\/\//, "")
      .replace(/\/$/, ""),
  };
}
