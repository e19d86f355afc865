/**
 * The sentences of a built page's sections, each with its kind under the
 * story's rule (src/lib/story-sources.ts): `figures` (it holds a number or
 * date the site writes from data/: `.fact`, `<data>`, `<time>`, or a
 * computed `<code>` with digits), `cited` (it carries a source marker,
 * `a.cite` or `a.note-cite`), `ours` (it says "we" or "our"), or null.
 * In a section marked as the publication's own record (`data-sources="ours"`,
 * with its OwnRecord line), a sentence that is none of these is ours by the
 * mark. Exempt by rule: a label wholly in bold, and navigation (`<nav>`).
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

/** The sentences of a block (p, li, dd), each with its kind; `own`: the block is in a section marked ours. */
function blockSentences(block: Element, section: string, own: boolean): PageSentence[] {
  const found: PageSentence[] = [];
  const marked = markedText(block).replace(/\s+/g, " ").trim();
  // A bold label ends at its invisible separator: a heading, exempt.
  const body = marked.includes("\u2063") ? marked.slice(marked.indexOf("\u2063") + 1) : marked;
  for (const part of body.split(SENTENCE_END)) {
    if (!/\p{L}/u.test(part)) continue;
    const kind: PageSentenceKind | null = part.includes(CITE)
      ? "cited"
      : part.includes(FIGURE)
        ? "figures"
        : OURS.test(part) || own
          ? "ours"
          : null;
    found.push({ section, text: part.replace(/[\uE000\uE001]/g, "").trim(), kind });
  }
  return found;
}

/** The blocks of a root that hold no other block, outside navigation. */
const leafBlocks = (root: Element) =>
  Array.from(root.querySelectorAll("p, li, dd")).filter(
    (block) => !block.querySelector("p, li, dd, table") && !block.closest("nav"),
  );

/** The sentences of the blocks (p, li, dd) of the sections with these ids, each with its kind. */
export function pageSentences(html: string, sectionIds: readonly string[]): PageSentence[] {
  const { document } = parseHTML(html);
  const found: PageSentence[] = [];
  for (const section of sectionIds) {
    const root = document.getElementById(section);
    if (!root) throw new Error(`no section #${section}`);
    const own = root.closest('[data-sources="ours"]') !== null;
    for (const block of leafBlocks(root)) found.push(...blockSentences(block, section, own));
  }
  return found;
}

/**
 * Every sentence of a page's article (the element `selector` finds), each with its kind and
 * its section: the id of the article's section it is in, or "intro" above them.
 */
export function articleSentences(html: string, selector: string): PageSentence[] {
  const { document } = parseHTML(html);
  const article = document.querySelector(selector);
  if (!article) throw new Error(`no ${selector}`);
  return leafBlocks(article).flatMap((block) => {
    let top: Element = block;
    while (top.parentElement && top.parentElement !== article) top = top.parentElement;
    const section = top.matches("section[id]") ? top.id : "intro";
    return blockSentences(block, section, block.closest('[data-sources="ours"]') !== null);
  });
}
