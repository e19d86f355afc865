/**
 * The text versions print values as values: src/lib/markdown.ts escapes only
 * what Markdown would act on, where it would act on it. Each case is checked
 * twice: the Markdown as written (a reader of the file sees `69.3`, not
 * `69\.3`) and as a CommonMark + GFM renderer reads it (micromark, the parser
 * under Astro's own Markdown: text that reads back whole, no element made).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { escapeMarkdown, escapeMarkdownCell, markdownTable } from "../src/lib/markdown.ts";
import { DIST_DIR } from "./support/site.ts";

/** Markdown rendered as GitHub would. */
const render = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The elements and text a Markdown paragraph renders to. */
function rendered(markdown: string): { tags: string[]; text: string } {
  const { document } = parseHTML(`<!doctype html><html><body>${render(markdown)}</body></html>`);
  return {
    tags: [...document.body.querySelectorAll("*")].map((element) => element.localName),
    text: document.body.textContent.trim(),
  };
}

/** Values as editors type them, which need no escape at all. */
const PLAIN = [
  "69.3",
  "2,315",
  "-5",
  "1,765 days ÷ 300 breaches",
  "share_of_all",
  "Avon & Somerset",
  "Cases: 208 (our calculation)",
  "Police Community Support Officers (PCSOs)",
  "It’s 38% – as reported.",
  "#1 force",
  "2014 figures",
  "1.0.0",
  "a > b",
  "+44",
];

/**
 * Text Markdown would read as something else, with the element it must not become. (A web
 * address in the data is left as it is: GitHub links a bare address whatever the escapes.)
 */
const ACTIVE: [string, string][] = [
  ["# Heading", "h1"],
  ["## Heading", "h2"],
  ["- item", "li"],
  ["+ item", "li"],
  ["* item", "li"],
  ["1. item", "li"],
  ["2) item", "li"],
  ["> quoted", "blockquote"],
  ["---", "hr"],
  ["***", "hr"],
  ["*emphasis*", "em"],
  ["_emphasis_", "em"],
  ["**strong**", "strong"],
  ["`code`", "code"],
  ["```", "code"],
  ["2014.", "ol"],
  ["[link](page.html)", "a"],
  ["![image](x.png)", "img"],
  ["<tel:123>", "a"],
  ["&amp; &#38;", "p"],
  ["<b>bold</b>", "b"],
  ["~~gone~~", "del"],
];

describe("escapeMarkdown: paragraphs, headings and list items", () => {
  it.each(PLAIN)("leaves %j as it is", (value) => {
    expect(escapeMarkdown(value)).toBe(value);
    expect(rendered(escapeMarkdown(value))).toEqual({ tags: ["p"], text: value });
  });

  it.each(ACTIVE)("escapes %j so it is not read as <%s>", (value, tag) => {
    // Unescaped, the renderer does act on it: the case is a real one.
    const unescaped = rendered(value);
    if (tag === "p") expect(unescaped.text).not.toBe(value);
    else expect(unescaped.tags).toContain(tag);
    const escaped = rendered(escapeMarkdown(value));
    expect(escaped.tags).toEqual(["p"]);
    expect(escaped.text).toBe(value);
  });

  it("escapes `&` only where it starts a character reference", () => {
    expect(escapeMarkdown("Tom & Jerry")).toBe("Tom & Jerry");
    expect(escapeMarkdown("&amp; and &#38;")).toBe("\\&amp; and \\&#38;");
    expect(rendered(escapeMarkdown("&amp; and &#38;")).text).toBe("&amp; and &#38;");
  });

  it("puts the text on one line", () => {
    expect(escapeMarkdown("two\n# lines")).toBe("two # lines");
  });
});

describe("escapeMarkdownCell and markdownTable: table cells", () => {
  it("leaves numbers and line-start characters alone in a cell, and escapes the cell separator", () => {
    for (const value of ["69.3", "-5", "1. first", "# not a heading", "- not a list"]) {
      expect(escapeMarkdownCell(value)).toBe(value);
    }
    expect(escapeMarkdownCell("a | b")).toBe("a \\| b");
  });

  it("renders every cell back as its value, in one table", () => {
    const values = [...PLAIN, ...ACTIVE.map(([value]) => value), "a | b", "Tom & Jerry &amp;"];
    const { document } = parseHTML(
      `<!doctype html><html><body>${render(
        markdownTable(
          ["Value"],
          values.map((value) => [value]),
        ),
      )}</body></html>`,
    );
    expect(document.querySelectorAll("table")).toHaveLength(1);
    const cells = [...document.querySelectorAll("tbody td")];
    expect(cells.map((cell) => cell.textContent)).toEqual(values);
    expect(cells.every((cell) => cell.children.length === 0)).toBe(true);
  });
});

describe("the built text versions", () => {
  it.each(CHARTS.map((chart) => [chart.id] as const))("data/charts/%s.md writes its decimals as they are", (id) => {
    const markdown = readFileSync(join(DIST_DIR, "data", "charts", `${id}.md`), "utf8");
    expect(markdown).not.toMatch(/\d\\\./);
    expect(markdown).not.toMatch(/\\[-#+=]/);
  });

  it("data/charts/outcomes.md writes our percentages as values: 69.3, not 69\\.3", () => {
    const markdown = readFileSync(join(DIST_DIR, "data", "charts", "outcomes.md"), "utf8");
    expect(markdown).toMatch(/\| 69\.3 \|/);
    expect(markdown).toMatch(/\| 0\.7 \|/);
  });
});
