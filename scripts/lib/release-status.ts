/**
 * Whether data/ holds what readers were last given: every table compared,
 * row by row, with the last release's copy (data/release/, baseline.ts).
 * Any difference (a changed cell, a row added or removed, a new or
 * rewritten row of the release history) makes a build a preview: every
 * page says so and is kept out of search engines (src/data/release-status.ts),
 * and `npm run build:deploy` refuses (deploy-checks.ts).
 *
 * Values are compared as parsed, not as bytes, so what a spreadsheet adds
 * when it saves (a byte-order mark, CRLF, other quoting) is no change.
 */
import { TABLE_NAMES, TABLES, type TableName } from "../../src/data/schema.ts";
import type { Baseline } from "./baseline-type.ts";
import type { ParsedTable } from "./parse-table.ts";
import { idIndex } from "./id-index.ts";
import { compareProblems, type Problem } from "./problem.ts";
import { cellText, changedValues, HISTORY_TABLES, removedRows } from "./release-checks.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

/** The generated file Base.astro and Embed.astro read (src/generated/release-status.json). */
export const RELEASE_STATUS_FILE = "release-status.json";

export interface ReleaseStatus {
  /** True when data/ equals the last release: a build of it may be deployed. */
  released: boolean;
  /** The release compared with (its releases.csv's last row), or null when there is none. */
  release: { version: string | null; date: string | null } | null;
  /** How many differences there are in all. */
  changeCount: number;
  /**
   * The first differences in file and line order (at most LISTED_CHANGES; every one
   * of them on real-size data), each located in the working file (or, for a row that
   * is gone, in the release copy).
   */
  changes: Problem[];
}

/**
 * How many differences are listed. Far more than an edit of the real tables
 * makes (a release that adds a column to every case changes 300 values), so
 * an editor always sees each one; a table of a million new rows is counted
 * instead of building, sorting and writing a million messages nobody reads.
 */
export const LISTED_CHANGES = 1000;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The release status of working tables against a release copy; undefined: not compared (never a release). */
export function releaseStatus(working: Tables, release: Baseline | null | undefined): ReleaseStatus {
  if (release === undefined) return { released: false, release: null, changeCount: 0, changes: [] };
  const { count, changes } = unreleasedChanges(working, release);
  return {
    released: count === 0,
    release: release ? { version: release.version, date: release.date } : null,
    changeCount: count,
    changes,
  };
}

/**
 * The differences between the working tables and the last release: how many,
 * and the first `limit` of them, located, in file and line order.
 *
 * Each kind of difference below is found in row order of one file, so each
 * kind keeps its first `limit` (and the rest of the row where it reaches the
 * limit) and only counts the others: every difference it does not build has
 * at least `limit` others before it, and could never be among the first.
 */
export function unreleasedChanges(
  working: Tables,
  release: Baseline | null,
  limit = LISTED_CHANGES,
): { count: number; changes: Problem[] } {
  const changes: Problem[] = [];
  let count = 0;
  let kept = 0;
  let keptRow = -1;
  /** Starts a new kind of difference: one file, in row order. */
  const startKind = () => {
    kept = 0;
    keptRow = -1;
  };
  /** Whether a difference in this row of the current kind may be among the first `limit`, and so is built. */
  const listed = (rowIndex: number) => kept < limit || rowIndex === keptRow;
  /** Counts a difference, and builds it when it may be among the first `limit`. */
  const add = (
    file: string,
    rowIndex: number,
    locate: () => { line: number; column: number },
    field: string,
    message: () => string,
  ) => {
    count++;
    if (!listed(rowIndex)) return;
    kept++;
    keptRow = rowIndex;
    changes.push({ file, ...locate(), field, message: message(), severity: "error" });
  };

  const result = () => ({ count, changes: changes.sort(compareProblems).slice(0, limit) });
  if (!release) {
    add(
      "data/release/releases.csv",
      0,
      () => ({ line: 1, column: 1 }),
      "file",
      () => "there is no release yet: nothing in data/ has been published, expected npm run release to publish it",
    );
    return result();
  }
  const released = release.dataset;
  if (!released) {
    const why = release.problems[0];
    add(
      why?.file ?? `${release.dir}/releases.csv`,
      0,
      () => ({ line: why?.line ?? 1, column: why?.column ?? 1 }),
      why?.field ?? "file",
      () =>
        `the last release no longer reads under the current columns (${why?.message ?? "unreadable"}), so all of data/ is unreleased, expected npm run release -- --kind columns`,
    );
    return result();
  }
  const version = release.version ?? "?";

  // Values of rows both hold, by primary key (the published tables), table by table.
  let changedTable: TableName | null = null;
  for (const change of changedValues(working, released)) {
    const table = working[change.table]!;
    if (change.table !== changedTable) startKind();
    changedTable = change.table;
    add(
      table.file,
      change.rowIndex,
      () => table.locate(change.rowIndex, change.field),
      change.field,
      () => `${change.id}: ${cellText(change.old)} -> ${cellText(change.new)} since release ${version}`,
    );
  }

  for (const name of TABLE_NAMES) {
    const table = working[name];
    if (!table) continue;
    const before = released[name] as unknown as Record<string, unknown>[];
    const releasedTable = release.tables?.[name];
    const key = TABLES[name].primaryKey;
    const goneFrom = (index: number, label: () => string) =>
      add(
        releasedTable?.file ?? `${release.dir}/${name}.csv`,
        index,
        () => (releasedTable ? releasedTable.locate(index, key ?? "date") : { line: 1, column: 1 }),
        key ?? "row",
        () => `${label()} of release ${version} is gone from ${table.file}`,
      );

    if (HISTORY_TABLES.includes(name) || !key) {
      // The release history is append-only: compare row by row, in order.
      const field = key ?? "date";
      startKind();
      table.rows.forEach((row, index) => {
        const old = before[index];
        if (!old) {
          add(
            table.file,
            index,
            () => table.locate(index, field),
            field,
            () => `a row new since release ${version}`,
          );
          return;
        }
        for (const column of Object.keys(old)) {
          if (row[column] === undefined || same(old[column], row[column])) continue;
          add(
            table.file,
            index,
            () => table.locate(index, column),
            column,
            () =>
              `${cellText(old[column])} -> ${cellText(row[column])} since release ${version}: a released row rewritten`,
          );
        }
      });
      startKind();
      for (let index = table.rows.length; index < before.length; index++) goneFrom(index, () => "a row");
      continue;
    }

    // Rows added or removed, by primary key (the rows removed as the release checks found them).
    const releasedIds = new Set(before.map((row) => String(row[key])));
    startKind();
    const rows = table.rows;
    // With each id once, the new rows are the rows with an id less the released ids among them (id-index.ts), so
    // those past the first `limit` are counted from that, not looked at; else each row is.
    const ids = idIndex(rows, key);
    const newRows =
      ids.duplicates.length > 0
        ? null
        : ids.rowsWithId - [...releasedIds].filter((id) => ids.firstRow(id) !== -1).length;
    let newRowsSeen = 0;
    for (let index = 0; index < rows.length; index++) {
      const id = rows[index]![key];
      if (id === undefined || releasedIds.has(String(id))) continue;
      if (newRows !== null && !listed(index)) {
        count += newRows - newRowsSeen;
        break;
      }
      newRowsSeen++;
      // Past the first `limit`, a new row is only counted (a million of them in the benchmark).
      if (!listed(index)) count++;
      else {
        add(
          table.file,
          index,
          () => table.locate(index, key),
          key,
          () => `row "${String(id)}" is new since release ${version}`,
        );
      }
    }
    startKind();
    for (const removed of removedRows(working, released))
      if (removed.table === name) goneFrom(removed.index, () => `row "${removed.id}"`);
  }
  return result();
}
