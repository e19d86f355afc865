/**
 * "Cite this": CITATION.cff validates against the Citation File Format 1.2.0
 * schema and says what the data says (title, version, date, the publication
 * as author, the sources as references, licence); the data page and every figure's data panel offer APA 7,
 * Chicago, BibTeX and RIS built from one record, which citation-js reads
 * back to the same work; datapackage.json carries the citation; the copy
 * button copies and confirms, in Chromium.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHARTS } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { publication } from "../src/data/publication.ts";
import { dataSourceIds, sourceById, sourceReference } from "../src/lib/source-credit.ts";
import { currentRelease, KEYWORDS, LICENCE, PACKAGE_TITLE, type DataPackage } from "../src/publish/datapackage.ts";
import { launchBrowser } from "./support/browser.ts";
import { builtPage, DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";

const BASE = (process.env.BASE_PATH ?? "/").replace(/\/*$/, "/");
const SITE = new URL(BASE, process.env.SITE_URL ?? "http://localhost:4321").href;

const release = currentRelease(dataset);
// The publication made the data and charts: their author and publisher. The reporting they rest on is their source.
const AUTHOR = publication.name;
const dataSources = dataSourceIds(dataset).map((id) => sourceById(id, dataset));
/** "Data: <source>; <source>", as every citation credits the reporting. */
const dataNote = (ids: readonly string[]) =>
  `Data: ${ids.map((id) => sourceReference(sourceById(id, dataset))).join("; ")}`;

/** A CSL-JSON item as citation-js reads a citation back. */
interface CslItem {
  title?: string;
  author?: { literal?: string; family?: string }[];
  issued?: { "date-parts": number[][] };
  URL?: string;
  version?: string;
  edition?: string;
  note?: string;
  publisher?: string;
}
const readBack = (text: string): CslItem[] => new Cite(text).data as unknown as CslItem[];
const names = (item: CslItem) => (item.author ?? []).map((name) => name.literal ?? name.family);

describe("CITATION.cff", () => {
  const schema = JSON.parse(readFileSync("test/fixtures/cff-1.2.0/schema.json", "utf8")) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const cff = parse(readFileSync("CITATION.cff", "utf8")) as Record<string, unknown>;

  it("validates against the Citation File Format 1.2.0 schema", () => {
    expect(validate(cff), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(cff["cff-version"]).toBe("1.2.0");
  });

  it("and the schema rejects a broken file (no authors, a day-first date)", () => {
    expect(validate({ ...cff, authors: undefined })).toBe(false);
    expect(validate({ ...cff, "date-released": "24/11/2026" })).toBe(false);
  });

  it("says what the data says: title, version and date of the last release, the publication as author, licence", () => {
    expect(cff.title).toBe(PACKAGE_TITLE);
    expect(cff.version).toBe(release.version);
    expect(cff["date-released"]).toBe(release.date);
    // An organisation, never invented people: the publication (data/publication.csv), and no one else.
    expect(cff.authors).toEqual([{ name: publication.name, website: publication.url }]);
    expect(cff["repository-code"]).toBe(publication.repository);
    expect(cff.contact).toEqual([
      { name: publication.name, ...(publication.corrections.includes("@") ? { email: publication.corrections } : {}) },
    ]);
    expect(cff.license).toBe(LICENCE.name);
    expect(cff.keywords).toEqual(KEYWORDS);
  });

  it("lists the reporting the data rests on as references, each saying how we know it, and no outlet as an author", () => {
    const references = cff.references as { title: string; authors: { name: string }[]; url: string; notes?: string }[];
    expect(references.map((reference) => reference.title)).toEqual(dataSources.map((source) => source.title));
    references.forEach((reference, index) => {
      const source = dataSources[index]!;
      expect(reference.authors).toEqual([{ name: source.publisher }]);
      expect(reference.url).toBe(source.url);
      expect(reference.notes).toBe(sourceReference(source));
    });
    const authors = JSON.stringify(cff.authors);
    for (const source of dataset.sources) expect(authors).not.toContain(source.publisher);
  });
});

/** The four citations in a "Cite this" block, by format. */
type CitationTexts = Record<"apa" | "chicago" | "bibtex" | "ris", string>;
/**
 * A "Cite this" block's citations, by format: those it shows as text, and those it links as a
 * file (a chart's BibTeX and RIS, read from the built file its link names, under dist).
 */
function citationBlock(root: ParentNode, key: string): CitationTexts {
  const block = root.querySelector(`[data-citation="${key}"]`);
  expect(block, `citation block ${key}`).not.toBeNull();
  const fields = [...block!.querySelectorAll("pre[data-citation-format]")];
  // The block holds its text as characters, as a browser reads it.
  const shown = fields.map((field): [string | null, string] => [
    field.getAttribute("data-citation-format"),
    parseHTML(`<!doctype html><html><body><p>${field.innerHTML}</p></body></html>`).document.body.textContent,
  ]);
  const linked = [...block!.querySelectorAll("[data-citation-file]")].map((line): [string | null, string] => {
    const href = line.querySelector("a[download]")?.getAttribute("href") ?? "";
    expect(href.startsWith(BASE), href).toBe(true);
    // Its copy button copies the file it links.
    expect(line.querySelector("button[data-copy-href]")?.getAttribute("data-copy-href")).toBe(href);
    return [line.getAttribute("data-citation-file"), readFileSync(join(DIST_DIR, href.slice(BASE.length)), "utf8")];
  });
  return Object.fromEntries([...shown, ...linked]) as CitationTexts;
}

describe("the data page", () => {
  const { document } = parseHTML(builtPage("data/"));
  const cite = citationBlock(document.querySelector("#cite")!, "data");

  it("offers APA 7, Chicago, BibTeX and RIS, each labelled with a copy button", () => {
    expect(Object.keys(cite)).toEqual(["apa", "chicago", "bibtex", "ris"]);
    const fields = [...document.querySelectorAll("#cite [data-citation-format]")];
    expect(fields).toHaveLength(4);
    for (const field of fields) {
      // Named by its label, and reachable with the keyboard (to scroll it and select in it).
      const label = document.getElementById(field.getAttribute("aria-labelledby") ?? "");
      expect(label?.textContent?.trim(), field.id).toMatch(/^(APA|Chicago|BibTeX|RIS)/);
      expect(field.getAttribute("tabindex")).toBe("0");
      expect(document.querySelector(`button[data-copy-target="${field.id}"]`)).not.toBeNull();
    }
  });

  it("writes APA 7 and Chicago from the record: the publication, year, title, version, address, the sources", () => {
    const year = release.date.slice(0, 4);
    const note = dataNote(dataSources.map((source) => source.id));
    expect(cite.apa).toBe(
      `${AUTHOR}. (${year}). ${PACKAGE_TITLE} (Version ${release.version}) [Dataset]. ${AUTHOR}. ${SITE}data/ (${note})`,
    );
    expect(cite.chicago.startsWith(`${AUTHOR}. ${year}. “`)).toBe(true);
    expect(cite.chicago).toContain(`Version ${release.version}. ${AUTHOR}. ${SITE}data/. ${note}`);
  });

  it("gives BibTeX and RIS that citation-js reads back to the same work: the publication as author, the sources as note", () => {
    for (const format of ["bibtex", "ris"] as const) {
      const [item] = readBack(cite[format]);
      expect(item?.title?.replace(/[{}]/g, ""), format).toBe(PACKAGE_TITLE);
      expect(names(item!), format).toEqual([AUTHOR]);
      expect(item?.publisher, format).toBe(AUTHOR);
      expect(item?.issued?.["date-parts"][0]?.[0], format).toBe(Number(release.date.slice(0, 4)));
      expect(item?.URL, format).toBe(`${SITE}data/`);
      // BibTeX writes curly quotes as LaTeX quotes; the words are the same.
      const plain = (text: string) => text.replace(/``|''|[“”]/g, '"');
      expect(plain(item?.note ?? ""), format).toBe(plain(dataNote(dataSources.map((source) => source.id))));
    }
    expect(cite.ris).toContain(`ET  - ${release.version}`);
  });

  it("never names a source's publisher as an author, and an outlet that only dates or corroborates is no source", () => {
    const csl = new Cite(cite.bibtex).data as unknown as CslItem[];
    const authors = JSON.stringify(csl[0]?.author);
    for (const source of dataset.sources) expect(authors).not.toContain(source.publisher);
    const cited = new Set(dataSources.map((source) => source.id));
    for (const source of dataset.sources.filter((candidate) => !cited.has(candidate.id)))
      expect(cite.apa, source.id).not.toContain(`${source.publisher}, “${source.title}”`);
  });

  it("keeps every RIS value on one line: no word broken by a wrap", () => {
    for (const line of cite.ris.trimEnd().split("\n")) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( |$)/);
  });

  it("datapackage.json carries the same citation and its CSL-JSON record", () => {
    const descriptor = JSON.parse(readFileSync(join(DIST_DIR, "data", "datapackage.json"), "utf8")) as DataPackage;
    expect(descriptor.citation?.apa).toBe(cite.apa);
    expect(descriptor.citation?.chicago).toBe(cite.chicago);
    expect(descriptor.citation?.bibtex).toBe(cite.bibtex);
    expect(descriptor.citation?.ris).toBe(cite.ris);
    expect(descriptor.citation?.csl).toMatchObject({ type: "dataset", title: PACKAGE_TITLE, version: release.version });
  });
});

/**
 * Where a chart is cited: its place on the data page, which the story's figure links, and the
 * "Notes and data" panel of its embed page, which stands alone.
 */
const chartCitationPlaces = CHARTS.flatMap((chart) => [
  [chart.id, "its place on the data page", "data/", `#chart-${chart.id}`, `chart-${chart.id}-cite`, chart] as const,
  [
    chart.id,
    "the data panel of its embed page",
    `embed/${chart.id}/`,
    `#figure-${chart.id} details.chart-data`,
    `figure-${chart.id}-cite`,
    chart,
  ] as const,
]);

describe.each(chartCitationPlaces)("chart %s, cited in %s", (id, _, page, scope, prefix, chart) => {
  it("cites the chart, crediting only the chart's own sources: APA and Chicago as text, BibTeX and RIS as linked files", () => {
    const { document } = parseHTML(builtPage(page));
    const panel = document.querySelector(scope)!;
    const cite = citationBlock(panel, id);
    expect(Object.keys(cite)).toEqual(["apa", "chicago", "bibtex", "ris"]);
    expect([...panel.querySelectorAll("pre[data-citation-format]")].map((field) => field.id)).toEqual([
      `${prefix}-apa`,
      `${prefix}-chicago`,
    ]);
    const [bibtex] = readBack(cite.bibtex);
    expect(names(bibtex!)).toEqual([AUTHOR]);
    expect(bibtex?.title?.replace(/[{}]/g, "")).toBe(chart.title);
    expect(bibtex?.URL).toBe(`${SITE}embed/${id}/`);
    const [item] = readBack(cite.ris);
    expect(names(item!)).toEqual([AUTHOR]);
    expect(item?.note).toBe(dataNote(chart.sources(dataset)));
    expect(item?.URL).toBe(`${SITE}embed/${id}/`);
    expect(item?.title).toBe(chart.title);
    expect(cite.apa).toContain(chart.title);
    expect(cite.apa).toContain(dataNote(chart.sources(dataset)));
    expect(cite.chicago).toContain(dataNote(chart.sources(dataset)));
    // No wrapped RIS line: every line starts with its tag.
    for (const line of cite.ris.trimEnd().split("\n")) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( |$)/);
  });
});

describe("copying a citation, in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveStatic(DIST_DIR, BASE);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("copies the APA citation and says so", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}data/`);
      await page.locator('button[data-copy-target="cite-data-apa"]').click();
      const status = page.locator("#cite-data-apa + .cite-this-copy [role=status]");
      await expect.poll(() => status.textContent()).toBe("Copied");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator("#cite-data-apa").textContent());
      expect(copied).toContain(PACKAGE_TITLE);
    } finally {
      await context.close();
    }
  });

  it("copies a chart's BibTeX from the file its place on the data page links, and says so", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}data/`);
      const line = page.locator('#chart-outcomes [data-citation-file="bibtex"]');
      await line.locator("button[data-copy-href]").click();
      await expect.poll(() => line.locator("[role=status]").textContent()).toBe("Copied");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(readFileSync(join(DIST_DIR, "data/charts/outcomes.bib"), "utf8"));
      expect(copied).toContain(CHARTS.find((chart) => chart.id === "outcomes")!.title);
    } finally {
      await context.close();
    }
  });
});
