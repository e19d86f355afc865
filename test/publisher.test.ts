/**
 * The publication, named once (data/publication.csv): a copy of the project
 * with a real publication record, built for a real address
 * (SITE_URL=https://news.example), names the publisher on every surface
 * (story, data page, gallery, accessibility page, embeds, oEmbed, feed,
 * datapackage.json, JSON-LD, citations, chart SVG and text versions, share
 * images, story.md), credits no host name, and holds no development address
 * anywhere. The record is validated like every table, with located errors.
 *
 * The copy (the run's shared one, test/support/deploy-site.ts, which
 * test/deploy-gate.test.ts reads too) is built with `npm run build:deploy`, the build that may be
 * deployed; while the branch's data edits are unreleased (the deploy build
 * refuses only for that: each of its problems says "not yet released"), with
 * `npm run build`, which writes the same pages under a preview marker.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { placeholderFields } from "../src/data/publication-record.ts";
import type { Publication } from "../src/data/schema.ts";
import { shareCardSvg } from "../src/publish/chart-image.ts";
import { imageContext } from "../src/publish/embed-urls.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";
import {
  DEPLOY_SITE as SITE,
  deploySite,
  REAL_PUBLICATION as REAL,
  REAL_PUBLICATION_CSV as RECORD,
} from "./support/deploy-site.ts";
import { builtFiles } from "./support/site.ts";

let dist: string;
/** How the copy was built, for the report: "build:deploy", or "build" when the deploy build refused unreleased data only. */
let deploy: { status: number | null; output: string };

const read = (path: string) => readFileSync(join(dist, path), "utf8");
const documentOf = (path: string) => parseHTML(read(path)).document;
const text = (node: { textContent: string | null } | null | undefined) =>
  (node?.textContent ?? "").replace(/\s+/g, " ");

beforeAll(() => {
  ({ dist, deploy } = deploySite());
}, 600_000);

describe("a build with a real publication record and a real address", () => {
  it("is a deployable build: build:deploy accepts the committed, released data with a real record", () => {
    expect(deploy.status, deploy.output).toBe(0);
  });

  it("holds no development address anywhere: no file, text or image, mentions localhost", () => {
    const files = builtFiles(dist);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const bytes = readFileSync(join(dist, file));
      expect(bytes.includes("localhost"), file).toBe(false);
      expect(bytes.includes("127.0.0.1"), file).toBe(false);
      expect(bytes.includes("publication.example"), file).toBe(false);
    }
  });

  it("names the publisher in every page's footer, with the licence, the corrections contact and the repository", () => {
    const pages = builtFiles(dist).filter((file) => file.endsWith(".html") && !file.startsWith("embed/"));
    expect(pages).toEqual(expect.arrayContaining(["index.html", "data/index.html", "charts/index.html"]));
    for (const page of pages) {
      const document = documentOf(page);
      const footer = document.querySelector(".site-footer-publisher");
      expect(text(footer), page).toContain(`Published by ${REAL.name}`);
      const hrefs = [...(footer?.querySelectorAll("a") ?? [])].map((link) => link.getAttribute("href"));
      expect(hrefs, page).toEqual([
        REAL.url,
        "https://creativecommons.org/licenses/by/4.0/",
        `mailto:${REAL.corrections}`,
        REAL.repository,
      ]);
      expect(document.querySelector('meta[property="og:site_name"]')?.getAttribute("content"), page).toBe(REAL.name);
    }
  });

  it("bylines the story and gives its structured data the publisher as author and publisher", () => {
    const document = documentOf("index.html");
    expect(text(document.querySelector(".credit")).trim()).toMatch(new RegExp(`^By ${REAL.name}\\. `));
    const graph = (
      JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!) as {
        "@graph": Record<string, unknown>[];
      }
    )["@graph"];
    const organisation = graph.find((node) => node["@type"] === "Organization")!;
    expect(organisation).toMatchObject({ name: REAL.name, url: REAL.url });
    for (const type of ["NewsArticle", "Dataset"]) {
      const node = graph.find((candidate) => candidate["@type"] === type)!;
      expect(node.author, type).toEqual({ "@id": organisation["@id"] });
      expect(node.publisher, type).toEqual({ "@id": organisation["@id"] });
      // The outlets are what it is based on, never its authors.
      expect(JSON.stringify(node.author)).not.toContain("Press Association");
    }
  });

  it("gives the corrections route on the data page and the accessibility page: publisher, contact, repository", () => {
    for (const [page, selector] of [
      ["data/index.html", ".corrections-contact"],
      ["accessibility/index.html", "article"],
    ] as const) {
      const section = documentOf(page).querySelector(selector)!;
      expect(text(section), page).toContain(REAL.name);
      const hrefs = [...section.querySelectorAll("a")].map((link) => link.getAttribute("href"));
      expect(hrefs, page).toContain(`mailto:${REAL.corrections}`);
      expect(hrefs, page).toContain(REAL.repository);
    }
    expect(text(documentOf("accessibility/index.html").querySelector("article"))).not.toContain("whoever shared");
  });

  it("cites the data and every chart with the publisher as author, in every format", () => {
    // The story's figures link each chart's place on the data page, which cites it.
    const dataPage = documentOf("data/index.html");
    for (const chart of CHARTS)
      expect(dataPage.querySelector(`#chart-${chart.id} [data-citation="${chart.id}"]`)).not.toBeNull();
    for (const page of ["data/index.html", ...CHARTS.map((chart) => `embed/${chart.id}/index.html`)]) {
      const document = documentOf(page);
      // Shown as text (all four for the data; APA and Chicago for a chart), and a chart's
      // BibTeX and RIS as the files its citation links.
      const blocks = [...document.querySelectorAll("pre[data-citation-format]")].map((block) => ({
        format: block.getAttribute("data-citation-format"),
        cited: block.textContent ?? "",
      }));
      const files = [...document.querySelectorAll("[data-citation-file] a[download]")].map((link) => ({
        format: link.closest("[data-citation-file]")!.getAttribute("data-citation-file"),
        cited: read(link.getAttribute("href")!.replace(/^\//, "")),
      }));
      const formats = new Set([...blocks, ...files].map((block) => block.format));
      expect([...formats].sort(), page).toEqual(["apa", "bibtex", "chicago", "ris"]);
      for (const { format, cited } of [...blocks, ...files]) {
        expect(cited.replace(/\s+/g, " "), `${page} ${format}`).toContain(REAL.name);
        if (format === "ris") expect(cited, page).toContain(`AU  - ${REAL.name}`);
        if (format === "bibtex") expect(cited, page).toContain(`author = {{${REAL.name}}}`);
      }
    }
  });

  it("credits the publisher in each embed's foot and oEmbed file (author and provider), never a host", () => {
    for (const chart of CHARTS) {
      const foot = documentOf(`embed/${chart.id}/index.html`).querySelector(".embed-credit");
      expect(text(foot), chart.id).toBe(`Chart: ${REAL.name}`);
      expect(foot?.querySelector("a")?.getAttribute("href")).toBe(REAL.url);
      const oembed = JSON.parse(read(`oembed/${chart.id}.json`)) as Record<string, string>;
      expect(oembed).toMatchObject({
        author_name: REAL.name,
        author_url: REAL.url,
        provider_name: REAL.name,
        provider_url: REAL.url,
      });
      expect(oembed.source).toMatch(/^Data: /);
    }
  });

  it("makes the publisher the feed's author and the data package's only contributor, and cites it there", () => {
    // The feed's own author: the first <author>, before any entry.
    const head = read("data/feed.xml").split("<entry>")[0]!;
    expect(head).toMatch(new RegExp(`<author>\\s*<name>${REAL.name}</name>\\s*<uri>${REAL.url}</uri>`));
    const descriptor = JSON.parse(read("data/datapackage.json")) as {
      contributors: { title: string; path: string; email?: string }[];
      citation: { apa: string; csl: { author: { literal: string }[] } };
    };
    expect(descriptor.contributors).toEqual([
      { title: REAL.name, path: REAL.url, email: REAL.corrections, roles: ["creator", "publisher"] },
    ]);
    expect(descriptor.citation.csl.author).toEqual([{ literal: REAL.name }]);
    expect(descriptor.citation.apa.startsWith(`${REAL.name}. (`)).toBe(true);
  });

  it("credits the publisher by name in every chart's SVG and text version, the address only as an address", () => {
    for (const chart of CHARTS) {
      const svg = parseHTML(read(`data/charts/${chart.id}.svg`)).document;
      const lines = [...svg.querySelectorAll("text")].map((node) => text(node));
      const credit = lines.join(" ");
      expect(credit, chart.id).toContain(`Chart: ${REAL.name}. Licence:`);
      expect(credit, chart.id).not.toMatch(/Chart: (?:https?:\/\/)?news\.example/);
      const markdown = read(`data/charts/${chart.id}.md`);
      expect(markdown, chart.id).toContain(`Chart: ${REAL.name}. Licence:`);
      expect(markdown, chart.id).toContain(`Address: <${SITE}/embed/${chart.id}/>`);
    }
  });

  it("bylines story.md, credits every figure in it, and ends with the corrections route", () => {
    const markdown = read("story.md");
    expect(markdown).toContain(`By ${REAL.name} <${REAL.url}>.`);
    expect(markdown.split(`Chart: ${REAL.name}. Licence:`).length - 1).toBe(CHARTS.length);
    expect(markdown).toContain(`Corrections and complaints: ${REAL.corrections}.`);
    expect(markdown).toContain(`<${REAL.repository}>`);
  });
});

describe("share images", () => {
  // The text drawn into each card (og/<chart>.png is this SVG rasterised by resvg), for the real record and address.
  const address = { site: new URL(SITE), base: "/" };
  const cards = CHARTS.flatMap((chart) =>
    (["landscape", "square"] as const).map((frame) => ({
      name: `${chart.id} ${frame}`,
      svg: shareCardSvg(chart, dataset, { ...imageContext(chart.id, address), publication: REAL }, frame),
    })),
  );
  cards.push({
    name: "story",
    svg: shareCardSvg(
      chartById("outcomes"),
      dataset,
      { ...imageContext("outcomes", address), publication: REAL },
      "landscape",
      { title: "A headline", subtitle: "A subtitle" },
    ),
  });

  it.each(cards.map((card) => [card.name, card.svg] as const))(
    "%s: its foot credits the chart's maker by name, and draws no address",
    (_, svg) => {
      const drawn = [...parseHTML(svg).document.querySelectorAll("text")].map((node) => text(node)).join(" ");
      expect(drawn).toContain(`Chart: ${REAL.name}`);
      expect(drawn).not.toMatch(/news\.example|localhost|https?:\/\//);
    },
  );
});

describe("data/publication.csv is checked like every table", () => {
  let fixture: DataFixture;
  beforeAll(() => {
    fixture = dataFixture();
  });
  afterAll(() => fixture?.remove());

  it("reports a bad contact and a second row at their line and column, and writes nothing", async () => {
    fixture.write(
      "publication.csv",
      "name,url,corrections,licence,repository\n" +
        "The Newsroom Trust,https://news.example/,corrections at news.example,CC-BY-4.0,https://git.news.example/x\n",
    );
    const bad = await fixture.run();
    expect(bad.ok).toBe(false);
    const column = "The Newsroom Trust,https://news.example/,".length + 1;
    expect(bad.messages.join("\n")).toMatch(
      new RegExp(
        `^data/publication\\.csv:2:${column} corrections: .*expected an email address \\(corrections@news\\.example\\) or a web address`,
        "m",
      ),
    );
    fixture.write("publication.csv", RECORD + RECORD.split("\n")[1] + "\n");
    const twice = await fixture.run();
    expect(twice.messages).toContain(
      "data/publication.csv:3:1 row: the file has 2 rows, expected exactly one: the publication is named once",
    );
  });

  it("is required: a missing file is reported with the columns it needs", async () => {
    fixture.write("publication.csv", RECORD);
    expect((await fixture.run(true)).ok).toBe(true);
    const { rmSync } = await import("node:fs");
    rmSync(join(fixture.dataDir, "publication.csv"));
    const missing = await fixture.run(true);
    expect(missing.messages).toContain(
      "data/publication.csv:1:1 file: the file is missing, expected a CSV file with the columns name,url,corrections,licence,repository",
    );
  });

  it("tells the committed placeholders from a real record", () => {
    const committed = readFileSync("data/publication.csv", "utf8").split("\n")[1]!.split(",");
    const placeholder: Publication = {
      name: committed[0]!,
      url: committed[1]!,
      corrections: committed[2]!,
      licence: committed[3] as Publication["licence"],
      repository: committed[4]!,
    };
    expect(placeholderFields(placeholder)).toEqual(["name", "url", "corrections", "repository"]);
    expect(placeholderFields(REAL)).toEqual([]);
    expect(placeholderFields({ ...REAL, repository: "http://localhost:3000/repo" })).toEqual(["repository"]);
  });
});
