/**
 * The text version of a chart (`data/charts/<chart-id>.md`): title, takeaway,
 * the long description, the full data table with every value, source, notes,
 * credit and address, as Markdown, for a screen reader, a feed or a
 * language model. Every data string is escaped (src/lib/markdown.ts).
 */
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { figureNoteSources, type FigureNoteSource } from "../lib/chart-note-sources.ts";
import { phraseText } from "../lib/facts.ts";
import { heldPassage } from "../lib/passage-notes.ts";
import { sourceById, sourceReference } from "../lib/source-credit.ts";
import { escapeMarkdown, markdownTable, markdownUrl } from "../lib/markdown.ts";
import { imageTexts, type ImageContext } from "./chart-image.ts";

/** A cell of the chart's table as the text version writes it: the exact value, empty where none was reported. */
export function markdownCell(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The chart's table, every row and column, as Markdown. */
export function chartMarkdownTable(chart: ChartDefinition, data: Dataset): string {
  const table = chart.table(data);
  return markdownTable(
    // A derived column says so once, with its formula, whether or not its label already says "(our calculation)".
    table.columns.map((column) =>
      column.derived
        ? `${column.label.replace(/ \(our calculation\)$/, "")} (our calculation: ${column.derived})`
        : column.label,
    ),
    table.rows.map((row) => table.columns.map((column) => markdownCell(row[column.key]))),
  );
}

/** Where each source the chart rests on can be read: publisher, title, date, how we know it, and address. */
function sourceLines(chart: ChartDefinition, data: Dataset): string[] {
  return chart.sources(data).map((id) => {
    const source = sourceById(id, data);
    const note = source.date_note ? ` ${source.date_note}` : "";
    return `- ${escapeMarkdown(`${sourceReference(source)}.${note}`)} <${markdownUrl(source.url)}>`;
  });
}

/** A cited note's passages, as the figure's lettered source shows them: " (Source a: “…” Press Association, “…” (6 May 2014), paragraph 26.)". */
function noteSourceText(sources: readonly FigureNoteSource[], note: number, data: Dataset): string {
  const source = sources.find((candidate) => candidate.note === note);
  if (!source) return "";
  const passages = source.ids.map((id) => {
    const { passage, reference } = heldPassage(id, data);
    return `“${passage.passage}” ${reference}, ${passage.location}.`;
  });
  return ` (Source ${source.letter}: ${passages.join(" ")})`;
}

/**
 * The chart as a Markdown section. `headingLevel` lets the story place it
 * under its own headings; alone, the chart's title is the document's `#`.
 */
export function chartMarkdownSection(
  chart: ChartDefinition,
  data: Dataset,
  context: ImageContext,
  headingLevel = 1,
  imageUrl?: string,
): string {
  const texts = imageTexts(chart, data, context);
  const sources = figureNoteSources(chart, data);
  const hashes = "#".repeat(headingLevel);
  const sub = "#".repeat(Math.min(headingLevel + 1, 6));
  const parts = [
    `${hashes} ${escapeMarkdown(chart.title)}`,
    escapeMarkdown(phraseText(chart.takeaway(data))),
    escapeMarkdown(texts.dating),
  ];
  if (imageUrl) parts.push(`![${escapeMarkdown(chart.alt(data))}](<${markdownUrl(imageUrl)}>)`);
  parts.push(
    escapeMarkdown(chart.describe(data)),
    `${sub} Data`,
    chartMarkdownTable(chart, data),
    `${sub} Source`,
    sourceLines(chart, data).join("\n"),
  );
  if (texts.notes.length)
    parts.push(
      `${sub} Notes`,
      texts.notes
        .map((note, index) => `- ${escapeMarkdown(note.replace(/^Note: /, "") + noteSourceText(sources, index, data))}`)
        .join("\n"),
    );
  parts.push(
    `${sub} Credit`,
    escapeMarkdown(texts.credit.replace(` ${context.chartUrl}`, "")),
    `Address: <${markdownUrl(context.chartUrl)}>`,
  );
  return parts.join("\n\n");
}

/** The whole text version of a chart, as its `.md` file holds it. */
export function chartMarkdown(chart: ChartDefinition, data: Dataset, context: ImageContext): string {
  return `${chartMarkdownSection(chart, data, context, 1, context.imageUrl)}\n`;
}
