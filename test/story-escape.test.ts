/**
 * The story built from hostile data, in a throwaway copy of the project
 * under a sub-path: markup-like text in a source title, a reaction's quote and
 * a case summary comes out as text everywhere it lands (HTML text,
 * attributes, JSON-LD, the share image), never as markup.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";

const HOSTILE = `</script><script>alert("x")</script><img src=x onerror=alert(1)> & 'Co' &amp; <!--`;
const HOSTILE_QUOTE = HOSTILE.replaceAll('"', "'");
const BASE = "/interactive/met-breaches/";
const csvCell = (text: string) => `"${text.replaceAll('"', '""')}"`;

let copy: ProjectCopy;
let dist: string;
let document: Document;

/** A case's summary as the data holds it now (a release may reword it). */
function caseSummary(id: string): string {
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(copy.root, "data", "cases.csv"), "utf8"), {
    header: true,
  }).data;
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`data/cases.csv has no ${id}`);
  return row.summary!;
}

/** Replaces text that appears once in a CSV of the copy with CSV-encoded text. */
function replaceInCsv(file: string, from: string, to: string) {
  const path = join(copy.root, "data", file);
  const csv = readFileSync(path, "utf8");
  expect(csv.split(from).length, `${from} appears once in ${file}`).toBe(2);
  writeFileSync(path, csv.replace(from, to));
}

beforeAll(() => {
  copy = copyProject("met-story-escape-");
  replaceInCsv("sources.csv", "London: 300 data protection breaches at Met Police", csvCell(HOSTILE));
  // A quote must stand inside the source's quotation marks in its context, so the hostile words go into
  // both; straight double quotes would close the source's quotation, so this one has single quotes.
  replaceInCsv("quotes.csv", ",astonishing,", `,${csvCell(HOSTILE_QUOTE)},`);
  replaceInCsv("quotes.csv", "is astonishing.", `is ${HOSTILE_QUOTE}.`);
  replaceInCsv("cases.csv", csvCell(caseSummary("case-03")), csvCell(HOSTILE));
  dist = copy.build({ BASE_PATH: BASE, SITE_URL: "https://news.example" });
  document = parseHTML(readFileSync(join(dist, "index.html"), "utf8")).document as unknown as Document;
}, 300_000);

afterAll(() => copy?.remove());

describe("story built from hostile data", () => {
  it("adds no element: the only scripts are the JSON-LD and the bundled enhancements, and there is no image", () => {
    const scripts = Array.from(document.querySelectorAll("script"));
    expect(scripts.filter((script) => script.getAttribute("type") === "application/ld+json")).toHaveLength(1);
    // Everything else is a module file the build bundled (src/scripts), with nothing inline.
    for (const script of scripts.filter((script) => script.getAttribute("type") !== "application/ld+json")) {
      expect(script.getAttribute("type"), script.outerHTML).toBe("module");
      expect(script.getAttribute("src") ?? "", script.outerHTML).toMatch(
        /^\/interactive\/met-breaches\/_astro\/[\w.-]+\.js$/,
      );
      expect(script.textContent, script.outerHTML).toBe("");
    }
    expect(document.querySelectorAll("img").length).toBe(0);
  });

  it("shows the strings as text", () => {
    expect(document.querySelector("#case-03 .case-summary")?.textContent?.trim()).toBe(HOSTILE);
    expect(document.querySelector("#reaction-davis .quote")?.textContent?.trim()).toBe(`“${HOSTILE_QUOTE}”`);
    const titles = Array.from(document.querySelectorAll('cite[data-from="sources"]')).map((cite) => cite.textContent);
    expect(titles).toContain(HOSTILE);
  });

  it("keeps attributes intact: fact notes carry the hostile source title whole", () => {
    const fact = document.querySelector('.fact[data-source="pa-2014"]');
    expect(fact?.getAttribute("data-note")).toContain(HOSTILE);
  });

  it("escapes the JSON-LD so the script cannot be closed, and it still parses to the same string", () => {
    const raw = document.querySelector('script[type="application/ld+json"]')?.textContent ?? "";
    expect(raw).not.toMatch(/<|>/);
    const graph = (JSON.parse(raw) as { "@graph": { "@type": string; citation?: { name: string }[] }[] })["@graph"];
    const article = graph.find((node) => node["@type"] === "NewsArticle");
    expect(article?.citation?.map((work) => work.name)).toContain(HOSTILE);
  });

  it("still draws the share image, with links under the sub-path", () => {
    for (const file of ["outcomes.png", "story.png"]) {
      const png = readFileSync(join(dist, "og", file));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    const image = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
    expect(image).toBe(`https://news.example${BASE}og/story.png`);
    // Data edited and not released: a preview, whose robots.txt keeps crawlers out of the sub-path (no sitemap).
    expect(readFileSync(join(dist, "robots.txt"), "utf8")).toContain(`Disallow: ${BASE}\n`);
  });

  it("keeps the hostile text as text in the chart images: the SVG parses, adds no element, and says it", () => {
    for (const id of ["outcomes", "breach-types"]) {
      const markup = readFileSync(join(dist, "data", "charts", `${id}.svg`), "utf8");
      const { DOMParser } = parseHTML("<!doctype html><html></html>");
      const svg = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
      expect(svg.localName).toBe("svg");
      expect(svg.querySelector("script, img, foreignObject")).toBeNull();
      const text = [...svg.querySelectorAll("text")].map((element) => element.textContent).join(" ");
      expect(text).toContain(HOSTILE);
    }
  });

  it("escapes the hostile text in the Markdown versions: no raw tag, and it reads back whole", () => {
    for (const file of ["story.md", "data/charts/breach-types.md", "data/charts/outcomes.md"]) {
      const markdown = readFileSync(join(dist, file), "utf8");
      // Every "<" is escaped, or opens an autolink to an address.
      expect(markdown.match(/(?<!\\)<(?!https?:\/\/)/g), file).toBeNull();
      expect(markdown.replace(/\\(.)/g, "$1"), file).toContain(HOSTILE);
    }
  });
});
