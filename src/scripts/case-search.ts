/**
 * The paged explorer's search over the index files
 * (src/publish/case-search-index.ts): which cases hold every word typed,
 * fetching the vocabulary once and then only the postings of the words that
 * contain what was typed. The same cases as the explorer over a whole list
 * keeps (matchesFilter in src/scripts/case-filter.ts): a typed word is found
 * anywhere in a case's folded text, inside a word too.
 *
 * No DOM: the browser and `npm run bench:scale` run the same code.
 */
import { normaliseText } from "../lib/fold-text.ts";
import type { SearchPostings, SearchPostingsFile, SearchWordsFile } from "../publish/case-search-index.ts";

/** Fetches one index file by name (`search-3.json`) and parses it. */
export type LoadIndexFile = <T>(name: string) => Promise<T>;

/** A word of the vocabulary, with the postings files holding its cases. */
interface IndexedWord {
  word: string;
  first: number;
  last: number;
}

/**
 * One flag a case, in list order: 1 when the case holds every word of the
 * query. Null when the query has no word (then the search keeps every case).
 */
export async function searchCases(
  query: string,
  total: number,
  wordFileCount: number,
  load: LoadIndexFile,
): Promise<Uint8Array | null> {
  const typed = [...new Set(normaliseText(query).split(" ").filter(Boolean))];
  if (typed.length === 0) return null;
  const vocabulary = await Promise.all(
    Array.from({ length: wordFileCount }, (_, i) => load<SearchWordsFile>(`search-words-${i + 1}.json`)),
  );
  // For each typed word, the words of the cases that contain it.
  const found: IndexedWord[][] = typed.map(() => []);
  for (const file of vocabulary) {
    file.words.forEach((word, i) => {
      typed.forEach((wanted, k) => {
        if (word.includes(wanted)) found[k]!.push({ word, first: file.files[i]![0], last: file.files[i]![1] });
      });
    });
  }
  const kept = new Uint8Array(total);
  if (found.some((words) => words.length === 0)) return kept;
  const needed = new Set(found.flat().flatMap(({ first, last }) => range(first, last)));
  const postings = new Map(
    await Promise.all(
      [...needed].map(async (file) => [file, await load<SearchPostingsFile>(`search-${file}.json`)] as const),
    ),
  );
  kept.fill(1);
  const holds = new Uint8Array(total);
  for (const words of found) {
    holds.fill(0);
    for (const { word, first, last } of words) {
      for (let file = first; file <= last; file++) {
        const all = postings.get(file)!.postings;
        // Own properties only: a word may be "constructor".
        if (!Object.hasOwn(all, word)) continue;
        mark(holds, all[word]!);
      }
    }
    for (let position = 0; position < total; position++) kept[position] = kept[position]! & holds[position]!;
  }
  return kept;
}

/** Sets the flag of every case in a run of postings (gaps or a bitmap: src/publish/case-search-index.ts). */
function mark(holds: Uint8Array, postings: SearchPostings): void {
  if (Array.isArray(postings)) {
    let position = 0;
    for (let i = 0; i < postings.length; i++) {
      position = i === 0 ? postings[0]! : position + postings[i]!;
      holds[position] = 1;
    }
    return;
  }
  const bytes = atob(postings.bits);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    if (byte === 0) continue;
    const base = postings.start + i * 8;
    for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) holds[base + bit] = 1;
  }
}

/** first, first + 1, …, last. */
function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
