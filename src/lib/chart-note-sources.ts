/**
 * What each sentence of a chart's takeaway and notes rests on, under the
 * story's rule (src/lib/story-sources.ts): it shows figures from data/ (a
 * Fact of the phrase), cites held passages, or says it is ours ("we",
 * "our"). Chart words are generated from the data in src/charts/*-entry.ts,
 * so the passages a note cites are kept here, beside them, in one small
 * table (NOTE_CITES): a note is named by its opening words, and every
 * sentence of it without figures then cites the note's passages; the
 * note as a whole must keep their hedges.
 *
 * The data step (scripts/build-data.ts) fails on a sentence that is none
 * of the three, or on a table entry that names no note, naming the
 * chart's file and the note; the figure, embed and text version show a
 * cited note's passages (src/components/NotePassages.astro, chart-image.ts).
 */
import type { Dataset } from "../data/schema.ts";
import type { Phrase } from "./facts.ts";
import { phraseText } from "./facts.ts";
import { ourWords } from "./passage-rules.ts";
import { citedSentenceProblems, type SentenceKind, type SentenceProblem } from "./story-sources.ts";

/**
 * What this module reads of a chart (src/charts/chart-definition.ts's ChartDefinition has these):
 * named here so that src/lib imports nothing from the charts above it.
 */
interface ChartDefinition {
  id: string;
  takeaway(data: Dataset): Phrase;
  notes(data: Dataset): Phrase[];
}

/** A note (or takeaway) of a chart that cites held passages. */
export interface NoteCite {
  /** The chart's id (registry.ts). */
  chart: string;
  /** The note's opening words, as a reader sees them. */
  starts: string;
  /** Passage ids (passages.csv). */
  cites: readonly string[];
  /** Words the note may add to its passages, with the reason ("apart, divide: …"), as passages.csv's our_words. */
  ourWords?: string;
}

/** The chart notes that cite held passages. */
export const NOTE_CITES: readonly NoteCite[] = [
  // The outcomes the Press Association lists for the 92 cases, and that only the two of no further action were counted.
  {
    chart: "outcomes",
    starts: "Other outcomes (",
    cites: ["pa-other-outcomes"],
    ourWords:
      "apart, divide: the passage lists the outcomes of the 92 cases and counts only the two of no further action, so the rest are not divided between them",
  },
];

/** Where a chart's words are written, as messages name it. */
export const chartFile = (chart: Pick<ChartDefinition, "id">) => `src/charts/${chart.id}-entry.ts`;

/** Words that say a sentence is our own analysis or framing (as in the story). */
const OURS = /\b(?:we|our|ours|us)\b/i;
/** A private-use mark standing for a Fact while a phrase is split into sentences. */
const FACT = "\uE000";
/** Where a sentence ends: a full stop, question or exclamation mark, then space and a capital or opening mark. */
const SENTENCE_END = /(?<=[.?!][”’]?)\s+(?=[A-Z“‘(\uE000])/;

/** One of a chart's phrases: its takeaway or a note. */
export interface ChartPhrase {
  chart: string;
  /** "takeaway" or "note 2" (1-based, in the order the chart lists them). */
  where: string;
  text: string;
  cites: readonly string[];
}

/** One sentence of a chart's words, with its kind (null: none). */
export interface ChartSentence extends ChartPhrase {
  sentence: string;
  kind: SentenceKind | null;
}

/** The passages a phrase of `chart` cites (none when the table names it not). */
export function noteCites(chartId: string, phrase: Phrase): readonly string[] {
  const text = phraseText(phrase);
  return NOTE_CITES.find((entry) => entry.chart === chartId && text.startsWith(entry.starts))?.cites ?? [];
}

/** A chart's takeaway and notes, each with the passages it cites. */
export function chartPhrases(chart: ChartDefinition, data: Dataset): (ChartPhrase & { phrase: Phrase })[] {
  const phrases: [string, Phrase][] = [
    ["takeaway", chart.takeaway(data)],
    ...chart.notes(data).map((note, index): [string, Phrase] => [`note ${index + 1}`, note]),
  ];
  return phrases.map(([where, phrase]) => ({
    chart: chart.id,
    where,
    phrase,
    text: phraseText(phrase),
    cites: noteCites(chart.id, phrase),
  }));
}

/** Every sentence of a chart's takeaway and notes, with its kind. */
export function chartSentences(chart: ChartDefinition, data: Dataset): ChartSentence[] {
  return chartPhrases(chart, data).flatMap(({ phrase, ...rest }) => {
    const marked = phrase.map((part) => (typeof part === "string" ? part : FACT)).join("");
    return marked
      .split(SENTENCE_END)
      .filter((sentence) => /\p{L}/u.test(sentence))
      .map((sentence) => {
        const kind: SentenceKind | null = sentence.includes(FACT)
          ? "figures"
          : rest.cites.length > 0
            ? "cited"
            : OURS.test(sentence)
              ? "ours"
              : null;
        return { ...rest, sentence: sentence.replaceAll(FACT, "…").trim(), kind };
      });
  });
}

/** The 1-based line of a chart's file on which `text`'s first words stand (1 when they are built from data). */
function lineIn(source: string, text: string): number {
  const words = text.replaceAll("…", "").split(/[…(]/)[0]!.trim().slice(0, 40);
  const at = words.length >= 8 ? source.indexOf(words) : -1;
  return at < 0 ? 1 : source.slice(0, at).split("\n").length;
}

/**
 * Every problem of the charts' words: a sentence with no source (error), a
 * cited note's dropped hedge (error) or new words (warning), a table entry
 * naming no note (error). `readSource` reads a chart's file, to give the line.
 */
export function chartNoteProblems(
  charts: readonly ChartDefinition[],
  data: Dataset,
  readSource: (file: string) => string = () => "",
): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  for (const chart of charts) {
    const file = chartFile(chart);
    const source = readSource(file);
    for (const sentence of chartSentences(chart, data)) {
      if (sentence.kind !== null) continue;
      const shown = JSON.stringify(
        sentence.sentence.length > 60 ? `${sentence.sentence.slice(0, 57)}...` : sentence.sentence,
      );
      problems.push({
        file,
        line: lineIn(source, sentence.sentence),
        column: 1,
        field: "sentence",
        message: `the ${chart.id} chart's ${sentence.where}: ${shown} states something with no source, expected a figure from data/, a cited passage (an entry in NOTE_CITES, src/lib/chart-note-sources.ts) or words that say it is our own analysis (“we”, “our”)`,
        severity: "error",
      });
    }
    for (const phrase of chartPhrases(chart, data).filter((candidate) => candidate.cites.length > 0)) {
      const where = { file, line: lineIn(source, phrase.text), column: 1 };
      // Hedges are kept by the note as a whole; new words are looked for in its cited sentences only.
      const cited = chartSentences(chart, data).filter(
        (sentence) => sentence.where === phrase.where && sentence.kind === "cited",
      );
      const allowed = new Set(
        ourWords({ our_words: NOTE_CITES.find((entry) => entry.cites === phrase.cites)?.ourWords ?? null }),
      );
      const ownWords = cited
        .map((sentence) => sentence.sentence)
        .join(" ")
        .split(/(\P{L}+)/u)
        .map((word) => (allowed.has(word.toLowerCase()) ? " " : word))
        .join("");
      for (const problem of citedSentenceProblems({ text: phrase.text, ownWords, cites: phrase.cites }, data, where))
        problems.push({ ...problem, message: `the ${chart.id} chart's ${phrase.where}: ${problem.message}` });
    }
    for (const entry of NOTE_CITES.filter((candidate) => candidate.chart === chart.id)) {
      if (!chartPhrases(chart, data).some((phrase) => phrase.text.startsWith(entry.starts)))
        problems.push({
          file: "src/lib/chart-note-sources.ts",
          line: 1,
          column: 1,
          field: "sentence",
          message: `NOTE_CITES names a ${chart.id} note starting “${entry.starts}”, which the chart does not have (the data changed its words?), expected the opening words of one of its notes`,
          // A warning: the note's opening words come from data/, and an edit there must not stop the
          // build for want of a marker; the editor sees that the citation no longer lands.
          severity: "warning",
        });
    }
  }
  return problems;
}

/** A chart's sentences counted by kind. */
export function chartSentenceCounts(
  charts: readonly ChartDefinition[],
  data: Dataset,
): Record<SentenceKind | "none", number> {
  const counts = { figures: 0, cited: 0, ours: 0, none: 0 };
  for (const chart of charts) for (const sentence of chartSentences(chart, data)) counts[sentence.kind ?? "none"]++;
  return counts;
}

/** A cited note of a figure: which of the chart's notes, its passages, and the letter its marker shows. */
export interface FigureNoteSource {
  /** Index into `chart.notes(data)`; -1 for the takeaway. */
  note: number;
  ids: readonly string[];
  /** "a", "b", …: letters, so a figure's markers are not read as the story's numbered ones. */
  letter: string;
}

/** A figure's cited takeaway and notes, in reading order, each with its marker's letter. */
export function figureNoteSources(chart: ChartDefinition, data: Dataset): FigureNoteSource[] {
  const phrases = [chart.takeaway(data), ...chart.notes(data)];
  return phrases
    .map((phrase, index) => ({ note: index - 1, ids: noteCites(chart.id, phrase) }))
    .filter((entry) => entry.ids.length > 0)
    .map((entry, index) => ({ ...entry, letter: String.fromCharCode(97 + index) }));
}
