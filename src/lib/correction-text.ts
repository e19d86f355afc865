/**
 * A correction as readers read it, on every surface (the story's list, the
 * data page, the feed, story.md, chart notes): the editor's own sentences
 * (`change`, `reason`), each ending with a full stop, and beside them the
 * value it corrects, named in words (a row's label, a quote's speaker and
 * words), never an id or a column readers never see (`context`).
 */
import type { Correction, Dataset, TableName } from "../data/schema.ts";

/** A run of reader text: plain words of ours, or a data string with the table it comes from. */
export type CorrectionPart = string | { from: TableName; text: string };

/** Whether a text already ends a sentence (., ?, ! or …, before any closing quote or bracket). */
const endsSentence = (text: string) => /[.!?…]["”’')\]]*$/.test(text.trim());

/** Ends a sentence with a full stop unless it already ends with one (or ?, !, …), before any closing quote or bracket. */
export function fullSentence(text: string): string {
  const trimmed = text.trim();
  return endsSentence(trimmed) ? trimmed : `${trimmed}.`;
}

/** Words a reader understands for a column name: `reported_percent` -> `reported percent`. */
const columnWords = (column: string) => (column === "label" ? "name" : column.replaceAll("_", " "));

/** The first words of a longer text, for naming a row that has no label. */
const firstWords = (text: string, count = 8) => {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(" ")}…` : text;
};

type Row = Record<string, unknown>;

/** The row a correction names, as the data holds it now (null once it is removed). */
function namedRow(correction: Correction, data: Dataset): Row | null {
  if (!correction.table || !correction.row) return null;
  const rows = data[correction.table] as unknown as Row[];
  return rows.find((row) => row.id === correction.row) ?? null;
}

/** The row in words: its label, a source's title, a person's name, the first words of a case. */
function rowName(table: TableName, row: Row | null): CorrectionPart[] {
  if (!row) return ["a row that is no longer published"];
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  if (table === "quotes")
    return [{ from: table, text: text(row.speaker) }, "’s words “", { from: table, text: text(row.quote) }, "”"];
  if (table === "cases") return ["the case “", { from: table, text: firstWords(text(row.summary)) }, "”"];
  if (table === "sources") return [{ from: table, text: text(row.title) }];
  if (table === "reactions") return [{ from: table, text: text(row.speaker) }];
  return [{ from: table, text: text(row.label) }];
}

/**
 * What a correction names, in words: "Formal action, count", "A Met
 * spokesman’s words", "Removed: …"; empty for a correction that names no
 * value (a row written by hand before corrections named their value).
 */
export function correctionSubjectParts(correction: Correction, data: Dataset): CorrectionPart[] {
  const { table, column } = correction;
  if (!table) return [];
  if (!column) return ["Removed: ", { from: "corrections", text: correction.old_value ?? "a published row" }];
  const row = namedRow(correction, data);
  if (table === "quotes" && column === "quote") {
    const speaker = typeof row?.speaker === "string" ? row.speaker : "A speaker";
    return [{ from: table, text: speaker }, "’s words"];
  }
  // The quote's passage (`context`) is not shown to readers: its correction names the quote only.
  if (table === "quotes" && column === "context") return ["The source’s passage around ", ...rowName(table, row)];
  return [...rowName(table, row), `, ${columnWords(column)}`];
}

/** Whether readers are shown the values before and after (never for a removed row or a quote's passage). */
export const showsValues = (correction: Correction) =>
  Boolean(correction.table && correction.column && !(correction.table === "quotes" && correction.column === "context"));

/** The value a correction changed, in words, ending with a full stop (empty when it names none). */
export function correctionValueParts(correction: Correction, data: Dataset): CorrectionPart[] {
  const subject = correctionSubjectParts(correction, data);
  if (subject.length === 0) return [];
  if (!showsValues(correction)) {
    const last = subject.at(-1)!;
    return [...subject, ...(endsSentence(typeof last === "string" ? last : last.text) ? [] : ["."])];
  }
  const quoted = correction.table === "quotes" && correction.column === "quote";
  const value = (text: string | null): CorrectionPart[] =>
    quoted ? ["“", { from: "corrections", text: text ?? "" }, "”"] : [{ from: "corrections", text: text ?? "none" }];
  return [
    ...subject,
    quoted ? ": were " : ": was ",
    ...value(correction.old_value),
    ", now ",
    ...value(correction.new_value),
    ".",
  ];
}

/** The whole correction as reader text parts: what changed, the value, why. */
export function correctionParts(correction: Correction, data: Dataset): CorrectionPart[] {
  const values = correctionValueParts(correction, data);
  return [
    { from: "corrections", text: fullSentence(correction.change) },
    ...(values.length > 0 ? [" ", ...values] : []),
    " ",
    { from: "corrections", text: fullSentence(correction.reason) },
  ];
}

/** Parts joined as plain text (feed, story.md, chart text versions): the caller escapes it for its format. */
export const partsText = (parts: readonly CorrectionPart[]) =>
  parts.map((part) => (typeof part === "string" ? part : part.text)).join("");

/** The correction as one plain-text paragraph. */
export const correctionText = (correction: Correction, data: Dataset) => partsText(correctionParts(correction, data));
