/**
 * The story's words as plain sentences, with the fact keys each one cites:
 * the headline, standfirst, description and credit of the front matter, then
 * every paragraph of src/content/story/story.mdx, section by section, with
 * each `<Num>` written as a reader sees it for a given dataset. `npm run
 * data:diff` builds it with the released data and with the working data and
 * compares the sentences, to quote what a change does to the text.
 */
import type { Dataset } from "../data/schema.ts";
import { factText, parseTemplate, type FactStyle } from "./fact-display.ts";
import { resolveFact } from "./story-facts.ts";

export interface StorySentence {
  /** Section title as a reader sees it ("What happened to them"), or the front-matter field ("Headline"). */
  section: string;
  /** Section id (`outcomes`), for the address `/#outcomes`; null for the front matter. */
  sectionId: string | null;
  text: string;
  /** Fact keys cited in the sentence, in order. */
  keys: string[];
}

/** Front-matter fields that readers see, with what they are. */
const FRONT_MATTER: readonly [string, string][] = [
  ["title", "Headline"],
  ["standfirst", "Standfirst"],
  ["description", "Description (search results and link previews)"],
  ["credit", "Credit line"],
];

const NUM = /<Num\s+fact="([^"]+)"((?:\s+[a-z]+)*)\s*\/>/g;
const QUOTE = /<Quote\s+id="([^"]+)"\s*\/>/g;
/** A private-use character marks where each fact stands while sentences are split. */
const MARK = "\uE000";

/**
 * Sentence boundaries: a full stop, question or exclamation mark, then a
 * space and a capital or an opening quote (house style opens no sentence
 * with a figure).
 */
function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.?!][”’]?)\s+(?=[A-Z“‘(])/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** Sentences of a paragraph, its facts written for `data`. */
function paragraphSentences(paragraph: string, data: Dataset): { text: string; keys: string[] }[] {
  const facts: { key: string; style: FactStyle }[] = [];
  const marked = paragraph
    .replace(NUM, (_, key: string, flags: string) => {
      const style: FactStyle = {};
      for (const flag of flags.trim().split(/\s+/).filter(Boolean)) style[flag as keyof FactStyle] = true;
      facts.push({ key, style });
      return `${MARK}${facts.length - 1}${MARK}`;
    })
    .replace(QUOTE, (_, id: string) => `“${data.quotes.find((quote) => quote.id === id)?.quote ?? id}”`)
    .replace(/<SiteLink[^>]*>([^<]*)<\/SiteLink>/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*/g, "")
    .replace(/^\s*-\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  const place = new RegExp(`${MARK}(\\d+)${MARK}`, "g");
  return splitSentences(marked).map((sentence) => {
    const keys: string[] = [];
    const text = sentence.replace(place, (_, index: string) => {
      const fact = facts[Number(index)]!;
      keys.push(fact.key);
      return factText(resolveFact(fact.key, data), fact.style);
    });
    return { text, keys };
  });
}

/** Every sentence a reader meets in the story, for one dataset. */
export function storySentences(mdx: string, data: Dataset): StorySentence[] {
  const sentences: StorySentence[] = [];
  const match = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  const frontMatter = match?.[1] ?? "";
  for (const [field, section] of FRONT_MATTER) {
    const line = new RegExp(`^${field}:\\s*"(.*)"\\s*$`, "m").exec(frontMatter);
    if (!line) continue;
    // Source markers ([cite:…]) are not words of the sentence.
    const template = line[1]!.replace(/\\"/g, '"').replace(/\[cite:[^\]]*\]/g, "");
    const phrase = parseTemplate(template, data);
    const text = phrase.map((part) => (typeof part === "string" ? part : factText(part.fact, part.style))).join("");
    const keys = phrase.flatMap((part) => (typeof part === "string" || !part.key ? [] : [part.key]));
    sentences.push({ section, sectionId: null, text, keys });
  }

  let section = "";
  let sectionId: string | null = null;
  const body = mdx.slice(match ? match[0].length : 0);
  for (const block of body.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    const opening = /<Section\s+id="([^"]+)"\s+title="([^"]+)"/.exec(trimmed);
    if (opening) {
      sectionId = opening[1]!;
      section = opening[2]!;
      continue;
    }
    // Headings, components on a line of their own (figures, lists) and closing tags hold no sentence.
    if (!trimmed || trimmed.startsWith("#") || /^<\/?[A-Za-z][^>]*>$/.test(trimmed)) continue;
    for (const sentence of paragraphSentences(trimmed, data)) sentences.push({ section, sectionId, ...sentence });
  }
  return sentences;
}

/** What the report calls the place of the lead chart, which the page draws in the story's header. */
export const LEAD_CHART_PLACE = "Opening (the lead chart, under the headline)";

/**
 * Where each chart is placed in the story: chart id -> section title and id.
 * The front matter's shareChart is the lead chart (src/pages/index.astro
 * draws it under the headline, outside every section).
 */
export function storyFigures(mdx: string): Map<string, { section: string; sectionId: string }> {
  const placed = new Map<string, { section: string; sectionId: string }>();
  const lead = /^shareChart:\s*(\S+)\s*$/m.exec(mdx.split(/^---\s*$/m)[1] ?? "");
  if (lead) placed.set(lead[1]!, { section: LEAD_CHART_PLACE, sectionId: "" });
  let current = { section: "", sectionId: "" };
  for (const line of mdx.split("\n")) {
    const opening = /<Section\s+id="([^"]+)"\s+title="([^"]+)"/.exec(line);
    if (opening) current = { section: opening[2]!, sectionId: opening[1]! };
    const figure = /<Figure\s+chart="([^"]+)"/.exec(line);
    if (figure) placed.set(figure[1]!, current);
  }
  return placed;
}
