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
import { compareProblems, type Problem } from "./problem.ts";
import { cellText, changedValues, HISTORY_TABLES } from "./release-checks.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;

/** The generated file Base.astro and Embed.astro read (src/generated/release-status.json). */
export const RELEASE_STATUS_FILE = "release-status.json";

export interface ReleaseStatus {
  /** True when data/ equals the last release: a build of it may be deployed. */
  released: boolean;
  /** The release compared with (its releases.csv's last row), or null when there is none. */
  release: { version: string | null; date: string | null } | null;
  /** Each difference, located in the working file (or, for a row that is gone, in the release copy). */
  changes: Problem[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The release status of working tables against a release copy; undefined: not compared (never a release). */
export function releaseStatus(working: Tables, release: Baseline | null | undefined): ReleaseStatus {
  if (release === undefined) return { released: false, release: null, changes: [] };
  const changes = unreleasedChanges(working, release);
  return {
    released: changes.length === 0,
    release: release ? { version: release.version, date: release.date } : null,
    changes,
  };
}

/** Every difference between the working tables and the last release, located, in file and line order. */
export function unreleasedChanges(working: Tables, release: Baseline | null): Problem[] {
  const changes: Problem[] = [];
  const add = (file: string, position: { line: number; column: number }, field: string, message: string) =>
    changes.push({ file, ...position, field, message, severity: "error" });

  if (!release) {
    add(
      "data/release/releases.csv",
      { line: 1, column: 1 },
      "file",
      "there is no release yet: nothing in data/ has been published, expected npm run release to publish it",
    );
    return changes;
  }
  const released = release.dataset;
  if (!released) {
    const why = release.problems[0];
    add(
      why?.file ?? `${release.dir}/releases.csv`,
      { line: why?.line ?? 1, column: why?.column ?? 1 },
      why?.field ?? "file",
      `the last release no longer reads under the current columns (${why?.message ?? "unreadable"}), so all of data/ is unreleased, expected npm run release -- --kind columns`,
    );
    return changes;
  }
  const version = release.version ?? "?";

  // Values of rows both hold, by primary key (the published tables).
  for (const change of changedValues(working, released)) {
    const table = working[change.table]!;
    add(
      table.file,
      table.locate(change.rowIndex, change.field),
      change.field,
      `${change.id}: ${cellText(change.old)} -> ${cellText(change.new)} since release ${version}`,
    );
  }

  for (const name of TABLE_NAMES) {
    const table = working[name];
    if (!table) continue;
    const before = released[name] as unknown as Record<string, unknown>[];
    const releasedTable = release.tables?.[name];
    const key = TABLES[name].primaryKey;
    const goneFrom = (index: number, label: string) =>
      add(
        releasedTable?.file ?? `${release.dir}/${name}.csv`,
        releasedTable ? releasedTable.locate(index, key ?? "date") : { line: 1, column: 1 },
        key ?? "row",
        `${label} of release ${version} is gone from ${table.file}`,
      );

    if (HISTORY_TABLES.includes(name) || !key) {
      // The release history is append-only: compare row by row, in order.
      const field = key ?? "date";
      table.rows.forEach((row, index) => {
        const old = before[index];
        if (!old) {
          add(table.file, table.locate(index, field), field, `a row new since release ${version}`);
          return;
        }
        for (const column of Object.keys(old)) {
          if (row[column] === undefined || same(old[column], row[column])) continue;
          add(
            table.file,
            table.locate(index, column),
            column,
            `${cellText(old[column])} -> ${cellText(row[column])} since release ${version}: a released row rewritten`,
          );
        }
      });
      for (let index = table.rows.length; index < before.length; index++) goneFrom(index, "a row");
      continue;
    }

    // Rows added or removed, by primary key.
    const ids = (rows: Record<string, unknown>[]) => new Set(rows.map((row) => String(row[key])));
    const releasedIds = ids(before);
    const workingIds = ids(table.rows);
    table.rows.forEach((row, index) => {
      if (row[key] !== undefined && !releasedIds.has(String(row[key])))
        add(table.file, table.locate(index, key), key, `row "${String(row[key])}" is new since release ${version}`);
    });
    before.forEach((row, index) => {
      if (!workingIds.has(String(row[key]))) goneFrom(index, `row "${String(row[key])}"`);
    });
  }
  return changes.sort(compareProblems);
}
