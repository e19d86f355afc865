/**
 * The reader-facing prose of a built page, as the house style checker reads
 * it (src/content/story/STYLE.md, test/prose-style.test.ts): one block for
 * each paragraph, heading, list item, caption, note, label or button, with its
 * whitespace collapsed as a browser shows it.
 *
 * Left out: the chart drawings and data tables (`<svg>`, `<table>`), code
 * (`<code>`, `<pre>`, `<kbd>`, `<samp>`, `<textarea>`), `<script>`, `<style>`,
 * `<template>` and everything in `<head>`. Each character also says where it
 * came from: the source's own wording (`<cite>`, `<q>`, `[data-quote]`), a date
 * (`<time>`), or an address or file name (`inforrm.org`, `cases.csv`, an email
 * address), which the rules treat differently.
 */
import { parseHTML } from "linkedom";

/** Where a character of a block came from (bit flags). */
export const VERBATIM = 1;
export const DATE = 2;
export const LITERAL = 4;

export interface ProseBlock {
  /** The text a reader sees, ASCII whitespace collapsed to single spaces and trimmed. */
  text: string;
  /** One entry per character of `text`: `VERBATIM | DATE | LITERAL` bits. */
  marks: Uint8Array;
  /** The element the block came from, for messages (`p`, `h2`, `li`...). */
  tag: string;
}

/** Elements whose content is not prose: drawings, data tables, code, scripts. */
const EXCLUDED = new Set([
  "svg",
  "math",
  "table",
  "code",
  "pre",
  "kbd",
  "samp",
  "textarea",
  "script",
  "style",
  "template",
]);

/** Elements that start a block of their own: text never runs across their edges. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "button",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "label",
  "legend",
  "li",
  "main",
  "nav",
  "ol",
  "option",
  "output",
  "p",
  "section",
  "summary",
  "ul",
]);

/** Whitespace that HTML collapses (not U+00A0, which a reader does see). */
const COLLAPSIBLE = /[ \t\n\r\f]/;

/** Web addresses, domain and file names, email addresses: not words to spell. */
const LITERALS =
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?:\/\S*)?/gu;

/** The source's own wording: exempt from the house rules. */
function isVerbatim(element: Element): boolean {
  const tag = element.localName;
  return tag === "cite" || tag === "q" || element.hasAttribute("data-quote");
}

class BlockBuilder {
  private chars: string[] = [];
  private marks: number[] = [];
  private pendingSpace = false;

  constructor(readonly tag: string) {}

  space() {
    this.pendingSpace = true;
  }

  append(value: string, mark: number) {
    for (const char of value) {
      if (COLLAPSIBLE.test(char)) {
        this.pendingSpace = true;
        continue;
      }
      if (this.pendingSpace && this.chars.length > 0) {
        // A space between two runs belongs to both only when both are marked the same.
        this.chars.push(" ");
        this.marks.push(mark & (this.marks.at(-1) ?? 0));
      }
      this.pendingSpace = false;
      // A string's characters may be surrogate pairs: keep one mark per UTF-16 unit.
      for (let unit = 0; unit < char.length; unit++) {
        this.chars.push(unit === 0 ? char : "");
        this.marks.push(mark);
      }
    }
  }

  build(verbatim: readonly string[]): ProseBlock | undefined {
    const text = this.chars.join("");
    if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
    const marks = Uint8Array.from(this.marks);
    for (const match of text.matchAll(LITERALS)) marks.fill(LITERAL, match.index, match.index + match[0].length);
    for (const phrase of verbatim) {
      for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) {
        for (let i = at; i < at + phrase.length; i++) marks[i] = (marks[i] ?? 0) | VERBATIM;
      }
    }
    return { text, marks, tag: this.tag };
  }
}

export interface ExtractOptions {
  /**
   * The source's own words that a page may show without `<cite>` or
   * `[data-quote]` around them (source titles, quotes from the data): each
   * occurrence is marked VERBATIM.
   */
  verbatim?: readonly string[];
}

/** The prose blocks of a page's `<body>`, in document order. */
export function extractProse(html: string, options: ExtractOptions = {}): ProseBlock[] {
  const verbatim = (options.verbatim ?? [])
    .map((phrase) => phrase.replace(/[ \t\n\r\f]+/g, " ").trim())
    .filter((phrase) => phrase.length >= 3);
  const { document } = parseHTML(html.includes("<body") ? html : `<!doctype html><html><body>${html}</body></html>`);
  const blocks: ProseBlock[] = [];

  const walk = (node: Node, builder: BlockBuilder, mark: number): BlockBuilder => {
    if (node.nodeType === 3) {
      builder.append(node.textContent ?? "", mark);
      return builder;
    }
    if (node.nodeType !== 1) return builder;
    const element = node as Element;
    const tag = element.localName;
    if (EXCLUDED.has(tag) || tag === "br" || tag === "img" || tag === "input") {
      builder.space();
      return builder;
    }
    let childMark = mark;
    if (isVerbatim(element)) childMark |= VERBATIM;
    if (tag === "time") childMark |= DATE;
    if (BLOCKS.has(tag)) {
      flush(builder);
      let inner = new BlockBuilder(tag);
      for (const child of Array.from(element.childNodes)) inner = walk(child, inner, childMark);
      flush(inner);
      return new BlockBuilder(builder.tag);
    }
    for (const child of Array.from(element.childNodes)) builder = walk(child, builder, childMark);
    return builder;
  };

  const flush = (builder: BlockBuilder) => {
    const block = builder.build(verbatim);
    if (block) blocks.push(block);
  };

  const body = document.body ?? document.documentElement;
  flush(walk(body, new BlockBuilder("body"), 0));
  return blocks;
}
