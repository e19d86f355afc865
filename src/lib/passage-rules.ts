/**
 * What a sentence citing a source passage must keep of it, and what it must
 * not add. A passage's hedges and attributions ("the Met said", "allegations",
 * "at least", "around", "including") must survive in the sentence, in the
 * passage's words or a listed equivalent ("among them" for "including"),
 * unless the passage's `hedge_exceptions` names the hedge with a reason. The
 * content words a sentence adds to its passages are listed, so an editor sees
 * "email" or "at work" the moment it is written (a warning, not an error:
 * a paraphrase needs some words of its own).
 *
 * Used by the data pipeline for the case summaries (scripts/lib/passage-checks.ts)
 * and by the story's check (src/lib/story-sources.ts) alike.
 */
import type { Passage } from "../data/schema.ts";

/** A hedge or attribution: how it shows in a passage, and what a sentence may keep it as. */
export interface Hedge {
  /** The name a `hedge_exceptions` entry uses, and messages show. */
  name: string;
  /** Finds the hedge in a passage. */
  inPassage: RegExp;
  /** Finds it (or an equivalent) in the citing sentence. */
  inSentence: RegExp;
}

/** Who says so, as the Met's and the force's words are attributed in the reporting. */
const MET_ATTRIBUTION =
  /\b(?:the Met|the force)\b[^.;]*?\b(?:said|says|confirmed|noted)\b|\baccording to the (?:Met|force)\b|\b(?:said|says|confirmed)\b[^.;]*?\bthe (?:Met|force)\b/i;

/** The hedges a sentence must keep. */
export const HEDGES: readonly Hedge[] = [
  {
    name: "the Met said",
    inPassage: /\b(?:the Met|the force)\s+(?:said|confirmed)\b|\baccording to the (?:Met|force)\b/i,
    inSentence: MET_ATTRIBUTION,
  },
  {
    name: "a Press Association investigation",
    inPassage: /\bPress Association investigation\b/i,
    inSentence: /\bPress Association\b/,
  },
  { name: "allegations", inPassage: /\ballegations?\b/i, inSentence: /\ballegations?\b|\balleged(?:ly)?\b/i },
  { name: "at least", inPassage: /\bat least\b/i, inSentence: /\bat least\b/i },
  { name: "around", inPassage: /\baround\b/i, inSentence: /\b(?:around|about|roughly|approximately)\b/i },
  { name: "nearly", inPassage: /\bnearly\b/i, inSentence: /\b(?:nearly|almost)\b/i },
  { name: "including", inPassage: /\bincluding\b/i, inSentence: /\bincluding\b|\bamong them\b|\bsuch as\b/i },
  { name: "a handful", inPassage: /\ba handful\b/i, inSentence: /\bhandful\b|\ba few\b/i },
  { name: "sometimes", inPassage: /\bsometimes\b/i, inSentence: /\bsometimes\b|\bin some\b/i },
];

/** The hedges a passage's `hedge_exceptions` lets a sentence leave out, by name. */
export function hedgeExceptions(passage: Pick<Passage, "hedge_exceptions">): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of (passage.hedge_exceptions ?? "").split(/;\s+(?=[^:;]+:)/)) {
    const at = entry.indexOf(":");
    if (at > 0) found.set(entry.slice(0, at).trim().toLowerCase(), entry.slice(at + 1).trim());
  }
  return found;
}

/** The words a passage's `our_words` lets a citing sentence add (each entry: "word, word: reason"). */
export function ourWords(passage: Pick<Passage, "our_words">): string[] {
  return (passage.our_words ?? "")
    .split(/;\s+(?=[^:;]+:)/)
    .flatMap((entry) => (entry.includes(":") ? entry.slice(0, entry.indexOf(":")).split(",") : []))
    .map((word) => word.trim())
    .filter(Boolean);
}

/** The hedges of `passages` that `sentence` drops: each with the passage it comes from. */
export function droppedHedges(
  sentence: string,
  passages: readonly Pick<Passage, "id" | "passage" | "hedge_exceptions">[],
): { hedge: string; passage: string }[] {
  const dropped: { hedge: string; passage: string }[] = [];
  for (const passage of passages) {
    const excepted = hedgeExceptions(passage);
    for (const hedge of HEDGES) {
      if (!hedge.inPassage.test(passage.passage) || excepted.has(hedge.name.toLowerCase())) continue;
      if (!hedge.inSentence.test(sentence)) dropped.push({ hedge: hedge.name, passage: passage.id });
    }
  }
  return dropped;
}

/**
 * The house list of neutral words: words that carry no claim of their own
 * (articles, pronouns, linking words) and the few reporting words every
 * paraphrase needs. Kept short on purpose: a word that adds a fact belongs
 * in a passage, not here.
 */
export const NEUTRAL_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor so yet if then than that which who whom whose what when where how why " +
    "this these those it its they them their he him his she her we our us you your one ones " +
    "is are was were be been being has have had do does did will would can could may might must " +
    "of to in on at by for with from as into onto about over under after before between during " +
    "not no any all each every both either some more most other others another same such own " +
    "also too very only just still even there here while though although because since until " +
    "said says say told reported report reports according noted called described describes " +
    "figure figures case cases breach breaches example examples time many few among ended followed came describe published " +
    // The story's subject, which every sentence is about.
    "metropolitan met police data protection rules committed"
  ).split(" "),
);

/** A word as compared: lower case, possessive and common endings taken off (“papers” and “paper” match). */
export function wordStem(word: string): string {
  let stem = word.toLowerCase().replace(/['’]s$/, "");
  for (const ending of ["ing", "ed", "es", "s", "ly"]) {
    if (stem.length - ending.length >= 3 && stem.endsWith(ending)) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  return stem;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** The words of a text (letters only: numbers come from data/ and are checked there). */
export function wordsOf(text: string): string[] {
  return Array.from(text.matchAll(WORD), (match) => match[0]);
}

/**
 * The content words of `sentence` found in none of `passages` (nor in
 * `known`: the outlet's name, say) and not neutral, in order, each once.
 */
export function newContentWords(
  sentence: string,
  passages: readonly string[],
  known: readonly string[] = [],
): string[] {
  const have = new Set([...passages, ...known].flatMap(wordsOf).map(wordStem));
  const found: string[] = [];
  for (const word of wordsOf(sentence)) {
    const lower = word.toLowerCase();
    if (NEUTRAL_WORDS.has(lower) || have.has(wordStem(word))) continue;
    if (!found.includes(lower)) found.push(lower);
  }
  return found;
}
