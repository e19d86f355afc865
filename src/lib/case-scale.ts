/**
 * How the site stays the same size whatever the number of documented cases
 * (cases.csv). Up to CASE_THRESHOLD cases, every case is drawn as its own
 * square and listed in the story, as the real data is. Past it:
 *
 * - the breach-types chart draws one square for every `casesPerSquare` cases
 *   (our calculation, src/lib/derived-figures.ts), at most MAX_SQUARES in all;
 * - the story lists the first STORY_PAGE_SIZE cases and pages the rest: static
 *   pages of CASES_PER_FILE cases at /cases/<n>/ for readers without
 *   JavaScript, and the same slices as JSON chunks for the explorer
 *   (src/pages/data/cases/), with a compact index to filter and search all of them.
 *
 * No DOM, no charts: the bottom floor, so charts, pages and our calculations
 * share one rule.
 */
import type { Case, Category } from "../data/schema.ts";

/**
 * The most cases drawn and listed one by one: a limit of page size, not a
 * figure of the story (and kept apart from the story's 300 breaches, so that
 * the two are never read as one).
 */
export const CASE_THRESHOLD = 500;
/** The most squares the aggregated breach-types chart draws. */
export const MAX_SQUARES = 100;
/** Cases the story, and each page of the explorer, shows at once when paged. */
export const STORY_PAGE_SIZE = 20;
/** Cases on each static page (/cases/<n>/) and in each JSON chunk. */
export const CASES_PER_FILE = 500;

/** Whether the cases are too many to draw and list one by one. */
export function isPaged(cases: readonly unknown[]): boolean {
  return cases.length > CASE_THRESHOLD;
}

/** What the source says happened in a case, as the breach-types chart colours it. */
export type OutcomeGroup = "formal" | "stated" | "not-stated";

/** The groups in drawing order. */
export const OUTCOME_GROUPS: readonly OutcomeGroup[] = ["formal", "stated", "not-stated"];

/**
 * A case's outcome group: "not stated" in cases.csv, formal action, or another stated outcome.
 * trim() makes no new string when there is no space to remove, and only a value of the length
 * of one of the two, not written as cases.csv usually writes it, is lowered: two new strings a
 * case were most of the breach-types count, and lowering half the cases' outcomes a tenth of a
 * second of the data step at a million cases.
 */
export function outcomeGroup(documented: Pick<Case, "outcome">): OutcomeGroup {
  const outcome = documented.outcome.trim();
  if (outcome.length === 10 && (outcome === "not stated" || outcome.toLowerCase() === "not stated")) {
    return "not-stated";
  }
  const formal = outcome.length === 13 && (outcome === "Formal action" || outcome.toLowerCase() === "formal action");
  return formal ? "formal" : "stated";
}

/** The cases of one breach type with one outcome group, counted. */
export interface CaseGroupCount {
  category: Category;
  group: OutcomeGroup;
  /** Cases (rows of cases.csv). */
  cases: number;
  /** Of them, rows that stand for several cases. */
  several: number;
}

/**
 * Computed once per cases array and categories: every surface of the chart (story, embed, gallery,
 * share image, downloads, oEmbed) asks again, and at 100,000 cases each pass is felt.
 */
function memo<T>(compute: (cases: readonly Case[], categories: readonly Category[]) => T) {
  const cache = new WeakMap<readonly Case[], { categories: readonly Category[]; value: T }>();
  return (cases: readonly Case[], categories: readonly Category[]): T => {
    const hit = cache.get(cases);
    if (hit && hit.categories === categories) return hit.value;
    const value = compute(cases, categories);
    cache.set(cases, { categories, value });
    return value;
  };
}

/** Counts by breach type (in sort_order) and outcome group; empty combinations are left out. */
export const caseGroupCounts = memo(countGroups);

function countGroups(cases: readonly Case[], categories: readonly Category[]): CaseGroupCount[] {
  // One loop and a tally per breach type (cases and several for each group in turn), where d3's
  // rollup made a key string and a list of rows per case: at a million cases, a second and more.
  const tallies = new Map<string, number[]>();
  for (const row of cases) {
    let tally = tallies.get(row.category);
    if (!tally) tallies.set(row.category, (tally = new Array<number>(OUTCOME_GROUPS.length * 2).fill(0)));
    const at = OUTCOME_GROUPS.indexOf(outcomeGroup(row)) * 2;
    tally[at]!++;
    if (row.multiplicity === "several") tally[at + 1]!++;
  }
  return [...categories]
    .sort((a, b) => a.sort_order - b.sort_order)
    .flatMap((category) =>
      OUTCOME_GROUPS.flatMap((group, index) => {
        const tally = tallies.get(category.id);
        const count = tally?.[index * 2] ?? 0;
        return count > 0 ? [{ category, group, cases: count, several: tally![index * 2 + 1]! }] : [];
      }),
    );
}

/** 1, 2, 5, 10, 20, 50, … : the sizes a square may stand for. */
function* roundSteps(): Generator<number> {
  for (let power = 1; ; power *= 10) for (const step of [1, 2, 5]) yield step * power;
}

/**
 * Cases each square of the breach-types chart stands for: 1 up to
 * CASE_THRESHOLD cases; past it, the smallest of 1, 2, 5, 10, 20, 50, … that
 * keeps every group's squares (a part square for the rest) within MAX_SQUARES.
 */
export function casesPerSquare(counts: readonly Pick<CaseGroupCount, "cases">[]): number {
  const total = counts.reduce((sum, count) => sum + count.cases, 0);
  if (total <= CASE_THRESHOLD) return 1;
  for (const step of roundSteps()) {
    const squares = counts.reduce((sum, count) => sum + Math.ceil(count.cases / step), 0);
    if (squares <= MAX_SQUARES) return step;
  }
  throw new Error("unreachable");
}

/** The number of static pages (and JSON chunks) the list needs. */
export function caseFileCount(total: number): number {
  return Math.max(1, Math.ceil(total / CASES_PER_FILE));
}

/** The cases as the list shows them: by breach type (sort_order), in file order within each. */
export const caseListOrder = memo(orderList);

function orderList(cases: readonly Case[], categories: readonly Category[]): Case[] {
  const rank = new Map([...categories].sort((a, b) => a.sort_order - b.sort_order).map((c, i) => [c.id, i]));
  return cases
    .map((documented, index) => ({ documented, index }))
    .filter(({ documented }) => rank.has(documented.category))
    .sort((a, b) => rank.get(a.documented.category)! - rank.get(b.documented.category)! || a.index - b.index)
    .map(({ documented }) => documented);
}

/** The slice of the list on static page (or JSON chunk) `page`, from 1. */
export function casesOnFile<T>(ordered: readonly T[], page: number): T[] {
  return ordered.slice((page - 1) * CASES_PER_FILE, page * CASES_PER_FILE);
}
