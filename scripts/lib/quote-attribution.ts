/**
 * Who a source's passage gives a quotation to: the name that introduces it
 * (`X said: “…”`, `“…”, X said`, `according to X, … “…”`, `X found that …
 * “…”`), not whichever name the passage happens to contain. A passage that
 * names two people (David Davis, then Emma Carr) gives each quotation to one
 * of them, and a quote must be given to that one.
 *
 * The passage is read as plain text with every quotation blanked out, so
 * that a speech verb inside someone's words never counts as an attribution.
 * A quotation's attribution is the speech verb nearest before it in its own
 * sentence, else the nearest after it there (`”, the Met said.`), else the
 * last one in the sentences before it (a quotation that opens its own
 * sentence after `X said …. […] “…”`). An attribution that refers back
 * (`The Tory MP for Haltemprice and Howden said:`, `he said`) stands for the
 * last attribution before it that names someone.
 */

/** A stretch of text the source puts in quotation marks: [start, end), marks excluded (quote-checks.ts finds them). */
export interface QuotedRegion {
  start: number;
  end: number;
}

/** Who an attribution names, and where the passage has that name. */
export interface Attribution {
  /** The words naming who speaks, as the passage writes them (`Emma Carr, of Big Brother Watch`). */
  subject: string;
  start: number;
  end: number;
  /** Where its speech verb is, to find the attributions before it. */
  verbAt: number;
}

/** Verbs that give words to someone (past and present), as reporters use them. */
const SPEECH_VERBS = [
  "said|says|say|saying",
  "told|tells",
  "added|adds",
  "stated|states",
  "explained|explains",
  "warned|warns",
  "found|finds",
  "claimed|claims",
  "insisted|insists",
  "admitted|admits",
  "confirmed|confirms",
  "commented|comments",
  "wrote|writes",
  "argued|argues",
  "noted|notes",
  "stressed|stresses",
  "concluded|concludes",
  "acknowledged|acknowledges",
  "replied|replies",
  "responded|responds",
].join("|");
const SPEECH = new RegExp(`\\b(?:according to|${SPEECH_VERBS})\\b`, "giu");
/** A speech verb after one of these is passive (`was found to be`), and gives no words to anyone. */
const PASSIVE = /\b(?:was|were|is|are|be|been|being)\s+$/iu;
/** Words that start a phrase referring back to someone already named. */
const REFERS_BACK = new Set([
  "he",
  "she",
  "they",
  "it",
  "we",
  "i",
  "the",
  "this",
  "that",
  "these",
  "those",
  "his",
  "her",
  "their",
  "its",
  "our",
]);

/** A character no passage holds, standing for each character of a quotation. */
const BLANK = "\uE000";
/** Where a clause ends inside a sentence: `, and`, `, but`, `;`, a dash, or a quotation. */
const CLAUSE_END = /,\s+(?:and|but)\s+|;\s*|\s[–—]\s|\uE000+/gu;

/** The passage with every quotation (marks included) blanked; a quotation that ends a sentence keeps its full stop. */
export function blankQuotations(passage: string, regions: readonly QuotedRegion[]): string {
  // Code units, not characters: every offset in these checks is a UTF-16 index into the passage.
  const units = passage.split("");
  for (const { start, end } of regions) {
    for (let index = Math.max(0, start - 1); index < Math.min(passage.length, end + 1); index++) units[index] = BLANK;
    if (end < passage.length && /[.!?]\s*$/u.test(passage.slice(start, end))) units[end] = ".";
  }
  return units.join("");
}

/** [start, end) of each sentence of blanked text. */
function sentences(blanked: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of blanked.matchAll(/[.!?]\s+/gu)) {
    const end = match.index + match[0].length;
    found.push({ start, end });
    start = end;
  }
  if (start < blanked.length) found.push({ start, end: blanked.length });
  return found;
}

/** The words of [start, end) with brackets' ellipses, dashes and punctuation trimmed from both ends. */
function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  const junk = /^[\s,.:;–—\uE000]|^\[(?:…|\.\.\.)\]|^(?:and|but)\s/iu;
  const tail = /[\s,.:;–—\uE000]$|\[(?:…|\.\.\.)\]$/u;
  let slice = text.slice(start, end);
  for (let match = junk.exec(slice); match; match = junk.exec(slice)) {
    start += match[0].length;
    slice = slice.slice(match[0].length);
  }
  for (let match = tail.exec(slice); match; match = tail.exec(slice)) {
    end -= match[0].length;
    slice = slice.slice(0, -match[0].length);
  }
  return { start, end };
}

/** Every attribution in blanked text, in order: who each speech verb gives words to. */
export function attributions(passage: string, blanked: string): Attribution[] {
  const found: Attribution[] = [];
  for (const sentence of sentences(blanked)) {
    const text = blanked.slice(sentence.start, sentence.end);
    for (const match of text.matchAll(SPEECH)) {
      const verbAt = sentence.start + match.index;
      if (PASSIVE.test(text.slice(0, match.index))) continue;
      // The clause the verb stands in: from the last clause end before it to the next one after it.
      const before = text.slice(0, match.index);
      const clauseStart =
        sentence.start + Math.max(0, ...[...before.matchAll(CLAUSE_END)].map((m) => m.index + m[0].length));
      const after = text.slice(match.index + match[0].length);
      const next = after.search(/,|;|\s[–—]\s|\uE000|[.!?](?:\s|$)/u);
      const clauseEnd = verbAt + match[0].length + (next === -1 ? after.length : next);
      const afterVerb = trimmed(passage, verbAt + match[0].length, clauseEnd);
      let span = match[0].toLowerCase() === "according to" ? afterVerb : trimmed(passage, clauseStart, verbAt);
      // `”, said the Met.`: nothing before the verb, its subject after it.
      if (span.end <= span.start) span = afterVerb;
      if (span.end <= span.start) continue;
      found.push({ subject: passage.slice(span.start, span.end), start: span.start, end: span.end, verbAt });
    }
  }
  return found;
}

/** Whether an attribution's words refer back to someone named before (`the Tory MP`, `he`) rather than name them. */
function refersBack(subject: string): boolean {
  const first = /^[\p{L}]+/u.exec(subject)?.[0].toLowerCase() ?? "";
  return REFERS_BACK.has(first);
}

/**
 * The attribution of the quotation `region`, and the one it stands for when
 * it refers back (`names`: whether an attribution's words name the speaker).
 * Null when the passage has no speech verb for it.
 */
export function attributionOf(
  region: QuotedRegion,
  passage: string,
  blanked: string,
  names: (attribution: Attribution) => boolean,
): { direct: Attribution; meant: Attribution | null } | null {
  const all = attributions(passage, blanked);
  const sentence = sentences(blanked).find((range) => range.start <= region.start && region.start < range.end);
  if (!sentence) return null;
  const opening = region.start - 1;
  const inSentence = all.filter((a) => a.verbAt >= sentence.start && a.verbAt < sentence.end);
  const direct =
    inSentence.filter((a) => a.verbAt < opening).at(-1) ??
    inSentence.find((a) => a.verbAt > region.end) ??
    all.filter((a) => a.verbAt < sentence.start).at(-1);
  if (!direct) return null;
  if (names(direct) || !refersBack(direct.subject)) return { direct, meant: direct };
  const earlier = all.filter((a) => a.verbAt < direct.verbAt && !refersBack(a.subject)).at(-1) ?? null;
  return { direct, meant: earlier };
}
