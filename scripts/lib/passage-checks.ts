/**
 * Checks of the held source passages (passages.csv) and of the case
 * summaries that cite them (cases.csv `passages`):
 *
 * - a passage of a source whose text we keep (`data/source-text/<source>.txt`,
 *   never published) occurs in that text verbatim (runs of whitespace count as
 *   one space; `[…]` stands for words left out), and starts and ends on a
 *   sentence boundary: whole sentences, trimmed to the sentence;
 * - a passage of a source whose text we do not keep is a short excerpt (a
 *   headline, a phrase): a longer one is a warning;
 * - a case summary cites passages that exist, keeps their hedges and
 *   attributions (an error) and adds no content word they lack (a warning),
 *   by the rules of src/lib/passage-rules.ts; once some cases cite passages,
 *   a case that cites none is an error.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TableName } from "../../src/data/schema.ts";
import { citedSentenceProblems } from "../../src/lib/story-sources.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";
import { collapseSpace } from "./quote-checks.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

/** Where the kept source texts are, inside a data folder. */
export const SOURCE_TEXT_FOLDER = "source-text";
/** The longest excerpt held of a source whose text we do not keep, in words. */
export const SHORT_EXCERPT_WORDS = 25;
const ELLIPSIS = "[…]";

/** A kept text as compared: paragraphs on lines of their own, runs of spaces in them as one. */
function normaliseText(text: string): string {
  return text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

/** The kept texts of the sources passages cite: source id -> normalised text (missing: none kept). */
async function keptTexts(textDir: string, sources: Iterable<string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const source of new Set(sources)) {
    const text = await readFile(join(textDir, `${source}.txt`), "utf8").catch(() => null);
    if (text !== null) texts.set(source, normaliseText(text));
  }
  return texts;
}

/** Whether `at` in `text` starts a sentence: the text's or a paragraph's start, or after a sentence's end. */
function startsSentence(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before === "" || before.endsWith("\n") || /[.?!”")] $/.test(before);
}

/**
 * Where a passage's words (split on […]) occur in order in a kept text,
 * as [start of the first, end of the last], or null when they do not.
 */
function locateInText(text: string, passage: string): [number, number] | null {
  const parts = passage
    .split(ELLIPSIS)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (let first = text.indexOf(parts[0]!); first !== -1; first = text.indexOf(parts[0]!, first + 1)) {
    let end = first + parts[0]!.length;
    let found = true;
    for (const part of parts.slice(1)) {
      const at = text.indexOf(part, end);
      if (at === -1) {
        found = false;
        break;
      }
      end = at + part.length;
    }
    if (found) return [first, end];
  }
  return null;
}

/** The problems of one passage against its source's kept text. */
export function passageTextProblems(passage: string, text: string): string[] {
  const words = collapseSpace(passage);
  const located = locateInText(text, words);
  if (!located) {
    return [
      `does not occur in the source's kept text, expected the source's own words copied exactly (only spacing may differ; […] for words left out)`,
    ];
  }
  const problems: string[] = [];
  const [start, end] = located;
  if (!words.startsWith(ELLIPSIS) && !startsSentence(text, start))
    problems.push(
      `starts in the middle of a sentence of the source ("…${text.slice(Math.max(0, start - 30), start).trimStart()}"), expected whole sentences (or […] where words are left out)`,
    );
  const after = text.slice(end);
  if (!words.endsWith(ELLIPSIS) && !/[.?!][”"’]?$/.test(words) && !/^(?:\n|$)/.test(after) && !/^ [A-Z(“"]/.test(after))
    problems.push(
      `ends in the middle of a sentence of the source (before "${after.slice(0, 30).trim()}…"), expected whole sentences (or […] where words are left out)`,
    );
  return problems;
}

export async function checkPassages(tables: Tables, textDir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const { passages, cases, sources, quotes } = tables;
  if (!passages) return problems;
  const report = (
    table: ParsedTable,
    rowIndex: number,
    field: string,
    message: string,
    severity: Problem["severity"],
  ) => problems.push({ file: table.file, ...table.locate(rowIndex, field), field, message, severity });

  const texts = await keptTexts(
    textDir,
    passages.rows.flatMap((row) => (typeof row.source === "string" ? [row.source] : [])),
  );
  passages.rows.forEach((row, index) => {
    if (typeof row.passage !== "string" || typeof row.source !== "string") return;
    const text = texts.get(row.source);
    if (text !== undefined) {
      for (const message of passageTextProblems(row.passage, text))
        report(passages, index, "passage", message, "error");
      return;
    }
    const count = row.passage.split(/\s+/).filter(Boolean).length;
    if (count > SHORT_EXCERPT_WORDS)
      report(
        passages,
        index,
        "passage",
        `has ${count} words of a source whose text we do not keep (no ${SOURCE_TEXT_FOLDER}/${row.source}.txt), expected a short excerpt of at most ${SHORT_EXCERPT_WORDS} words, or the source's text kept to check it against`,
        "warning",
      );
  });

  if (!cases) return problems;
  // The case summaries, checked as the story's cited sentences are (src/lib/story-sources.ts).
  const data = {
    passages: passages.rows,
    sources: sources?.rows ?? [],
    quotes: quotes?.rows ?? [],
  } as unknown as Parameters<typeof citedSentenceProblems>[1];
  const citing = cases.rows.some((row) => typeof row.passages === "string");
  cases.rows.forEach((row, index) => {
    if (typeof row.summary !== "string") return;
    const cites = typeof row.passages === "string" ? row.passages.split(" ") : [];
    if (cites.length === 0) {
      if (citing && row.passages === null)
        report(
          cases,
          index,
          "passages",
          "is empty, expected the ids of the passages (passages.csv) the summary rests on: every case summary cites its source's words",
          "error",
        );
      return;
    }
    const where = { file: cases.file, ...cases.locate(index, "summary") };
    for (const problem of citedSentenceProblems({ text: row.summary, ownWords: row.summary, cites }, data, where)) {
      problems.push({ ...problem, field: "summary" });
    }
  });
  return problems;
}
