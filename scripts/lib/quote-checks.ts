/**
 * Checks that every direct quote (quotes.csv) is what its source printed: a
 * verbatim span of the source's own passage (the `context`), inside the
 * source's quotation marks, cut on whole words, without a negation or
 * qualifier dropped from just before it or a negation or denial dropped from
 * earlier in its sentence, and given to the speaker the passage attributes
 * that quotation to (quote-attribution.ts); and that a reaction only shows a
 * quote of its own speaker.
 *
 * Positions are found in the context after runs of whitespace are collapsed
 * to one space, so a passage copied across a line break still matches.
 */
import type { TableName } from "../../src/data/schema.ts";
import type { ParsedTable } from "./parse-table.ts";
import { attributionOf, blankQuotations, type Attribution, type QuotedRegion } from "./quote-attribution.ts";
import type { Problem } from "./problem.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

export type { QuotedRegion };

/** A word of the context: letters and digits, with apostrophes inside it (shouldn’t). */
interface Word {
  text: string;
  start: number;
  end: number;
}

/** Words that negate whatever follows them: "not", "never", "nobody". */
const NEGATING = ["not", "no", "never", "nor", "neither", "none", "nothing", "nobody"];
/** Words that turn a quote's meaning when left off its front. */
const NEGATIONS = new Set([...NEGATING, "without", "cannot", "hardly", "barely", "scarcely", "only"]);
/** How many words just before a quote are looked at for a negation. */
const WORDS_BEFORE = 3;
/**
 * Words that deny or reverse what follows them anywhere later in their
 * sentence ("We did not at any point find that officers were corrupt", "It
 * is untrue that …"): a quote taken from after one of them says the opposite
 * of what the source reports. (Qualifiers such as "only" count just before a
 * quote: earlier in a sentence they qualify something else.)
 */
const REVERSALS = new Set([
  ...NEGATING,
  "nowhere",
  "cannot",
  "untrue",
  "false",
  "wrong",
  "incorrect",
  ...["deny", "denies", "denied", "denying"],
  ...["refute", "refutes", "refuted"],
  ...["reject", "rejects", "rejected"],
  ...["dispute", "disputes", "disputed"],
]);

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

/** Whether a word denies or reverses what follows it in its sentence. */
export function isReversal(word: string): boolean {
  const lower = word.toLowerCase();
  return REVERSALS.has(lower) || lower.endsWith("n’t") || lower.endsWith("n't");
}

/** Apostrophes and double quotation marks made plain, one character for one. */
function foldMarks(text: string): string {
  return text.replace(/[‘’']/g, "'").replace(/[“”"]/g, '"');
}

/** Lower case, one character for one (a letter whose lower case is longer is kept), so positions still match. */
function foldCase(text: string): string {
  return text.replace(/\p{Lu}/gu, (letter) => {
    const lower = letter.toLowerCase();
    return lower.length === letter.length ? lower : letter;
  });
}

/** Where the sentence holding `position` starts: after the last `.`, `!` or `?` (and any closing marks) and a space. */
function sentenceStart(text: string, position: number): number {
  let start = 0;
  for (const match of text.slice(0, position).matchAll(/[.!?][”"’]*\s+/gu)) start = match.index + match[0].length;
  return start;
}

/** "officers" where the source has "Officers", for each word of the quote whose capitals differ. */
function caseDifferences(words: string, source: string): string[] {
  const ours = wordsOf(words);
  return ours
    .filter((word) => foldMarks(word.text) !== foldMarks(source.slice(word.start, word.end)))
    .map(
      (word) =>
        `${JSON.stringify(word.text)} where the source has ${JSON.stringify(source.slice(word.start, word.end))}`,
    );
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
    return failures;
  }
  // A denial further back in the same sentence, inside or outside the quotation marks, reverses the quote too.
  const sentenceFrom = sentenceStart(context, start);
  const reversal = words.find((word) => word.start >= sentenceFrom && word.end <= start && isReversal(word.text));
  if (reversal) {
    const before = context.slice(sentenceFrom, start).trim();
    // The sentence up to the quote: its last 60 characters, or more to reach the reversing word.
    const cut = Math.min(reversal.start - sentenceFrom, Math.max(0, before.length - 60));
    const lead = `${cut > 0 ? "…" : ""}${before.slice(cut)}`;
    failures.push(
      `${shown} leaves out ${JSON.stringify(reversal.text)}, earlier in the same sentence of the source (${JSON.stringify(`${lead} …`)}), which reverses its meaning, expected a quote that keeps the sentence's sense: start it at the negation, or quote other words`,
    );
  }
  return failures;
}

/** The problems with one quote against its context, and where in the (collapsed) context it was judged. */
export interface QuoteJudgement {
  /** Messages for the `quote` column. */
  messages: string[];
  /** Where the quote starts in the context with its whitespace collapsed; null when it does not occur. */
  start: number | null;
}

/**
 * Finds the quote in its context: exactly; else the same but for the kind of
 * apostrophes, quotation marks or capitals, which the message names.
 */
function locate(words: string, passage: string): { starts: number[]; difference: string | null } {
  const exact = occurrences(passage, words);
  if (exact.length > 0) return { starts: exact, difference: null };
  const marks = occurrences(foldMarks(passage), foldMarks(words));
  const starts = marks.length > 0 ? marks : occurrences(foldCase(foldMarks(passage)), foldCase(foldMarks(words)));
  if (starts.length === 0) return { starts, difference: null };
  // The same letters as the source but for its apostrophes, quotation marks or capitals: say which.
  const at = starts[0]!;
  const source = passage.slice(at, at + words.length);
  const swaps = new Map<string, string>();
  for (let index = 0; index < words.length; index++) {
    const ours = words[index]!;
    const theirs = source[index]!;
    if (foldMarks(ours) !== foldMarks(theirs) || ours === theirs) continue;
    swaps.set(ours, theirs);
  }
  const swapped = (marks: string) =>
    [...swaps]
      .filter(([ours]) => marks.includes(ours))
      .map(([ours, theirs]) => `${ours} where the source has ${theirs}`);
  const differences = (
    [
      ["capitals", foldMarks(words) === foldMarks(source) ? [] : caseDifferences(words, source)],
      ["apostrophes", swapped("‘’'")],
      ["quotation marks", swapped('“”"')],
    ] as const
  ).filter(([, details]) => details.length > 0);
  const kinds = differences.map(([kind]) => kind);
  const details = differences.flatMap(([, list]) => list);
  const only = kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}` : kinds[0]!;
  return {
    starts,
    difference: `${JSON.stringify(words)} differs from its context only in its ${only} (${details.join("; ")}), expected the source's own characters, exactly as in the context: ${JSON.stringify(source)}`,
  };
}

/** The problems with one quote against its context. */
export function judgeQuote(quote: string, context: string): QuoteJudgement {
  const words = collapseSpace(quote);
  const passage = collapseSpace(context);
  const shown = JSON.stringify(words);
  const { starts, difference } = locate(words, passage);
  if (starts.length === 0) {
    return {
      messages: [
        `${shown} does not occur in its context, expected the exact words of the context (only spacing may differ)`,
      ],
      start: null,
    };
  }
  const contextWords = wordsOf(passage);
  const regions = quotedRegions(passage);
  // Where the words occur more than once, the place with the fewest problems is the one meant.
  const judged = starts.map((start) => ({
    start,
    failures: judgeOccurrence(shown, passage, contextWords, regions, start, start + words.length),
  }));
  const best = judged.reduce((fewest, next) => (next.failures.length < fewest.failures.length ? next : fewest));
  return { messages: difference ? [difference, ...best.failures] : best.failures, start: best.start };
}

/** The problems with one quote against its context, as messages for the `quote` column. */
export function quoteProblems(quote: string, context: string): string[] {
  return judgeQuote(quote, context).messages;
}

/**
 * Whether the passage names the speaker outside every quoted region (any
 * case, whole words), in a mention that reaches into [from, to): a name
 * that a clause boundary inside it (the `;` of `&amp;`) would cut still counts.
 */
function namesSpeaker(speaker: string, passage: string, from = 0, to = passage.length): boolean {
  const name = collapseSpace(speaker);
  if (name === "") return false;
  const words = wordsOf(passage);
  const regions = quotedRegions(passage);
  const pattern = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  for (const match of passage.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end <= from || start >= to) continue;
    const quoted = regions.some((region) => region.start < end && start < region.end);
    if (!quoted && onWordBoundaries(words, start, end)) return true;
  }
  return false;
}

/** Whether the context names the speaker outside every quoted region (any case, whole words). */
export function speakerNamedOutsideQuotes(speaker: string, context: string): boolean {
  return namesSpeaker(speaker, collapseSpace(context));
}

/**
 * What is wrong with the speaker of a quote found at `start` of its
 * collapsed context (null: nothing): not named outside the quotation marks
 * at all, or named while the context gives that quotation to someone else.
 */
export function speakerProblem(speaker: string, context: string, start: number | null): string | null {
  const passage = collapseSpace(context);
  const shown = JSON.stringify(speaker);
  if (!namesSpeaker(speaker, passage)) {
    return `${shown} is not named in the context outside the quotation marks, expected the speaker the source gives the words to`;
  }
  const regions = quotedRegions(passage);
  const region =
    start === null ? undefined : regions.find((candidate) => candidate.start <= start && start < candidate.end);
  if (!region) return null; // the quote's own problem is reported; without its quotation there is no attribution to read
  // A person named in full (every word capitalised: "Emma Carr") is named again by surname ("Ms Carr said:").
  const words = collapseSpace(speaker).split(" ");
  const surname = words.length > 1 && words.every((word) => /^\p{Lu}/u.test(word)) ? words.at(-1)! : null;
  const names = (attribution: Attribution) =>
    namesSpeaker(speaker, passage, attribution.start, attribution.end) ||
    (surname !== null && namesSpeaker(surname, passage, attribution.start, attribution.end));
  const found = attributionOf(region, passage, blankQuotations(passage, regions), names);
  // No speech verb for this quotation: the speaker named in the context is all the passage says.
  if (!found || names(found.meant ?? found.direct)) return null;
  if (!found.meant) {
    return `${shown} is named in the context, but the quotation is introduced by ${JSON.stringify(found.direct.subject)}, which could be someone else, expected the context to name the speaker where it introduces the quotation (the source's own words saying who it was)`;
  }
  const via = found.meant === found.direct ? "" : ` (${JSON.stringify(found.direct.subject)} refers back to them)`;
  return `${shown} is named in the context, but it gives this quotation to ${JSON.stringify(found.meant.subject)}${via}, expected the speaker the source gives the words to, named as the context names them`;
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
    const judged = judgeQuote(quote, context);
    for (const message of judged.messages) report(quotes, index, "quote", message);
    const speaker = speakerProblem(String(row.speaker), context, judged.start);
    if (speaker) report(quotes, index, "speaker", speaker);
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
