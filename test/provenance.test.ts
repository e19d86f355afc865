/**
 * Every word faithful to its source, checked on the built site: our own
 * calculations say so wherever they appear, every other figure is a value
 * its source published, and every surface that shows one chart credits that
 * chart's own sources. Then each kind of defect is put back into a copy of
 * the project, and the build must fail with a located message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkProvenance, figureProblems, publishedValues } from "../scripts/astro-provenance-check.mjs";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import { publication } from "../src/data/publication.ts";
import { DERIVED_FIGURES } from "../src/lib/derived-figures.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { DIST_DIR, builtHtmlFiles, builtPage } from "./support/site.ts";

const readJson = (path: string) => JSON.parse(readFileSync(join(DIST_DIR, path), "utf8"));

describe("the built site", () => {
  it("passes the provenance check", () => {
    expect(checkProvenance(DIST_DIR)).toEqual([]);
  });

  it("marks every calculation of ours as such, with its formula, on every page", () => {
    const ids = new Set(DERIVED_FIGURES.map((figure) => `derived:${figure.id}`));
    let seen = 0;
    for (const file of builtHtmlFiles()) {
      const { document } = parseHTML(readFileSync(join(DIST_DIR, file), "utf8"));
      for (const element of document.querySelectorAll("[data-fact^='derived:']")) {
        seen++;
        expect(ids.has(element.getAttribute("data-fact")!)).toBe(true);
        expect(element.getAttribute("data-derived")).toMatch(/\S/);
        expect(element.hasAttribute("data-source")).toBe(false);
        expect(element.getAttribute("data-note")).toMatch(/^Our calculation from /);
      }
      for (const element of document.querySelectorAll("[data-source]")) {
        expect(element.getAttribute("data-note") ?? "").not.toMatch(/^Our calculation/);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("lists every calculation under “Our calculations” on the data page, and each drawing scale with the method", () => {
    const { document } = parseHTML(builtPage("data/"));
    const section = document.querySelector("#calculations")!;
    const method = document.querySelector("#method")!;
    expect(section.querySelector("h2")!.textContent).toBe("Our calculations");
    expect(DERIVED_FIGURES.some((figure) => figure.drawingScale)).toBe(true);
    for (const figure of DERIVED_FIGURES) {
      // A drawing scale (how many examples a square stands for) is how we draw, not a calculation from a source.
      const [home, other] = figure.drawingScale ? [method, section] : [section, method];
      const term = home.querySelector(`#calculation-${figure.id}`);
      expect(term, figure.id).not.toBeNull();
      expect(other.querySelector(`#calculation-${figure.id}`), figure.id).toBeNull();
      expect(term!.querySelector("[data-derived]")).not.toBeNull();
      const said = term!.nextElementSibling!.textContent;
      if (figure.drawingScale) expect(said).not.toContain("Our calculation from ");
      else expect(said).toContain("Our calculation from ");
    }
  });

  it("marks every table cell of a column we calculated, with its formula", () => {
    for (const chart of CHARTS) {
      const { document } = parseHTML(builtPage(`embed/${chart.id}/`));
      const { columns, rows } = chart.table(dataset);
      columns.forEach((column, index) => {
        const cells = [...document.querySelectorAll(".data-table tbody tr")].map((row) => row.children[index]!);
        expect(cells.length).toBe(rows.length);
        for (const cell of cells) {
          if (column.derived && cell.getAttribute("data-value") !== "") {
            expect(cell.getAttribute("data-derived"), `${chart.id} ${column.key}`).toBe(column.derived);
            expect(cell.getAttribute("title")).toMatch(/^Our calculation: /);
          } else expect(cell.hasAttribute("data-derived"), `${chart.id} ${column.key}`).toBe(false);
        }
      });
    }
    expect(
      chartById("outcomes")
        .table(dataset)
        .columns.some((column) => column.derived),
    ).toBe(true);
  });

  it("writes no derived rate or ratio into a chart's title or takeaway", () => {
    for (const chart of CHARTS) {
      const { document } = parseHTML(builtPage(`embed/${chart.id}/`));
      const head = document.querySelector(".chart-head")!;
      const derived = [...head.querySelectorAll("[data-derived]")].map((element) =>
        element.getAttribute("data-derived"),
      );
      expect(
        derived.filter((how) => /÷|per |rate|%/.test(how ?? "")),
        chart.id,
      ).toEqual([]);
      expect(head.textContent).not.toMatch(/per thousand|\brate\b/i);
    }
  });

  it("credits each chart's own sources on its embed page, gallery card and oEmbed file, never the story's", () => {
    const sources = readJson("data/sources.json") as { id: string; publisher: string }[];
    const gallery = parseHTML(builtPage("charts/")).document;
    for (const chart of CHARTS) {
      const expected = (readJson(`data/charts/${chart.id}.json`) as { sources: string[] }).sources;
      const embed = parseHTML(builtPage(`embed/${chart.id}/`)).document;
      const cited = (root: ParentNode) =>
        [...root.querySelectorAll(".source-line [data-cites]")].map((element) => element.getAttribute("data-cites"));
      expect(cited(embed), chart.id).toEqual(expected);
      expect(embed.body.textContent).not.toContain("Based on a Press Association investigation");
      expect(cited(gallery.querySelector(`.gallery-item[data-chart="${chart.id}"]`)!), chart.id).toEqual(expected);
      // The chart is the publication's; its sources are credited as its source, never as its authors.
      const oembed = readJson(`oembed/${chart.id}.json`) as { author_name: string; source: string };
      expect(oembed.author_name).toBe(publication.name);
      for (const id of expected) expect(oembed.source).toContain(sources.find((source) => source.id === id)!.publisher);
    }
    // The national chart rests on Big Brother Watch alone.
    const national = parseHTML(builtPage("embed/national/")).document;
    expect(national.querySelector("[data-source='pa-2014'], [data-cites='pa-2014']")).toBeNull();
  });
});

describe("the figure check", () => {
  const published = publishedValues({
    sources: [{ id: "pa-2014", published: "2014-05-06" }],
    figures: [{ id: "total", value: 300, source: "pa-2014" }],
  });

  it("accepts a published value and a marked calculation", () => {
    const html =
      '<p><data class="fact" value="300" data-source="pa-2014" data-note="Total. Source: PA">300</data> and ' +
      '<data class="fact" value="69.3" data-derived="208 ÷ 300" data-derived-from="pa-2014" data-note="Our calculation from PA: 208 ÷ 300">69%</data>' +
      ' on <time class="fact" datetime="2014-05" data-source="pa-2014" data-note="Published">May 2014</time></p>';
    expect(figureProblems(html, "page.html", published)).toEqual([]);
  });

  it("rejects a calculation credited to its source, at its line and column", () => {
    const html =
      '<p>\n  That is <data class="fact" value="69.3" data-fact="derived:share" data-source="pa-2014">69%</data></p>';
    expect(figureProblems(html, "page.html", published)).toEqual([
      "page.html:2:11 derived:share: figure 69.3 is credited to pa-2014, which published no such value in data/, expected a value of a published table, or data-derived (with data-derived-from) saying how we computed it",
    ]);
  });

  it("rejects a calculation that still claims a source or hides its formula", () => {
    const html =
      '<data class="fact" value="5" data-derived="" data-source="pa-2014" data-derived-from="pa-2014" data-note="Five">5</data>';
    expect(figureProblems(html, "p.html", published)).toEqual([
      "p.html:1:1: data-derived is empty, expected how we computed the figure",
      'p.html:1:1: our calculation 5 also carries data-source="pa-2014", expected data-derived-from: a source did not publish it',
      'p.html:1:1: the note of our calculation 5 does not say so, expected "Our calculation from …"',
    ]);
  });

  it("rejects an unmarked number outside a fact", () => {
    expect(figureProblems('<p><data value="16">16</data></p>', "p.html", published)).toEqual([
      "p.html:1:4: number 16 carries neither data-source nor data-derived, expected a cited figure or our calculation marked as such",
    ]);
  });
});

describe("a build with each kind of defect put back", () => {
  let project: ProjectCopy;
  let failure = "";

  beforeAll(() => {
    project = copyProject("met-defects-");
    // A derived figure without data-derived: the share of formal action loses its formula.
    project.edit(
      "src/lib/derived-figures.ts",
      "derived: `${n(formal.count)} ÷ ${n(total.value)} cases, as a percentage, rounded`,",
      "",
    );
    // An embed credit naming a source its chart does not use: the story's credit on every embed page.
    project.edit(
      "src/pages/embed/[chart].astro",
      '<div class="embed-foot">',
      '<div class="embed-foot"><p class="embed-credit">Based on a Press Association investigation published on <FactValue fact={publishedFact(dataset.sources[0]!)} /></p>',
    );
    project.edit(
      "src/pages/embed/[chart].astro",
      'import Figure from "../../components/Figure.astro";',
      'import Figure from "../../components/Figure.astro";\nimport FactValue from "../../components/FactValue.astro";\nimport { publishedFact } from "../../lib/story-facts.ts";',
    );
    failure = project.failedBuild();
  }, 300_000);

  afterAll(() => project?.remove());

  it("fails, naming the page, line, column and figure of a calculation shown as the source's", () => {
    expect(failure).toMatch(
      /dist\/index\.html:\d+:\d+ derived:met-formal-share: figure 69\.3\d* is credited to pa-2014, which published no such value in data\//,
    );
  });

  it("fails, naming the embed page and the source its chart does not use", () => {
    expect(failure).toContain(
      // The inserted date credits the source that dates it (its dated_by, when our copy carries no date).
      `dist/embed/national/index.html: credits ${dataset.sources[0]!.dated_by ?? dataset.sources[0]!.id}, which chart national does not use, expected only its own sources (bbw-2016)`,
    );
    expect(failure).not.toContain("dist/embed/outcomes/index.html: credits");
  });
});

describe("a build with the quote defects put back", () => {
  let project: ProjectCopy;
  let failure = "";

  beforeAll(() => {
    project = copyProject("met-quote-defects-");
    // Carr's quote cut after its negation, and the reporter's own words given to the Met as a quote.
    const context =
      "In a handful of cases, journalists were secretly supplied with information by police – sometimes in exchange for cash, the Met confirmed.";
    project.edit("data/quotes.csv", "Emma Carr,it shouldn’t be one rule", "Emma Carr,one rule");
    project.edit(
      "data/quotes.csv",
      "\nellison-family-camp,",
      `\nhandful-of-cases,the Met,a handful of cases,"${context}",pa-2014\nellison-family-camp,`,
    );
    failure = project.failedBuild();
  }, 300_000);

  afterAll(() => project?.remove());

  it("fails at the data step, at each quote's line and column", () => {
    expect(failure).toMatch(
      /data\/quotes\.csv:3:\d+ quote: "one rule for police and one for the rest of us" drops "shouldn’t" that stands just before it in the source/,
    );
    expect(failure).toMatch(
      /data\/quotes\.csv:\d+:\d+ quote: "a handful of cases" is not inside quotation marks in its context/,
    );
  });
});
