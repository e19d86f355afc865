/**
 * The paged explorer's search index (src/publish/case-search-index.ts) and
 * its search (src/scripts/case-search.ts) keep exactly the cases the
 * explorer over a whole list keeps (matchesFilter: every typed word found in
 * the case's folded text, inside a word too), for any texts and queries;
 * and at a size that needs many files, every file is within 100 KB gzipped
 * and a search fetches only the files its words need.
 */
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
import { normaliseText } from "../src/lib/fold-text.ts";
import { buildSearchIndex, type SearchIndex } from "../src/publish/case-search-index.ts";
import { matchesFilter } from "../src/scripts/case-filter.ts";
import { searchCases } from "../src/scripts/case-search.ts";

/** The index's files as a server holds them (compact JSON by name), and a loader that logs what it fetched. */
function served(index: SearchIndex) {
  const files = new Map<string, string>();
  index.wordFiles.forEach((file, i) => files.set(`search-words-${i + 1}.json`, JSON.stringify(file)));
  index.postingsFiles.forEach((file, i) => files.set(`search-${i + 1}.json`, JSON.stringify(file)));
  const fetched: string[] = [];
  const load = async <T>(name: string): Promise<T> => {
    fetched.push(name);
    const text = files.get(name);
    if (text === undefined) throw new Error(`no file ${name}`);
    return JSON.parse(text) as T;
  };
  return { files, fetched, load };
}

/** What the explorer over a whole list keeps for the query, case by case. */
function expected(texts: readonly string[], query: string): number[] {
  const filter = { category: "", outcome: "", query } as const;
  return texts.map((text) => (matchesFilter({ category: "x", outcome: "stated", text }, filter) ? 1 : 0));
}

async function search(texts: readonly string[], query: string): Promise<number[]> {
  const index = buildSearchIndex(texts);
  const { load } = served(index);
  const found = await searchCases(query, texts.length, index.wordFiles.length, load);
  return found ? [...found] : texts.map(() => 1);
}

describe("the paged explorer's search", () => {
  it("keeps the same cases as the explorer over a whole list, for any texts and query", async () => {
    const word = fc.stringMatching(/^[a-zé'’"\-]{1,6}$/);
    const text = fc.array(word, { maxLength: 8 }).map((words) => normaliseText(words.join(" ")));
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 30 }),
        fc.array(word, { maxLength: 3 }),
        async (texts, typed) => {
          const query = typed.join(" ");
          expect(await search(texts, query)).toEqual(expected(texts, query));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("finds words that are also names of an object's properties", async () => {
    const texts = ["the constructor called", "__proto__ and tostring", "hasownproperty valueof", "plain words"];
    for (const query of ["constructor", "__proto__", "tostring", "valueof", "proto", "own", "plain"]) {
      expect(await search(texts, query), query).toEqual(expected(texts, query));
    }
  });

  it("finds text inside a word and across punctuation, as typed", async () => {
    const texts = ["an officer’s records", "met's own files", "officers, and staff"].map(normaliseText);
    expect(await search(texts, "ffic")).toEqual([1, 0, 1]);
    expect(await search(texts, "Officer's")).toEqual([1, 0, 0]);
    expect(await search(texts, "officers,")).toEqual([0, 0, 1]);
    expect(await search(texts, "  ")).toEqual([1, 1, 1]);
    expect(await search(texts, "met’s files")).toEqual([0, 1, 0]);
  });
});

describe("the search index at 30,000 cases", () => {
  const rows = Papa.parse<Record<string, string>>(syntheticCasesCsv(30_000), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const texts = rows.map((row) => normaliseText([row.summary, row.role, row.outcome].join(" ")));
  const index = buildSearchIndex(texts);

  it("is in several files, each within 100 KB gzipped", () => {
    const { files } = served(index);
    expect(index.postingsFiles.length).toBeGreaterThan(1);
    for (const [name, text] of files) expect(gzipSync(text).byteLength, name).toBeLessThanOrEqual(100 * 1024);
  });

  it("fetches only the postings of the words that match, and finds what a scan of the texts finds", async () => {
    for (const query of ["officer", "unconnected told", "e", "formal action", "zzz"]) {
      const { load, fetched } = served(index);
      const found = await searchCases(query, texts.length, index.wordFiles.length, load);
      expect([...found!], query).toEqual(expected(texts, query));
      const postings = fetched.filter((name) => !name.startsWith("search-words-"));
      if (query === "zzz") expect(postings).toEqual([]);
      if (query === "officer") expect(postings.length).toBeLessThan(index.postingsFiles.length);
    }
  });
});
