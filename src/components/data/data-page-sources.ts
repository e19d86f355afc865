/**
 * What each sentence of the data page's "What the data is", "Method" and
 * "Our calculations" rests on, under the story's rule (src/lib/story-sources.ts):
 * it shows figures from data/, cites held passages, or says it is ours
 * ("we", "our"). The data step (scripts/build-data.ts), and so the build,
 * fails on a sentence that is none of these, naming the file and the line
 * where it is written:
 *
 * - the page's own prose, in src/pages/data/index.astro: a figure is a
 *   component that writes one from data/ (FactValue, DateText, Count,
 *   `<data>`, `<time>`, a computed `<code>`), a citation a NoteMarker;
 * - the categories' descriptions, in data/categories.csv (our grouping);
 * - each chart's method, in src/components/data/chart-methods.ts (the
 *   aggregated texts too, whichever the data shows);
 * - each calculation's formula and caveat, in src/lib/derived-figures.ts.
 *
 * Exempt by rule, not one by one: headings (h2, h3, `<dt>` terms), a label
 * wholly in bold at the start of a block, and components on their own,
 * whose words are checked where they are written.
 */
import type { Dataset } from "../../data/schema.ts";
import { DERIVED_FIGURES } from "../../lib/derived-figures.ts";
import type { FigureNoteSource } from "../../lib/chart-note-sources.ts";
import { citedSentenceProblems, type SentenceKind, type SentenceProblem } from "../../lib/story-sources.ts";
import { METHOD_TEXTS } from "./chart-methods.ts";

export const DATA_PAGE_FILE = "src/pages/data/index.astro";
export const CATEGORIES_FILE = "data/categories.csv";
export const CHART_METHODS_FILE = "src/components/data/chart-methods.ts";
export const DERIVED_FIGURES_FILE = "src/lib/derived-figures.ts";
/** This file, as messages name it. */
const CHECK_FILE = "src/components/data/data-page-sources.ts";
/** The sections of the page whose sentences are checked (their element ids). */
export const DATA_PAGE_SECTIONS = ["what", "method", "calculations"] as const;

/**
 * The page's sentences that cite held passages (a NoteMarker after them), named by their
 * opening words: the passages (passages.csv) and the marker's letter. The check holds each
 * to its passages' hedges, as the story's cited sentences are held.
 */
export const DATA_PAGE_CITES: readonly { section: string; starts: string; ids: readonly string[]; letter: string }[] = [
  // Where the figures came from: the Press Association's copy does not say; The Independent does.
  { section: "what", starts: "The Independent reported", ids: ["independent-foi"], letter: "a" },
];

/** A cited sentence's marker source (NoteMarker, NoteSourceList), by its opening words; throws when none is listed. */
export function dataPageCite(starts: string): FigureNoteSource {
  const entry = DATA_PAGE_CITES.find((candidate) => candidate.starts === starts);
  if (!entry) throw new Error(`DATA_PAGE_CITES (${CHECK_FILE}) lists no sentence starting “${starts}”`);
  return { note: 0, ids: entry.ids, letter: entry.letter };
}

/** One sentence of the data page, where it is written, and its kind (null: none). */
export interface DataPageSentence {
  file: string;
  line: number;
  column: number;
  /** What it is, as messages name it: "the outcomes chart's method", "the category careless-disclosure". */
  where: string;
  text: string;
  kind: SentenceKind | null;
}

/** Words that say a sentence is our own analysis or framing (as in the story). */
const OURS = /\b(?:we|our|ours|us)\b/i;
/** Private-use marks standing in the page's markup for a figure, a citation and a block's edge. */
const FIGURE = "\uE000";
const CITE = "\uE001";
const BREAK = "\uE002";
/** A stand-in for a value the page writes from code (`{publication.name}`): a word, not a figure. */
const VALUE = "X";
/** Where a sentence ends: a full stop, question or exclamation mark (then any citation), space, and a capital. */
const SENTENCE_END = /[.?!][”’)]?(?:\s*\uE001)*(?=\s+[A-Z“‘(\uE000])/g;

/** The kind of a sentence's text, its marks included. */
function kindOf(text: string): SentenceKind | null {
  if (text.includes(CITE)) return "cited";
  if (text.includes(FIGURE)) return "figures";
  return OURS.test(text) ? "ours" : null;
}

/** A text's sentences, each with its offset in it. */
function sentencesOf(text: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    const lead = /^\s*/.exec(text.slice(start, end))![0].length;
    const part = text.slice(start + lead, end);
    if (/\p{L}/u.test(part.replace(new RegExp(VALUE, "g"), ""))) parts.push({ text: part, offset: start + lead });
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(end);
    start = end;
  }
  push(text.length);
  return parts;
}

/** Line and column (1-based) of an offset in a text. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/** `text` replaced by `mark` and spaces, keeping its length and line breaks: every offset of the source stays true. */
function blank(text: string, mark = ""): string {
  return mark + text.slice(mark.length).replace(/[^\n]/g, " ");
}

/** What a reader sees of a marked sentence. */
const shownText = (text: string) =>
  text
    .replace(/[\uE000-\uE002]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The sentences of the page's own prose in the given sections of the Astro
 * template: components and tags become marks or spaces (offsets kept), so
 * each sentence keeps its line and column in the file.
 */
export function templateSentences(source: string, sections: readonly string[] = DATA_PAGE_SECTIONS): DataPageSentence[] {
  const found: DataPageSentence[] = [];
  for (const id of sections) {
    const start = source.indexOf(`<section id="${id}"`);
    if (start < 0) throw new Error(`${DATA_PAGE_FILE} has no <section id="${id}">, whose sentences the data step checks`);
    const end = source.indexOf("</section>", start);
    const marked = source
      .slice(start, end)
      // Headings, and lists written from data (categories, methods), whose words are checked where they are written.
      .replace(/<(h[1-6]|dt|dl)\b[\s\S]*?<\/\1>/g, (match) => blank(match, BREAK))
      // A label wholly in bold at the start of a block is a heading.
      .replace(/(?<=<(?:p|li|dd)\b[^>]*>\s*)<strong>[\s\S]*?<\/strong>/g, (match) => blank(match))
      // Components that write a figure from data/, or cite a passage; components on their own write their own words.
      .replace(/<(?:FactValue|DateText|Count)\b[\s\S]*?\/>/g, (match) => blank(match, FIGURE))
      .replace(/<(data|time)\b[\s\S]*?<\/\1>/g, (match) => blank(match, FIGURE))
      .replace(/<code>(?:\{[^}]*\}|[^<]*\d[^<]*)<\/code>/g, (match) => blank(match, FIGURE))
      .replace(/<NoteMarker\b[\s\S]*?\/>/g, (match) => blank(match, CITE))
      .replace(/<[A-Z]\w*\b[\s\S]*?\/>/g, (match) => blank(match, BREAK))
      // Conditional prose, `{cond && (<>…</>)}` or `{cond ? <>…</> : <>…</>}`: each branch a block of its own.
      .replace(/\{[^{}]*?(?:&&|\?)\s*\(?\s*(?=<)/g, (match) => blank(match, BREAK))
      .replace(/(?<=>)\s*\)?\s*:\s*\(?\s*(?=<)/g, (match) => blank(match, BREAK))
      .replace(/(?<=>)\s*\)?\s*\}/g, (match) => blank(match, BREAK))
      .replace(/\{" "\}/g, (match) => blank(match))
      .replace(/\{[^{}]*\}/g, (match) => blank(match, VALUE))
      // Blocks end at their tags; other tags leave their words.
      .replace(/<\/?(?:p|li|dd|ul|ol|section|div|nav|blockquote)\b[^>]*>/g, (match) => blank(match, BREAK))
      .replace(/<\/?[A-Za-z][^>]*>|<\/?>/g, (match) => blank(match));
    let blockStart = 0;
    for (const block of marked.split(BREAK)) {
      for (const sentence of sentencesOf(block)) {
        found.push({
          file: DATA_PAGE_FILE,
          ...position(source, start + blockStart + sentence.offset),
          where: `its section #${id}`,
          text: shownText(sentence.text),
          kind: kindOf(sentence.text),
        });
      }
      blockStart += block.length + BREAK.length;
    }
  }
  return found;
}

/** A file's text read with string literals joined with `+` across lines as one, each joined character's offset in the file. */
const joinedSources = new Map<string, { joined: string; offsets: number[] }>();
function joinedSource(source: string): { joined: string; offsets: number[] } {
  let found = joinedSources.get(source);
  if (!found) {
    const offsets: number[] = [];
    let joined = "";
    let last = 0;
    for (const seam of source.matchAll(/["`]\s*\+\s*\n\s*["`]/g)) {
      for (let i = last; i < seam.index; i++) offsets.push(i);
      joined += source.slice(last, seam.index);
      last = seam.index + seam[0].length;
    }
    for (let i = last; i < source.length; i++) offsets.push(i);
    joined += source.slice(last);
    found = { joined, offsets };
    // One entry a file: the data step reads each once.
    if (joinedSources.size > 8) joinedSources.clear();
    joinedSources.set(source, found);
  }
  return found;
}

/**
 * Where in a TypeScript file `text`'s first words stand, at or after offset `from`, reading
 * string literals joined with `+` across lines as one: the 1-based line (1 when not found)
 * and the offset, to search the next sentence of the same text from.
 */
export function placeOfText(source: string, text: string, from = 0): { line: number; offset: number } {
  const { joined, offsets } = joinedSource(source);
  const start = from === 0 ? 0 : offsets.findIndex((offset) => offset >= from);
  // The words before the first number (a number may be written from a constant), shorter
  // and shorter (a formula's words may be written from an expression).
  const words = text.split(/\d/)[0]!.trimEnd();
  for (const length of [40, 30, 20, 12]) {
    if (words.length < Math.min(length, 8)) break;
    const at = joined.indexOf(words.slice(0, length), Math.max(start, 0));
    if (at >= 0) return { line: position(source, offsets[at]!).line, offset: offsets[at]! };
  }
  return { line: 1, offset: from };
}

/** A plain text's sentences, each with its kind. */
function plainSentences(text: string): { text: string; kind: SentenceKind | null }[] {
  return sentencesOf(text).map((sentence) => ({ text: shownText(sentence.text), kind: kindOf(sentence.text) }));
}

/** The CSV line of a row by its id, and the column its `text` starts at (1 when not found). */
function csvPlace(csv: string, id: string, text: string): { line: number; column: number } {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith(`${id},`));
  if (index < 0) return { line: 1, column: 1 };
  const column = lines[index]!.indexOf(text.slice(0, 30));
  return { line: index + 1, column: column < 0 ? 1 : column + 1 };
}

/**
 * Every sentence of the checked sections, wherever it is written.
 * `readSource` reads a file of the project (the page's template, categories.csv, …).
 */
export function dataPageSentences(data: Dataset, readSource: (file: string) => string): DataPageSentence[] {
  const sentences = templateSentences(readSource(DATA_PAGE_FILE));
  const categoriesCsv = readSource(CATEGORIES_FILE);
  for (const category of data.categories) {
    for (const sentence of plainSentences(category.description))
      sentences.push({
        file: CATEGORIES_FILE,
        ...csvPlace(categoriesCsv, category.id, sentence.text),
        where: `the category ${category.id}'s description`,
        ...sentence,
      });
  }
  const methodsSource = readSource(CHART_METHODS_FILE);
  for (const method of METHOD_TEXTS) {
    let from = 0;
    for (const sentence of plainSentences(method.text)) {
      const place = placeOfText(methodsSource, sentence.text, from);
      from = place.offset;
      sentences.push({
        file: CHART_METHODS_FILE,
        line: place.line,
        column: 1,
        where: `the ${method.chart} chart's ${method.aggregated ? "method past the paging threshold" : "method"}`,
        ...sentence,
      });
    }
  }
  const figuresSource = readSource(DERIVED_FIGURES_FILE);
  for (const figure of DERIVED_FIGURES) {
    // As OurCalculations.astro writes them: the formula in a sentence of ours, then the caveat.
    const formula = `${figure.drawingScale ? "How we draw it" : "Our calculation"}: ${figure.formula}.`;
    for (const [text, field] of [
      [formula, "formula"],
      [figure.caveat, "caveat"],
    ] as const) {
      for (const sentence of plainSentences(text))
        sentences.push({
          file: DERIVED_FIGURES_FILE,
          line: placeOfText(figuresSource, sentence.text.replace(/^(?:How we draw it|Our calculation): /, "")).line,
          column: 1,
          where: `the calculation ${figure.id}'s ${field}`,
          ...sentence,
        });
    }
  }
  return sentences;
}

/**
 * Every problem of the data page's sentences: one that shows no figure, cites no passage and
 * does not say it is ours (an error); a cited one that DATA_PAGE_CITES does not name, or that
 * drops its passages' hedges (errors), or adds content words they lack (a warning); an entry
 * of DATA_PAGE_CITES that names no sentence (an error).
 */
export function dataPageSourceProblems(data: Dataset, readSource: (file: string) => string): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  const sentences = dataPageSentences(data, readSource);
  const report = (where: Omit<SentenceProblem, "field" | "message" | "severity">, message: string) =>
    problems.push({ ...where, field: "sentence", message, severity: "error" });
  for (const sentence of sentences) {
    const where = { file: sentence.file, line: sentence.line, column: sentence.column };
    const shown = JSON.stringify(sentence.text.length > 60 ? `${sentence.text.slice(0, 57)}...` : sentence.text);
    if (sentence.kind === null)
      report(
        where,
        `on the data page, ${sentence.where}: ${shown} states something with no source, expected a figure from data/, a cited passage (a NoteMarker) or words that say it is our own analysis, drawing or grouping (“we”, “our”)`,
      );
    if (sentence.kind !== "cited") continue;
    const entry = DATA_PAGE_CITES.find((candidate) => sentence.text.startsWith(candidate.starts));
    if (!entry) {
      report(
        where,
        `on the data page, ${sentence.where}: ${shown} has a source marker that DATA_PAGE_CITES (${CHECK_FILE}) does not name, expected an entry with its opening words and passages`,
      );
      continue;
    }
    for (const problem of citedSentenceProblems(
      { text: sentence.text, ownWords: sentence.text, cites: entry.ids },
      data,
      where,
    ))
      problems.push({ ...problem, message: `on the data page, ${sentence.where}: ${problem.message}` });
  }
  for (const entry of DATA_PAGE_CITES) {
    if (!sentences.some((sentence) => sentence.kind === "cited" && sentence.text.startsWith(entry.starts)))
      report(
        { file: CHECK_FILE, line: 1, column: 1 },
        `DATA_PAGE_CITES names a sentence of the data page starting “${entry.starts}” with a source marker, which the page does not have, expected the opening words of one`,
      );
  }
  return problems;
}

/** The data page's sentences counted by kind. */
export function dataPageSentenceCounts(
  data: Dataset,
  readSource: (file: string) => string,
): Record<SentenceKind | "none", number> {
  const counts = { figures: 0, cited: 0, ours: 0, none: 0 };
  for (const sentence of dataPageSentences(data, readSource)) counts[sentence.kind ?? "none"]++;
  return counts;
}
