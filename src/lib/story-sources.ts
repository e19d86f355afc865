/**
 * What each sentence of the story rests on. Every sentence a reader meets in
 * src/content/story/story.mdx (the standfirst, credit and description of the
 * front matter, and the body) is one of three kinds:
 *
 * - `figures`: it shows figures or quotes from data/ (`<Num>`, `{key}`,
 *   `<Quote>`), already traced to their source;
 * - `cited`: it cites held source passages (`<Cite p="pa-period" />` after
 *   it in the body, `[cite:pa-period]` in the front matter), and keeps
 *   their hedges (src/lib/passage-rules.ts);
 * - `ours`: it says it is our own analysis or framing, in its words ("we
 *   count", "our grouping").
 *
 * A sentence that is none of them is an error at its file and line, and
 * so is a cited sentence that drops a hedge; content words a cited sentence
 * adds to its passages are a warning. Exempt by rule, not one by one:
 * headings (the headline, `#` lines, section titles), components and tags
 * on a line of their own, a label wholly in bold, and navigation (a
 * sentence with a link to another page).
 */
import type { Dataset, Passage } from "../data/schema.ts";
import { factText, type FactStyle } from "./fact-display.ts";
import { droppedHedges, newContentWords, ourWords } from "./passage-rules.ts";
import { resolveFact } from "./story-facts.ts";

/** The story's file, as messages name it. */
export const STORY_FILE = "src/content/story/story.mdx";

export type SentenceKind = "figures" | "cited" | "ours";

export interface ProseSentence {
  line: number;
  column: number;
  /** As a reader sees it: facts and quotes written out, tags gone. */
  text: string;
  /** The sentence's own words: without its facts and quotes (those are traced already). */
  ownWords: string;
  /** Passage ids cited, in order. */
  cites: string[];
  kind: SentenceKind | null;
}

/** A problem with a sentence, located in its file (the shape of the pipeline's Problem). */
export interface SentenceProblem {
  file: string;
  line: number;
  column: number;
  field: "sentence";
  message: string;
  severity: "error" | "warning";
}

/** Where the front matter's cite tokens stand: `[cite:pa-period pa-lead]`. */
export const FRONT_CITE = /\[cite:([a-z0-9 -]+)\]/g;
const BODY_CITE = /<Cite\s+p="([^"]*)"[^>]*\/>/g;
const NUM = /<Num\s+fact="([^"]+)"((?:\s+[a-z]+)*)\s*\/>/g;
const QUOTE = /<Quote\s+id="([^"]+)"\s*\/>/g;
const FACT_KEY = /\{([a-z0-9:-]+)((?:\|[a-z]+)*)\}/g;
/** Private-use marks for what stands in the text while it is split: a fact, a quote. */
const FACT = "\uE000";
const QUOTED = "\uE001";
/** Words that say a sentence is our own analysis or framing. */
const OURS = /\b(?:we|our|ours|us)\b/i;

/** Front-matter fields readers see, checked as prose (the headline is a heading). */
const FRONT_FIELDS = ["standfirst", "description", "credit"] as const;

/** The front matter's passage ids of a template, and the template without them. */
export function splitFrontCites(template: string): { text: string; cites: string[][] } {
  const cites: string[][] = [];
  const text = template.replace(FRONT_CITE, (_, ids: string) => {
    cites.push(ids.trim().split(/\s+/));
    return "";
  });
  return { text, cites };
}

/**
 * Where sentences end in raw MDX: a full stop, question or exclamation mark
 * (and a closing quote), then any citations, then space and the start of
 * the next sentence (a capital, an opening quote or bracket, or a tag).
 */
const SENTENCE_END = /[.?!][”’]?(?:\*\*)?(?:\s*<Cite\s[^>]*\/>|\[cite:[^\]]*\])*(?=\s+[A-Z“‘(<])/g;

/** A block's sentences with their offsets in it. */
function splitWithOffsets(block: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let start = 0;
  for (const match of block.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    parts.push({ text: block.slice(start, end), offset: start });
    start = end;
    while (/\s/.test(block[start] ?? "")) start++;
  }
  if (start < block.length) parts.push({ text: block.slice(start), offset: start });
  return parts.filter((part) => part.text.trim() !== "");
}

/** Reads one raw sentence: its text as a reader sees it, its own words, its citations and its kind. */
function readSentence(raw: string, data: Dataset): Omit<ProseSentence, "line" | "column"> | null {
  const cites = [
    ...Array.from(raw.matchAll(BODY_CITE), (match) => match[1]!),
    ...Array.from(raw.matchAll(FRONT_CITE), (match) => match[1]!),
  ].flatMap((ids) => ids.trim().split(/\s+/).filter(Boolean));
  const facts: string[] = [];
  const quotes: string[] = [];
  const fact = (key: string, flags: string, separator: RegExp) => {
    const style: FactStyle = {};
    for (const flag of flags.split(separator).filter(Boolean)) style[flag as keyof FactStyle] = true;
    facts.push(factText(resolveFact(key, data), style));
    return `${FACT}${facts.length - 1}${FACT}`;
  };
  const bare = raw
    .replace(BODY_CITE, "")
    .replace(FRONT_CITE, "")
    .replace(NUM, (_, key: string, flags: string) => fact(key, flags, /\s+/))
    .replace(FACT_KEY, (_, key: string, flags: string) => fact(key, flags, /\|/))
    .replace(QUOTE, (_, id: string) => {
      quotes.push(`“${data.quotes.find((quote) => quote.id === id)?.quote ?? id}”`);
      return `${QUOTED}${quotes.length - 1}${QUOTED}`;
    });
  // Navigation: a link to another page (the site's own or any address).
  if (/<SiteLink\b|\]\(|<a\s/.test(bare)) return null;
  const plain = bare
    .replace(/<[^>]+>/g, "")
    .replace(/^\s*-\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
  // A label wholly in bold ("**Context, not a comparison.**") is a heading.
  if (/^\*\*[^*]+\*\*$/.test(plain)) return null;
  const unbold = plain.replace(/\*\*/g, "");
  const text = unbold
    .replace(new RegExp(`${FACT}(\\d+)${FACT}`, "g"), (_, index: string) => facts[Number(index)]!)
    .replace(new RegExp(`${QUOTED}(\\d+)${QUOTED}`, "g"), (_, index: string) => quotes[Number(index)]!);
  const ownWords = unbold.replace(new RegExp(`[${FACT}${QUOTED}]\\d+[${FACT}${QUOTED}]`, "g"), " ");
  if (!/\p{L}/u.test(ownWords) && facts.length === 0) return null;
  const kind: SentenceKind | null =
    cites.length > 0 ? "cited" : facts.length + quotes.length > 0 ? "figures" : OURS.test(ownWords) ? "ours" : null;
  return { text, ownWords, cites, kind };
}

/** Line and column (1-based) of an offset in a text. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Every sentence of the story a reader meets, with its place in the file and its kind. */
export function storyProseSentences(mdx: string, data: Dataset): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  const add = (raw: string, offset: number) => {
    const read = readSentence(raw, data);
    if (read) sentences.push({ ...position(mdx, offset), ...read });
  };
  const front = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  if (front) {
    for (const field of FRONT_FIELDS) {
      const match = new RegExp(`^${field}:\\s*"(.*)"\\s*$`, "m").exec(front[1]!);
      if (!match) continue;
      const valueOffset = 4 + match.index + match[0].indexOf('"') + 1;
      const value = match[1]!.replace(/\\"/g, '"');
      for (const part of splitWithOffsets(value)) add(part.text, valueOffset + part.offset);
    }
  }
  const bodyStart = front ? front[0].length : 0;
  // Blocks: paragraphs between blank lines; a list's items each a block of their own.
  const blocks = /[^\n]+(?:\n(?![ \t]*\n)(?![ \t]*- )[^\n]+)*/g;
  for (const match of mdx.slice(bodyStart).matchAll(blocks)) {
    const block = match[0];
    const offset = bodyStart + match.index;
    const trimmed = block.trim();
    // Headings, and components or tags on a line of their own, hold no sentence.
    if (trimmed.startsWith("#") || /^<\/?[A-Za-z][^>]*>$/.test(trimmed) || /^<[A-Z]\w*\b[^>]*\/>$/.test(trimmed))
      continue;
    for (const part of splitWithOffsets(block)) add(part.text, offset + part.offset);
  }
  return sentences;
}

/** The held passages of a sentence's ids; unknown ids are reported by the caller. */
function passagesOf(ids: readonly string[], data: Dataset): Passage[] {
  return ids.flatMap((id) => data.passages.filter((passage) => passage.id === id));
}

/**
 * Words a sentence may use besides its passages': the outlets' names and headlines (to name them),
 * and the words each passage's `our_words` allows, for its stated reason.
 */
function outletWords(passages: readonly Passage[], data: Dataset): string[] {
  return passages.flatMap((passage) => {
    const source = data.sources.find((candidate) => candidate.id === passage.source);
    return [...(source ? [source.publisher, source.title, source.known_from ?? ""] : []), ...ourWords(passage)];
  });
}

/**
 * The problems of a sentence that cites passages: unknown ids, dropped
 * hedges (errors) and new content words (a warning). `where` locates them.
 */
export function citedSentenceProblems(
  sentence: { text: string; ownWords: string; cites: readonly string[] },
  data: Dataset,
  where: Omit<SentenceProblem, "message" | "severity" | "field">,
): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  const report = (message: string, severity: SentenceProblem["severity"]) =>
    problems.push({ ...where, field: "sentence", message, severity });
  const shown = JSON.stringify(sentence.text.length > 60 ? `${sentence.text.slice(0, 57)}...` : sentence.text);
  for (const id of sentence.cites) {
    if (!data.passages.some((passage) => passage.id === id))
      report(`${shown} cites "${id}", which is not a passage in data/passages.csv, expected a passage id`, "error");
  }
  const passages = passagesOf(sentence.cites, data);
  for (const { hedge, passage } of droppedHedges(sentence.text, passages)) {
    report(
      `${shown} drops “${hedge}” of the passage ${passage} it cites, expected the sentence to keep the source’s hedge or attribution (or an exception with its reason in data/passages.csv, hedge_exceptions)`,
      "error",
    );
  }
  const added = newContentWords(
    sentence.ownWords,
    passages.map((passage) => passage.passage),
    outletWords(passages, data),
  );
  if (added.length > 0) {
    report(
      `${shown} adds words found in none of its passages (${sentence.cites.join(", ")}): ${added.join(", ")}, expected the source’s own facts (a word that adds one needs a passage that says it)`,
      "warning",
    );
  }
  return problems;
}

/** Every problem of the story's sentences: none without a source, no hedge dropped, new words listed. */
export function storySourceProblems(mdx: string, data: Dataset, file = STORY_FILE): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  for (const sentence of storyProseSentences(mdx, data)) {
    const where = { file, line: sentence.line, column: sentence.column };
    if (sentence.kind === null) {
      const shown = JSON.stringify(sentence.text.length > 60 ? `${sentence.text.slice(0, 57)}...` : sentence.text);
      problems.push({
        ...where,
        field: "sentence",
        message: `${shown} states something with no source, expected a cited passage (<Cite p="…" /> after it), a figure from data/ (<Num fact="…" />), or words that say it is our own analysis (“we”, “our”)`,
        severity: "error",
      });
    } else if (sentence.kind === "cited") problems.push(...citedSentenceProblems(sentence, data, where));
  }
  return problems;
}

/** The story's sentences counted by kind. */
export function sentenceKindCounts(mdx: string, data: Dataset): Record<SentenceKind | "none", number> {
  const counts = { figures: 0, cited: 0, ours: 0, none: 0 };
  for (const sentence of storyProseSentences(mdx, data)) counts[sentence.kind ?? "none"]++;
  return counts;
}

/**
 * The story's notes, in reading order: one per citation, front matter first
 * (its cites in order), then the body's `<Cite />`s in order; note n is the
 * n-th. The story page numbers its markers and footnotes from this, and so
 * does story.md.
 */
export function storyNotes(mdx: string): string[][] {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  const notes: string[][] = [];
  if (front) {
    for (const field of FRONT_FIELDS.filter((name) => name === "standfirst")) {
      const match = new RegExp(`^${field}:\\s*"(.*)"\\s*$`, "m").exec(front[1]!);
      if (match) notes.push(...splitFrontCites(match[1]!).cites);
    }
  }
  const body = mdx.slice(front ? front[0].length : 0);
  for (const match of body.matchAll(BODY_CITE)) notes.push(match[1]!.trim().split(/\s+/));
  return notes;
}

/** How many notes the front matter's standfirst holds: the body's first `<Cite />` is note this + 1. */
export function frontNoteCount(mdx: string): number {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  const match = front ? /^standfirst:\s*"(.*)"\s*$/m.exec(front[1]!) : null;
  return match ? splitFrontCites(match[1]!).cites.length : 0;
}
