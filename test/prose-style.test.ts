/**
 * House style (src/content/story/STYLE.md), checked on what readers get: the
 * prose of the built story, data page, chart gallery and every embed page,
 * linted with retext (test/support/prose-style.ts). Every violation is listed
 * at once, as `<dist file>: "<sentence>": <rule>, expected <what>`.
 *
 * The unit tests below show that each rule can fail: a wrong example is
 * flagged and the right one passes.
 */
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import { DATE, extractProse, LITERAL, VERBATIM } from "./support/prose-extract.ts";
import { formatViolation, lintHtml, personalDictionary, type Violation } from "./support/prose-style.ts";
import { builtHtmlFiles, builtPage, DIST_DIR } from "./support/site.ts";

/** The story, the data page, the gallery and every embed page. */
const PAGES = builtHtmlFiles().filter((file) =>
  /^(?:index\.html|data\/index\.html|charts\/index\.html|embed\/[^/]+\/index\.html)$/.test(file),
);

/** The source's own words the pages may show without <cite> or [data-quote]: titles and quotes. */
const VERBATIM_PHRASES = [...dataset.sources.map((source) => source.title), ...dataset.quotes.map((row) => row.quote)];

describe("house style of the built site", () => {
  it("checks the story, the data page, the gallery and every embed page", () => {
    expect(PAGES).toContain("index.html");
    expect(PAGES).toContain("data/index.html");
    expect(PAGES).toContain("charts/index.html");
    expect(PAGES.filter((file) => file.startsWith("embed/")).length).toBeGreaterThan(0);
    for (const file of PAGES) expect(extractProse(builtPage(file)).length, file).toBeGreaterThan(3);
  });

  it("follows the style guide in all reader-facing prose", async () => {
    const lines: string[] = [];
    for (const file of PAGES) {
      const name = relative(process.cwd(), join(DIST_DIR, file));
      for (const violation of await lintHtml(builtPage(file), { verbatim: VERBATIM_PHRASES })) {
        lines.push(formatViolation(name, violation));
      }
    }
    expect(lines.length, `house-style violations (src/content/story/STYLE.md):\n${lines.join("\n")}\n`).toBe(0);
  });
});

/** The violations of a snippet of HTML, as "rule: actual". */
async function check(html: string): Promise<string[]> {
  return (await lintHtml(html)).map((violation: Violation) => `${violation.rule}: ${violation.actual}`);
}

describe("prose extraction", () => {
  it("reads paragraphs, headings, list items, captions and notes, one block each, whitespace collapsed", () => {
    const blocks = extractProse(`
      <h2>The   scale</h2>
      <p>One <a href="#">linked</a>
         paragraph.</p>
      <ul><li>An item</li><li><p>A paragraph in an item</p></li></ul>
      <figure><figcaption><p class="chart-takeaway">A takeaway</p></figcaption>
        <div class="chart-foot"><p class="chart-note"><span>Note:</span> A note.</p></div></figure>`);
    expect(blocks.map((block) => `${block.tag}: ${block.text}`)).toEqual([
      "h2: The scale",
      "p: One linked paragraph.",
      "li: An item",
      "p: A paragraph in an item",
      "p: A takeaway",
      "p: Note: A note.",
    ]);
  });

  it("leaves out drawings, tables, code, form text and scripts", () => {
    const blocks = extractProse(`
      <p>Before <code>color = 1</code> after.</p>
      <svg><text>1 colour</text></svg>
      <table><caption>2 colours</caption><tr><td>3</td></tr></table>
      <pre>4 organize</pre><textarea>5 behavior</textarea>
      <script>const six = "6";</script><style>p::after { content: "7" }</style>`);
    expect(blocks.map((block) => block.text)).toEqual(["Before after."]);
  });

  it("marks the source's own words, dates and addresses", () => {
    const [block] = extractProse(
      `<p>In <cite>Color Me 'Bad'</cite>, on <time datetime="2014-05-06">6 May 2014</time>, said <span data-quote>"organize"</span> (see inforrm.org or a@b.example).</p>`,
    );
    const marked = (bit: number) =>
      [...block!.text].filter((_, index) => ((block!.marks[index] ?? 0) & bit) !== 0).join("");
    expect(marked(VERBATIM)).toBe(`Color Me 'Bad'"organize"`);
    expect(marked(DATE)).toBe("6 May 2014");
    expect(marked(LITERAL)).toBe("inforrm.orga@b.example");
  });

  it("marks phrases it is told are the source's own words", () => {
    const [block] = extractProse(`<p>Heart London, <a href="#">Met 'Breach'   Rules</a>.</p>`, {
      verbatim: ["Met 'Breach' Rules"],
    });
    const marked = [...block!.text].filter((_, index) => (block!.marks[index] ?? 0) & VERBATIM).join("");
    expect(marked).toBe("Met 'Breach' Rules");
  });
});

describe("house rules", () => {
  it("one to nine in words: flags a lone digit, passes words, 10 and above, dates, % and units", async () => {
    expect(await check(`<p>It stated the outcome for <data class="fact" value="7">7</data> of them.</p>`)).toEqual([
      "number-in-words: 7",
    ]);
    expect(await check(`<p>It stated the outcome for <data class="fact" value="7">seven</data> of them.</p>`)).toEqual(
      [],
    );
    expect(
      await check(
        `<p>In all, 16 cases, 3% of them, 1,283 others and about 6.4 a thousand, on <time>6 May 2014</time>, May 6 too, at 11:45, in a 2 kB file.</p>`,
      ),
    ).toEqual([]);
  });

  it("no sentence opens with a figure: flags one, after a full stop or a label too", async () => {
    expect(await check(`<p>The total is known. 25 involved the national computer.</p>`)).toEqual([
      "opening-figure: 25",
    ]);
    expect(await check(`<p>They are not all 300. 16 rows stand for more.</p>`)).toEqual(["opening-figure: 16"]);
    expect(await check(`<p class="chart-note"><span>Note:</span> 407 breaches have no outcome.</p>`)).toEqual([
      "opening-figure: 407",
    ]);
    expect(await check(`<h1>300 data breaches</h1>`)).toEqual(["opening-figure: 300"]);
    expect(await check(`<p>In all, 25 involved the national computer.</p><p>Version 1.0.0 came first.</p>`)).toEqual(
      [],
    );
  });

  it("ranges: flags “between X to Y” and dashes, passes “from X to Y” and “between X and Y”", async () => {
    expect(await check(`<p>Breaches between January 2009 to October 2013.</p>`)).toEqual([
      "range: between January 2009 to October 2013",
    ]);
    expect(await check(`<p>The cases from 2009–2013 and from 12 – 15 and 20-30 of them.</p>`)).toEqual([
      "range: 2009–2013",
      "range: 12 – 15",
      "range: 20-30",
    ]);
    expect(
      await check(
        `<p>Breaches between January 2009 and October 2013, from 12 to 15 a year – a like-for-like count – and trust between the public and the police.</p>`,
      ),
    ).toEqual([]);
  });

  it("British usage: programme, licence as a noun, % for per cent", async () => {
    expect(await check(`<p>The program lost a license and 38 per cent of its staff.</p>`)).toEqual([
      "programme: program",
      "licence: a license",
      "per cent: per cent",
    ]);
    expect(await check(`<p>The programme lost a licence and 38% of its staff; a computer program.</p>`)).toEqual([]);
  });
});

describe("retext rules", () => {
  it("typographic quotes and apostrophes: flags straight ones", async () => {
    expect(await check(`<p>The Met's "own words".</p>`)).toEqual(["quotes: '", 'quotes: "', 'quotes: "']);
    expect(await check(`<p>The Met’s “own words, and ‘inner’ ones”.</p>`)).toEqual([]);
  });

  it("British spelling: flags American spellings, passes British ones and the word list", async () => {
    expect(await check(`<p>They organized the color program center’s defense behavior.</p>`)).toEqual([
      "spelling: organized",
      "spelling: color",
      "spelling: center’s",
      "spelling: defense",
      "spelling: behavior",
      "programme: program",
    ]);
    expect(
      await check(`<p>They organised the colour programme centre’s defence behaviour, with PCSOs in Haltemprice.</p>`),
    ).toEqual([]);
  });

  it("repeated words and one space between sentences", async () => {
    expect(await check(`<p>It was the the largest force.&nbsp;&nbsp;It was.</p>`)).toEqual([
      "repeated word: the the",
      "sentence spacing:   ",
    ]);
    expect(await check(`<p>It was the largest force. It was.</p>`)).toEqual([]);
  });

  it("exempts the source's own words, addresses and file names from every rule", async () => {
    expect(
      await check(
        `<p>Heart London, <cite>Met 'Breach Data Rules 300 Times'</cite>; the Met said <span data-quote>"we organize 5 programs"</span>; see computerweekly.com, cases.csv or press@met.example.</p>`,
      ),
    ).toEqual([]);
  });

  it("reports each violation as file, sentence, rule and what is expected", async () => {
    const [violation] = await lintHtml(`<p>It stated the outcome for 7 of them.</p>`);
    expect(formatViolation("dist/index.html", violation!)).toBe(
      `dist/index.html: "It stated the outcome for 7 of them.": number-in-words “7”, expected “seven” (one to nine in words)`,
    );
  });

  it("reads the word list without its comments", () => {
    expect(personalDictionary("# names\nHaltemprice\n\nPCSOs # plural\n")).toBe("Haltemprice\nPCSOs");
  });
});
