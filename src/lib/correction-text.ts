/**
 * A correction as readers read it, on every surface (the story's list, the
 * data page, the feed, story.md, chart notes): the editor's own sentences
 * (`change`, `reason`), each ending with a full stop, and beside them the
 * value it corrects, named in words (a row's label, a quote's speaker and
 * words), never an id or a column readers never see (`context`).
 */
import { TABLES, type Correction, type Dataset, type TableName } from "../data/schema.ts";
import { speakerInSentence } from "./quotes.ts";

/**
 * A run of reader text: plain words of ours, or a data string with the table it comes from
 * (`excerpt`: its first words only, ending with "…").
 */
export type CorrectionPart = string | { from: TableName; text: string; excerpt?: boolean };

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
const firstWords = (table: TableName, text: string, count = 8): CorrectionPart => {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count
    ? { from: table, text: `${words.slice(0, count).join(" ")}…`, excerpt: true }
    : { from: table, text };
};

type Row = Record<string, unknown>;

/** The row a correction names, as the data holds it now (null once it is removed). */
function namedRow(correction: Correction, data: Dataset): Row | null {
  if (!correction.table || !correction.row) return null;
  const rows = data[correction.table] as unknown as Row[];
  return rows.find((row) => row.id === correction.row) ?? null;
}

/** The row in words: its label, a source’s title, a person’s reaction, a case (its first words, or `whole`). */
export function rowName(table: TableName, row: Row | null, { whole = false } = {}): CorrectionPart[] {
  if (!row) return ["a row that is no longer published"];
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  if (table === "quotes")
    return [{ from: table, text: text(row.speaker) }, "’s words “", { from: table, text: text(row.quote) }, "”"];
  if (table === "cases") {
    const summary = text(row.summary);
    return ["the case “", whole ? { from: table, text: summary } : firstWords(table, summary), "”"];
  }
  if (table === "sources") return [{ from: table, text: text(row.title) }];
  if (table === "reactions") return [{ from: table, text: text(row.speaker) }, "’s reaction"];
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
  if (table === "quotes" && column === "context") {
    const speaker = typeof row?.speaker === "string" ? speakerInSentence(row.speaker) : "";
    return ["The source’s passage around ", ...rowName(table, row && { ...row, speaker })];
  }
  return [...rowName(table, row), `, ${columnWords(column)}`];
}

/** Whether readers are shown the values before and after (never for a removed row or a quote's passage). */
export const showsValues = (correction: Correction) =>
  Boolean(correction.table && correction.column && !(correction.table === "quotes" && correction.column === "context"));

/** The value a correction changed, in words, ending with a full stop (empty when it names none). */
export function correctionValueParts(correction: Correction, data: Dataset): CorrectionPart[] {
  const subject = startSentence(correctionSubjectParts(correction, data));
  if (subject.length === 0) return [];
  if (!showsValues(correction)) {
    const last = subject.at(-1)!;
    return [...subject, ...(endsSentence(typeof last === "string" ? last : last.text) ? [] : ["."])];
  }
  const quoted = correction.table === "quotes" && correction.column === "quote";
  const old = valueInWords(correction, correction.old_value, data);
  const now = valueInWords(correction, correction.new_value, data);
  // Sentences (a case's summary, a source's description) are shown as they are, each after a
  // label: in quotation marks their own quotes would nest and their full stops run into ours.
  const sentenceLike = (value: CorrectionPart | null) =>
    value !== null && (endsSentence(partText(value)) || /[“”]/.test(partText(value)));
  if (!quoted && (sentenceLike(old) || sentenceLike(now))) {
    const sentence = (value: CorrectionPart | null): CorrectionPart[] =>
      value === null ? ["none."] : [value, ...(endsSentence(partText(value)) ? [] : ["."])];
    return [...subject, ". Before: ", ...sentence(old), " After: ", ...sentence(now)];
  }
  // A number reads as itself (208); a short text is set off in quotation marks.
  const value = (part: CorrectionPart | null): CorrectionPart[] =>
    part === null ? ["none"] : /^-?[\d.,]+%?$/.test(partText(part)) ? [part] : ["“", part, "”"];
  return [...subject, quoted ? ": were " : ": was ", ...value(old), ", now ", ...value(now), "."];
}

const partText = (part: CorrectionPart) => (typeof part === "string" ? part : part.text);

/**
 * A value as readers know it, marked with the table its words come from: an
 * id that points at another table (a case's category, a source's dated_by)
 * is named by that row (“Corruption and leaks”, “Heart London”), never shown
 * as the id itself. Null for an empty value.
 */
function valueInWords(correction: Correction, value: string | null, data: Dataset): CorrectionPart | null {
  if (!value) return null;
  const own: CorrectionPart = { from: "corrections", text: value };
  if (!correction.table || !correction.column) return own;
  const target = TABLES[correction.table].foreignKeys.find((key) => key.field === correction.column)?.table as
    TableName | undefined;
  if (!target) return own;
  const row = (data[target] as unknown as Row[]).find((candidate) => candidate.id === value);
  const name = target === "sources" ? row?.publisher : (row?.label ?? row?.speaker ?? row?.title);
  return typeof name === "string" ? { from: target, text: name } : own;
}

/**
 * Parts that start a sentence begin with a capital where the words are ours ("The case “…”");
 * a data string is shown as the data holds it, so a lower-case speaker stays lower-case.
 */
function startSentence(parts: CorrectionPart[]): CorrectionPart[] {
  const [first, ...rest] = parts;
  if (typeof first !== "string") return parts;
  return [`${first.charAt(0).toUpperCase()}${first.slice(1)}`, ...rest];
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
export const partsText = (parts: readonly CorrectionPart[]) => parts.map(partText).join("");

/** The correction as one plain-text paragraph. */
export const correctionText = (correction: Correction, data: Dataset) => partsText(correctionParts(correction, data));
