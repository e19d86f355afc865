/**
 * retext plugins for the house rules that no published plugin covers
 * (src/content/story/STYLE.md): single-digit numbers in words, no sentence
 * opening with a figure, ranges as "from X to Y" or "between X and Y", and the
 * British usages a spelling dictionary cannot see (programme, licence as a
 * noun, % for per cent).
 *
 * Each rule reads a sentence's text and reports a message with the offset of
 * the offending words, `source` "house-style" and a `ruleId`; where a
 * character came from (a date, the source's own words) is in
 * `file.data.marks` (see prose-extract.ts).
 */
import type { Root, Sentence } from "nlcst";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { DATE } from "./prose-extract.ts";

declare module "vfile" {
  interface DataMap {
    /** Per character of the file: VERBATIM | DATE | LITERAL bits (prose-extract.ts). */
    marks: Uint8Array;
  }
}

export const HOUSE_SOURCE = "house-style";

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
/** What may follow a figure that keeps it in digits: a percentage or a unit of measure. */
const UNIT_AFTER = new RegExp(
  String.raw`^(?:\s?(?:%|per ?cent\b)|\s?(?:km|cm|mm|m|kg|g|mg|lb|ft|mph|px|pt|kB|KB|MB|GB|TB|bytes?|bn|°C?)(?![\p{L}\p{N}]))`,
  "u",
);
const MONTH_AFTER = new RegExp(String.raw`^\s(?:${MONTHS})\b`, "u");
const MONTH_BEFORE = new RegExp(String.raw`\b(?:${MONTHS})\s$`, "u");
/** A digit 1 to 9 standing alone: not part of 10, 2.5, 3,000, 11:45, £5, 3:1 or -4. */
const LONE_DIGIT = /(?<![\p{L}\p{N}£$€.,:/-])[1-9](?!\p{N}|[.,:/]\p{N})/gu;

/** A one-word label at the start of a sentence, such as "Note: ", after which a new sentence starts. */
const LEADING_LABEL = /^\p{L}+: /u;
/**
 * A full stop, question or exclamation mark and a space before a figure: the
 * English parser does not start a sentence there ("…not all 300. 3 rows…"), a
 * reader does. Not after an abbreviation such as "No." or "p.".
 */
const STOP_BEFORE_FIGURE = /(?<!\b(?:No|Nos|no|p|pp|vol|fig|approx|c|cf|vs|art))[.!?][”’")]*\s+(?=\p{N})/gu;
/** Opening punctuation a sentence may start with before its first word. */
const OPENING_PUNCTUATION = /^[\s\p{Ps}\p{Pi}"'*]*/u;

/**
 * "between X to Y": "between", up to four words holding a figure, a month or a
 * number word, then "to" and a word, with no "and" after it in the clause.
 */
const BETWEEN_TO = /\bbetween\s+((?:\S+\s+){1,4}?)to\s+[^\s,.;:]+(?:\s\p{N}+)?(?![^;]*\band\b)/giu;
const RANGE_WORDS = new RegExp(
  String.raw`\p{N}|\b(?:${MONTHS}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million)\b`,
  "iu",
);
const RANGE_END = String.raw`(?:\p{N}[\p{N},.]*%?|(?:${MONTHS})\b)`;
/** Two figures or months joined by a dash (en, em or, between figures, a hyphen). */
const DASH_RANGE = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:\p{N}[\p{N},.]*|(?:${MONTHS}))\s*[–—]\s*${RANGE_END}|(?<![\p{L}\p{N}.,-])\p{N}{1,4}\s?-\s?\p{N}{1,4}(?![\p{N}-])`,
  "gu",
);

/** The British usages a dictionary accepts in another sense. */
const BRITISH_USAGE: { pattern: RegExp; rule: string; expected: (match: string) => string }[] = [
  {
    // A dictionary knows "program" (software); a plan or broadcast is a programme.
    pattern: /(?<!\bcomputer )\bprograms?\b/giu,
    rule: "programme",
    expected: (match) => match.replace(/program/i, (word) => (word[0] === "P" ? "Programme" : "programme")),
  },
  {
    // "license" is the British verb; the noun, after a determiner, is "licence".
    pattern: /\b(?:a|an|the|his|her|their|its|our|your|this|that|no|driving)\s+licenses?\b/giu,
    rule: "licence",
    expected: (match) => match.replace(/license/i, "licence"),
  },
  {
    pattern: /\bper ?cent\b/giu,
    rule: "per cent",
    expected: () => "%",
  },
];

interface Report {
  offset: number;
  length: number;
  rule: string;
  reason: string;
  actual: string;
  expected: string;
}

/** Runs `check` on each sentence, with its text and its offset in the file. */
function eachSentence(tree: Root, check: (text: string, start: number) => Report[], file: VFile) {
  visit(tree, "SentenceNode", (sentence: Sentence) => {
    const start = sentence.position?.start.offset;
    const end = sentence.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const report of check(String(file.value).slice(start, end), start)) {
      const offset = start + report.offset;
      const point = (at: number) => ({ line: 1, column: at + 1, offset: at });
      const message = file.message(report.reason, {
        place: { start: point(offset), end: point(offset + report.length) },
        ruleId: report.rule,
        source: HOUSE_SOURCE,
      });
      message.actual = report.actual;
      message.expected = [report.expected];
    }
  });
}

/** Numbers one to nine in words, except dates, percentages and figures with units. */
export const retextSingleDigits: Plugin<[], Root> = () => (tree, file) => {
  const marks = file.data.marks;
  eachSentence(
    tree,
    (text, start) =>
      [...text.matchAll(LONE_DIGIT)].flatMap((match): Report[] => {
        const at = match.index;
        if (((marks?.[start + at] ?? 0) & DATE) !== 0) return [];
        const after = text.slice(at + 1);
        const before = text.slice(0, at);
        if (UNIT_AFTER.test(after) || MONTH_AFTER.test(after) || MONTH_BEFORE.test(before)) return [];
        const word = NUMBER_WORDS[Number(match[0])]!;
        return [
          {
            offset: at,
            length: 1,
            rule: "number-in-words",
            reason: `Unexpected \`${match[0]}\` in digits, expected \`${word}\``,
            actual: match[0],
            expected: `“${word}” (one to nine in words)`,
          },
        ];
      }),
    file,
  );
};

/** No sentence opens with a figure; nor does the text after a leading label such as "Note:". */
export const retextNoOpeningFigure: Plugin<[], Root> = () => (tree, file) => {
  eachSentence(
    tree,
    (text) => {
      const openings = [0];
      const label = LEADING_LABEL.exec(text);
      if (label) openings.push(label[0].length);
      for (const stop of text.matchAll(STOP_BEFORE_FIGURE)) openings.push(stop.index + stop[0].length);
      return openings.flatMap((from): Report[] => {
        const rest = text.slice(from);
        const at = from + (OPENING_PUNCTUATION.exec(rest)?.[0].length ?? 0);
        const figure = /^\p{N}[\p{N},.%]*/u.exec(text.slice(at));
        // A version number (1.0.0) names a release; it counts nothing.
        if (!figure || /^\p{N}+\.\p{N}+\.\p{N}+/u.test(figure[0])) return [];
        return [
          {
            offset: at,
            length: figure[0].length,
            rule: "opening-figure",
            reason: `Unexpected sentence opening with the figure \`${figure[0]}\``,
            actual: figure[0],
            expected: "a sentence that opens with a word (rewrite it, or spell the number out)",
          },
        ];
      });
    },
    file,
  );
};

/** Ranges as "from X to Y" or "between X and Y": never "between X to Y" or a dash. */
export const retextRanges: Plugin<[], Root> = () => (tree, file) => {
  eachSentence(
    tree,
    (text) => {
      const reports: Report[] = [];
      for (const match of text.matchAll(BETWEEN_TO)) {
        if (!RANGE_WORDS.test(match[1] ?? "")) continue;
        reports.push({
          offset: match.index,
          length: match[0].length,
          rule: "range",
          reason: `Unexpected range \`${match[0]}\``,
          actual: match[0],
          expected: "“between X and Y” or “from X to Y”",
        });
      }
      for (const match of text.matchAll(DASH_RANGE)) {
        reports.push({
          offset: match.index,
          length: match[0].length,
          rule: "range",
          reason: `Unexpected dash range \`${match[0]}\``,
          actual: match[0],
          expected: "“from X to Y” or “between X and Y” in words, not a dash",
        });
      }
      return reports;
    },
    file,
  );
};

/** British usages a dictionary cannot tell apart: programme, licence (noun), %. */
export const retextBritishUsage: Plugin<[], Root> = () => (tree, file) => {
  eachSentence(
    tree,
    (text) =>
      BRITISH_USAGE.flatMap(({ pattern, rule, expected }) =>
        [...text.matchAll(pattern)].map((match) => ({
          offset: match.index,
          length: match[0].length,
          rule,
          reason: `Unexpected \`${match[0]}\`, expected \`${expected(match[0])}\``,
          actual: match[0],
          expected: `“${expected(match[0])}” (British usage)`,
        })),
      ),
    file,
  );
};
