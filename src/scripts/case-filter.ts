/**
 * The case explorer's filter: what it holds, how it is written in the
 * page's address (`?category=<id>&outcome=formal|stated|not-stated&q=<words>`),
 * and which cases it keeps. No DOM here, so the rules are easy to read.
 */
// Type only: case-scale.ts draws on d3, which the browser's scripts never load.
import type { OutcomeGroup } from "../lib/case-scale.ts";
import { normaliseText } from "../lib/fold-text.ts";

/**
 * A case's outcome as the breach-types chart groups it (its key: formal action, another outcome
 * stated, outcome not stated), so a filter keeps exactly the squares the key names.
 */
export type OutcomeFilter = "" | OutcomeGroup;

/** The values an address may give for the outcome (case-scale.ts's OUTCOME_GROUPS). */
const OUTCOME_VALUES: readonly string[] = ["formal", "stated", "not-stated"] satisfies OutcomeGroup[];

/** An outcome group written in the page (a case's data-case-outcome, an address), or null for any other text. */
export function outcomeGroupOf(value: string | null | undefined): OutcomeGroup | null {
  return value && OUTCOME_VALUES.includes(value) ? (value as OutcomeGroup) : null;
}

/** What the reader has asked for; empty strings mean "any". */
export interface CaseFilter {
  /** A category id (categories.csv), or "" for every type. */
  category: string;
  outcome: OutcomeFilter;
  /** Words to look for, as typed. */
  query: string;
}

/** The filter that keeps every case. */
export const NO_FILTER: CaseFilter = { category: "", outcome: "", query: "" };

/** Names of the address's query parameters. */
export const PARAMS = { category: "category", outcome: "outcome", query: "q" } as const;

/** A case as the filter sees it. */
export interface FilterableCase {
  category: string;
  outcome: OutcomeGroup;
  /** Its text (summary, who, outcome, quote), normalised with normaliseText. */
  text: string;
}

/**
 * Reads a filter from a query string. Values the page does not offer (an
 * unknown category, a mistyped outcome) are dropped rather than showing an
 * empty list for a link that was edited by hand.
 */
export function filterFromSearch(search: string, categories: ReadonlySet<string>): CaseFilter {
  const params = new URLSearchParams(search);
  const category = params.get(PARAMS.category) ?? "";
  const outcome = params.get(PARAMS.outcome) ?? "";
  return {
    category: categories.has(category) ? category : "",
    outcome: outcomeGroupOf(outcome) ?? "",
    query: (params.get(PARAMS.query) ?? "").trim(),
  };
}

/** The filter as a query string without its "?", in a fixed order, leaving out what is "any". */
export function filterToSearch(filter: CaseFilter): string {
  const params = new URLSearchParams();
  if (filter.category) params.set(PARAMS.category, filter.category);
  if (filter.outcome) params.set(PARAMS.outcome, filter.outcome);
  if (filter.query.trim()) params.set(PARAMS.query, filter.query.trim());
  return params.toString();
}

/** Whether two filters keep the same cases and write the same address. */
export function sameFilter(a: CaseFilter, b: CaseFilter): boolean {
  return filterToSearch(a) === filterToSearch(b);
}

/** Whether a case passes the filter: its category, its outcome, and every word of the query in its text. */
export function matchesFilter(item: FilterableCase, filter: CaseFilter): boolean {
  if (filter.category && item.category !== filter.category) return false;
  if (filter.outcome && item.outcome !== filter.outcome) return false;
  const words = normaliseText(filter.query).split(" ").filter(Boolean);
  return words.every((word) => item.text.includes(word));
}
