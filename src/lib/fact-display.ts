/**
 * How a Fact reads in the story: its text (formatted en-GB by formatFact,
 * optionally spelled out or hedged with "about"), its machine-readable value
 * and the source it credits. Components render these as <data>/<time>
 * elements; plain-text surfaces (page title, meta description) use the text.
 */
import type { Dataset } from "../data/schema.ts";
import { formatFact, type Fact, type Phrase } from "./facts.ts";
import { fractionWords, smallNumberWord } from "./number-words.ts";
import { knownFrom } from "./source-credit.ts";
import { RELEASES_SOURCE, resolveFact } from "./story-facts.ts";

/** How the prose wants a number written. */
export interface FactStyle {
  /** Spell whole numbers up to ten as words ("two cases"). */
  words?: boolean;
  /** Write an exact simple share as a fraction ("one-fifth"). */
  fraction?: boolean;
  /** Leave out the "about" of an approximate figure (the prose already hedges). */
  bare?: boolean;
}

/** A Fact placed in prose: the fact, the key it was cited by (if any) and how to write it. */
export interface PlacedFact {
  fact: Fact;
  key?: string;
  style: FactStyle;
}

/** Text with placed facts in it, in reading order. */
export type StoryPhrase = readonly (string | PlacedFact)[];

/** What a reader sees for a fact. */
export function factText(fact: Fact, style: FactStyle = {}): string {
  let text: string;
  if (style.fraction) {
    if (fact.format !== "percent") throw new Error(`Only a percent can be written as a fraction: ${fact.label}`);
    text = fractionWords(fact.value);
  } else if (style.words && (fact.format === "count" || fact.format === "decimal")) {
    // Round first as the digits would be, so the word and the figure agree.
    text = smallNumberWord(Number(formatFact({ ...fact, format: "decimal" }).replaceAll(",", ""))) ?? formatFact(fact);
  } else {
    text = formatFact(fact);
  }
  return fact.approximate && !style.bare ? `about ${text}` : text;
}

/** The machine-readable value: ISO dates for <time datetime>, plain numbers for <data value>. */
export function machineValue(fact: Fact): string {
  switch (fact.format) {
    case "date":
      return new Date(fact.value).toISOString().slice(0, 10);
    case "month-year":
      return new Date(fact.value).toISOString().slice(0, 7);
    case "year":
      return String(fact.value);
    default:
      return String(fact.value);
  }
}

/** Whether a fact is a point in time (rendered as <time>) rather than a quantity (<data>). */
export function isTemporal(fact: Fact): boolean {
  return fact.format === "date" || fact.format === "month-year" || fact.format === "year";
}

/** The source a fact cites, in words: publisher, title and how we know it ("as reported by …"), from sources.csv. */
export function sourceCredit(sourceId: string, data: Dataset): string {
  if (sourceId === RELEASES_SOURCE) return "this dataset’s release history (releases.csv)";
  const source = data.sources.find((candidate) => candidate.id === sourceId);
  if (!source) throw new Error(`Fact cites unknown source "${sourceId}"`);
  return `${source.publisher}, “${source.title}”${knownFrom(source)}`;
}

/**
 * The source a fact's note names: its publisher and how we know it ("Press Association, via The London
 * Post"), without its title. A page carries well over a hundred notes; the title is said once, in the
 * page's source list and in the sentence's footnote, not again in every note (issue 25).
 */
export function noteCredit(sourceId: string, data: Dataset): string {
  if (sourceId === RELEASES_SOURCE) return sourceCredit(sourceId, data);
  const source = data.sources.find((candidate) => candidate.id === sourceId);
  if (!source) throw new Error(`Fact cites unknown source "${sourceId}"`);
  return `${source.publisher}${knownFrom(source)}`;
}

/**
 * Note of a fact (its data-note, shown on hover and tap): what it is and who published it. A number we
 * computed says so first, with its formula, and credits its source only
 * with the inputs.
 */
export function factNote(fact: Fact, data: Dataset): string {
  const label = fact.label.replace(/\.$/, "");
  if (fact.derived) return `Our calculation from ${noteCredit(fact.source, data)}: ${fact.derived}. ${label}`;
  return `${label}. Source: ${noteCredit(fact.source, data)}`;
}

/**
 * A registry Phrase (strings and Facts) as a StoryPhrase in house style:
 * running text, so whole numbers from one to nine are words.
 */
export function placePhrase(phrase: Phrase): StoryPhrase {
  return phrase.map((part) => (typeof part === "string" ? part : { fact: part, style: { words: true } }));
}

const PLACEHOLDER = /\{([a-z0-9:-]+)((?:\|[a-z]+)*)\}/g;
const STYLE_FLAGS = new Set(["words", "fraction", "bare"]);

/**
 * Reads a template such as "{figures:met-breaches-total|bare} breaches" into
 * a StoryPhrase. Text outside braces must hold no digits: numbers enter
 * through placeholders only.
 */
export function parseTemplate(template: string, data: Dataset): StoryPhrase {
  const parts: (string | PlacedFact)[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    const [, key = "", flags = ""] = match;
    const style: FactStyle = {};
    for (const flag of flags.split("|").filter(Boolean)) {
      if (!STYLE_FLAGS.has(flag)) throw new Error(`Unknown style "${flag}" in "${match[0]}"`);
      style[flag as keyof FactStyle] = true;
    }
    parts.push({ fact: resolveFact(key, data), key, style });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  const typed = parts.filter((part): part is string => typeof part === "string").find((text) => /\d/.test(text));
  if (typed !== undefined) throw new Error(`Template text holds a typed number: "${typed}" in "${template}"`);
  return parts;
}

/** A StoryPhrase as plain text (page title, meta description, alt text). */
export function storyPhraseText(phrase: StoryPhrase): string {
  return phrase.map((part) => (typeof part === "string" ? part : factText(part.fact, part.style))).join("");
}
