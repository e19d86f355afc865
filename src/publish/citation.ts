/**
 * How to cite the data: one CSL-JSON record, built from data/publication.csv
 * (the publication made the tables and charts: it is their author and
 * publisher), sources.csv (the reporting they rest on, credited as their
 * source in `note`: "Data: Press Association, … (6 May 2014), via The London
 * Post"), releases.csv (the data version and its date) and the site's
 * address (where the data lives), formatted by citation-js into APA 7,
 * Chicago (author-date, registered from the CSL style in ./csl/), BibTeX
 * and RIS. Nothing here writes a citation format by hand.
 */
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import "@citation-js/plugin-ris";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publication as thePublication } from "../data/publication.ts";
import type { Dataset, Publication } from "../data/schema.ts";
import { dataCredit, dataSourceIds } from "../lib/source-credit.ts";
import { currentRelease, PACKAGE_NAME, PACKAGE_TITLE, type PackageCitation } from "./datapackage.ts";
import type { ChartDefinition } from "../charts/registry.ts";
import { absoluteUrl, embedPath, type SiteAddress } from "./embed-urls.ts";

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
  publisher: string;
  version: string;
  issued: { "date-parts": [[number, number, number]] };
  URL: string;
  /** The reporting the data rests on: "Data: <source>; <source>". */
  note: string;
}

/** Where the data lives and who publishes it: the site's data page and the publication. */
export interface CitationSite {
  /** Absolute address of the data page. */
  dataUrl: string;
  /** The publication (data/publication.csv): the author and publisher of the data and charts. */
  publication: Publication;
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
 * it. The publication is the author and publisher (an organisation, never
 * invented people); the reporting the data rests on (the sources its rows
 * cite; the chart's own sources, for a chart) is its source, in sources.csv
 * order.
 */
export function citationRecord(data: Dataset, site: CitationSite, chart?: CitedChart): CslRecord {
  const release = currentRelease(data);
  const [year, month, day] = release.date.split("-").map(Number) as [number, number, number];
  const sourceIds = chart
    ? data.sources.filter((source) => chart.sources.includes(source.id)).map(({ id }) => id)
    : dataSourceIds(data);
  return {
    id: chart ? `${PACKAGE_NAME}-${chart.id}` : PACKAGE_NAME,
    type: "dataset",
    title: chart ? chart.title : PACKAGE_TITLE,
    author: [{ literal: site.publication.name }],
    publisher: site.publication.name,
    version: release.version,
    issued: { "date-parts": [[year, month, day]] },
    URL: chart ? chart.url : site.dataUrl,
    note: dataCredit(sourceIds, data),
  };
}

/**
 * RIS as citation-js writes it, with each value on one line: it wraps long
 * values at 70 characters, mid-word ("a different peri" / "od and count"),
 * and a reference manager reads the break as a space. A line that does not
 * start with a tag continues the value above it, exactly as split.
 */
export function unwrapRis(ris: string): string {
  return ris.replace(/\r?\n(?![A-Z][A-Z0-9] {2}-)/g, "");
}

/** Every citation of the data, as text to copy. */
export interface Citations {
  apa: string;
  chicago: string;
  bibtex: string;
  ris: string;
}

/**
 * Citations already formatted, by their record, kept on globalThis: citeproc takes a noticeable
 * part of a second per page for what is the same few records on every page, and in `npm run dev`
 * this module is evaluated afresh after every data run. The text depends on the record alone.
 */
const FORMATTED = Symbol.for("met-breaches:citations-by-record");
const formatted = ((globalThis as { [FORMATTED]?: Map<string, Citations> })[FORMATTED] ??= new Map());
const FORMATTED_SIZE = 200;

/** The record formatted in each style and format. */
export function citations(data: Dataset, site: CitationSite, chart?: CitedChart): Citations {
  const record = citationRecord(data, site, chart);
  const key = JSON.stringify(record);
  const kept = formatted.get(key);
  if (kept) return { ...kept };
  const made = formatRecord(record);
  formatted.set(key, made);
  if (formatted.size > FORMATTED_SIZE) formatted.delete(formatted.keys().next().value!);
  return { ...made };
}

function formatRecord(record: CslRecord): Citations {
  registerStyles();
  const cite = new Cite([record]);
  // APA's style prints no note: it prints `references` (in brackets, after the address), so its record carries
  // the sources there. Our Chicago style (./csl/) prints the note.
  const apa = new Cite([{ ...record, references: record.note }]);
  const text = (source: Cite, template: CitationStyle) =>
    (
      source.format("bibliography", {
        format: "text",
        template,
        lang: template === "apa" ? "en-GB" : "en-US",
      }) as string
    ).trim();
  return {
    apa: text(apa, "apa"),
    chicago: text(cite, "chicago-author-date"),
    bibtex: `${(cite.format("bibtex") as string).trim()}\n`,
    ris: `${unwrapRis((cite.format("ris") as string).trim())}\n`,
  };
}

/** The citation datapackage.json carries: the record and every format. */
export function packageCitation(data: Dataset, site: CitationSite): PackageCitation {
  return { csl: citationRecord(data, site), ...citations(data, site) };
}

/** The site as a citation names it: its data page, and the publication that publishes it. */
export function citationSite(address: SiteAddress, publication: Publication = thePublication): CitationSite {
  return { dataUrl: absoluteUrl("data/", address), publication };
}

/** A chart as its citation names it: its title, its own sources and its embed page's address. */
export function citedChart(chart: ChartDefinition, data: Dataset, address: SiteAddress): CitedChart {
  return {
    id: chart.id,
    title: chart.title,
    sources: chart.sources(data),
    url: absoluteUrl(embedPath(chart.id), address),
  };
}
