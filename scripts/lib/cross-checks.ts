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
import { idIndex } from "./id-index.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

/** The figure the outcome groups must add up to. */
export const TOTAL_FIGURE_ID = ROW_IDS.metTotal;
/** The period every dated Met case must fall inside. */
export const MET_PERIOD_ID = ROW_IDS.metPeriod;

type Tables = Partial<Record<TableName, ParsedTable>>;

/** Whether a row's field passed its own check (failed cells are left out of the row). */
const known = (value: unknown) => value !== undefined;

/** "lines 2, 3 and 5" for the rows of a table; past `most` lines, "lines 2, 3, … and 12 more". */
function linesOf(table: ParsedTable, indexes: number[], field: string, most = Infinity): string {
  const lines = indexes.slice(0, most).map((index) => String(table.locate(index, field).line));
  if (indexes.length > most) return `lines ${lines.join(", ")} and ${indexes.length - most} more`;
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

  for (const table of Object.values(tables) as ParsedTable[]) checkKeys(table, tables, idsOf, report);

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

  // A figure counted in things is whole: a point in it is a thousands separator (1.300) or a typo.
  figures?.rows.forEach((row, index) => {
    const value = row.value as number | undefined;
    if (row.unit !== "count" || value === undefined || Number.isInteger(value)) return;
    report(
      figures,
      index,
      "value",
      `${value} is not a whole number, expected a whole number for a count (unit count), written without a thousands separator (1300, not 1.300)`,
    );
  });

  if (periods) {
    periods.rows.forEach((row, index) => {
      if (known(row.start) && known(row.end) && String(row.start) > String(row.end))
        report(periods, index, "end", `${row.end} is before the start ${row.start}, expected a later date`);
    });
  }

  const metPeriod = periods?.rows.find((row) => row.id === MET_PERIOD_ID);
  // When every date the column holds is inside the period (ParsedTable.stringsOf), no row's is outside it.
  const inPeriod = (date: string) => !date || (date >= String(metPeriod!.start) && date <= String(metPeriod!.end));
  const dates = metPeriod && cases?.stringsOf?.("date");
  if (cases && metPeriod && known(metPeriod.start) && known(metPeriod.end) && !(dates && [...dates].every(inPeriod))) {
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

/** Ids a table's rows can be checked against: few (a controlled list) are compared one by one, many are looked up. */
function membership(ids: Set<string>): (value: string) => boolean {
  if (ids.size > 16) return (value) => ids.has(value);
  const list = [...ids];
  return (value) => {
    for (let index = 0; index < list.length; index++) if (list[index] === value) return true;
    return false;
  };
}

/**
 * A table's primary key (each value once) and foreign keys (each value an id
 * of the table named), in one pass over the rows: a million rows are read
 * from memory once instead of once per key. Problems are reported in the
 * order of one pass per key, the primary key's first.
 */
function checkKeys(table: ParsedTable, tables: Tables, idsOf: (name: TableName) => Set<string>, report: Report): void {
  const key = table.definition.primaryKey;
  const rows = table.rows;
  // The ids' index (id-index.ts), which the release checks and status then ask too; where a value repeats, its
  // first row is looked up there.
  const index = key ? idIndex(rows, key) : null;
  // A table whose rows could not be read at all has been reported; its keys cannot be checked.
  const foreignKeys = table.definition.foreignKeys
    .filter((foreignKey) => tables[foreignKey.table as TableName])
    .map((foreignKey) => {
      const ids = idsOf(foreignKey.table as TableName);
      return { ...foreignKey, ids, has: membership(ids), unknown: [] as number[] };
    });
  // A column at a time: each loop reads one field of every row, which is quicker than several fields a row.
  for (const foreignKey of foreignKeys) {
    const { field, has, unknown } = foreignKey;
    // When every string the column holds is an id there (ParsedTable.stringsOf), no row cites an unknown one.
    const strings = table.stringsOf?.(field);
    if (strings && [...strings].every(has)) continue;
    for (let index = 0; index < rows.length; index++) {
      const value = rows[index]![field];
      if (value !== null && known(value) && !has(String(value))) unknown.push(index);
    }
  }
  for (const duplicate of index?.duplicates ?? []) {
    const value = String(rows[duplicate]![key!]);
    const line = table.locate(index!.firstRow(value), key!).line;
    report(
      table,
      duplicate,
      key!,
      `${JSON.stringify(value)} is already used on line ${line}, expected a unique ${key}`,
    );
  }
  for (const { field, table: target, ids, unknown } of foreignKeys) {
    // One problem per unknown id, at the first row citing it and naming the others: a deleted row
    // that twelve rows cite is one thing to fix, not twelve identical lines.
    const citing = new Map<string, number[]>();
    for (const index of unknown) {
      const value = String(rows[index]![field]);
      citing.set(value, [...(citing.get(value) ?? []), index]);
    }
    const list = [...ids].join(", ");
    for (const [value, indexes] of citing) {
      const others = indexes.slice(1);
      const also = others.length === 0 ? "" : ` (and on ${linesOf(table, others, field, 10)}, which cite it too)`;
      report(
        table,
        indexes[0]!,
        field,
        `${JSON.stringify(value)} is not an id in data/${target}.csv${also}, expected one of: ${list}`,
      );
    }
  }
}

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
