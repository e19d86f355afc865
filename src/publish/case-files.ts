/**
 * The files the case explorer reads when the list is paged (past
 * CASE_THRESHOLD cases, src/lib/case-scale.ts), under data/cases/:
 *
 * - `page-<n>.json`: the n-th slice of CASES_PER_FILE cases in list order,
 *   each with what the list shows (src/components/CaseList.astro) and the row
 *   of the breach-types chart's table it is drawn in;
 * - `index.json`: every case's breach type (as runs, the list being grouped
 *   by type) and its outcome group (OUTCOME_CODE), one character a case, so the
 *   filters work over all the cases from one small file;
 * - `search-words-<n>.json` and `search-<n>.json`: the search index, in
 *   files of at most 100,000 bytes each (src/publish/case-search-index.ts),
 *   fetched only when the reader searches, and then only the postings of the
 *   words that match.
 *
 * Compact JSON (JSON.stringify escapes every string); the browser sets what
 * it reads with textContent.
 *
 * Also the markup of the static pages' lists (caseListMarkup): the same as
 * src/components/CaseList.astro, written as a string because a list of
 * 100,000 cases takes Astro half a minute to render and this a fraction of a second.
 */
import { BREACH_TYPES_CHART_ID, chartRowOf } from "../charts/breach-types-chart.ts";
import type { Case, Dataset } from "../data/schema.ts";
import {
  CASES_PER_FILE,
  STORY_PAGE_SIZE,
  caseFileCount,
  caseListOrder,
  casesOnFile,
  outcomeGroup,
  type OutcomeGroup,
} from "../lib/case-scale.ts";
import { OUTCOME_CODE } from "../lib/outcome-code.ts";
import { quoteById, speakerInSentence } from "../lib/quotes.ts";
import { normaliseText } from "../lib/fold-text.ts";
import { escapeAttribute, escapeText } from "../lib/serialize-markup.ts";
import { buildSearchIndex, type SearchIndex } from "./case-search-index.ts";

/** One case as a page file holds it. */
export interface CaseRecord {
  id: string;
  category: string;
  summary: string;
  role: string;
  outcome: string;
  /** Its outcome group, as the breach-types chart's key names it. */
  group: OutcomeGroup;
  several: boolean;
  /** Its quote, with the speaker as the middle of a sentence writes them (speakerInSentence), or null. */
  quote: { id: string; speaker: string; text: string } | null;
  /** The row of the breach-types chart's table it is drawn in (data-highlight-rows). */
  row: number;
  /** Its source passages, space-separated ids as cases.csv's `passages` holds them ("": none); a key of its file's `sources`. */
  passages: string;
}

/** One page file. */
export interface CasePageFile {
  page: number;
  pages: number;
  /** Position of its first case in the list, from 0. */
  first: number;
  cases: CaseRecord[];
  /**
   * The markup of each set of source passages its cases cite (a case's `passages`), as
   * CaseSources.astro writes it: the explorer puts it under the case, as the list does.
   */
  sources: Record<string, string>;
}

/** The filter index. */
export interface CaseIndexFile {
  total: number;
  pageSize: number;
  fileSize: number;
  /** The breach types in list order, each a run of consecutive cases. */
  categories: { id: string; first: number; count: number }[];
  /** One character a case, in list order: its outcome group's OUTCOME_CODE. */
  outcomes: string;
  /** How many vocabulary files the search index has (`search-words-1.json` …). */
  searchWordFiles: number;
}

const encoder = new TextEncoder();
const compact = (value: unknown) => encoder.encode(JSON.stringify(value));

/** The list order (computed once, src/lib/case-scale.ts). */
const ordered = (data: Dataset): Case[] => caseListOrder(data.cases, data.categories);

/** Page file names: page-1.json, page-2.json, … */
export function casePageFiles(data: Dataset): string[] {
  return Array.from({ length: caseFileCount(data.cases.length) }, (_, i) => `page-${i + 1}`);
}

/** The search index of a dataset, built once (every search file's route asks for it). */
const searchIndexes = new WeakMap<Dataset, SearchIndex>();
function searchIndexOf(data: Dataset): SearchIndex {
  let index = searchIndexes.get(data);
  if (!index) {
    index = buildSearchIndex(ordered(data).map((documented) => searchText(documented, data)));
    searchIndexes.set(data, index);
  }
  return index;
}

/** The search index's file names: search-words-1, … and search-1, … */
export function caseSearchFiles(data: Dataset): string[] {
  const { wordFiles, postingsFiles } = searchIndexOf(data);
  return [...wordFiles.map((_, i) => `search-words-${i + 1}`), ...postingsFiles.map((_, i) => `search-${i + 1}`)];
}

/** One file of the search index, by its name (caseSearchFiles); null for a name that is not one. */
export function caseSearchFile(data: Dataset, name: string): Uint8Array | null {
  const { wordFiles, postingsFiles } = searchIndexOf(data);
  const match = /^search-(words-)?(\d+)$/.exec(name);
  if (!match) return null;
  const file = (match[1] ? wordFiles : postingsFiles)[Number(match[2]) - 1];
  return file ? compact(file) : null;
}

/** The searchable text of a case: its own data and its quote's words, as the list shows them. */
function searchText(documented: Case, data: Dataset): string {
  const quote = documented.quote_id ? quoteById(documented.quote_id, data).quote : "";
  return normaliseText([documented.summary, documented.role, documented.outcome, quote].join(" "));
}

/**
 * Page file `page`; `sourcesBySet` is the markup of each set of passages the cases cite
 * (src/components/case-sources-markup.ts), of which the file carries the sets its cases cite.
 */
export function casePageFile(
  data: Dataset,
  page: number,
  sourcesBySet: ReadonlyMap<string, string> = new Map(),
): Uint8Array {
  const cases = caseRecords(data, page);
  const sources: Record<string, string> = {};
  for (const record of cases) {
    const markup = sourcesBySet.get(record.passages);
    if (markup) sources[record.passages] = markup;
  }
  const file: CasePageFile = {
    page,
    pages: caseFileCount(data.cases.length),
    first: (page - 1) * CASES_PER_FILE,
    cases,
    sources,
  };
  return compact(file);
}

export function caseIndexFile(data: Dataset): Uint8Array {
  const order = ordered(data);
  const categories: CaseIndexFile["categories"] = [];
  order.forEach((documented, position) => {
    const last = categories.at(-1);
    if (last?.id === documented.category) last.count++;
    else categories.push({ id: documented.category, first: position, count: 1 });
  });
  const file: CaseIndexFile = {
    total: order.length,
    pageSize: STORY_PAGE_SIZE,
    fileSize: CASES_PER_FILE,
    categories,
    outcomes: order.map((documented) => OUTCOME_CODE[outcomeGroup(documented)]).join(""),
    searchWordFiles: searchIndexOf(data).wordFiles.length,
  };
  return compact(file);
}

const NOT_STATED = "not stated";

/**
 * One case record as CaseList.astro marks it up; every data string escaped. `sources` is the
 * markup of its source passages, as CaseSources.astro writes it (rendered by the page).
 */
function caseItemMarkup(record: CaseRecord, chartId: string, sources: string): string {
  const data = (text: string) =>
    `<span${text === NOT_STATED ? ' class="unknown"' : ""} data-from="cases">${escapeText(text)}</span>`;
  const several = record.several ? " <span>More than one case; how many is not known</span>" : "";
  const quote = record.quote
    ? ` <p class="case-quote">In the words of <span data-from="quotes">${escapeText(record.quote.speaker)}</span>, as reported: <span class="quote" data-quote="${escapeAttribute(record.quote.id)}">“<span data-from="quotes">${escapeText(record.quote.text)}</span>”</span></p>`
    : "";
  return (
    `<li class="case" id="${escapeAttribute(record.id)}" data-case-category="${escapeAttribute(record.category)}" ` +
    `data-case-outcome="${record.group}" data-highlight-chart="${escapeAttribute(chartId)}" ` +
    `data-highlight-rows="${record.row}"> <p class="case-summary" data-from="cases">${escapeText(record.summary)}</p> ` +
    `<p class="case-meta"><span>Who: ${data(record.role)}</span> <span>Outcome: ${data(record.outcome)}</span>${several}</p>${quote}${sources}</li>`
  );
}

/** The records of static page (and JSON chunk) `page`. */
function caseRecords(data: Dataset, page: number): CaseRecord[] {
  const rowOf = chartRowOf(data.cases, data.categories);
  return casesOnFile(ordered(data), page).map((documented) => {
    const quote = documented.quote_id ? quoteById(documented.quote_id, data) : null;
    return {
      id: documented.id,
      category: documented.category,
      summary: documented.summary,
      role: documented.role,
      outcome: documented.outcome,
      group: outcomeGroup(documented),
      several: documented.multiplicity === "several",
      // Shown mid-sentence ("In the words of a Met spokesman"), here and by src/scripts/case-pages.ts.
      quote: quote ? { id: quote.id, speaker: speakerInSentence(quote.speaker), text: quote.quote } : null,
      row: rowOf(documented),
      passages: documented.passages ?? "",
    };
  });
}

/**
 * The list of static page `page`, grouped by breach type under headings of `headingLevel`.
 * `sourcesOf` gives the markup of a case's source passages by its id (CaseSources.astro's,
 * which the page renders once for each set of passages); none by default.
 */
export function caseListMarkup(
  data: Dataset,
  page: number,
  headingLevel: 2 | 3 | 4 | 5,
  sourcesOf: (id: string) => string = () => "",
): string {
  const labels = new Map(data.categories.map((category) => [category.id, category.label]));
  const groups: string[] = [];
  let items: string[] = [];
  let category = "";
  const close = () => {
    if (!items.length) return;
    const id = escapeAttribute(`cases-${category}`);
    groups.push(
      `<section class="case-group" data-case-group aria-labelledby="${id}"> <h${headingLevel} id="${id}" data-from="categories">` +
        `${escapeText(labels.get(category) ?? category)}</h${headingLevel}> <ul> ${items.join(" ")} </ul> </section>`,
    );
    items = [];
  };
  for (const record of caseRecords(data, page)) {
    if (record.category !== category) {
      close();
      category = record.category;
    }
    items.push(caseItemMarkup(record, BREACH_TYPES_CHART_ID, sourcesOf(record.id)));
  }
  close();
  return `<div class="case-list"> ${groups.join(" ")} </div>`;
}
