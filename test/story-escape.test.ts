/**
 * The story built from hostile data under a sub-path (the run's shared
 * hostile build, test/support/hostile-data.ts hostileSite, where every free
 * text is an attack): markup-like text in a source title, a reaction's quote and
 * a case summary comes out as text everywhere it lands (HTML text,
 * attributes, JSON-LD, the share image), never as markup.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  HOSTILE,
  HOSTILE_BASE as BASE,
  HOSTILE_CASE,
  HOSTILE_QUOTE,
  HOSTILE_SITE_URL,
  HOSTILE_SOURCE,
  hostileSite,
} from "./support/hostile-data.ts";

let dist: string;
let document: Document;

beforeAll(() => {
  dist = hostileSite().outDir;
  document = parseHTML(readFileSync(join(dist, "index.html"), "utf8")).document as unknown as Document;
}, 600_000);

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
    expect(document.querySelector(`#${HOSTILE_CASE} .case-summary`)?.textContent?.trim()).toBe(HOSTILE);
    expect(document.querySelector("#reaction-davis .quote")?.textContent?.trim()).toBe(`“${HOSTILE_QUOTE}”`);
    const titles = Array.from(document.querySelectorAll('cite[data-from="sources"]')).map((cite) => cite.textContent);
    expect(titles).toContain(HOSTILE);
  });

  it("keeps attributes intact: fact notes carry the hostile source title whole", () => {
    // A note names its source by publisher (src/lib/fact-display.ts, noteCredit); the note of the
    // source's publication date names the source by its title.
    const fact = document.querySelector(`.fact[data-fact="sources:${HOSTILE_SOURCE}:published"]`);
    expect(fact?.getAttribute("data-note")).toContain(HOSTILE);
    expect(document.querySelector(`.fact[data-source="${HOSTILE_SOURCE}"]`)?.getAttribute("data-note")).toMatch(
      /Source: /,
    );
  });

  it("escapes the JSON-LD so the script cannot be closed, and it still parses to the same string", () => {
    const raw = document.querySelector('script[type="application/ld+json"]')?.textContent ?? "";
    expect(raw).not.toMatch(/<|>/);
    const graph = (JSON.parse(raw) as { "@graph": { "@type": string; isBasedOn?: { name: string }[] }[] })["@graph"];
    const article = graph.find((node) => node["@type"] === "NewsArticle");
    expect(article?.isBasedOn?.map((work) => work.name)).toContain(HOSTILE);
  });

  it("still draws the share image, with links under the sub-path", () => {
    for (const file of ["outcomes.png", "story.png"]) {
      const png = readFileSync(join(dist, "og", file));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    const image = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
    expect(image).toBe(`${HOSTILE_SITE_URL}${BASE}og/story.png`);
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
