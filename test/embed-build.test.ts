/**
 * The embed surfaces in the built site: every chart in CHARTS has an embed
 * page with no site chrome, a gallery entry with both snippets and an oEmbed
 * file; embed pages stay within their weight budget; public/embed.js and
 * the forced themes agree with the modules and tokens they repeat.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { pageWeight } from "../bench/page-weight.ts";
import { dataset } from "../src/data/dataset.ts";
import { publication } from "../src/data/publication.ts";
import { dataCredit } from "../src/lib/source-credit.ts";
import { CHARTS } from "../src/charts/registry.ts";
import {
  EMBED_ATTRIBUTE,
  HEIGHT_BOUNDS,
  HEIGHT_MESSAGE,
  HEIGHT_REQUEST_MESSAGE,
} from "../src/publish/embed-protocol.ts";
import { builtPage, DIST_DIR, pageCss } from "./support/site.ts";

/** The site's address as the build saw it (astro.config.mjs reads the same variables). */
const BASE = (process.env.BASE_PATH ?? "/").replace(/\/*$/, "/");
const SITE = new URL(BASE, process.env.SITE_URL ?? "http://localhost:4321").href;
/** Budget of an embed page: HTML plus every CSS and JS file it loads, gzipped. */
const EMBED_BUDGET_GZIP = 40 * 1024;

const documentOf = (html: string) => parseHTML(html).document;
const embedDocument = (id: string) => documentOf(builtPage(`embed/${id}/`));
const distFile = (url: string) => join(DIST_DIR, new URL(url).pathname.slice(new URL(SITE).pathname.length));

/**
 * What a text area holds, as a browser reads it. linkedom keeps a text area's character
 * references undecoded, so its markup is decoded as the text of an ordinary element.
 */
function textareaValue(textarea: Element | null | undefined): string {
  return parseHTML(`<!doctype html><html><body><p>${textarea?.innerHTML ?? ""}</p></body></html>`).document.body
    .textContent;
}

/** An iframe snippet's attributes and the script tags after it, parsed as a browser would. */
function parseSnippet(code: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${code}</body></html>`);
  const iframes = [...document.querySelectorAll("iframe")];
  expect(iframes).toHaveLength(1);
  const iframe = iframes[0]!;
  const attributes = Object.fromEntries([...iframe.attributes].map((attribute) => [attribute.name, attribute.value]));
  const scripts = [...document.querySelectorAll("script")].map((script) => ({
    src: script.getAttribute("src"),
    async: script.hasAttribute("async"),
  }));
  return { attributes, scripts };
}

describe.each(CHARTS.map((chart) => [chart.id, chart] as const))("embed page of %s", (id, chart) => {
  const document = embedDocument(id);

  it("carries no site chrome, and is kept out of search engines", () => {
    expect(document.querySelector(".site-header, .site-footer, .skip-link, nav, header, footer")).toBeNull();
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(document.querySelector('link[rel="canonical"]')).toBeNull();
  });

  it("shows the story's figure, drawn on the server, with its title as the one heading", () => {
    const figure = document.querySelector(`figure#figure-${id}`);
    expect(figure).not.toBeNull();
    expect(figure!.querySelectorAll(`svg.met-chart[data-chart="${id}"]`).length).toBeGreaterThan(0);
    expect([...document.querySelectorAll("h1")].map((h) => h.textContent)).toEqual([chart.title]);
    expect(document.title).toBe(chart.title);
    expect(figure!.querySelector(".source-line")).not.toBeNull();
  });

  it("links to its data and to the chart in the story, and credits the reporting", () => {
    const data = [...document.querySelectorAll("a")].find((a) => a.textContent === "Get the data");
    expect(data?.getAttribute("href")).toBe(`${BASE}data/charts/${id}.csv`);
    expect(existsSync(join(DIST_DIR, "data", "charts", `${id}.csv`))).toBe(true);
    const story = [...document.querySelectorAll("a")].find((a) => a.textContent?.startsWith("Read the full story"));
    expect(story?.getAttribute("href")).toBe(`${BASE}#figure-${id}`);
    expect(builtPage("")).toContain(`id="figure-${id}"`);
    expect(document.querySelector(".embed-credit")?.textContent?.trim()).not.toBe("");
    // Links open outside the iframe.
    expect(document.querySelector("base")?.getAttribute("target")).toBe("_blank");
  });

  it("announces its oEmbed file", () => {
    const link = document.querySelector('link[rel="alternate"][type="application/json+oembed"]');
    expect(link?.getAttribute("href")).toBe(`${SITE}oembed/${id}.json`);
    expect(link?.getAttribute("title")).toBe(chart.title);
  });

  it(`weighs at most ${EMBED_BUDGET_GZIP / 1024} KB gzipped, HTML, CSS and JS together`, () => {
    const weight = pageWeight(DIST_DIR, join("embed", id, "index.html"), BASE);
    expect(weight.assets.filter((asset) => asset.kind === "css").length).toBeGreaterThan(0);
    expect(weight.total.gzip).toBeLessThanOrEqual(EMBED_BUDGET_GZIP);
  });
});

describe("the gallery", () => {
  const document = documentOf(builtPage("charts/"));

  it("uses the site layout", () => {
    expect(document.querySelector("header.site-header nav")).not.toBeNull();
    expect(document.querySelector("h1")?.textContent).toBe("Charts to embed");
  });

  it.each(CHARTS.map((chart) => [chart.id, chart] as const))(
    "offers %s with a preview and both snippets",
    (id, chart) => {
      const item = document.querySelector(`#chart-${id}`);
      expect(item?.querySelector("h2")?.textContent).toBe(chart.title);

      const preview = item!.querySelector(".gallery-preview iframe");
      // The preview shows what the snippet gives: the light theme, whatever the gallery's own.
      expect(preview?.getAttribute("src")).toBe(`${BASE}embed/${id}/?theme=light`);
      expect(preview?.getAttribute(EMBED_ATTRIBUTE)).toBe(id);
      expect(preview?.getAttribute("loading")).toBe("lazy");

      const code = item!.querySelector<HTMLTextAreaElement>(`textarea#code-${id}`);
      expect(code?.hasAttribute("readonly")).toBe(true);
      expect(document.querySelector(`label[for="code-${id}"]`)).not.toBeNull();
      const snippet = parseSnippet(textareaValue(code));
      expect(snippet.attributes).toMatchObject({
        src: `${SITE}embed/${id}/?theme=light`,
        title: `Chart: ${chart.title}`,
        width: "100%",
        loading: "lazy",
        style: "border:0",
        [EMBED_ATTRIBUTE]: id,
      });
      const height = Number(snippet.attributes.height);
      expect(Number.isInteger(height) && height >= HEIGHT_BOUNDS.min && height <= HEIGHT_BOUNDS.max).toBe(true);
      expect(preview?.getAttribute("height")).toBe(String(height));
      expect(snippet.scripts).toEqual([{ src: `${SITE}embed.js`, async: true }]);
      expect(existsSync(distFile(`${SITE}embed.js`))).toBe(true);

      const plain = parseSnippet(textareaValue(item!.querySelector(`textarea#plain-${id}`)));
      expect(plain.scripts).toEqual([]);
      expect(plain.attributes[EMBED_ATTRIBUTE]).toBeUndefined();
      expect(plain.attributes.src).toBe(`${SITE}embed/${id}/?theme=light`);
      // Sized for the tallest common column (test/visual-embeds.test.ts checks it clips at none).
      expect(Number(plain.attributes.height)).toBeGreaterThanOrEqual(height);

      // The copy buttons are an enhancement: hidden until the script shows them.
      const buttons = [...item!.querySelectorAll("button[data-copy-target]")];
      expect(buttons.map((button) => button.getAttribute("data-copy-target"))).toEqual([`code-${id}`, `plain-${id}`]);
      expect(buttons.every((button) => button.hasAttribute("hidden"))).toBe(true);
    },
  );

  it("loads the host script from the site, once", () => {
    const scripts = [...document.querySelectorAll("script[src]")].map((script) => script.getAttribute("src"));
    expect(scripts.filter((src) => src === `${BASE}embed.js`)).toHaveLength(1);
  });
});

describe.each(CHARTS.map((chart) => [chart.id, chart] as const))("oEmbed file of %s", (id, chart) => {
  const file = join(DIST_DIR, "oembed", `${id}.json`);
  const oembed = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const gallery = documentOf(builtPage("charts/"));

  it("is an oEmbed 1.0 rich response holding the gallery's snippet", () => {
    // A chart with work of our own in it (the breach types) says so in the title, beside a credit to its sources.
    const title = chart.ours ? `${chart.title}. ${chart.ours}` : chart.title;
    if (id === "breach-types") expect(oembed.title).toContain("Types and counts: our grouping");
    // The publication made the chart and provides it; the reporting it rests on is its source.
    expect(oembed).toMatchObject({
      version: "1.0",
      type: "rich",
      title,
      author_name: publication.name,
      author_url: publication.url,
      provider_name: publication.name,
      provider_url: publication.url,
      source: dataCredit(chart.sources(dataset), dataset),
      // Which theme the html asks for, so a consumer on a dark page knows to change it.
      theme: "light",
    });
    expect(oembed.html).toBe(textareaValue(gallery.querySelector(`textarea#code-${id}`)));
    const snippet = parseSnippet(String(oembed.html));
    expect(oembed.height).toBe(Number(snippet.attributes.height));
    expect(Number.isInteger(oembed.width) && (oembed.width as number) > 0).toBe(true);
    expect(existsSync(distFile(String(oembed.thumbnail_url)))).toBe(true);
  });
});

describe("public/embed.js", () => {
  const script = readFileSync(join(DIST_DIR, "embed.js"), "utf8");

  it("uses the protocol's attribute, message types and bounds", () => {
    expect(script).toContain(`var ATTRIBUTE = "${EMBED_ATTRIBUTE}";`);
    expect(script).toContain(`var HEIGHT_MESSAGE = "${HEIGHT_MESSAGE}";`);
    expect(script).toContain(`var HEIGHT_REQUEST_MESSAGE = "${HEIGHT_REQUEST_MESSAGE}";`);
    expect(script).toContain(`var MIN_HEIGHT = ${HEIGHT_BOUNDS.min};`);
    expect(script).toContain(`var MAX_HEIGHT = ${HEIGHT_BOUNDS.max};`);
  });

  it("stays small and dependency-free ES5 (no let/const, arrows, classes or modules)", () => {
    expect(Buffer.byteLength(script)).toBeLessThan(6 * 1024);
    const code = script.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code).not.toMatch(/\b(let|const|class|import|export)\s|=>|`/);
  });
});

describe("forced themes", () => {
  /** Custom properties declared in a CSS block. */
  const tokens = (block: string) =>
    Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;}]+)/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const embedCss = pageCss(join("embed", CHARTS[0]!.id, "index.html"), DIST_DIR, BASE);
  // The page's own copy of src/styles/global.css, minified the same way as the forced themes.
  const darkBlock = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(embedCss)?.[1] ?? "";
  const lightBlock = /(?:^|[\s}]):root\s*\{([^}]*--bg[^}]*)\}/.exec(embedCss)?.[1] ?? "";
  const forced = (theme: string) =>
    tokens(new RegExp(`html\\[data-theme=["']?${theme}["']?\\]\\s*\\{([^}]*)\\}`).exec(embedCss)?.[1] ?? "");

  it("repeat the site's dark tokens under ?theme=dark", () => {
    const dark = tokens(darkBlock);
    expect(Object.keys(dark).length).toBeGreaterThan(0);
    expect(forced("dark")).toEqual(dark);
  });

  it("restore the site's light values of those tokens under ?theme=light", () => {
    const light = tokens(lightBlock);
    const expected = Object.fromEntries(Object.keys(tokens(darkBlock)).map((name) => [name, light[name]]));
    expect(forced("light")).toEqual(expected);
  });
});

describe("the story", () => {
  it("announces the oEmbed file of its key chart (the share chart in its front matter)", () => {
    const shareChart = /^shareChart:\s*(\S+)\s*$/m.exec(readFileSync("src/content/story/story.mdx", "utf8"))?.[1];
    const links = [
      ...documentOf(builtPage("")).querySelectorAll('link[rel="alternate"][type="application/json+oembed"]'),
    ];
    expect(links.map((link) => link.getAttribute("href"))).toEqual([`${SITE}oembed/${shareChart}.json`]);
    expect(links[0]?.getAttribute("title")).toBe(CHARTS.find((chart) => chart.id === shareChart)?.title);
    expect(existsSync(join(DIST_DIR, "oembed", `${shareChart}.json`))).toBe(true);
  });
});

describe("the sitemap", () => {
  it("leaves out the embed pages (they are noindex) and lists the gallery", () => {
    const sitemaps = readdirSync(DIST_DIR).filter((file) => /^sitemap-\d+\.xml$/.test(file));
    const urls = sitemaps.flatMap((file) =>
      [...readFileSync(join(DIST_DIR, file), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!),
    );
    expect(urls.filter((url) => url.includes("/embed/"))).toEqual([]);
    expect(urls).toContain(`${SITE}charts/`);
  });
});
