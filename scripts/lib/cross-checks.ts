/**
 * Checks that need more than one row or one table: unique ids, references
 * that resolve, totals that reconcile, dates inside their period.
 *
 * Rows may be partial: a cell that failed its own check is undefined, and
 * every check here skips what it cannot know rather than guess (a sum with an
 * unreadable count in it is not compared to its total). A sum that does not
 * add up is one problem, at the first row that makes it, naming every row.
 */
import { ROW_IDS } from "../../src/data/row-ids.ts";
import { TABLES, type TableName } from "../../src/data/schema.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

/** The figure the outcome groups must add up to. */
export const TOTAL_FIGURE_ID = ROW_IDS.metTotal;
/** The period every dated Met case must fall inside. */
export const MET_PERIOD_ID = ROW_IDS.metPeriod;

type Tables = Partial<Record<TableName, ParsedTable>>;

/** Whether a row's field passed its own check (failed cells are left out of the row). */
const known = (value: unknown) => value !== undefined;

/** "lines 2, 3 and 5" for the rows of a table. */
function linesOf(table: ParsedTable, indexes: number[], field: string): string {
  const lines = indexes.map((index) => String(table.locate(index, field).line));
  if (lines.length === 1) return `line ${lines[0]}`;
  return `lines ${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}`;
}

export function crossCheck(tables: Tables): Problem[] {
  const problems: Problem[] = [];
  const report = (table: ParsedTable, rowIndex: number, field: string, message: string) =>
    problems.push({ file: table.file, ...table.locate(rowIndex, field), field, message, severity: "error" });
  const idsOf = (name: TableName) => {
    const key = TABLES[name].primaryKey;
    const rows = tables[name]?.rows.filter((row) => known(row[key ?? ""])) ?? [];
    return key ? new Set(rows.map((row) => String(row[key]))) : new Set<string>();
  };

  for (const table of Object.values(tables) as ParsedTable[]) {
    const key = table.definition.primaryKey;
    if (key) {
      // A Set on the hot path; where a value repeats, its first row is looked up (error path only).
      const seen = new Set<string>();
      const rows = table.rows;
      for (let index = 0; index < rows.length; index++) {
        if (!known(rows[index]![key])) continue;
        const value = String(rows[index]![key]);
        if (!seen.has(value)) {
          seen.add(value);
          continue;
        }
        const first = rows.findIndex((row) => known(row[key]) && String(row[key]) === value);
        const line = table.locate(first, key).line;
        report(table, index, key, `${JSON.stringify(value)} is already used on line ${line}, expected a unique ${key}`);
      }
    }
    for (const foreignKey of table.definition.foreignKeys) {
      // A table whose rows could not be read at all has been reported; its keys cannot be checked.
      const target = foreignKey.table as TableName;
      if (!tables[target]) continue;
      const ids = idsOf(target);
      table.rows.forEach((row, index) => {
        const value = row[foreignKey.field];
        if (value !== null && known(value) && !ids.has(String(value))) {
          const list = [...ids].join(", ");
          report(
            table,
            index,
            foreignKey.field,
            `${JSON.stringify(value)} is not an id in data/${foreignKey.table}.csv, expected one of: ${list}`,
          );
        }
      });
    }
  }

  const { outcomes, figures, periods, cases, national } = tables;
  if (outcomes && figures) {
    const totalIndex = figures.rows.findIndex((row) => row.id === TOTAL_FIGURE_ID);
    if (totalIndex === -1) {
      report(figures, 0, "id", `no row has the id ${TOTAL_FIGURE_ID}, expected the reported total of breaches`);
    } else {
      const totalRow = figures.rows[totalIndex]!;
      // Top-level groups share out the total; a group that is part of another counts inside it.
      const topLevel = outcomes.rows.flatMap((row, index) => (row.part_of === null ? [index] : []));
      const counts = topLevel.map((index) => outcomes.rows[index]!.count);
      if (known(totalRow.value) && counts.every(known) && topLevel.length > 0) {
        const total = Number(totalRow.value);
        const sum = counts.reduce((acc: number, count) => acc + Number(count), 0);
        if (sum !== total) {
          report(
            outcomes,
            topLevel[0]!,
            "count",
            `the top-level outcome counts (part_of empty) on ${linesOf(outcomes, topLevel, "count")} add up to ${sum}, expected ${total} (the total in data/figures.csv line ${figures.locate(totalIndex, "value").line})`,
          );
        }
      }
    }
  }
  if (outcomes) checkOutcomeParts(outcomes, report);

  if (periods) {
    periods.rows.forEach((row, index) => {
      if (known(row.start) && known(row.end) && String(row.start) > String(row.end))
        report(periods, index, "end", `${row.end} is before the start ${row.start}, expected a later date`);
    });
  }

  const metPeriod = periods?.rows.find((row) => row.id === MET_PERIOD_ID);
  if (cases && metPeriod && known(metPeriod.start) && known(metPeriod.end)) {
    cases.rows.forEach((row, index) => {
      const date = row.date as string | null;
      if (date && (date < String(metPeriod.start) || date > String(metPeriod.end))) {
        report(
          cases,
          index,
          "date",
          `${date} is outside the period, expected a date from ${metPeriod.start} to ${metPeriod.end}`,
        );
      }
    });
  }

  if (national) {
    const totalRow = national.rows.find((row) => row.measure === "total");
    if (!totalRow) {
      // A measure that failed its own check may be the total: only say it is missing when every measure was read.
      if (national.rows.every((row) => known(row.measure)))
        report(national, 0, "measure", "no row has the measure total, expected one row with the national total");
    } else if (known(totalRow.count)) {
      const total = Number(totalRow.count);
      national.rows.forEach((row, index) => {
        if (row.measure === "total" || !known(row.count)) return;
        if (Number(row.count) > total)
          report(national, index, "count", `${row.count} is more than the total ${total}, expected at most ${total}`);
        const percent = row.reported_percent as number | null | undefined;
        if (percent !== null && percent !== undefined && Math.abs((Number(row.count) / total) * 100 - percent) > 1) {
          const actual = ((Number(row.count) / total) * 100).toFixed(1);
          report(
            national,
            index,
            "reported_percent",
            `${percent} does not match ${row.count} of ${total} (${actual}%), expected a share within 1 point`,
          );
        }
      });
      for (const measure of ["breach-type", "outcome"]) {
        const indexes = national.rows.flatMap((row, index) => (row.measure === measure ? [index] : []));
        if (indexes.length === 0 || !indexes.every((index) => known(national.rows[index]!.count))) continue;
        const sum = indexes.reduce((acc, index) => acc + Number(national.rows[index]!.count), 0);
        if (sum > total)
          report(
            national,
            indexes[0]!,
            "count",
            `the ${measure} counts on ${linesOf(national, indexes, "count")} add up to ${sum}, expected at most the total ${total}`,
          );
      }
    }
  }
  return problems;
}

type Report = (table: ParsedTable, rowIndex: number, field: string, message: string) => void;

/**
 * A group that is part of another (no further action inside "other
 * outcomes") must name a top-level group, and the parts of a group must not
 * add up to more than the group.
 */
function checkOutcomeParts(outcomes: ParsedTable, report: Report): void {
  const byId = new Map(outcomes.rows.filter((row) => known(row.id)).map((row) => [String(row.id), row]));
  const parts = new Map<string, number[]>();
  outcomes.rows.forEach((row, index) => {
    const parent = row.part_of === null || !known(row.part_of) ? undefined : byId.get(String(row.part_of));
    if (!parent) return; // empty, unreadable, or an unknown id (reported by the foreign-key check)
    if (parent === row || parent.part_of !== null) {
      report(
        outcomes,
        index,
        "part_of",
        `${JSON.stringify(row.part_of)} is not a top-level group, expected the id of a group whose part_of is empty`,
      );
      return;
    }
    parts.set(String(parent.id), [...(parts.get(String(parent.id)) ?? []), index]);
  });
  for (const [parentId, indexes] of parts) {
    const parent = byId.get(parentId)!;
    if (!known(parent.count) || !indexes.every((index) => known(outcomes.rows[index]!.count))) continue;
    const sum = indexes.reduce((acc, index) => acc + Number(outcomes.rows[index]!.count), 0);
    if (sum > Number(parent.count)) {
      const where = indexes.length === 1 ? "" : ` on ${linesOf(outcomes, indexes, "count")}`;
      report(
        outcomes,
        indexes[0]!,
        "count",
        `the parts of ${parentId}${where} add up to ${sum}, expected at most its ${parent.count} cases`,
      );
    }
  }
}
