/**
 * What a reader must know about the data's limits, computed from the data
 * itself so the data page never types a number: the period of the reported
 * total, which outcome groups are not split, what the documented cases are.
 */
import { ROW_IDS } from "../../data/row-ids.ts";
import type { Dataset, Outcome, Period, Source } from "../../data/schema.ts";

/** The figure the whole story rests on: the reported number of breaches. */
export const TOTAL_FIGURE_ID = ROW_IDS.metTotal;

export interface DataNotes {
  /** The period the reported total covers. */
  period: Period;
  /** Groups whose split between outcomes was not reported. */
  unsplit: Outcome[];
  /** Documented cases that stand for more than one case, without a count. */
  severalCases: number;
  /** Documented cases with a published date. */
  datedCases: number;
  /** Rows marked approximate in figures.csv and workforce.csv. */
  approximateRows: number;
  /** The national table's period and source, when it has rows. */
  national: { period: Period; source: Source } | null;
}

function lookup<T extends { id: string }>(rows: readonly T[], id: string, table: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`The data page needs row "${id}" of ${table}.csv, which is missing.`);
  return row;
}

/** The data page's notes on what the data is and is not. */
export function dataNotes(data: Dataset): DataNotes {
  const total = lookup(data.figures, TOTAL_FIGURE_ID, "figures");
  const firstNational = data.national[0];
  return {
    period: lookup(data.periods, total.period, "periods"),
    unsplit: data.outcomes.filter((outcome) => !outcome.split_published),
    severalCases: data.cases.filter((row) => row.multiplicity === "several").length,
    datedCases: data.cases.filter((row) => row.date !== null).length,
    approximateRows: [...data.figures, ...data.workforce].filter((row) => row.approximate).length,
    national: firstNational
      ? {
          period: lookup(data.periods, firstNational.period, "periods"),
          source: lookup(data.sources, firstNational.source, "sources"),
        }
      : null,
  };
}

/** The documented cases filed under each category, in the categories' sort order. */
export function casesByCategory(data: Dataset): { id: string; label: string; description: string; cases: number }[] {
  return [...data.categories]
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((category) => ({
      id: category.id,
      label: category.label,
      description: category.description,
      cases: data.cases.filter((row) => row.category === category.id).length,
    }));
}
