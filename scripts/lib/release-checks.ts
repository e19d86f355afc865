/**
 * Checks that keep the release history true (warnings for `npm run data`
 * and `data:check`, so that previewing an edit never needs a correction
 * first; `npm run release` refuses on any of them):
 *
 * - a correction is dated on or after first publication (the first row of
 *   releases.csv), and on or before the release that carries it (its
 *   `version`, or else the latest release: "Data updated" must never be
 *   older than a correction);
 * - releases are dated in order;
 * - a value published in the last release (data/release/) that the working
 *   data changes has a new row in corrections.csv saying why (or is released
 *   with `--not-a-correction`).
 */
import { TABLES, type Dataset, type TableName } from "../../src/data/schema.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

/** Tables whose rows are the release history itself, not published values. */
export const HISTORY_TABLES: readonly TableName[] = ["corrections", "releases"];

/** A cell of an existing row whose value differs from the last release. */
export interface ChangedValue {
  table: TableName;
  rowIndex: number;
  id: string;
  field: string;
  old: unknown;
  new: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Cells of rows present in both the release and the working data (by primary key) whose values differ. */
export function changedValues(tables: Tables, baseline: Dataset): ChangedValue[] {
  const changes: ChangedValue[] = [];
  for (const name of Object.keys(tables) as TableName[]) {
    const key = TABLES[name].primaryKey;
    const table = tables[name];
    if (!key || !table || HISTORY_TABLES.includes(name)) continue;
    const released = new Map(
      (baseline[name] as unknown as Record<string, unknown>[]).map((row) => [String(row[key]), row]),
    );
    table.rows.forEach((row, rowIndex) => {
      const before = released.get(String(row[key]));
      if (!before || row[key] === undefined) return;
      for (const field of Object.keys(before)) {
        if (row[field] === undefined || same(before[field], row[field])) continue;
        changes.push({ table: name, rowIndex, id: String(row[key]), field, old: before[field], new: row[field] });
      }
    });
  }
  return changes;
}

/** Rows of corrections.csv that the last release did not have (their indexes). */
export function newCorrections(tables: Tables, baseline: Dataset | null): number[] {
  const released = new Set(
    (baseline?.corrections ?? []).map((row) => JSON.stringify([row.date, row.change, row.reason])),
  );
  return (tables.corrections?.rows ?? []).flatMap((row, index) =>
    released.has(JSON.stringify([row.date, row.change, row.reason])) ? [] : [index],
  );
}

/** "208" for a message: a cell value as an editor typed it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "(empty)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

export interface ReleaseCheckOptions {
  /** The last release's tables, for the values it published; null skips that check. */
  baseline: Dataset | null;
  /** Version of the last release, for messages. */
  baselineVersion?: string | null;
}

export function releaseChecks(tables: Tables, options: ReleaseCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const warn = (table: ParsedTable, rowIndex: number, field: string, message: string) =>
    problems.push({
      file: table.file,
      ...table.locate(rowIndex, field),
      field,
      message,
      severity: "warning",
      release: true,
    });
  const { corrections, releases } = tables;
  const releaseRows = releases?.rows ?? [];
  const first = releaseRows[0];
  const latestIndex = releaseRows.length - 1;
  const releaseLine = (index: number) => (releases ? releases.locate(index, "date").line : 0);

  if (releases) {
    releaseRows.forEach((row, index) => {
      const previous = releaseRows[index - 1];
      if (index === 0 || typeof row.date !== "string" || typeof previous?.date !== "string") return;
      if (row.date < previous.date)
        warn(
          releases,
          index,
          "date",
          `${row.date} is before the release above it (${String(previous.version)} of ${previous.date}, line ${releaseLine(index - 1)}), expected releases in date order`,
        );
    });
  }

  if (corrections && releases && first && typeof first.date === "string") {
    corrections.rows.forEach((row, index) => {
      if (typeof row.date !== "string") return;
      if (row.date < first.date!) {
        warn(
          corrections,
          index,
          "date",
          `${row.date} is before the data was first published (${String(first.date)}, ${releases.file} line ${releaseLine(0)}), expected a date on or after it`,
        );
        return;
      }
      const carrier =
        typeof row.version === "string" ? releaseRows.findIndex((r) => r.version === row.version) : latestIndex;
      if (typeof row.version === "string" && carrier === -1) {
        warn(
          corrections,
          index,
          "version",
          `${row.version} is not a release in ${releases.file}, expected the version of the release that published the correction`,
        );
        return;
      }
      const release = releaseRows[carrier];
      if (!release || typeof release.date !== "string" || row.date <= release.date) return;
      const which = typeof row.version === "string" ? "the release that carries it" : "the latest release";
      warn(
        corrections,
        index,
        "date",
        `${row.date} is after ${which} (${String(release.version)} of ${release.date}, ${releases.file} line ${releaseLine(carrier)}), so “Data updated” would be older than the correction, expected npm run release to publish it, dated on or after ${row.date}`,
      );
    });
  }

  if (options.baseline) {
    const corrected = newCorrections(tables, options.baseline).length > 0;
    if (!corrected) {
      const version = options.baselineVersion ?? "the last release";
      for (const change of changedValues(tables, options.baseline)) {
        const table = tables[change.table]!;
        warn(
          table,
          change.rowIndex,
          change.field,
          `${cellText(change.old)} -> ${cellText(change.new)} changes a value published in release ${version}, expected a row in data/corrections.csv saying why (npm run release -- --reason "…" writes it), or npm run release -- --not-a-correction "…"`,
        );
      }
    }
  }
  return problems;
}
