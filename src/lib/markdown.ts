/**
 * Escaping for Markdown (CommonMark and GitHub tables): any data string that
 * lands in a text version goes through these, so a `*`, `|`, `<` or `[` in
 * the data is shown as itself, never read as emphasis, a table cell, HTML or
 * a link.
 */

/**
 * Text in a paragraph, heading or table cell, on one line: the characters
 * Markdown acts on anywhere (emphasis, code, links, HTML, tables, entities)
 * are backslash-escaped, and those it acts on only at the start of a line
 * (headings, lists, quotes) are escaped there. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([#+\-=])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/** An address inside `<...>` (a CommonMark link destination): the characters that would end or break it are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[<>\s\\]/g, (char) => encodeURIComponent(char));
}

/** A GitHub table: a header row, the delimiter row and one row per entry, every cell escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}
