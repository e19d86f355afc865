/**
 * Astro integration, after the build: every page's HTML without the
 * whitespace a browser does not show. Astro's compressHTML leaves one space
 * between tags and the runs of spaces and line breaks that a component's
 * formatting puts inside its text ("as\n                  reported:"); the
 * story carried about 600 such bytes (110 gzipped; issue 25).
 *
 * Two rules, each invisible with the stylesheet's `white-space: normal` and
 * `nowrap` (the page sets no `pre` on HTML text):
 * - a run of HTML whitespace (space, tab, line breaks; never a no-break
 *   space) inside text is one space, as the browser renders it;
 * - whitespace alone between two block-level tags (`</p> <p>`, `<ul> <li>`)
 *   goes: it makes no box. Between inline tags (`</a> <a>`) it stays, since
 *   there it is a space on screen;
 * - whitespace that starts text right after the tag of a block that is drawn
 *   (`<td> 208`), or ends it right before one (`208 </td>`), goes: a line
 *   drops it at its start and end.
 * Text inside <pre>, <textarea>, <script>, <style>, <title> and <svg> (whose
 * chart text is `white-space: pre`) stays as it is, and no attribute is
 * touched. The change is the same on every build of the same pages.
 *
 * List it before securityHeaders, which hashes the final HTML.
 */
import { fileURLToPath } from "node:url";
import { Parser } from "htmlparser2";
import { rewriteHtmlFiles } from "./built-pages.mjs";

/** Elements whose boxes are blocks, so that whitespace between two of their tags shows nothing. */
const BLOCK = new Set(
  (
    "html head body meta link style script p div li ul ol section header footer nav main article aside " +
    "figure figcaption details summary h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr td th caption dl dt dd " +
    "blockquote hr form fieldset legend"
  ).split(" "),
);

/** Of those, the ones drawn as boxes (not <script>, <style>, <meta>…), beside which text starts or ends a line. */
const DRAWN_BLOCK = new Set(
  [...BLOCK].filter((name) => !["html", "head", "meta", "link", "style", "script"].includes(name)),
);

/** Elements whose text stays exactly as written. */
const KEEP = new Set(["pre", "textarea", "script", "style", "title", "svg"]);

/** HTML's whitespace (not \s, which also matches a no-break space). */
const WHITESPACE_RUN = /[ \t\n\r\f]{2,}/g;
const ONLY_WHITESPACE = /^[ \t\n\r\f]+$/;
const LEADING = /^[ \t\n\r\f]+/;
const TRAILING = /[ \t\n\r\f]+$/;

/**
 * @typedef {{ kind: "tag", name: string, start: number, end: number }
 *   | { kind: "text", keep: boolean, start: number, end: number }
 *   | { kind: "other", start: number, end: number }} Token
 */

/** The page's HTML without the whitespace a browser does not show (see the module comment). */
export function tidyWhitespace(html) {
  /** @type {Token[]} */
  const tokens = [];
  let keep = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        tokens.push({ kind: "tag", name, start: parser.startIndex, end: parser.endIndex });
        if (KEEP.has(name)) keep++;
      },
      onclosetag(name, isImplied) {
        if (KEEP.has(name)) keep--;
        if (!isImplied) tokens.push({ kind: "tag", name, start: parser.startIndex, end: parser.endIndex });
      },
      ontext() {
        const last = tokens.at(-1);
        // Text may arrive in more than one piece; one run of text is one token.
        if (last?.kind === "text" && last.end + 1 === parser.startIndex) last.end = parser.endIndex;
        else tokens.push({ kind: "text", keep: keep > 0, start: parser.startIndex, end: parser.endIndex });
      },
      oncomment() {
        tokens.push({ kind: "other", start: parser.startIndex, end: parser.endIndex });
      },
      onprocessinginstruction() {
        tokens.push({ kind: "other", start: parser.startIndex, end: parser.endIndex });
      },
    },
    { decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.end(html);
  const block = (/** @type {Token | undefined} */ token, names = BLOCK) =>
    token?.kind === "tag" && names.has(token.name);
  let out = "";
  let copied = 0;
  tokens.forEach((token, i) => {
    if (token.kind !== "text" || token.keep) return;
    const text = html.slice(token.start, token.end + 1);
    let tidy = text.replace(WHITESPACE_RUN, " ");
    if (ONLY_WHITESPACE.test(text) && block(tokens[i - 1]) && block(tokens[i + 1])) tidy = "";
    if (block(tokens[i - 1], DRAWN_BLOCK)) tidy = tidy.replace(LEADING, "");
    if (block(tokens[i + 1], DRAWN_BLOCK)) tidy = tidy.replace(TRAILING, "");
    if (tidy === text) return;
    out += html.slice(copied, token.start) + tidy;
    copied = token.end + 1;
  });
  return out + html.slice(copied);
}

/** @returns {import("astro").AstroIntegration} */
export function htmlWhitespace() {
  return {
    name: "html-whitespace",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const { saved } = rewriteHtmlFiles(fileURLToPath(dir), tidyWhitespace);
        logger.info(`whitespace a browser does not show removed: ${saved} characters`);
      },
    },
  };
}
