/**
 * The story as Markdown (`/story.md`), with every figure in place: the MDX
 * source (src/content/story/story.mdx) with each component replaced by what
 * it shows, read from the same data: a <Num> by its fact in words, a <Quote>
 * by its words in quotation marks, a <Figure> by the chart's text version
 * (src/publish/chart-markdown.ts), the case list, reactions, sources and
 * corrections by their rows. A component this file does not know fails the
 * build, so nothing is left out silently. Every data string is escaped.
 */
import { CHARTS, chartById } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { correctionText } from "../lib/correction-text.ts";
import { factText, parseTemplate, storyPhraseText } from "../lib/fact-display.ts";
import { formatFact } from "../lib/facts.ts";
import { escapeMarkdown, markdownUrl } from "../lib/markdown.ts";
import { utcDay } from "../lib/periods.ts";
import { quoteById } from "../lib/quotes.ts";
import { resolveFact } from "../lib/story-facts.ts";
import { dataVersionLine, findingsReportedKey } from "../lib/data-version.ts";
import { chartMarkdownSection } from "./chart-markdown.ts";
import { absoluteUrl, imageContext, type SiteAddress } from "./embed-urls.ts";
import { publication } from "../data/publication.ts";
import { sourceReference } from "../lib/source-credit.ts";
import { heldPassage } from "../lib/passage-notes.ts";
import { splitFrontCites, storyNotes } from "../lib/story-sources.ts";

/** The story's front matter, as the content collection reads it. */
export interface StoryFrontMatter {
  title: string;
  standfirst: string;
  credit: string;
}

/** The attributes of a component tag: `name="value"` pairs and bare flags. */
function attributes(source: string): Record<string, string | true> {
  const found: Record<string, string | true> = {};
  for (const match of source.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) found[match[1]!] = match[2] ?? true;
  return found;
}

const template = (text: string, data: Dataset) => escapeMarkdown(storyPhraseText(parseTemplate(text, data)));

/** A front-matter template with its source markers as footnote references, numbered from `first`. */
function citedTemplate(text: string, data: Dataset, first: number): string {
  let number = first;
  // A private-use mark holds each marker's place through the template and its escaping.
  const marked = text.replace(/\[cite:[^\]]*\]/g, "\uE002");
  return template(marked, data).replace(/\uE002/g, () => `[^${number++}]`);
}

/** The story's footnotes, as Markdown footnote definitions: each marker's passages, outlet, date, place and address. */
function footnotes(notes: readonly string[][], data: Dataset): string {
  return notes
    .map((ids, index) => {
      const passages = ids.map((id) => {
        const { passage, source, reference } = heldPassage(id, data);
        const dateNote = source.date_note ? ` ${escapeMarkdown(source.date_note)}` : "";
        return `“${escapeMarkdown(passage.passage)}” ${escapeMarkdown(reference)}, ${escapeMarkdown(passage.location)}.${dateNote} <${markdownUrl(source.url)}>`;
      });
      return `[^${index + 1}]: ${passages.join(" ")}`;
    })
    .join("\n");
}

/** The case list: each breach type's examples, as the story's <CaseList /> shows them. */
function caseList(data: Dataset): string {
  return [...data.categories]
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((category) => ({ category, cases: data.cases.filter((row) => row.category === category.id) }))
    .filter((group) => group.cases.length > 0)
    .map(({ category, cases }) =>
      [
        `#### ${escapeMarkdown(category.label)}`,
        cases
          .map(
            (row) =>
              `- ${escapeMarkdown(row.summary)} (Who: ${escapeMarkdown(row.role)}. Outcome: ${escapeMarkdown(row.outcome)}.)`,
          )
          .join("\n"),
      ].join("\n\n"),
    )
    .join("\n\n");
}

/** Text ending in a full stop, as a sentence of its own. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The reactions, each paraphrased, with its quote and who quoted it. */
function reactions(data: Dataset): string {
  return data.reactions
    .map((reaction) => {
      const publisher = data.sources.find((source) => source.id === reaction.source)?.publisher ?? reaction.source;
      const quote = reaction.quote_id
        ? ` “${escapeMarkdown(quoteById(reaction.quote_id, data).quote)}”, as quoted by ${escapeMarkdown(publisher)}.`
        : "";
      // Speaker, role and paraphrase as sentences of their own, as the page sets them on lines of their own.
      return `- **${escapeMarkdown(reaction.speaker)}**. ${escapeMarkdown(sentence(reaction.role))} ${escapeMarkdown(sentence(reaction.paraphrase))}${quote}`;
    })
    .join("\n");
}

/** The sources, as the story page lists them: credit, how we know each, its date caveat, what it gives, addresses. */
function sourceList(data: Dataset): string {
  return data.sources
    .map((source) => {
      const also = source.secondary_url ? ` Also reported at <${markdownUrl(source.secondary_url)}>.` : "";
      const dateNote = source.date_note ? ` ${source.date_note}` : "";
      return `- ${escapeMarkdown(`${sourceReference(source)}.${dateNote} ${source.description}`)} <${markdownUrl(source.url)}>${also}`;
    })
    .join("\n");
}

/** The corrections log, or that there are none. */
function corrections(data: Dataset): string {
  if (data.corrections.length === 0) {
    const first = resolveFact("releases:first", data);
    return `No corrections have been made since the data was first published on ${factText(first)}.`;
  }
  return data.corrections
    .map((correction) => {
      const date = formatFact({ value: utcDay(correction.date), format: "date", source: "releases", label: "" });
      return `- ${date}: ${escapeMarkdown(correctionText(correction, data))}`;
    })
    .join("\n");
}

/** The tags of story.mdx this file writes as Markdown. */
const KNOWN_TAGS = new Set([
  "Section",
  "aside",
  "Num",
  "Quote",
  "Figure",
  "CaseList",
  "Reactions",
  "SourceList",
  "Corrections",
  "SiteLink",
  "Cite",
  "SentenceNotes",
]);

/**
 * The whole story as Markdown. `body` is the MDX source after its front
 * matter; `address` makes every link absolute, so the file reads anywhere.
 */
export function storyMarkdown(front: StoryFrontMatter, body: string, data: Dataset, address: SiteAddress): string {
  const placed = new Set<string>();
  // Notes in reading order: the standfirst's, then the body's (src/lib/story-sources.ts numbers them the same way).
  const frontNotes = splitFrontCites(front.standfirst).cites.length;
  const notes = [...splitFrontCites(front.standfirst).cites, ...storyNotes(`---\n---\n${body}`)];
  let bodyNote = frontNotes;
  const figure = (id: string) => {
    const chart = chartById(id);
    placed.add(chart.id);
    const context = imageContext(chart.id, address);
    return chartMarkdownSection(chart, data, context, 3, context.imageUrl);
  };
  for (const [, name] of body.matchAll(/<\/?([A-Za-z][\w-]*)/g)) {
    if (!KNOWN_TAGS.has(name!)) throw new Error(`story.md: no Markdown for <${name}> in src/content/story/story.mdx`);
  }
  let text = body
    .replace(/<Section\b([^>]*)>/g, (_, attrs: string) => `## ${escapeMarkdown(String(attributes(attrs).title))}`)
    .replace(/<\/Section>/g, "")
    .replace(/<aside\b[^>]*>|<\/aside>/g, "")
    .replace(/<Num\b([^>]*)\/>/g, (_, attrs: string) => {
      const { fact, words, fraction, bare } = attributes(attrs);
      return escapeMarkdown(
        factText(resolveFact(String(fact), data), {
          words: words === true,
          fraction: fraction === true,
          bare: bare === true,
        }),
      );
    })
    .replace(
      /<Quote\b([^>]*)\/>/g,
      (_, attrs: string) => `“${escapeMarkdown(quoteById(String(attributes(attrs).id), data).quote)}”`,
    )
    .replace(/<Figure\b([^>]*)\/>/g, (_, attrs: string) => figure(String(attributes(attrs).chart)))
    .replace(/<CaseList\s*\/>/g, () => caseList(data))
    .replace(/<Reactions\s*\/>/g, () => reactions(data))
    .replace(/<SourceList\s*\/>/g, () => sourceList(data))
    .replace(/<Corrections\s*\/>/g, () => corrections(data))
    .replace(/<Cite\b[^>]*\/>/g, () => `[^${++bodyNote}]`)
    .replace(
      /<SentenceNotes\s*\/>/g,
      () =>
        `The source passages behind each footnote marker in the text, in the sources’ own words. The passages are the sources’, not ours: our licence does not cover them.\n\n${footnotes(notes, data)}`,
    )
    .replace(
      /<SiteLink\b([^>]*)>([\s\S]*?)<\/SiteLink>/g,
      (_, attrs: string, words: string) =>
        `[${words}](<${markdownUrl(absoluteUrl(String(attributes(attrs).to), address))}>)`,
    );
  // The story page shows every registry chart; so does its text version.
  const more = CHARTS.filter((chart) => !placed.has(chart.id));
  if (more.length) text += `\n\n## More charts\n\n${more.map((chart) => figure(chart.id)).join("\n\n")}`;

  const head = [
    `# ${template(front.title, data)}`,
    `*${citedTemplate(front.standfirst, data, 1)}*`,
    escapeMarkdown(
      `Published ${factText(resolveFact("releases:first", data))} · ` +
        dataVersionLine(data, resolveFact(findingsReportedKey(data), data)),
    ),
    `By ${escapeMarkdown(publication.name)} <${markdownUrl(publication.url)}>. ${template(front.credit, data)}`,
    `Address: <${markdownUrl(absoluteUrl("", address))}>`,
  ].join("\n\n");
  const foot = [
    "## Corrections and complaints",
    `${escapeMarkdown(`Published by ${publication.name}. Corrections and complaints: ${publication.corrections}.`)} ` +
      `Source repository: <${markdownUrl(publication.repository)}>`,
  ].join("\n\n");
  return `${head}\n\n${text.replace(/\n{3,}/g, "\n\n").trim()}\n\n${foot}\n`;
}
