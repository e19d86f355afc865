/**
 * Escaping for Markdown (CommonMark and GitHub tables): any data string that
 * lands in a text version goes through these, so a `*`, `|`, `<` or `[` in
 * the data is shown as itself, never read as emphasis, a table cell, HTML or
 * a link. Only what Markdown would act on, where it would act on it, is
 * escaped: a value reads as itself in the file too (`69.3`, `2,315`, `-5`,
 * `share_of_all`, `Avon & Somerset`), not `69\.3`.
 */

/** Characters that act anywhere in a line: escapes, code, emphasis, links, raw HTML and autolinks, strikethrough. */
const INLINE = /[\\`*[\]<~]/g;

/** An underscore opens or closes emphasis only at a word's edge: inside a word (`share_of_all`) it is literal. */
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** `&` starts a character reference only before a name or number and a `;` (`&amp;`, `&#38;`). */
const ENTITY_AMPERSAND = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * What starts a block at the start of a line: an ATX heading (`# `), a
 * quote (`>`), a bullet (`- `, `+ `), an ordered item (`1. `, `1) `: the
 * marker followed by a space or nothing), a thematic break or setext
 * underline (a line of `-` or `=` only). `*` and `_` are escaped anywhere.
 */
const LINE_START = [
  { pattern: /^#{1,6}(?=\s|$)/, escape: (text: string) => `\\${text}` },
  { pattern: /^>/, escape: () => "\\>" },
  { pattern: /^[-+](?=\s|$)/, escape: (text: string) => `\\${text}` },
  { pattern: /^\d{1,9}[.)](?=\s|$)/, escape: (text: string) => `${text.slice(0, -1)}\\${text.slice(-1)}` },
  { pattern: /^[-=](?=[-=\s]*$)/, escape: (text: string) => `\\${text}` },
];

/** The escapes every context needs: one line, the inline characters, `&` before a reference. */
function escapeInline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .trim()
    .replace(INLINE, (char) => `\\${char}`)
    .replace(EDGE_UNDERSCORE, "\\_")
    .replace(ENTITY_AMPERSAND, "\\&");
}

/**
 * Text in a paragraph, heading or list item, on one line (line breaks
 * become spaces, the ends are trimmed): the inline characters are escaped,
 * and what would start a block is escaped at the start of the line.
 */
export function escapeMarkdown(text: string): string {
  const escaped = escapeInline(text);
  for (const { pattern, escape } of LINE_START) {
    const match = pattern.exec(escaped);
    if (match) return escape(match[0]) + escaped.slice(match[0].length);
  }
  return escaped;
}

/** Text in a table cell: the inline characters and `|`, which would end the cell. A cell starts no block. */
export function escapeMarkdownCell(text: string): string {
  return escapeInline(text).replace(/\|/g, "\\|");
}

/** An address inside `<...>` (a CommonMark link destination): the characters that would end or break it are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[<>\s\\]/g, (char) => encodeURIComponent(char));
}

/** A GitHub table: a header row, the delimiter row and one row per entry, every cell escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdownCell).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}
