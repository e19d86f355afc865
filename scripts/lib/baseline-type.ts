/**
 * What loadBaseline (scripts/lib/baseline.ts) reads of the last release. In
 * a module of its own because the pipeline both reads a baseline (to compare
 * with it) and is what loadBaseline runs to read one: the type here keeps
 * the two from importing each other.
 */
import type { Dataset, TableName } from "../../src/data/schema.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

/** The release copy (data/release/), as read. */
export interface Baseline {
  /** The folder holding the released CSV files. */
  dir: string;
  /** The released tables, typed; null when they no longer read under the current schemas (a column changed). */
  dataset: Dataset | null;
  /** The released tables as parsed, to locate a released row (one that is gone from data/, say). */
  tables?: Partial<Record<TableName, ParsedTable>>;
  /** Why the released tables could not be read, when they could not. */
  problems: Problem[];
  /** The release the copy is of (its releases.csv's last row), when readable. */
  version: string | null;
  date: string | null;
}
