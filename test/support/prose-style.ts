/**
 * The house style checker (src/content/story/STYLE.md): reads the prose of a
 * built page (prose-extract.ts) and lints it with retext, the unified
 * collective's maintained prose linter, rather than hand-written regexes:
 *
 * - retext-quotes: typographic quotes and apostrophes (“ ” ‘ ’), never ' or ";
 * - retext-spell with dictionary-en-gb (Hunspell, -ise spellings) and our
 *   word list (src/content/story/style-words.txt): British spelling;
 * - retext-repeated-words ("the the") and retext-sentence-spacing (one space);
 * - our own plugins (prose-rules.ts) for the rules no package covers.
 *
 * The source's own wording (`<cite>`, `<q>`, `[data-quote]`) and addresses,
 * file and email names are exempt from every rule.
 */
import { readFileSync } from "node:fs";
import dictionaryEnGb from "dictionary-en-gb";
import type { Root, Sentence } from "nlcst";
import retextEnglish from "retext-english";
import retextQuotes from "retext-quotes";
import retextRepeatedWords from "retext-repeated-words";
import retextSentenceSpacing from "retext-sentence-spacing";
import retextSpell from "retext-spell";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";

type VFileMessage = VFile["messages"][number];
import { extractProse, LITERAL, VERBATIM, type ExtractOptions, type ProseBlock } from "./prose-extract.ts";
import { retextBritishUsage, retextNoOpeningFigure, retextRanges, retextSingleDigits } from "./prose-rules.ts";

/** Names and terms the en-GB dictionary lacks, one a line; `#` starts a comment. */
export const WORD_LIST = new URL("../../src/content/story/style-words.txt", import.meta.url);

export interface Violation {
  /** The rule broken, e.g. "spelling", "quotes", "number-in-words". */
  rule: string;
  /** The sentence it is in (or the start of it, when long). */
  snippet: string;
  /** The offending text. */
  actual: string;
  /** What the style guide wants instead. */
  expected: string;
}

/** The word list as a Hunspell personal dictionary: comments and blank lines dropped. */
export function personalDictionary(text = readFileSync(WORD_LIST, "utf8")): string {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean)
    .join("\n");
}

const processor = unified()
  .use(retextEnglish)
  .use(retextQuotes, { preferred: "smart", smart: ["“”", "‘’"] })
  .use(retextSpell, { dictionary: dictionaryEnGb, personal: personalDictionary(), max: 10_000 })
  .use(retextRepeatedWords)
  .use(retextSentenceSpacing, { preferred: 1 })
  .use(retextSingleDigits)
  .use(retextNoOpeningFigure)
  .use(retextRanges)
  .use(retextBritishUsage)
  .freeze();

const MAX_SNIPPET = 160;

function offsetOf(message: VFileMessage): number | undefined {
  const place = message.place;
  if (!place) return undefined;
  return "start" in place ? place.start.offset : place.offset;
}

/** The text a message points at, as written (retext-spell reports ’ as '). */
function actualOf(message: VFileMessage, text: string): string {
  const place = message.place;
  const start = place && "start" in place ? place.start.offset : undefined;
  const end = place && "end" in place ? place.end.offset : undefined;
  return start !== undefined && end !== undefined && end > start ? text.slice(start, end) : (message.actual ?? "");
}

/** The sentence of `tree` around `offset`, shortened around it when long. */
function sentenceAt(tree: Root, text: string, offset: number): string {
  let snippet = text;
  let start = 0;
  visit(tree, "SentenceNode", (sentence: Sentence) => {
    const from = sentence.position?.start.offset ?? 0;
    const to = sentence.position?.end.offset ?? 0;
    if (from <= offset && offset < to) {
      snippet = text.slice(from, to);
      start = from;
    }
  });
  if (snippet.length <= MAX_SNIPPET) return snippet;
  const at = offset - start;
  const from = Math.max(0, Math.min(at - MAX_SNIPPET / 2, snippet.length - MAX_SNIPPET));
  return `${from > 0 ? "…" : ""}${snippet.slice(from, from + MAX_SNIPPET).trim()}${from + MAX_SNIPPET < snippet.length ? "…" : ""}`;
}

const RULES: Record<string, string> = {
  "retext-quotes": "quotes",
  "retext-spell": "spelling",
  "retext-repeated-words": "repeated word",
  "retext-sentence-spacing": "sentence spacing",
};

/** What the message asks for, in the words of the style guide. */
function describe(message: VFileMessage): Pick<Violation, "rule" | "expected"> {
  const source = message.source ?? "";
  const expected = (message.expected ?? []).filter(Boolean);
  const list = expected.map((word) => `“${word}”`).join(" or ");
  switch (source) {
    case "retext-quotes":
      return { rule: "quotes", expected: `${list || "typographic quotes"} (typographic quotes and apostrophes)` };
    case "retext-spell":
      return {
        rule: "spelling",
        expected: `British spelling${list ? `, such as ${list}` : ""} (a name or term: add it to src/content/story/style-words.txt)`,
      };
    case "retext-repeated-words":
      return { rule: "repeated word", expected: `“${message.actual ?? ""}” once` };
    case "retext-sentence-spacing":
      return { rule: "sentence spacing", expected: "one space between sentences" };
    default:
      return { rule: message.ruleId ?? RULES[source] ?? source, expected: expected.join(" or ") };
  }
}

/** Lints one block of prose: every house-rule violation outside the source's own words. */
export async function lintBlock(block: ProseBlock): Promise<Violation[]> {
  // A no-break space shows as a space (HTML collapses only the others): retext
  // sees it as one, so two of them between sentences are two spaces. Same length,
  // so offsets still match the block's marks.
  const value = block.text.replaceAll("\u00a0", " ");
  const file = new VFile({ value, data: { marks: block.marks } });
  const tree = processor.parse(file);
  await processor.run(tree, file);
  return file.messages.flatMap((message): Violation[] => {
    // retext-spell's note that it stopped suggesting is no violation.
    if (message.ruleId === "overflow") return [];
    const offset = offsetOf(message) ?? 0;
    if ((block.marks[offset] ?? 0) & (VERBATIM | LITERAL)) return [];
    return [{ ...describe(message), snippet: sentenceAt(tree, block.text, offset), actual: actualOf(message, value) }];
  });
}

/** Lints the reader-facing prose of one page. */
export async function lintHtml(html: string, options: ExtractOptions = {}): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const block of extractProse(html, options)) violations.push(...(await lintBlock(block)));
  return violations;
}

/** `<file>: "<snippet>": <rule>, expected <what>`, one line. */
export function formatViolation(file: string, violation: Violation): string {
  const actual = violation.actual ? ` “${violation.actual}”` : "";
  return `${file}: "${violation.snippet}": ${violation.rule}${actual}, expected ${violation.expected}`;
}
