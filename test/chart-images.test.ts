/**
 * Taking a chart away, in the built site: every chart's PNG (1x and 2x),
 * standalone SVG and Markdown text version exist, are linked with their
 * sizes from its place on the data page, its embed page and the gallery,
 * and from its story figure (with its place on the data page), and hold
 * what they promise; the share images are drawn for their frames with the
 * chart's text at least 16 px tall, measured in the SVG that was rasterised.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { CHART_IMAGE_WIDTH } from "../src/charts/chart-frame.ts";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { serverDocument } from "../src/lib/render-svg.ts";
import { SHARE_FRAMES, SHARE_THUMBNAIL, type ShareHeading } from "../src/publish/chart-image.ts";
import { imageContext } from "../src/publish/embed-urls.ts";
import { shareImage, svgToPng } from "../src/publish/og-image.ts";
import { builtPage, DIST_DIR } from "./support/site.ts";

/** The site's address as the build saw it (astro.config.mjs reads the same variables). */
const BASE = (process.env.BASE_PATH ?? "/").replace(/\/*$/, "/");
const SITE = new URL(process.env.SITE_URL ?? "http://localhost:4321");
const ADDRESS = { site: SITE, base: BASE };

const dist = (path: string) => join(DIST_DIR, path);
const read = (path: string) => readFileSync(dist(path));

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** An SVG file parsed as XML, as a standalone viewer reads it (a parse error fails). */
function parseSvg(markup: string): Document {
  const { DOMParser } = parseHTML("<!doctype html><html></html>");
  const document = new DOMParser().parseFromString(markup, "image/svg+xml") as unknown as Document;
  expect(document.documentElement?.localName).toBe("svg");
  return document;
}

/** A Markdown table's rows (after its header and delimiter), cells unescaped. */
function markdownTableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(`## ${heading}\n\n`)[1]!.split("\n\n")[0]!;
  return section
    .split("\n")
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.replace(/\\(.)/g, "$1")),
    );
}

describe.each(CHARTS.map((chart) => [chart.id] as const))("chart %s, taken away", (id) => {
  const chart = chartById(id);

  it("has a PNG at least 1200 px wide and a 2x PNG twice its size", () => {
    const one = pngSize(read(`data/charts/${id}.png`));
    const two = pngSize(read(`data/charts/${id}@2x.png`));
    expect(one.width).toBeGreaterThanOrEqual(1200);
    expect(two).toEqual({ width: one.width * 2, height: one.height * 2 });
  });

  it("has a standalone SVG: namespaced, fonts named, no script, title and source as text", () => {
    const markup = read(`data/charts/${id}.svg`).toString("utf8");
    const svg = parseSvg(markup).documentElement;
    expect(svg.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(svg.getAttribute("font-family")).toMatch(/DejaVu Sans/);
    expect(markup).not.toMatch(/<script|javascript:|\son[a-z]+=|<foreignObject|href="http/i);
    const texts = [...svg.querySelectorAll("text")].map((text) => text.textContent);
    const allText = texts.join(" ");
    expect(texts[0]).toBe(chart.title.split(" ").slice(0, texts[0]!.split(" ").length).join(" "));
    expect(allText).toContain(chart.title);
    for (const sourceId of chart.sources(dataset)) {
      const source = dataset.sources.find((candidate) => candidate.id === sourceId)!;
      expect(allText).toContain(source.publisher.split(" ")[0]);
    }
    expect(allText).toMatch(/Source: /);
    expect(allText).toMatch(/Licence: /);
    expect(allText).toContain(`/embed/${id}/`);
    expect(svg.querySelector("title")?.textContent).toContain(chart.title);
  });

  it("has a Markdown text version with every value of the chart's data", () => {
    const markdown = read(`data/charts/${id}.md`).toString("utf8");
    const json = JSON.parse(read(`data/charts/${id}.json`).toString("utf8")) as {
      columns: { key: string }[];
      rows: Record<string, string | number | null>[];
    };
    expect(markdown.startsWith(`# ${chart.title}`)).toBe(true);
    const rows = markdownTableRows(markdown, "Data");
    expect(rows).toEqual(json.rows.map((row) => json.columns.map((column) => String(row[column.key] ?? ""))));
    expect(markdown).toContain("## Source");
    expect(markdown).toContain(`/embed/${id}/>`);
  });

  const surfaces = [
    ["its place on the data page", "data/", `#chart-${id}`],
    ["the embed page", `embed/${id}/`, `#figure-${id}`],
    ["the gallery", "charts/", `#chart-${id}`],
  ] as const;
  it.each(surfaces)("is offered under %s as PNG, SVG, CSV and JSON, each with its size", (_, page, scope) => {
    const { document } = parseHTML(builtPage(page));
    const line = document.querySelector(`${scope} [data-chart-downloads="${id}"]`);
    expect(line, `${page || "story"}: downloads line of ${id}`).not.toBeNull();
    const links = [...line!.querySelectorAll("a")].map((link) => ({
      label: link.textContent.trim(),
      path: link.getAttribute("href")!.slice(BASE.length),
      size: Number(link.nextElementSibling?.querySelector("data")?.getAttribute("value")),
    }));
    expect(links.map((link) => link.label)).toEqual(["PNG", "SVG", "CSV", "JSON", "Text version"]);
    expect(links.map((link) => link.path)).toEqual(
      ["png", "svg", "csv", "json", "md"].map((extension) => `data/charts/${id}.${extension}`),
    );
    for (const link of links) expect(link.size, link.path).toBe(statSync(dist(link.path)).size);
  });

  it("is linked from its story figure: its PNG, SVG and text version, and its place on the data page, named", () => {
    const { document } = parseHTML(builtPage(""));
    const line = document.querySelector(`#figure-${id} details.chart-data .chart-more`);
    expect(line, `story: link line of ${id}`).not.toBeNull();
    const links = [...line!.querySelectorAll("a")].map((link) => ({
      label: link.textContent.replace(/\s+/g, " ").trim(),
      path: link.getAttribute("href")!.slice(BASE.length),
    }));
    expect(links).toEqual([
      { label: `Cite or download “${chart.title}”`, path: `data/#chart-${id}` },
      { label: "PNG", path: `data/charts/${id}.png` },
      { label: "SVG", path: `data/charts/${id}.svg` },
      { label: "text version", path: `data/charts/${id}.md` },
    ]);
    for (const link of links.slice(1)) expect(statSync(dist(link.path)).size, link.path).toBeGreaterThan(0);
    // The place it names is there, under the chart's title, with the downloads line and the citations.
    const place = parseHTML(builtPage("data/")).document.getElementById(`chart-${id}`);
    expect(place?.querySelector("h3")?.textContent).toBe(chart.title);
    expect(place?.querySelector(`[data-chart-downloads="${id}"]`)).not.toBeNull();
    expect(place?.querySelector(`[data-citation="${id}"]`)).not.toBeNull();
  });

  it("announces its text version and its own share image on its embed page", () => {
    const { document } = parseHTML(builtPage(`embed/${id}/`));
    const alternate = document.querySelector('link[rel="alternate"][type="text/markdown"]');
    expect(alternate?.getAttribute("href")).toBe(`${BASE}data/charts/${id}.md`);
    for (const selector of ['meta[property="og:image"]', 'meta[name="twitter:image"]']) {
      expect(document.querySelector(selector)?.getAttribute("content")).toBe(new URL(`${BASE}og/${id}.png`, SITE).href);
    }
  });
});

/** Every <text> of a share card, with its size as drawn in the image (through any nested, scaled <svg>). */
function drawnTextSizes(card: Document): { text: string; px: number }[] {
  return [...card.documentElement.querySelectorAll("text")].map((text) => {
    // A text's size is its own font-size or the nearest ancestor's, as in SVG.
    let element: Element | null = text;
    while (element && !element.hasAttribute("font-size")) element = element.parentElement;
    let px = Number.parseFloat(element?.getAttribute("font-size") ?? "NaN");
    for (let svg = text.parentElement; svg && svg !== card.documentElement; svg = svg.parentElement) {
      if (svg.localName !== "svg") continue;
      px *= Number(svg.getAttribute("width")) / Number(svg.getAttribute("viewBox")!.split(" ")[2]);
    }
    return { text: text.textContent, px };
  });
}

/** How a shape is drawn: each of these attributes from itself or its nearest ancestor, as SVG inherits them. */
function drawnStyle(element: Element): string {
  return ["fill", "fill-opacity", "stroke", "stroke-dasharray", "stroke-width"]
    .map((name) => {
      let node: Element | null = element;
      while (node && !node.hasAttribute(name)) node = node.parentElement;
      return `${name}=${node?.getAttribute(name) ?? ""}`;
    })
    .join(";");
}

/** The words of an element's own <text>s (not those of a nested drawing), joined by spaces. */
const ownWords = (element: Element) =>
  [...element.children]
    .filter((child) => child.localName === "text")
    .map((text) => text.textContent)
    .join(" ")
    .trim();

/** The story's share chart, as its front matter names it. */
function storyShareChartId(): string {
  const front = readFileSync("src/content/story/story.mdx", "utf8").split("\n---\n")[0]!;
  return /^shareChart:\s*(\S+)$/m.exec(front)![1]!;
}

/** A month of a YYYY-MM-DD date as a reader sees it ("May 2014"), worked out here, not by the site's helpers. */
function monthOf(isoDate: string): string {
  const [year, month] = isoDate.split("-").map(Number);
  return `${new Date(Date.UTC(year!, month! - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${year}`;
}

/** What every card of a chart must say about when its figures are from, read from periods.csv and sources.csv. */
function expectedDating(chartId: string): string[] {
  const period = (id: string) => dataset.periods.find((row) => row.id === id)!;
  const published = (id: string) => monthOf(dataset.sources.find((row) => row.id === id)!.published);
  const span = (id: string) => `${monthOf(period(id).start)} – ${monthOf(period(id).end)}`;
  const met = "met-2009-2013";
  switch (chartId) {
    case "outcomes":
      return [`${span(met)} · reported ${published(period(met).source)}`];
    case "breach-types":
      return [`${span(met)} · reported ${published(period(met).source)}`, "Types and counts: our grouping"];
    case "workforce":
      return [`Breaches ${span(met)}; workforce at the time · reported ${published(dataset.workforce[0]!.source)}`];
    case "national":
      return [`${span("bbw-2011-2015")} · reported ${published(period("bbw-2011-2015").source)}`];
    default:
      throw new Error(`No expected dating for chart ${chartId}: add it here`);
  }
}

/** The card's own text (heading and foot, not the chart drawn in it), its lines joined by spaces. */
function cardText(card: Document): string {
  return [...card.documentElement.children]
    .filter((element) => element.localName === "text")
    .map((element) => element.textContent)
    .join(" ");
}

describe("share images", () => {
  const storyChart = chartById(storyShareChartId());
  const storyHeading = (): ShareHeading => {
    const { document } = parseHTML(builtPage(""));
    return { title: document.querySelector("h1")!.textContent.replace(/\s+/g, " ").trim(), subtitle: storyChart.title };
  };
  const cards = [
    ...CHARTS.flatMap((chart) =>
      (["landscape", "square"] as const).map((frame) => ({
        file: `og/${chart.id}${frame === "square" ? "-square" : ""}.png`,
        chart,
        frame,
        story: false,
      })),
    ),
    ...(["landscape", "square"] as const).map((frame) => ({
      file: `og/story${frame === "square" ? "-square" : ""}.png`,
      chart: storyChart,
      frame,
      story: true,
    })),
  ];
  /** The SVG the build rasterised into a card: the same function, the same input, the same bytes out. */
  const cardSvg = ({ file, chart, frame, story }: (typeof cards)[number]): string => {
    const svg = shareImage(chart, dataset, imageContext(chart.id, ADDRESS), frame, story ? storyHeading() : undefined);
    expect(svgToPng(svg).equals(read(file)), `${file} is the PNG of this SVG`).toBe(true);
    return svg;
  };

  it.each(cards.map((card) => [card.file, card] as const))(
    "%s: says when its figures are from and when they were reported, and what is ours",
    (file, card) => {
      const text = cardText(parseSvg(cardSvg(card)));
      for (const line of expectedDating(card.chart.id)) expect(text, file).toContain(line);
      expect(text, file).not.toMatch(/updated/i);
    },
  );

  it.each(cards.map((card) => [card.file, card] as const))(
    "%s: every word is at least 12 px tall when the card is shown 500 px wide",
    (file, card) => {
      const { frame } = card;
      const svg = cardSvg(card);
      expect(pngSize(read(file))).toEqual(SHARE_FRAMES[frame]);
      const atThumbnail = SHARE_THUMBNAIL.width / SHARE_FRAMES[frame].width;
      const sizes = drawnTextSizes(parseSvg(svg)).map(({ text, px }) => ({ text, px: px * atThumbnail }));
      expect(sizes.length).toBeGreaterThan(3);
      expect(sizes.filter((size) => !(size.px >= SHARE_THUMBNAIL.minTextPx))).toEqual([]);
      expect(SHARE_THUMBNAIL.minTextPx).toBeGreaterThanOrEqual(12);
      // The content is the chart, its period and the publication; the notes stay on the page.
      const text = cardText(parseSvg(svg));
      expect(text).not.toMatch(/\bNote:/);
      expect(parseSvg(svg).documentElement.querySelectorAll("svg [data-datum]").length).toBeGreaterThan(0);
    },
  );

  it.each(cards.map((card) => [card.file, card] as const))(
    "%s: every group of marks it draws is labelled in the chart's own words",
    (file, card) => {
      const root = parseSvg(cardSvg(card)).documentElement;
      const marks = [...root.querySelectorAll("[data-datum]")];
      expect(marks.length, file).toBeGreaterThan(0);
      // The chart's own words, as it draws them on the page: every word of a card's label is one of them.
      const own = new Set(
        [
          ...card.chart
            .render(dataset, { width: CHART_IMAGE_WIDTH, document: serverDocument() })
            .querySelectorAll("text"),
        ]
          .flatMap((text) => text.textContent.split(/\s+/))
          .filter(Boolean),
      );
      const keys = [...root.querySelectorAll("[data-share-key]")].map((key) => ({
        styles: new Set([...key.querySelectorAll("svg rect")].map(drawnStyle)),
        words: ownWords(key),
      }));
      for (const key of keys) expect(key.words, `${file}: a key line without words`).not.toBe("");
      const keyed = new Set(keys.flatMap((key) => [...key.styles]));
      const unlabelled: string[] = [];
      const blocks = new Set(marks.map((mark) => mark.closest("[data-share-block]")));
      expect(blocks.has(null), `${file}: a mark outside any labelled block`).toBe(false);
      for (const block of blocks as Set<Element>) {
        const words = ownWords(block);
        const styles = new Set([...block.querySelectorAll("[data-datum]")].map(drawnStyle));
        if (words === "") unlabelled.push(`a block of ${[...styles].join(" | ")} with no words`);
        // One style in a block is named by the block's words; several need a key line each.
        if (styles.size > 1)
          for (const style of styles) if (!keyed.has(style)) unlabelled.push(`${style}: no key line`);
        const foreign = words.split(/\s+/).filter((word) => !own.has(word) && !own.has(word.replace(/:$/, "")));
        expect(foreign, `${file}: words the chart does not use`).toEqual([]);
      }
      for (const key of keys)
        for (const word of key.words.split(/\s+/)) expect(own.has(word), `${file}: key word "${word}"`).toBe(true);
      // Every colour and outline the card draws marks in is explained, by its block's words or a key line.
      expect(unlabelled, file).toEqual([]);
    },
  );

  it("the story has its own share image, a 1200x630 card", () => {
    const { document } = parseHTML(builtPage(""));
    const url = new URL(`${BASE}og/story.png`, SITE).href;
    expect(document.querySelector('meta[property="og:image"]')?.getAttribute("content")).toBe(url);
    expect(document.querySelector('meta[name="twitter:image"]')?.getAttribute("content")).toBe(url);
    expect(pngSize(read("og/story.png"))).toEqual(SHARE_FRAMES.landscape);
    expect(pngSize(read("og/story-square.png"))).toEqual(SHARE_FRAMES.square);
  });
});

describe("the story as Markdown", () => {
  const markdown = read("story.md").toString("utf8");
  const { document } = parseHTML(builtPage(""));

  it("is announced by the story page", () => {
    const link = document.querySelector('link[rel="alternate"][type="text/markdown"]');
    expect(link?.getAttribute("href")).toBe(`${BASE}story.md`);
  });

  it("opens with the headline and keeps every section, in order", () => {
    expect(markdown.startsWith(`# ${document.querySelector("h1")!.textContent.trim()}\n`)).toBe(true);
    const sections = [...document.querySelectorAll("article.story section > h2")].map((h2) => h2.textContent.trim());
    expect(sections.length).toBeGreaterThan(3);
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings.filter((heading) => sections.includes(heading!))).toEqual(sections);
  });

  it("holds every figure in place, with every value of its data, and no component left unconverted", () => {
    for (const chart of CHARTS) {
      const section = markdown.split(`\n### ${chart.title}\n`)[1];
      expect(section, chart.id).toBeDefined();
      const json = JSON.parse(read(`data/charts/${chart.id}.json`).toString("utf8")) as {
        columns: { key: string }[];
        rows: Record<string, string | number | null>[];
      };
      const table = section!.split("#### Data\n\n")[1]!.split("\n\n")[0]!;
      const rows = markdownTableRows(`## Data\n\n${table}`, "Data");
      expect(rows).toEqual(json.rows.map((row) => json.columns.map((column) => String(row[column.key] ?? ""))));
    }
    expect(markdown).not.toMatch(/<(Num|Quote|Figure|Section|CaseList|Reactions|SourceList|Corrections|SiteLink)\b/);
    // The story's numbers, as the page shows them.
    for (const fact of [...document.querySelectorAll("article.story p .fact")].slice(0, 10)) {
      expect(markdown).toContain(fact.textContent.trim());
    }
  });
});
