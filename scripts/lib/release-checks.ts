/**
 * Checks that keep the release history true.
 *
 * Errors (`npm run data`, `data:check`, the build and `npm run release` all
 * refuse): the history a release published is append-only. The rows of
 * corrections.csv and releases.csv that data/release/ holds cannot be
 * edited or deleted, and a published correction's new value must be the
 * value the release copy holds (unless a later correction of the same
 * cell supersedes it).
 *
 * Warnings (so that previewing an edit never needs a correction first;
 * `npm run release` refuses on any of them):
 *
 * - every value published in the last release that the working data
 *   changes, and every published row it removes, has a new correction
 *   naming it by table, row and column, with its old and new value;
 * - every new correction names such a value (a correction that covers
 *   nothing would tell readers about a change that is not there, and let
 *   a real one go untold);
 * - a correction is dated on or after first publication, not after today,
 *   and on or before the release that carries it; releases are in date order.
 */
import Papa from "papaparse";
import { columnSpecs } from "../../src/data/columns.ts";
import { TABLES, type Correction, type Dataset, type TableName } from "../../src/data/schema.ts";
import { idIndex } from "./id-index.ts";
import type { ParsedTable } from "./parse-table.ts";
import type { Problem } from "./problem.ts";

type Tables = Partial<Record<TableName, ParsedTable>>;
type Row = Record<string, unknown>;

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

/** A published row the working data no longer has. */
export interface RemovedRow {
  table: TableName;
  id: string;
  /** The row as the release published it. */
  row: Row;
  /** Its index among the release's rows of the table. */
  index: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The rows of each value table as plain records: a pipeline's parsed tables, or a typed dataset. */
type RowsOf = Partial<Record<TableName, { rows: readonly Row[] }>>;

/** Rows of a typed dataset in the shape the checks read. */
export const datasetRows = (data: Dataset): RowsOf =>
  Object.fromEntries(Object.entries(data).map(([name, rows]) => [name, { rows: rows as unknown as Row[] }])) as RowsOf;

/** The tables of published values that have rows keyed by id (not the release history), with their key. */
function* valueTables(tables: RowsOf) {
  for (const name of Object.keys(tables) as TableName[]) {
    const key = TABLES[name].primaryKey;
    const table = tables[name];
    if (key && table && !HISTORY_TABLES.includes(name)) yield { name, key, table };
  }
}

/**
 * Results already worked out for these tables against this release: the
 * release checks and the release status both ask, and on a large table each
 * answer is a pass over every row.
 */
const answers = new WeakMap<object, WeakMap<Dataset, { changed?: ChangedValue[]; removed?: RemovedRow[] }>>();
function answersFor(tables: RowsOf, baseline: Dataset) {
  let byBaseline = answers.get(tables);
  if (!byBaseline) answers.set(tables, (byBaseline = new WeakMap()));
  let answer = byBaseline.get(baseline);
  if (!answer) byBaseline.set(baseline, (answer = {}));
  return answer;
}

/**
 * Cells of rows present in both the release and the working data (by primary key) whose values differ.
 * The same tables and release give the same array (worked out once): it must not be changed.
 */
export function changedValues(tables: RowsOf, baseline: Dataset): ChangedValue[] {
  const answer = answersFor(tables, baseline);
  answer.changed ??= findChangedValues(tables, baseline);
  return answer.changed;
}

function findChangedValues(tables: RowsOf, baseline: Dataset): ChangedValue[] {
  const changes: ChangedValue[] = [];
  for (const { name, key, table } of valueTables(tables)) {
    const released = new Map((baseline[name] as unknown as Row[]).map((row) => [String(row[key]), row]));
    // Each released id's row, looked up (id-index.ts) rather than each row's id hashed, in row order. A second
    // row with an id already used is a duplicate (reported as such), not a change of the released row.
    const index = idIndex(table.rows, key);
    const found: { rowIndex: number; id: string; before: Row }[] = [];
    for (const [id, before] of released) {
      const rowIndex = index.firstRow(id);
      if (rowIndex !== -1) found.push({ rowIndex, id, before });
    }
    found.sort((a, b) => a.rowIndex - b.rowIndex);
    for (const { rowIndex, id, before } of found) {
      const row = table.rows[rowIndex]!;
      for (const field of Object.keys(before)) {
        if (row[field] === undefined || same(before[field], row[field])) continue;
        changes.push({ table: name, rowIndex, id, field, old: before[field], new: row[field] });
      }
    }
  }
  return changes;
}

/**
 * Published rows (by primary key) that the working data no longer has.
 * The same tables and release give the same array (worked out once): it must not be changed.
 */
export function removedRows(tables: RowsOf, baseline: Dataset): RemovedRow[] {
  const answer = answersFor(tables, baseline);
  answer.removed ??= findRemovedRows(tables, baseline);
  return answer.removed;
}

function findRemovedRows(tables: RowsOf, baseline: Dataset): RemovedRow[] {
  const removed: RemovedRow[] = [];
  for (const { name, key, table } of valueTables(tables)) {
    // The released ids (hundreds) looked up in the index of the working ids (id-index.ts).
    const index = idIndex(table.rows, key);
    (baseline[name] as unknown as Row[]).forEach((row, releasedIndex) => {
      const id = String(row[key]);
      // A row whose id failed its own check once counted as the id "undefined", which a released row may have.
      const seen = index.firstRow(id) !== -1 || (id === "undefined" && index.rowsWithId < table.rows.length);
      if (!seen) removed.push({ table: name, id, row, index: releasedIndex });
    });
  }
  return removed;
}

/** A value as corrections.csv writes it: numbers as typed, yes/no, empty for none. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** "208" for a message: a cell value as an editor typed it. */
export function cellText(value: unknown): string {
  const text = valueText(value);
  return text === "" ? "(empty)" : text;
}

/** `outcomes/formal-action/count`: how messages and waivers name one published value. */
export const valuePath = (table: string, row: string, column: string | null) =>
  column ? `${table}/${row}/${column}` : `${table}/${row}`;

/**
 * Whether a change of this column may be waived as "not a correction": free
 * text only (spelling, wording). Numbers, yes/no, dates, ids, references and
 * controlled lists always need a correction, and so do a quote’s words and speaker.
 */
export function waivable(table: TableName, column: string): boolean {
  const spec = columnSpecs(TABLES[table].schema).find((candidate) => candidate.name === column);
  return Boolean(
    spec &&
    spec.kind === "string" &&
    !spec.pattern &&
    !spec.allowedValues &&
    !spec.format &&
    column !== TABLES[table].primaryKey &&
    !NEVER_WAIVED.has(`${table}/${column}`),
  );
}

/**
 * Text cells whose change is never only wording: a direct quote's words and
 * who said them. Readers who met the quote are told when either changes.
 */
const NEVER_WAIVED = new Set(["quotes/quote", "quotes/speaker"]);

/** The cell a correction names, as a key (quotes' `context` folds into its quote: readers never see it). */
const cellKey = (table: string, row: string, column: string | null) =>
  `${table}\n${row}\n${table === "quotes" && column === "context" ? "quote" : (column ?? "")}`;

/** A row of the history in CSV, as the editor would find it in the file, for messages. */
function csvLine(table: "corrections" | "releases", row: Row): string {
  const fields = columnSpecs(TABLES[table].schema).map((spec) => spec.name);
  return Papa.unparse({ fields, data: [fields.map((field) => valueText(row[field]))] }, { header: false });
}

export interface ReleaseCheckOptions {
  /** The last release's tables, for the values it published; null skips those checks. */
  baseline: Dataset | null;
  /** Version of the last release, for messages. */
  baselineVersion?: string | null;
  /** Path of the release copy's folder, for messages (`data/release`). */
  baselineFolder?: string;
  /** Values released as "not a correction" (`valuePath`s), which need no correction. */
  waived?: ReadonlySet<string>;
  /** Today, YYYY-MM-DD (UTC); a new correction may not be dated after it. */
  today?: string;
}

export function releaseChecks(tables: Tables, options: ReleaseCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const report = (
    severity: "error" | "warning",
    table: ParsedTable,
    rowIndex: number,
    field: string,
    message: string,
  ) =>
    problems.push({
      file: table.file,
      ...table.locate(rowIndex, field),
      field,
      message,
      severity,
      ...(severity === "warning" ? { release: true as const } : {}),
    });
  const warn = (table: ParsedTable, rowIndex: number, field: string, message: string) =>
    report("warning", table, rowIndex, field, message);
  const { corrections, releases } = tables;
  const releaseRows = releases?.rows ?? [];
  const first = releaseRows[0];
  const latestIndex = releaseRows.length - 1;
  const releaseLine = (index: number) => (releases ? releases.locate(index, "date").line : 0);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const baseline = options.baseline;
  const version = options.baselineVersion ?? "the last release";
  const releasedCorrections = baseline?.corrections.length ?? 0;

  if (baseline) problems.push(...appendOnly(tables, baseline, version, options.baselineFolder ?? "data/release"));

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
      // A released correction keeps its date (an embargoed release may be dated ahead).
      if (index >= releasedCorrections && row.date > today) {
        warn(
          corrections,
          index,
          "date",
          `${row.date} is after today (${today}), expected the day the correction is published: today or earlier`,
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
      const advice =
        typeof row.version === "string"
          ? `expected the correction dated on or before ${release.date}: fix its date in ${corrections.file}`
          : `expected npm run release to publish it (a release dated today carries it)`;
      const which = typeof row.version === "string" ? "the release that carries it" : "the latest release";
      warn(
        corrections,
        index,
        "date",
        `${row.date} is after ${which} (${String(release.version)} of ${release.date}, ${releases.file} line ${releaseLine(carrier)}), so the data version readers see would be older than the correction, ${advice}`,
      );
    });
  }

  if (baseline) {
    problems.push(...coverage(tables, baseline, version, options.waived ?? new Set()));
    problems.push(...removedButCited(tables, baseline, version, options.baselineFolder ?? "data/release"));
  }
  return problems;
}

/** "lines 2, 3 and 5" (at most ten listed). */
function lineList(lines: number[]): string {
  const shown = lines.slice(0, 10).map(String);
  const more = lines.length > 10 ? ` and ${lines.length - 10} more` : "";
  if (shown.length === 1) return `line ${shown[0]}`;
  return more ? `lines ${shown.join(", ")}${more}` : `lines ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/**
 * One line that says why a table's citations broke when a published row
 * they cite was deleted (each citing row also gets its own located error
 * from the cross-table checks): which row, where the release had it, and
 * how many rows cite it.
 */
function removedButCited(tables: Tables, baseline: Dataset, version: string, baselineFolder: string): Problem[] {
  const problems: Problem[] = [];
  for (const removed of removedRows(tables, baseline)) {
    const citing: { file: string; lines: number[] }[] = [];
    for (const [name, definition] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
      const table = tables[name];
      if (!table) continue;
      for (const key of definition.foreignKeys.filter((fk) => fk.table === removed.table)) {
        const lines = table.rows.flatMap((row, index) =>
          row[key.field] === removed.id ? [table.locate(index, key.field).line] : [],
        );
        if (lines.length > 0) citing.push({ file: table.file, lines });
      }
    }
    if (citing.length === 0) continue;
    const count = citing.reduce((sum, entry) => sum + entry.lines.length, 0);
    const releasedLine = removed.index + 2;
    const table = tables[removed.table]!;
    problems.push({
      file: table.file,
      line: 1,
      column: 1,
      field: "row",
      message: `${removed.id} was deleted from ${table.file} (line ${releasedLine} of ${baselineFolder}/${removed.table}.csv, release ${version}), and ${count} row${count === 1 ? "" : "s"} still cite${count === 1 ? "s" : ""} it (${citing.map((entry) => `${entry.file} ${lineList(entry.lines)}`).join("; ")}), expected the row back, or each of those rows citing another`,
      severity: "error",
    });
  }
  return problems;
}

/**
 * The released history cannot change: every row of corrections.csv and
 * releases.csv in the release copy must still be there, as released, in
 * its place; and each released correction's new value must be what the
 * release copy holds.
 */
function appendOnly(tables: Tables, baseline: Dataset, version: string, baselineFolder: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of ["corrections", "releases"] as const) {
    const table = tables[name];
    if (!table) continue;
    const released = baseline[name] as unknown as Row[];
    const what = name === "corrections" ? "correction" : "release";
    const differs = (a: Row, b: Row) =>
      Object.keys(a).find((key) => !same(a[key], b[key]) && b[key] !== undefined) ?? null;
    // The first row that differs is reported (after it, a deleted row shifts every row up).
    const index = released.findIndex((before, i) => !table.rows[i] || differs(before, table.rows[i]!) !== null);
    if (index >= 0) {
      const before = released[index]!;
      const now = table.rows[index];
      const next = released[index + 1];
      const line = index + 2;
      const text = csvLine(name, before);
      if (!now || (next && differs(next, now) === null)) {
        problems.push({
          file: table.file,
          line: Math.min(line, table.rows.length + 2),
          column: 1,
          field: "row",
          message: `the ${what} on line ${line} of ${baselineFolder}/${name}.csv, published in release ${version}, is missing: ${text}, expected it back as released (the published history cannot be deleted; a new correction corrects a correction)`,
          severity: "error",
        });
      } else {
        const field = differs(before, now)!;
        problems.push({
          file: table.file,
          ...table.locate(index, field),
          field,
          message: `this ${what} was published in release ${version} and cannot be edited (${cellText(before[field])} -> ${cellText(now[field])}), expected it as released: ${text} (a new correction corrects a correction)`,
          severity: "error",
        });
      }
    }
  }

  // The last correction of each cell says what the release copy holds.
  const corrections = tables.corrections;
  const latest = new Map<string, number>();
  baseline.corrections.forEach((correction, index) => {
    if (correction.table && correction.row)
      latest.set(cellKey(correction.table, correction.row, correction.column), index);
  });
  for (const index of latest.values()) {
    const correction = baseline.corrections[index]!;
    if (!correction.table || !correction.row || !correction.column || !corrections) continue;
    const key = TABLES[correction.table].primaryKey ?? "id";
    const row = (baseline[correction.table] as unknown as Row[]).find((r) => String(r[key]) === correction.row);
    if (!row || !(correction.column in row)) continue;
    const held = valueText(row[correction.column]);
    if (held === (correction.new_value ?? "")) continue;
    problems.push({
      file: corrections.file,
      ...corrections.locate(index, "new_value"),
      field: "new_value",
      message: `${correction.new_value ?? "(empty)"} is not what release ${version} published for ${valuePath(correction.table, correction.row, correction.column)} (${baselineFolder}/${correction.table}.csv holds ${held || "(empty)"}), expected the released correction to agree with the released data`,
      severity: "error",
    });
  }
  return problems;
}

/** Each changed or removed published value has a new correction naming it, and each new correction names one. */
function coverage(tables: Tables, baseline: Dataset, version: string, waived: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const corrections = tables.corrections;
  const fresh = (corrections?.rows ?? [])
    .map((row, index) => ({ row: row as Partial<Correction>, index }))
    .slice(baseline.corrections.length);
  const used = new Set<number>();
  const named = (table: string, id: string, column: string | null) =>
    fresh.filter(
      ({ row }) =>
        row.table && row.row && cellKey(row.table, row.row, row.column ?? null) === cellKey(table, id, column),
    );
  const warnCorrection = (index: number, field: string, message: string) =>
    problems.push({
      file: corrections!.file,
      ...corrections!.locate(index, field),
      field,
      message,
      severity: "warning",
      release: true,
    });

  const changes = changedValues(tables, baseline);
  for (const change of changes) {
    const table = tables[change.table]!;
    const path = valuePath(change.table, change.id, change.field);
    const candidates = named(change.table, change.id, change.field);
    candidates.forEach(({ index }) => used.add(index));
    if (waived.has(path)) continue;
    const folded = change.table === "quotes" && change.field === "context";
    // A context folded into its quote's correction needs only that the quote is named.
    const exact = candidates.find(
      ({ row }) =>
        (folded && row.column === "quote") ||
        (row.column === change.field &&
          (row.old_value ?? "") === valueText(change.old) &&
          (row.new_value ?? "") === valueText(change.new)),
    );
    if (exact) continue;
    const wrong = candidates.find(({ row }) => row.column === change.field);
    if (wrong && corrections) {
      warnCorrection(
        wrong.index,
        "old_value",
        `names ${path} with ${cellText(wrong.row.old_value)} -> ${cellText(wrong.row.new_value)}, but release ${version} published ${cellText(change.old)} and the data now holds ${cellText(change.new)}, expected old_value ${cellText(change.old)} and new_value ${cellText(change.new)}`,
      );
      continue;
    }
    problems.push({
      file: table.file,
      ...table.locate(change.rowIndex, change.field),
      field: change.field,
      message: `${cellText(change.old)} -> ${cellText(change.new)} changes a value published in release ${version}, expected a correction naming ${path} in data/corrections.csv (npm run release -- --change "what changed" --reason "why" writes it)${waivable(change.table, change.field) ? `, or npm run release -- --not-a-correction "${path}: why" for a wording fix` : ""}`,
      severity: "warning",
      release: true,
    });
  }

  for (const removed of removedRows(tables, baseline)) {
    const candidates = named(removed.table, removed.id, null);
    candidates.forEach(({ index }) => used.add(index));
    if (candidates.length > 0) continue;
    const table = tables[removed.table]!;
    problems.push({
      file: table.file,
      line: 1,
      column: 1,
      field: "row",
      message: `${removed.id} was published in release ${version} and is removed, expected a correction naming ${valuePath(removed.table, removed.id, null)} that says why (npm run release -- --change "what was removed" --reason "why" writes it)`,
      severity: "warning",
      release: true,
    });
  }

  for (const { row, index } of fresh) {
    if (used.has(index)) continue;
    const names = row.table && row.row ? valuePath(row.table, row.row, row.column ?? null) : null;
    warnCorrection(
      index,
      names ? "table" : "change",
      names
        ? `names ${names}, which the data does not change since release ${version}, expected the table, row and column of a changed or removed published value (npm run data:diff lists them)`
        : `names no published value, expected the table, row and column of the value it corrects, with its old and new value (npm run release writes them; npm run data:diff lists the changed values)`,
    );
  }
  return problems;
}
