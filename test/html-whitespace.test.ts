/**
 * The built pages without the whitespace a browser does not show
 * (scripts/astro-html-whitespace.mjs): runs inside text are one space,
 * whitespace alone between two block-level tags goes, and nothing else
 * changes: text in <pre>, <textarea>, <script>, <style>, <title> and <svg>,
 * spaces between inline tags, no-break spaces and attribute values stay.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tidyWhitespace } from "../scripts/astro-html-whitespace.mjs";
import { DIST_DIR } from "./support/site.ts";

describe("tidyWhitespace", () => {
  it("makes a run of whitespace in text one space and drops whitespace between block tags", () => {
    expect(tidyWhitespace("<ul>\n  <li>In the words of  <b>the Met</b>, as\n      reported:</li> </ul> <p>x</p>")).toBe(
      "<ul><li>In the words of <b>the Met</b>, as reported:</li></ul><p>x</p>",
    );
  });

  it("drops whitespace that starts or ends text beside a drawn block's tag, not beside a script", () => {
    expect(
      tidyWhitespace("<table><tr><td> 208 </td><th> a <b>b</b> </th></tr></table><p> x <span>y</span> z </p>"),
    ).toBe("<table><tr><td>208</td><th>a <b>b</b></th></tr></table><p>x <span>y</span> z</p>");
    const beside = "<p>foo <script>x()</script> bar</p>";
    expect(tidyWhitespace(beside)).toBe(beside);
  });

  it("keeps a space between inline tags, no-break spaces and every attribute value", () => {
    const html = `<nav><a href="/">One</a> <a title="a  b\n c">Two</a></nav><p>a&nbsp; \u00a0 b <time data-note="x  >  y">1</time> z</p>`;
    expect(tidyWhitespace(html)).toBe(html);
  });

  it("keeps text in pre, textarea, script, style, title and svg as written", () => {
    const html =
      "<head><title>A  title</title><style>a  { b: c }</style><script>x  =  1</script></head>" +
      "<body><pre>  two  spaces\n</pre><textarea>  x  </textarea>" +
      '<svg><text y="1">  pre  text  </text> <g>  </g></svg></body>';
    expect(tidyWhitespace(html)).toBe(html);
  });
});

describe("the built story", () => {
  it("has no run of whitespace in its text outside pre, textarea, script, style, title and svg", () => {
    const html = readFileSync(join(DIST_DIR, "index.html"), "utf8");
    expect(tidyWhitespace(html)).toBe(html);
    const texts = html
      .replace(/<(pre|textarea|script|style|title|svg)\b[\s\S]*?<\/\1>/g, "<kept>")
      .split(/<[^>]*>/)
      .filter((text) => /[ \t\n\r\f]{2,}/.test(text));
    expect(texts).toEqual([]);
  });
});
