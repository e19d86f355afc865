/**
 * The story as built: dist's index.html parsed with linkedom. Every section
 * is there, every registry chart is a complete figure whose table holds the
 * data's numbers, every number in the prose went through the fact helper,
 * and the page furniture (meta, JSON-LD, robots, sitemap, share image) is
 * right for the site's address.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { PALETTE, PALETTE_CSS_VARIABLES, type PaletteName } from "../src/charts/palette.ts";
import { CHARTS } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { publication } from "../src/data/publication.ts";
import { dataSourceIds } from "../src/lib/source-credit.ts";
import { PACKAGE_TITLE } from "../src/publish/datapackage.ts";
import type { TableName } from "../src/data/schema.ts";
import { factText, placePhrase, storyPhraseText } from "../src/lib/fact-display.ts";
import { quoteById } from "../src/lib/quotes.ts";
import { RELEASES_SOURCE, resolveFact } from "../src/lib/story-facts.ts";
import { builtPage, DIST_DIR, pageCss } from "./support/site.ts";

const SECTIONS = ["scale", "outcomes", "what-they-did", "who", "national", "reaction", "about-the-data"];
const BASE = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");

let document: Document;
let article: Element;

const text = (element: Element | null | undefined) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (root: ParentNode, selector: string) => Array.from(root.querySelectorAll(selector));

/** A path under the site (from an absolute URL or a base-relative href) as a file in dist. */
function distFile(url: string): string {
  const path = new URL(url, "http://site.invalid").pathname;
  expect(path.startsWith(BASE), `${url} is under the base path ${BASE}`).toBe(true);
  const rest = decodeURIComponent(path.slice(BASE.length));
  return join(DIST_DIR, rest.endsWith("/") || rest === "" ? `${rest}index.html` : rest);
}

beforeAll(() => {
  document = parseHTML(builtPage("")).document as unknown as Document;
  const found = document.querySelector("main article.story");
  if (!found) throw new Error("The story page has no <article class=story> inside <main>");
  article = found;
});

describe("story sections", () => {
  it("has a headline, standfirst, publication date, data version and the source credit", () => {
    const header = article.querySelector(".story-header");
    expect(text(header?.querySelector("h1"))).toContain(
      String(resolveFact("figures:met-breaches-total", dataset).value),
    );
    expect(text(header?.querySelector(".standfirst")).length).toBeGreaterThan(80);
    const published = header?.querySelector('.dateline time[data-fact="releases:first"]');
    const updated = header?.querySelector('.dateline time[data-fact="releases:last"]');
    expect(published?.getAttribute("datetime")).toBe(dataset.releases[0]?.date);
    expect(updated?.getAttribute("datetime")).toBe(dataset.releases.at(-1)?.date);
    expect(text(published?.parentElement)).toMatch(/^Published /);
    // The 2026 date is the tables' version, set beside the findings' own date: never "Data updated".
    const release = dataset.releases.at(-1)!;
    const reported = factText(resolveFact("sources:pa-2014:published-month", dataset));
    expect(text(updated?.parentElement)).toBe(
      `Data version ${release.version} (${factText(resolveFact("releases:last", dataset))}); the findings were reported in ${reported}`,
    );
    expect(text(header?.querySelector(".dateline"))).not.toMatch(/updated/i);
    expect(
      header?.querySelector('.dateline time[data-fact="sources:pa-2014:published-month"]')?.getAttribute("datetime"),
    ).toBe(dataset.sources.find((s) => s.id === "pa-2014")?.published.slice(0, 7));
    const investigation = header?.querySelector('.source-credit time[data-fact="sources:pa-2014:published"]');
    expect(investigation?.getAttribute("datetime")).toBe(dataset.sources.find((s) => s.id === "pa-2014")?.published);
    expect(text(header?.querySelector(".source-credit"))).toContain("Press Association");
    // The byline line names the publication and the date, right above the lead chart.
    const byline = header?.querySelector(".byline");
    expect(text(byline)).toBe(`By ${publication.name}. Published ${text(published)}`);
    expect(byline?.nextElementSibling?.matches("figure.chart-figure[data-chart]")).toBe(true);
  });

  it("dates the findings in the headline and the standfirst, from the data: the breaches' period and the report", () => {
    const header = article.querySelector(".story-header")!;
    const period = dataset.periods.find((p) => p.id === "met-2009-2013")!;
    const h1 = header.querySelector("h1")!;
    // The headline: the breaches' years and the year of the investigation, each a fact from the data.
    const years = all(h1, "time.fact").map((element) => element.getAttribute("datetime"));
    expect(years).toEqual([period.start.slice(0, 4), period.end.slice(0, 4)]);
    expect(text(h1)).toMatch(/ times between 2009 and 2013$/);
    // The standfirst: when it was reported, and that the period is the breaches', not the investigations'.
    const standfirst = text(header.querySelector(".standfirst"));
    expect(standfirst).toContain(
      `the Press Association reported in ${factText(resolveFact("sources:pa-2014:published-month", dataset))}`,
    );
    expect(standfirst).toContain(
      `Between ${factText(resolveFact("periods:met-2009-2013:start-month", dataset))} and ${factText(resolveFact("periods:met-2009-2013:end-month", dataset))}, Metropolitan Police officers and staff committed`,
    );
    expect(standfirst).not.toMatch(
      /investigated and substantiated \d|substantiated between|investigated and substantiated from/,
    );
    const months = all(header.querySelector(".standfirst")!, "time.fact").map((element) =>
      element.getAttribute("datetime"),
    );
    expect(months).toEqual(["2014-05", period.start.slice(0, 7), period.end.slice(0, 7)]);
  });

  it.each(SECTIONS)("has the %s section with its heading", (id) => {
    const section = article.querySelector(`section#${id}`);
    expect(section, `section#${id}`).not.toBeNull();
    const heading = section?.querySelector(`#${id}-heading`);
    expect(heading?.tagName).toBe("H2");
    expect(section?.getAttribute("aria-labelledby")).toBe(`${id}-heading`);
    expect(text(section).length).toBeGreaterThan(text(heading).length + 40);
  });

  it("says plainly what is not known", () => {
    const outcomes = text(article.querySelector("#outcomes"));
    expect(outcomes).toContain("was not reported");
    expect(text(article.querySelector("#what-they-did"))).toContain("not how common each kind was");
    expect(text(article.querySelector("#who"))).toContain("No breakdown");
    expect(text(article.querySelector("#national"))).toMatch(/not a comparison/i);
  });

  it("lists every documented case, reaction and source from the data", () => {
    for (const row of dataset.cases) {
      expect(text(article.querySelector(`#${row.id} .case-summary`))).toBe(row.summary);
      if (row.quote_id) {
        const quote = quoteById(row.quote_id, dataset);
        const line = article.querySelector(`#${row.id} .case-quote`);
        expect(text(line)).toBe(`In the words of ${quote.speaker}, as reported: “${quote.quote}”`);
        expect(line?.querySelector(".quote")?.getAttribute("data-quote")).toBe(quote.id);
      }
    }
    for (const reaction of dataset.reactions) {
      const item = article.querySelector(`#reaction-${reaction.id}`);
      expect(text(item)).toContain(reaction.paraphrase);
      // A person's own words appear only in quotation marks.
      if (reaction.quote_id) {
        const quote = quoteById(reaction.quote_id, dataset);
        expect(text(item?.querySelector(`.quote[data-quote="${quote.id}"]`))).toBe(`“${quote.quote}”`);
      }
    }
    for (const source of dataset.sources) {
      const item = article.querySelector(`#source-${source.id}`);
      expect(item?.querySelector(`a[href="${source.url}"]`), source.id).not.toBeNull();
    }
  });

  it("links to the data downloads under the base path", () => {
    const links = all(article.querySelector("#about-the-data")!, "a").map((a) => a.getAttribute("href"));
    expect(links).toContain(`${BASE}data/`);
  });
});

describe("figures", () => {
  it("shows every chart in the registry exactly once", () => {
    const shown = all(article, "figure[data-chart]").map((figure) => figure.getAttribute("data-chart"));
    expect(shown.sort()).toEqual(CHARTS.map((chart) => chart.id).sort());
  });

  describe.each(CHARTS.map((chart) => [chart.id, chart] as const))("%s", (id, chart) => {
    let figure: Element;
    beforeAll(() => {
      figure = article.querySelector(`figure#figure-${id}`)!;
      expect(figure, `figure#figure-${id}`).not.toBeNull();
    });

    it("has the stable id, data-chart, title and takeaway", () => {
      expect(figure.getAttribute("data-chart")).toBe(id);
      const caption = figure.querySelector("figcaption");
      expect(text(caption?.querySelector(".chart-title"))).toBe(chart.title);
      expect(text(caption?.querySelector(".chart-takeaway"))).toBe(
        storyPhraseText(placePhrase(chart.takeaway(dataset))),
      );
      // Numbers in the takeaway are facts, with their source, or marked as our calculation from it.
      for (const part of chart.takeaway(dataset)) {
        if (typeof part === "string") continue;
        const attribute = part.derived ? "data-derived-from" : "data-source";
        const fact = caption?.querySelector(`.chart-takeaway .fact[${attribute}="${part.source}"]`);
        expect(fact, `takeaway fact ${part.label}`).not.toBeNull();
      }
    });

    it("has an SVG image named by the title and described by describe(data)", () => {
      const svgs = all(figure, "svg");
      expect(svgs.length).toBeGreaterThan(0);
      for (const svg of svgs) {
        expect(svg.getAttribute("role")).toBe("img");
        const names = (svg.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
        expect(names.length).toBeGreaterThan(0);
        expect(names.map((name) => text(document.getElementById(name))).join(" ")).toBe(chart.title);
        const description = document.getElementById(svg.getAttribute("aria-describedby") ?? "");
        expect(text(description)).toBe(chart.describe(dataset).replace(/\s+/g, " ").trim());
      }
    });

    it("names its sources by publisher and title, linked", () => {
      const line = figure.querySelector(".source-line");
      for (const sourceId of chart.sources(dataset)) {
        const source = dataset.sources.find((candidate) => candidate.id === sourceId)!;
        expect(text(line)).toContain(source.publisher);
        expect(text(line?.querySelector(`a[href="${source.url}"]`))).toBe(source.title);
      }
    });

    it("shows one caveat under the chart and keeps its other notes and its links to take it away in 'Notes and data'", () => {
      // A note's own words, without the letter of its source marker; the line that introduces the notes'
      // sources is not a note.
      const noteText = (note: Element) => {
        const copy = note.cloneNode(true) as Element;
        copy.querySelectorAll(".note-cite").forEach((marker) => marker.remove());
        return text(copy);
      };
      const notes = all(figure, ".chart-note:not(.note-sources-intro)").map(noteText);
      expect(notes).toEqual(chart.notes(dataset).map((note) => `Note: ${storyPhraseText(placePhrase(note))}`));
      const foot = figure.querySelector(".chart-foot")!;
      const details = foot.querySelector("details.chart-data")!;
      // Outside the disclosure: the source line, one caveat and (for a corrected chart) its update line.
      const outside = [...foot.children].filter((child) => child !== details);
      expect(outside.filter((child) => child.matches(".chart-note")).length).toBe(Math.min(1, notes.length));
      expect(outside.every((child) => child.matches(".source-line, .chart-caveat, .chart-updated"))).toBe(true);
      expect(details.querySelectorAll(".chart-note:not(.note-sources-intro)").length).toBe(
        Math.max(0, notes.length - 1),
      );
      // Its downloads and citations are on the data page, in the chart's place there, which the panel
      // links by the chart's title (test/chart-images.test.ts follows the links).
      const more = details.querySelector(".chart-more");
      expect(more?.querySelector(`a[href$="data/#chart-${chart.id}"]`)?.textContent).toBe(
        `Cite or download “${chart.title}”`,
      );
    });

    it("has a 'Notes and data' table holding exactly the chart's numbers", () => {
      const details = figure.querySelector("details.chart-data");
      expect(text(details?.querySelector("summary"))).toBe("Notes and data");
      const table = details?.querySelector("table");
      expect(table).not.toBeNull();
      const expected = chart.table(dataset);
      expect(all(table!, "thead th").map(text)).toEqual(expected.columns.map((column) => column.label));
      const rows = all(table!, "tbody tr");
      expect(rows.length).toBe(expected.rows.length);
      rows.forEach((row, r) => {
        const cells = all(row, "th, td");
        expected.columns.forEach((column, c) => {
          const want = expected.rows[r]?.[column.key] ?? null;
          const cell = cells[c]!;
          if (want === null) {
            expect(cell.getAttribute("data-value")).toBe("");
          } else if (typeof want === "number") {
            expect(Number(cell.getAttribute("data-value")), `${column.key} row ${r}`).toBe(want);
            // What a reader sees is the same number, grouped en-GB.
            expect(Number(text(cell).replaceAll(",", ""))).toBe(want);
          } else {
            expect(text(cell)).toBe(want);
          }
        });
      });
    });
  });
});

describe("numbers", () => {
  it("every fact names a known source, and cited keys carry the data's value", () => {
    const sourceIds = new Set([...dataset.sources.map((source) => source.id), RELEASES_SOURCE]);
    const facts = all(document, ".fact");
    expect(facts.length).toBeGreaterThan(40);
    for (const element of facts) {
      if (element.hasAttribute("data-derived")) {
        // Our calculation: its formula, the source of its inputs, and a note that says it is ours.
        expect(sourceIds.has(element.getAttribute("data-derived-from") ?? ""), element.outerHTML).toBe(true);
        expect(element.hasAttribute("data-source"), element.outerHTML).toBe(false);
        expect(element.getAttribute("data-note") ?? "", element.outerHTML).toMatch(/^Our calculation from /);
      } else {
        expect(sourceIds.has(element.getAttribute("data-source") ?? ""), element.outerHTML).toBe(true);
        expect(element.getAttribute("data-note") ?? "", element.outerHTML).toContain("Source: ");
      }
      // No title: a screen reader would read it around the number as its description (issue 26).
      expect(element.hasAttribute("title"), element.outerHTML).toBe(false);
      const key = element.getAttribute("data-fact");
      if (!key) continue;
      const fact = resolveFact(key, dataset);
      const machine = element.getAttribute(element.tagName === "TIME" ? "datetime" : "value");
      if (element.tagName === "DATA") expect(Number(machine), key).toBe(fact.value);
      // The text is the formatted fact, in the style the prose asked for.
      const style = Object.fromEntries(
        (element.getAttribute("data-style") ?? "")
          .split(" ")
          .filter(Boolean)
          .map((name) => [name, true]),
      );
      expect(text(element), key).toBe(factText(fact, style));
    }
  });

  it("data strings shown verbatim come from the table they claim", () => {
    for (const element of all(article, "[data-from]")) {
      const table = element.getAttribute("data-from") as TableName;
      const values = new Set(
        (dataset[table] as Record<string, unknown>[]).flatMap((row) =>
          Object.values(row).filter((value): value is string => typeof value === "string"),
        ),
      );
      // An excerpt (data-excerpt) is a value's first words, ending with an ellipsis.
      const shown = text(element);
      const found = element.hasAttribute("data-excerpt")
        ? [...values].some((value) => shown.endsWith("…") && value.startsWith(shown.slice(0, -1)))
        : values.has(shown);
      expect(found, `${table}: "${shown}"`).toBe(true);
    }
  });

  it("no digit in the article bypassed the fact helper", () => {
    const copy = article.cloneNode(true) as Element;
    // Facts carry their own source; SVGs and tables are the chart's data; [data-from] elements are
    // verbatim data strings (checked against their table above), such as a source's headline; a
    // figure's download sizes are measured from the served files (test/chart-images.test.ts) and its
    // citations are formatted from the data by citation-js (test/citation.test.ts); a source marker's
    // number (a.cite) is the place of its footnote, not a figure.
    const generated = "[data-chart-downloads] data, [data-citation] [data-citation-format], a.cite";
    for (const element of all(copy, `.fact, svg, table, [data-from], ${generated}`)) element.remove();
    const offending: string[] = [];
    const walker = (node: Node) => {
      if (node.nodeType === 3) {
        const value = node.textContent ?? "";
        for (const match of value.matchAll(/\d+/g)) {
          offending.push(value.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, " "));
        }
      }
      node.childNodes.forEach(walker);
    };
    walker(copy);
    expect(offending, `typed numbers:\n${offending.join("\n")}`).toEqual([]);
  });
});

describe("page furniture", () => {
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content") ?? "";

  it("has a title, description and canonical URL from the site's address", () => {
    expect(text(document.querySelector("title"))).toBe(text(article.querySelector("h1")));
    expect(meta('meta[name="description"]').length).toBeGreaterThan(50);
    const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
    expect(new URL(canonical).pathname).toBe(BASE);
    if (process.env.SITE_URL) expect(canonical.startsWith(process.env.SITE_URL)).toBe(true);
  });

  it("dates the article in its head: first and last release, from releases.csv", () => {
    expect(meta('meta[property="article:published_time"]')).toBe(dataset.releases[0]?.date);
    expect(meta('meta[property="article:modified_time"]')).toBe(dataset.releases.at(-1)?.date);
  });

  it("describes the period as the breaches' in the meta, Open Graph, Twitter and JSON-LD descriptions", () => {
    const description = meta('meta[name="description"]');
    expect(description).toMatch(
      /^Between January 2009 and October 2013, Metropolitan Police officers and staff committed 300 breaches/,
    );
    expect(description).toContain("reported in May 2014");
    expect(meta('meta[property="og:description"]')).toBe(description);
    expect(meta('meta[name="twitter:description"]')).toBe(description);
    const raw = document.querySelector('script[type="application/ld+json"]')?.textContent ?? "";
    const graph = (JSON.parse(raw) as { "@graph": Record<string, unknown>[] })["@graph"];
    const described = graph.filter((node) => node["@type"] === "NewsArticle" || node["@type"] === "Dataset");
    expect(described).toHaveLength(2);
    for (const node of described) expect(node.description).toBe(description);
  });

  it("has Open Graph and Twitter cards whose image was built as a 1200x630 PNG", () => {
    expect(meta('meta[property="og:type"]')).toBe("article");
    expect(meta('meta[property="og:title"]')).toBe(text(document.querySelector("title")));
    expect(meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    const image = meta('meta[property="og:image"]');
    expect(meta('meta[name="twitter:image"]')).toBe(image);
    expect(meta('meta[property="og:image:alt"]').length).toBeGreaterThan(10);
    const png = readFileSync(distFile(image));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it("has NewsArticle and Dataset JSON-LD with values from the data, safely escaped", () => {
    const scripts = all(document, 'script[type="application/ld+json"]');
    expect(scripts.length).toBe(1);
    const raw = scripts[0]!.textContent ?? "";
    expect(raw).not.toMatch(/[<>]/);
    const graph = (JSON.parse(raw) as { "@graph": Record<string, unknown>[] })["@graph"];
    const articleLd = graph.find((node) => node["@type"] === "NewsArticle")!;
    const datasetLd = graph.find((node) => node["@type"] === "Dataset")!;
    expect(articleLd.headline).toBe(text(document.querySelector("title")));
    expect(articleLd.datePublished).toBe(dataset.releases[0]?.date);
    expect(articleLd.dateModified).toBe(dataset.releases.at(-1)?.date);
    expect(datasetLd.version).toBe(dataset.releases.at(-1)?.version);
    // Every period the data covers: the Met's and the national one.
    const starts = dataset.periods.map((p) => p.start).sort();
    const ends = dataset.periods.map((p) => p.end).sort();
    expect(datasetLd.temporalCoverage).toBe(`${starts[0]}/${ends.at(-1)}`);
    expect(datasetLd.name).toBe(PACKAGE_TITLE);
    expect(new URL(String(datasetLd.url)).pathname).toBe(`${BASE}data/`);
    // The publication is author and publisher of both; the sources are what they are based on.
    const publisherLd = graph.find((node) => node["@type"] === "Organization")!;
    expect(publisherLd).toMatchObject({ name: publication.name, url: publication.url });
    for (const node of [articleLd, datasetLd]) {
      expect(node.author).toEqual({ "@id": publisherLd["@id"] });
      expect(node.publisher).toEqual({ "@id": publisherLd["@id"] });
      const basedOn = (node.isBasedOn as { name: string; publisher: { name: string } }[]).map((work) => work.name);
      expect(basedOn).toEqual(dataSourceIds(dataset).map((id) => dataset.sources.find((s) => s.id === id)!.title));
    }
  });

  it("needs no JavaScript to read, and ships its enhancements only as bundled module files", () => {
    // The charts and the case list are in the HTML; scripts only add tooltips, keyboard exploration and
    // filters (test/interact-*.test.ts), from files under the site, never inline (a strict CSP allows no inline script).
    const scripts = all(document, "script").filter((script) => script.getAttribute("type") !== "application/ld+json");
    for (const script of scripts) {
      expect(script.getAttribute("type"), script.outerHTML).toBe("module");
      expect(script.getAttribute("src") ?? "", script.outerHTML).toMatch(new RegExp(`^${BASE}_astro/[^/]+\\.js$`));
      expect(script.textContent ?? "").toBe("");
    }
  });

  it("has an SVG favicon, robots.txt naming the sitemap, and a sitemap", () => {
    const icon = document.querySelector('link[rel="icon"]')?.getAttribute("href") ?? "";
    expect(icon).toBe(`${BASE}favicon.svg`);
    expect(existsSync(distFile(icon))).toBe(true);
    const robots = readFileSync(join(DIST_DIR, "robots.txt"), "utf8");
    const sitemap = /^Sitemap: (\S+)$/m.exec(robots)?.[1] ?? "";
    expect(new URL(sitemap).pathname).toBe(`${BASE}sitemap-index.xml`);
    expect(existsSync(distFile(sitemap))).toBe(true);
    const urls = readdirSync(DIST_DIR)
      .filter((file) => /^sitemap-\d+\.xml$/.test(file))
      .map((file) => readFileSync(join(DIST_DIR, file), "utf8"))
      .join("");
    expect(urls).toContain(
      `<loc>${new URL(document.querySelector('link[rel="canonical"]')!.getAttribute("href")!).href}</loc>`,
    );
    expect(urls).not.toContain("404");
  });

  it("has a 404 page kept out of search engines", () => {
    const notFound = parseHTML(readFileSync(join(DIST_DIR, "404.html"), "utf8")).document;
    expect(text(notFound.querySelector("h1"))).toBe("Page not found");
    expect(notFound.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(notFound.querySelector(`a[href="${BASE}"]`)).not.toBeNull();
  });

  it("declares the chart palette as CSS variables with the palette's values", () => {
    const css = pageCss("index.html").toLowerCase();
    for (const name of Object.keys(PALETTE) as PaletteName[]) {
      expect(css).toMatch(new RegExp(`${PALETTE_CSS_VARIABLES[name]}:\\s*${PALETTE[name].toLowerCase()}`));
    }
  });
});
