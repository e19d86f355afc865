/**
 * The case explorer's search index, for a paged list (src/publish/case-files.ts),
 * in files of at most 100 KB gzipped each, so that no response a search
 * fetches is large however many cases there are (issue 25: none over 100 KB
 * gzipped at 100,000 cases). The search box keeps a case when every word
 * typed is found somewhere in the case's folded text (src/lib/fold-text.ts),
 * inside a word as well as at its start. As the folded text is words joined
 * by single spaces and a typed word holds no space, that is: when some word
 * of the case contains the typed word. So the index is
 *
 * - the vocabulary: every distinct word of the cases' folded texts, sorted,
 *   each with the postings files that hold its cases
 *   (`search-words-<n>.json`, all fetched on the first search: with real
 *   text it is a small fraction of the texts, as words repeat);
 * - postings: for each word, the positions (in list order) of the cases
 *   that hold it (`search-<n>.json`, in the vocabulary's order, so that the
 *   words sharing a beginning share files): as gaps between positions for a
 *   word of few cases, as a bitmap (one bit a case, base64) for a word of
 *   many, whichever is shorter. A bitmap is both smaller and far quicker to
 *   read for a common word (a string to parse, not tens of thousands of
 *   numbers), which keeps a one-letter search quick. A word whose cases do
 *   not fit in one file runs on over several.
 *
 * The browser scans the vocabulary for words containing what was typed, then
 * fetches only their postings files (src/scripts/case-search.ts). A
 * hand-written index rather than Pagefind: Pagefind matches whole words and
 * their beginnings, not text inside a word as the explorer does, and would
 * add a dependency and a step after the build.
 */
import { gzipSync } from "node:zlib";

/**
 * The most bytes in one index file, gzipped (zlib's default level, as
 * `npm run bench:scale` weighs them): 100 KB.
 */
export const SEARCH_FILE_GZIP_BYTES = 100 * 1024;
/**
 * Files are first filled to this many bytes of JSON, then halved until each
 * is within SEARCH_FILE_GZIP_BYTES gzipped: the gaps between positions
 * compress about tenfold, so fewer, fuller files mean fewer requests.
 */
const FILE_JSON_BYTES = 1_000_000;

/** One file of the vocabulary. */
export interface SearchWordsFile {
  /** Words, sorted (code unit order), continuing from the previous file. */
  words: string[];
  /** For each word, the first and last postings file (from 1) holding its cases. */
  files: [number, number][];
}

/**
 * A run of a word's cases: either the first position, then the gap to each
 * next one; or a bitmap from position `start`, bit j of byte i (base64) set
 * when the case at start + 8i + j holds the word.
 */
export type SearchPostings = number[] | { start: number; bits: string };

/** One postings file. */
export interface SearchPostingsFile {
  /** For each word with cases in this file, a run of them. */
  postings: Record<string, SearchPostings>;
}

/** The index's files, in order; `search-words-<n>.json` and `search-<n>.json` are the n-th of each. */
export interface SearchIndex {
  wordFiles: SearchWordsFile[];
  postingsFiles: SearchPostingsFile[];
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");
const gzipped = (value: unknown) => gzipSync(JSON.stringify(value)).byteLength;

/** The words of a folded text, each once. */
export function searchWords(folded: string): Set<string> {
  return new Set(folded.split(" ").filter(Boolean));
}

/** A word's cases, or a run of them: positions in list order. */
interface Entry {
  word: string;
  positions: number[];
}

/** The first position, then the gap to each next one. */
const gaps = (positions: readonly number[]) =>
  positions.map((position, index) => (index === 0 ? position : position - positions[index - 1]!));

/** A bitmap of the positions, from the first. */
function bitmap(positions: readonly number[]): { start: number; bits: string } {
  const start = positions[0]!;
  const bytes = new Uint8Array(Math.ceil((positions.at(-1)! - start + 1) / 8));
  for (const position of positions) bytes[(position - start) >> 3]! |= 1 << ((position - start) & 7);
  return { start, bits: Buffer.from(bytes).toString("base64") };
}

/** A run of positions as gaps or as a bitmap, whichever JSON is shorter. */
export function encodePostings(positions: readonly number[]): SearchPostings {
  const asGaps = gaps(positions);
  if (positions.length < 2) return asGaps;
  // Base64 takes 4 characters for 3 bytes.
  const bitmapLength = Math.ceil(Math.ceil((positions.at(-1)! - positions[0]! + 1) / 8) / 3) * 4 + 20;
  return bitmapLength < JSON.stringify(asGaps).length ? bitmap(positions) : asGaps;
}

function postingsFile(entries: readonly Entry[]): SearchPostingsFile {
  // Object.fromEntries defines own properties: a word may be "constructor" or "__proto__".
  return { postings: Object.fromEntries(entries.map((entry) => [entry.word, encodePostings(entry.positions)])) };
}

/**
 * Fills files with entries in order up to FILE_JSON_BYTES of JSON, then
 * halves any file over SEARCH_FILE_GZIP_BYTES gzipped: a file of several
 * entries between them, a file of one word's cases into two runs of them.
 */
function packEntries<File>(
  entries: readonly Entry[],
  size: (entry: Entry) => number,
  write: (entries: readonly Entry[]) => File,
): Entry[][] {
  const filled: Entry[][] = [];
  let current: Entry[] = [];
  let currentSize = 0;
  for (const entry of entries) {
    if (current.length > 0 && currentSize + size(entry) > FILE_JSON_BYTES) {
      filled.push(current);
      [current, currentSize] = [[], 0];
    }
    current.push(entry);
    currentSize += size(entry);
  }
  if (current.length > 0) filled.push(current);
  const fit = (group: Entry[]): Entry[][] => {
    if (gzipped(write(group)) <= SEARCH_FILE_GZIP_BYTES) return [group];
    if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      return [...fit(group.slice(0, half)), ...fit(group.slice(half))];
    }
    const { word, positions } = group[0]!;
    const half = Math.ceil(positions.length / 2);
    return [
      ...fit([{ word, positions: positions.slice(0, half) }]),
      ...fit([{ word, positions: positions.slice(half) }]),
    ];
  };
  return filled.flatMap(fit);
}

/**
 * Builds the index of cases' searchable texts, folded (src/lib/fold-text.ts)
 * and given in list order. Deterministic: the same texts give the same files.
 */
export function buildSearchIndex(folded: readonly string[]): SearchIndex {
  const positionsOf = new Map<string, number[]>();
  folded.forEach((text, position) => {
    for (const word of searchWords(text)) {
      let positions = positionsOf.get(word);
      if (!positions) positionsOf.set(word, (positions = []));
      positions.push(position);
    }
  });
  const words = [...positionsOf.keys()].sort();

  const postingsGroups = packEntries(
    words.map((word) => ({ word, positions: positionsOf.get(word)! })),
    (entry) => bytes(entry.word) + bytes(encodePostings(entry.positions)) + 2,
    postingsFile,
  );
  const spans = new Map<string, [number, number]>();
  postingsGroups.forEach((group, index) => {
    for (const { word } of group) spans.set(word, [spans.get(word)?.[0] ?? index + 1, index + 1]);
  });

  const wordsFile = (entries: readonly Entry[]): SearchWordsFile => ({
    words: entries.map((entry) => entry.word),
    files: entries.map((entry) => spans.get(entry.word)!),
  });
  const wordGroups = packEntries(
    words.map((word) => ({ word, positions: [] })),
    (entry) => bytes(entry.word) + bytes(spans.get(entry.word)) + 2,
    wordsFile,
  );
  return {
    wordFiles: wordGroups.length > 0 ? wordGroups.map(wordsFile) : [{ words: [], files: [] }],
    postingsFiles: postingsGroups.map(postingsFile),
  };
}
