/**
 * What each sentence of the data page rests on, under the story's rule
 * (src/lib/story-sources.ts): it shows figures from data/, cites held
 * passages, or says it is ours ("we", "our"). The data step
 * (scripts/build-data.ts), and so the build, fails on a sentence that is none
 * of these, naming the file and the line where it is written:
 *
 * - the page's own prose, in src/pages/data/index.astro, every section of it
 *   and the lines above them: a figure is a component that writes one from
 *   data/ (FactValue, DateText, Count, `<data>`, `<time>`, a computed
 *   `<code>`), a citation a NoteMarker;
 * - the categories' descriptions, in data/categories.csv (our grouping);
 * - each chart's method, in src/components/data/chart-methods.ts (the
 *   aggregated texts too, whichever the data shows);
 * - each calculation's formula and caveat, in src/lib/derived-figures.ts.
 *
 * A section that is wholly the publication's own record (its tables' and
 * sources' descriptions, licence, citation, corrections, releases) says so
 * by rule: its tag carries `data-sources="ours"` and, under its heading, an
 * OwnRecord line readers see ("Written by <publication>: our record of …").
 * Each sentence in it that shows no figure and cites nothing is ours by that
 * mark, whoever wrote it into the data (released notes are kept as they were
 * released, not rewritten to say "we"); a marked section without its line is
 * an error.
 *
 * Exempt by rule, not one by one: headings (h2, h3, `<dt>` terms), a label
 * wholly in bold at the start of a block, navigation (`<nav>`), and
 * components on their own, whose words are checked where they are written.
 */
import { TABLES, type Dataset } from "../../data/schema.ts";
import { DERIVED_FIGURES } from "../../lib/derived-figures.ts";
import type { FigureNoteSource } from "../../lib/chart-note-sources.ts";
import { citedSentenceProblems, type SentenceKind, type SentenceProblem } from "../../lib/story-sources.ts";
import { METHOD_TEXTS } from "./chart-methods.ts";

export const DATA_PAGE_FILE = "src/pages/data/index.astro";
export const CATEGORIES_FILE = "data/categories.csv";
export const CHART_METHODS_FILE = "src/components/data/chart-methods.ts";
export const DERIVED_FIGURES_FILE = "src/lib/derived-figures.ts";
export const SCHEMA_FILE = "src/data/schema.ts";
export const SOURCES_FILE = "data/sources.csv";
export const RELEASES_FILE = "data/releases.csv";
export const CORRECTIONS_FILE = "data/corrections.csv";
/** This file, as messages name it. */
const CHECK_FILE = "src/components/data/data-page-sources.ts";
/** The sections whose sentences are checked one by one (their element ids); every other section is marked ours. */
export const DATA_PAGE_SECTIONS = ["what", "method", "calculations"] as const;
/** The attribute, on a section's tag, that marks the section as wholly the publication's own record. */
export const OWN_RECORD_ATTRIBUTE = 'data-sources="ours"';
/** The part of the template above the first section (the page's heading, version and standfirst), as messages name it. */
const INTRO = "intro";

/** The ids of the page's sections, in the order the template writes them. */
export function dataPageSectionIds(source: string): string[] {
  return Array.from(source.matchAll(/<section id="([^"]+)"/g), (match) => match[1]!);
}

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
  /** The id of the page's section it is in ("intro" above them). */
  section: string;
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
 * The sentences of the page's own prose in the template: the part above the
 * first section (`intro`) and the given sections (all of them unless named).
 * Components and tags become marks or spaces (offsets kept), so each sentence
 * keeps its line and column in the file. In a section marked as our own
 * record, a sentence with no figure and no citation is ours by the mark.
 */
export function templateSentences(source: string, sections?: readonly string[]): DataPageSentence[] {
  const found: DataPageSentence[] = [];
  const parts: { id: string; start: number; end: number; own: boolean }[] = [];
  if (!sections) {
    const article = source.indexOf("<article");
    const first = source.indexOf("<section ", article);
    if (article >= 0 && first > article) parts.push({ id: INTRO, start: article, end: first, own: false });
  }
  for (const id of sections ?? dataPageSectionIds(source)) {
    const start = source.indexOf(`<section id="${id}"`);
    if (start < 0) throw new Error(`${DATA_PAGE_FILE} has no <section id="${id}">, whose sentences the data step checks`);
    const tag = source.slice(start, source.indexOf(">", start));
    parts.push({ id, start, end: source.indexOf("</section>", start), own: tag.includes(OWN_RECORD_ATTRIBUTE) });
  }
  for (const { id, start, end, own } of parts) {
    const marked = source
      .slice(start, end)
      // Headings, navigation, and lists written from data (categories, methods), whose words are checked where they are written.
      .replace(/<(h[1-6]|dt|dl|nav)\b[\s\S]*?<\/\1>/g, (match) => blank(match, BREAK))
      // A label wholly in bold at the start of a block is a heading.
      .replace(/(?<=<(?:p|li|dd)\b[^>]*>\s*)<strong>[\s\S]*?<\/strong>/g, (match) => blank(match))
      // Components that write a figure from data/, or cite a passage; components on their own write their own words.
      .replace(/<(?:FactValue|DateText|Count)\b[\s\S]*?\/>/g, (match) => blank(match, FIGURE))
      .replace(/<(data|time)\b[\s\S]*?<\/\1>/g, (match) => blank(match, FIGURE))
      .replace(/<code>(?:\{[^}]*\}|[^<]*\d[^<]*)<\/code>/g, (match) => blank(match, FIGURE))
      .replace(/<NoteMarker\b[\s\S]*?\/>/g, (match) => blank(match, CITE))
      .replace(/<[A-Z]\w*\b[\s\S]*?\/>/g, (match) => blank(match, BREAK))
      // Conditional prose, `{cond && (<>…</>)}` or `{cond ? <>…</> : <>…</>}`, and prose written once an item,
      // `{items.map((item) => (<li>…</li>))}`: each branch or item a block of its own.
      .replace(/\{\s*[\w.]+\.map\(\([^)]*\)\s*=>\s*\(?\s*(?=<)/g, (match) => blank(match, BREAK))
      .replace(/\{[^{}]*?(?:&&|\?)\s*\(?\s*(?=<)/g, (match) => blank(match, BREAK))
      .replace(/(?<=>)\s*\)?\s*:\s*\(?\s*(?=<)/g, (match) => blank(match, BREAK))
      .replace(/(?<=>)\s*\)*\s*\}/g, (match) => blank(match, BREAK))
      .replace(/\{" "\}/g, (match) => blank(match))
      .replace(/\{[^{}]*\}/g, (match) => blank(match, VALUE))
      // Blocks end at their tags; other tags leave their words.
      .replace(/<\/?(?:p|li|dd|ul|ol|section|div|nav|blockquote|article)\b[^>]*>/g, (match) => blank(match, BREAK))
      .replace(/<\/?[A-Za-z][^>]*>|<\/?>/g, (match) => blank(match));
    let blockStart = 0;
    for (const block of marked.split(BREAK)) {
      for (const sentence of sentencesOf(block)) {
        const kind = kindOf(sentence.text);
        found.push({
          file: DATA_PAGE_FILE,
          ...position(source, start + blockStart + sentence.offset),
          section: id,
          where: id === INTRO ? "above its sections" : `its section #${id}${own && kind === null ? " (ours by the section's mark)" : ""}`,
          text: shownText(sentence.text),
          kind: own && kind === null ? "ours" : kind,
        });
      }
      blockStart += block.length + BREAK.length;
    }
  }
  return found;
}

/**
 * The sections marked as our own record that do not show readers the mark: an OwnRecord line
 * under the heading, before anything else the section says.
 */
function ownRecordProblems(source: string): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  for (const id of dataPageSectionIds(source)) {
    const start = source.indexOf(`<section id="${id}"`);
    const tag = source.slice(start, source.indexOf(">", start));
    if (!tag.includes(OWN_RECORD_ATTRIBUTE)) continue;
    const body = source.slice(source.indexOf(">", start) + 1, source.indexOf("</section>", start));
    if (/^\s*<h2\b[\s\S]*?<\/h2>\s*<OwnRecord\s+of="[^"]+"\s*\/>/.test(body)) continue;
    problems.push({
      ...position(source, start),
      file: DATA_PAGE_FILE,
      field: "sentence",
      severity: "error",
      message: `on the data page, its section #${id} is marked ${OWN_RECORD_ATTRIBUTE} but does not show readers the mark, expected <OwnRecord of="…" /> right under its heading`,
    });
  }
  return problems;
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
        section: "method",
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
        section: "method",
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
          section: figure.drawingScale ? "method" : "calculations",
          ...sentence,
        });
    }
  }
  sentences.push(...ownRecordTexts(data, readSource));
  return sentences;
}

/** Line and column of a text's first words in a CSV file (1, 1 when not found). */
function csvPlaceOfText(csv: string, text: string): { line: number; column: number } {
  const at = csv.indexOf(text.slice(0, 30));
  return at < 0 ? { line: 1, column: 1 } : position(csv, at);
}

/**
 * The texts the data writes into the sections marked as our own record: the tables' descriptions
 * (#tables), the sources' descriptions and date notes (#sources), the corrections (#corrections)
 * and the release notes (#releases). Each sentence with no figure or citation is ours by the
 * section's mark (OwnRecord): these are the publication's records, released ones kept as released.
 * The rest the marked sections show (column dictionaries, citations, the credit) is ours by the same mark.
 */
function ownRecordTexts(data: Dataset, readSource: (file: string) => string): DataPageSentence[] {
  const found: DataPageSentence[] = [];
  const add = (
    section: string,
    file: string,
    text: string | null | undefined,
    where: string,
    place: (sentence: string) => { line: number; column: number },
  ) => {
    for (const sentence of plainSentences(text ?? ""))
      found.push({
        file,
        ...place(sentence.text),
        where: `its section #${section}, ${where}${sentence.kind === null ? " (ours by the section's mark)" : ""}`,
        section,
        text: sentence.text,
        kind: sentence.kind ?? "ours",
      });
  };
  const schema = readSource(SCHEMA_FILE);
  for (const [name, table] of Object.entries(TABLES))
    add("tables", SCHEMA_FILE, table.description, `the ${name} table's description`, (text) => ({
      line: placeOfText(schema, text).line,
      column: 1,
    }));
  const sourcesCsv = readSource(SOURCES_FILE);
  for (const source of data.sources)
    for (const field of ["description", "date_note"] as const)
      add("sources", SOURCES_FILE, source[field], `the source ${source.id}'s ${field}`, (text) =>
        csvPlaceOfText(sourcesCsv, text),
      );
  const correctionsCsv = readSource(CORRECTIONS_FILE);
  data.corrections.forEach((correction, index) => {
    for (const field of ["change", "reason"] as const)
      add("corrections", CORRECTIONS_FILE, correction[field], `correction ${index + 1}'s ${field}`, (text) =>
        csvPlaceOfText(correctionsCsv, text),
      );
  });
  const releasesCsv = readSource(RELEASES_FILE);
  for (const release of data.releases)
    add("releases", RELEASES_FILE, release.note, `release ${release.version}'s note`, (text) =>
      csvPlaceOfText(releasesCsv, text),
    );
  return found;
}

/**
 * Every problem of the data page's sentences: one that shows no figure, cites no passage and
 * does not say it is ours (an error); a cited one that DATA_PAGE_CITES does not name, or that
 * drops its passages' hedges (errors), or adds content words they lack (a warning); an entry
 * of DATA_PAGE_CITES that names no sentence (an error).
 */
export function dataPageSourceProblems(data: Dataset, readSource: (file: string) => string): SentenceProblem[] {
  const problems: SentenceProblem[] = ownRecordProblems(readSource(DATA_PAGE_FILE));
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
