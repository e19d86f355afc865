/**
 * Checks that need more than one row or one table: unique ids, references
 * that resolve, totals that reconcile, dates inside their period.
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

export function crossCheck(tables: Tables): Problem[] {
  const problems: Problem[] = [];
  const report = (table: ParsedTable, rowIndex: number, field: string, message: string) =>
    problems.push({ file: table.file, ...table.locate(rowIndex, field), field, message, severity: "error" });
  const ids = (name: TableName) => {
    const key = TABLES[name].primaryKey;
    return key ? new Set(tables[name]?.rows.map((row) => String(row[key]))) : new Set<string>();
  };

  for (const table of Object.values(tables) as ParsedTable[]) {
    const key = table.definition.primaryKey;
    if (key) {
      // A Set on the hot path; where a value repeats, its first row is looked up (error path only).
      const seen = new Set<string>();
      const rows = table.rows;
      for (let index = 0; index < rows.length; index++) {
        const value = String(rows[index]![key]);
        if (!seen.has(value)) {
          seen.add(value);
          continue;
        }
        const first = rows.findIndex((row) => String(row[key]) === value);
        const line = table.locate(first, key).line;
        report(table, index, key, `${JSON.stringify(value)} is already used on line ${line}, expected a unique ${key}`);
      }
    }
    for (const foreignKey of table.definition.foreignKeys) {
      // A table that failed to parse has already been reported; its keys cannot be checked.
      const target = foreignKey.table as TableName;
      if (!tables[target]) continue;
      const known = ids(target);
      table.rows.forEach((row, index) => {
        const value = row[foreignKey.field];
        if (value !== null && !known.has(String(value))) {
          const list = [...known].join(", ");
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
      const total = Number(figures.rows[totalIndex]!.value);
      // Top-level groups share out the total; a group that is part of another counts inside it.
      const topLevel = outcomes.rows.filter((row) => row.part_of === null);
      const sum = topLevel.reduce((acc, row) => acc + Number(row.count), 0);
      if (sum !== total) {
        report(
          outcomes,
          outcomes.rows.lastIndexOf(topLevel.at(-1) ?? outcomes.rows.at(-1)!),
          "count",
          `the top-level outcome counts (part_of empty) add up to ${sum}, expected ${total} (the total in data/figures.csv line ${figures.locate(totalIndex, "value").line})`,
        );
      }
    }
  }
  if (outcomes) checkOutcomeParts(outcomes, report);

  if (periods) {
    periods.rows.forEach((row, index) => {
      if (String(row.start) > String(row.end))
        report(periods, index, "end", `${row.end} is before the start ${row.start}, expected a later date`);
    });
  }

  const metPeriod = periods?.rows.find((row) => row.id === MET_PERIOD_ID);
  if (cases && metPeriod) {
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
    if (!totalRow)
      report(national, 0, "measure", "no row has the measure total, expected one row with the national total");
    else {
      const total = Number(totalRow.count);
      national.rows.forEach((row, index) => {
        if (row.measure === "total") return;
        if (Number(row.count) > total)
          report(national, index, "count", `${row.count} is more than the total ${total}, expected at most ${total}`);
        const percent = row.reported_percent as number | null;
        if (percent !== null && Math.abs((Number(row.count) / total) * 100 - percent) > 1) {
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
        const rows = national.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.measure === measure);
        const sum = rows.reduce((acc, { row }) => acc + Number(row.count), 0);
        if (sum > total && rows.length)
          report(
            national,
            rows.at(-1)!.index,
            "count",
            `the ${measure} counts add up to ${sum}, expected at most the total ${total}`,
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
  const byId = new Map(outcomes.rows.map((row) => [String(row.id), row]));
  const partsSum = new Map<string, number>();
  outcomes.rows.forEach((row, index) => {
    const parent = row.part_of === null ? undefined : byId.get(String(row.part_of));
    if (!parent) return; // empty, or an unknown id (reported by the foreign-key check)
    if (parent === row || parent.part_of !== null) {
      report(
        outcomes,
        index,
        "part_of",
        `${JSON.stringify(row.part_of)} is not a top-level group, expected the id of a group whose part_of is empty`,
      );
      return;
    }
    const sum = (partsSum.get(String(parent.id)) ?? 0) + Number(row.count);
    partsSum.set(String(parent.id), sum);
    if (sum > Number(parent.count))
      report(
        outcomes,
        index,
        "count",
        `the parts of ${parent.id} add up to ${sum}, expected at most its ${parent.count} cases`,
      );
  });
}
