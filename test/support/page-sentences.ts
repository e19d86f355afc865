/**
 * The sentences of a built page's sections, each with its kind under the
 * story's rule (src/lib/story-sources.ts): `figures` (it holds a number or
 * date the site writes from data/: `.fact`, `<data>`, `<time>`, or a
 * computed `<code>` with digits), `cited` (it carries a source marker,
 * `a.cite` or `a.note-cite`), `ours` (it says "we" or "our"), or null.
 * Exempt by rule: a label wholly in bold, and navigation (a sentence whose
 * block is a link list item).
 */
import { parseHTML } from "linkedom";

export type PageSentenceKind = "figures" | "cited" | "ours";

export interface PageSentence {
  section: string;
  text: string;
  kind: PageSentenceKind | null;
}

const OURS = /\b(?:we|our|ours|us)\b/i;
const FIGURE = "\uE000";
const CITE = "\uE001";
const SENTENCE_END = /(?<=[.?!][”’)]?)\s+(?=[A-Z“(\uE000\uE001])/;

/** The text of an element, with a mark before each figure and after each source marker. */
function markedText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? "";
  if (node.nodeType !== 1) return "";
  const element = node as Element;
  if (element.matches("a.cite, a.note-cite")) return CITE;
  if (element.matches("strong:first-child")) return `${element.textContent ?? ""}\u2063`;
  const inner = Array.from(element.childNodes, markedText).join("");
  const figure =
    element.matches(".fact, data, time") || (element.matches("code") && /\d/.test(element.textContent ?? ""));
  return figure ? `${FIGURE}${inner}` : inner;
}

/** The sentences of the blocks (p, li, dd) of the sections with these ids, each with its kind. */
export function pageSentences(html: string, sectionIds: readonly string[]): PageSentence[] {
  const { document } = parseHTML(html);
  const found: PageSentence[] = [];
  for (const section of sectionIds) {
    const root = document.getElementById(section);
    if (!root) throw new Error(`no section #${section}`);
    for (const block of root.querySelectorAll("p, li, dd")) {
      if (block.querySelector("p, li, dd, table")) continue;
      const marked = markedText(block).replace(/\s+/g, " ").trim();
      // A bold label ends at its invisible separator: a heading, exempt.
      const body = marked.includes("\u2063") ? marked.slice(marked.indexOf("\u2063") + 1) : marked;
      for (const part of body.split(SENTENCE_END)) {
        if (!/\p{L}/u.test(part)) continue;
        const kind: PageSentenceKind | null = part.includes(CITE)
          ? "cited"
          : part.includes(FIGURE)
            ? "figures"
            : OURS.test(part)
              ? "ours"
              : null;
        found.push({ section, text: part.replace(/[\uE000\uE001]/g, "").trim(), kind });
      }
    }
  }
  return found;
}
