/**
 * Checks that every direct quote (quotes.csv) is what its source printed: a
 * verbatim span of the source's own passage (the `context`), inside the
 * source's quotation marks, cut on whole words, without a negation or
 * qualifier dropped from just before it, and given to the speaker the
 * passage names; and that a reaction only shows a quote of its own speaker.
 *
 * Positions are found in the context after runs of whitespace are collapsed
 * to one space, so a passage copied across a line break still matches.
 */
import type { TableName } from "../../src/data/schema.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

/** A stretch of text the source puts in quotation marks: [start, end), marks excluded. */
export interface QuotedRegion {
  start: number;
  end: number;
}

/** A word of the context: letters and digits, with apostrophes inside it (shouldn’t). */
interface Word {
  text: string;
  start: number;
  end: number;
}

/** Words that turn a quote's meaning when left off its front. */
const NEGATIONS = new Set([
  "not",
  "no",
  "never",
  "nor",
  "neither",
  "none",
  "nothing",
  "nobody",
  "without",
  "cannot",
  "hardly",
  "barely",
  "scarcely",
  "only",
]);
/** How many words just before a quote are looked at for a negation. */
const WORDS_BEFORE = 3;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Runs of whitespace (line breaks included) as one space, no space at the ends. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The stretches of `text` inside quotation marks: a “ opens, the next ”
 * closes; a ” with nothing open is a misprint and is ignored; a straight "
 * opens when nothing is open and closes otherwise. Single quotes are
 * apostrophes and are ignored. A region left open runs to the end of the
 * text (a quote that goes on in the next paragraph).
 */
export function quotedRegions(text: string): QuotedRegion[] {
  const regions: QuotedRegion[] = [];
  let open: number | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "“") {
      if (open === null) open = index + 1;
    } else if (char === "”") {
      if (open !== null) {
        regions.push({ start: open, end: index });
        open = null;
      }
    } else if (char === '"') {
      if (open === null) open = index + 1;
      else {
        regions.push({ start: open, end: index });
        open = null;
      }
    }
  }
  if (open !== null) regions.push({ start: open, end: text.length });
  return regions;
}

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Whether a word negates or restricts what follows it. */
export function isNegation(word: string): boolean {
  const lower = word.toLowerCase();
  return NEGATIONS.has(lower) || lower.endsWith("n’t") || lower.endsWith("n't");
}

/** Apostrophes and double quotation marks made plain, one character for one. */
function foldMarks(text: string): string {
  return text.replace(/[‘’']/g, "'").replace(/[“”"]/g, '"');
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** The word that `position` falls strictly inside, if any. */
function wordAround(words: Word[], position: number): Word | undefined {
  return words.find((word) => word.start < position && position < word.end);
}

/** Whether the text at [start, end) is a whole run of words, neither end cut inside one. */
function onWordBoundaries(words: Word[], start: number, end: number): boolean {
  return !wordAround(words, start) && !wordAround(words, end);
}

/** What is wrong with one quote at one place in its context (an empty list: nothing). */
function judgeOccurrence(
  shown: string,
  context: string,
  words: Word[],
  regions: QuotedRegion[],
  start: number,
  end: number,
): string[] {
  const failures: string[] = [];
  const cutStart = wordAround(words, start);
  const cutEnd = wordAround(words, end);
  if (cutStart || cutEnd) {
    const parts = [
      cutStart && `starts inside the word ${JSON.stringify(cutStart.text)}`,
      cutEnd && `ends inside the word ${JSON.stringify(cutEnd.text)}`,
    ].filter(Boolean);
    failures.push(
      `${shown} ${parts.join(" and ")} of its context, expected a quote that starts and ends on word boundaries (not cut inside a word)`,
    );
  }
  const region = regions.find((candidate) => candidate.start <= start && end <= candidate.end);
  if (!region) {
    const partly = regions.some((candidate) => candidate.start < end && start < candidate.end);
    failures.push(
      partly
        ? `${shown} runs outside the quotation marks in its context, expected words the source itself puts in quotation marks, all inside one pair`
        : `${shown} is not inside quotation marks in its context, expected words the source itself puts in quotation marks (a reporter's own wording is not a quote)`,
    );
    return failures;
  }
  const before = words.filter((word) => word.start >= region.start && word.end <= start).slice(-WORDS_BEFORE);
  const negations = before.filter((word) => isNegation(word.text));
  if (negations.length > 0) {
    const dropped = context.slice(negations[0]!.start, negations.at(-1)!.end);
    failures.push(
      `${shown} drops ${JSON.stringify(dropped)} that stands just before it in the source, expected the quote to keep it`,
    );
  }
  return failures;
}

/** The problems with one quote against its context, as messages for the `quote` column. */
export function quoteProblems(quote: string, context: string): string[] {
  const words = collapseSpace(quote);
  const passage = collapseSpace(context);
  const shown = JSON.stringify(words);
  const messages: string[] = [];

  let starts = occurrences(passage, words);
  if (starts.length === 0) {
    starts = occurrences(foldMarks(passage), foldMarks(words));
    if (starts.length === 0) {
      return [
        `${shown} does not occur in its context, expected the exact words of the context (only spacing may differ)`,
      ];
    }
    // The same characters as the source but for its quotation marks or apostrophes: say which.
    const at = starts[0]!;
    const swaps = new Map<string, string>();
    for (let index = 0; index < words.length; index++) {
      const ours = words[index]!;
      const theirs = passage[at + index]!;
      if (ours !== theirs) swaps.set(ours, theirs);
    }
    const read = [...swaps].map(([ours, theirs]) => `${ours} is read as ${theirs}`).join(" and ");
    const use = [...new Set(swaps.values())].join(" and ");
    messages.push(
      `${shown} matches its context only if ${read}, expected the source's own characters (use ${use} as the source does)`,
    );
  }

  const contextWords = wordsOf(passage);
  const regions = quotedRegions(passage);
  // Where the words occur more than once, the place with the fewest problems is the one meant.
  const judged = starts.map((start) =>
    judgeOccurrence(shown, passage, contextWords, regions, start, start + words.length),
  );
  const best = judged.reduce((fewest, failures) => (failures.length < fewest.length ? failures : fewest));
  return [...messages, ...best];
}

/** Whether the context names the speaker outside every quoted region (any case, whole words). */
export function speakerNamedOutsideQuotes(speaker: string, context: string): boolean {
  const name = collapseSpace(speaker);
  const passage = collapseSpace(context);
  if (name === "") return false;
  const words = wordsOf(passage);
  const regions = quotedRegions(passage);
  const pattern = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  for (const match of passage.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const quoted = regions.some((region) => region.start < end && start < region.end);
    if (!quoted && onWordBoundaries(words, start, end)) return true;
  }
  return false;
}

export function checkQuotes(tables: Tables): Problem[] {
  const problems: Problem[] = [];
  const report = (table: ParsedTable, rowIndex: number, field: string, message: string) =>
    problems.push({ file: table.file, ...table.locate(rowIndex, field), field, message, severity: "error" });

  const { quotes, reactions } = tables;
  if (!quotes) return problems;

  quotes.rows.forEach((row, index) => {
    // A cell that failed its own check (already reported) cannot be compared.
    if (row.quote === undefined || row.context === undefined || row.speaker === undefined) return;
    const quote = String(row.quote);
    const context = String(row.context);
    for (const message of quoteProblems(quote, context)) report(quotes, index, "quote", message);
    if (!speakerNamedOutsideQuotes(String(row.speaker), context)) {
      report(
        quotes,
        index,
        "speaker",
        `${JSON.stringify(row.speaker)} is not named in the context outside the quotation marks, expected the speaker the source gives the words to`,
      );
    }
  });

  if (reactions) {
    const quoteIndex = new Map(
      quotes.rows.flatMap((row, index) => (row.id === undefined ? [] : [[String(row.id), index] as const])),
    );
    reactions.rows.forEach((row, index) => {
      const id = row.quote_id as string | null;
      // An id that is not in quotes.csv is reported by the foreign-key check.
      const target = id === null ? undefined : quoteIndex.get(id);
      if (target === undefined || row.speaker === undefined || quotes.rows[target]!.speaker === undefined) return;
      const quoteSpeaker = String(quotes.rows[target]!.speaker);
      if (quoteSpeaker === row.speaker) return;
      const line = quotes.locate(target, "speaker").line;
      report(
        reactions,
        index,
        "quote_id",
        `${JSON.stringify(id)} is a quote of ${quoteSpeaker} (${quotes.file} line ${line}), expected a quote of ${String(row.speaker)}, this row's speaker (a quote cannot be given to someone else)`,
      );
    });
  }
  return problems;
}
