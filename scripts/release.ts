/**
 * `npm run release`: publish the working data/ as a new version.
 *
 *   npm run release -- --kind correction --note "Outcome counts restated." \
 *     --change "One case moved from formal action to other outcomes." --reason "The Met restated its outcome."
 *   npm run release -- --kind rows --note "Two new examples."
 *   npm run release -- --kind correction --note "Typo fixed." --not-a-correction "cases/case-08/summary: spelling"
 *   npm run release -- --undo
 *
 * Options (asked for when missing and the terminal is interactive):
 *   --kind correction|rows|columns   what the release carries; it numbers the version (the rule below)
 *   --note "…"                       what the release contains (releases.csv)
 *   --change "…"                     what changed, the sentence readers see: one correction per changed
 *                                    or removed published value that data/corrections.csv does not cover yet
 *   --reason "…"                     why it changed (readers see it too)
 *   --not-a-correction "table/row/column: why"
 *                                    a changed text cell that is a wording fix (spelling), not a correction;
 *                                    repeat it for each; refused for numbers, ids, dates and lists
 *   --date YYYY-MM-DD                the release's date (default: today, UTC); never after today...
 *   --embargo                        ...unless the release is embargoed until that day (the deploy build waits)
 *   --yes                            release without asking to confirm (a terminal asks otherwise)
 *   --undo                           take back the last release, if it is not committed yet
 *
 * Version rule: correction (published values corrected) -> patch, 1.0.0 ->
 * 1.0.1; rows (rows added or removed) -> minor, 1.1.0; columns (a column
 * added, removed or its meaning changed) -> major, 2.0.0. A kind smaller
 * than the edit needs is refused. (`addition` and `structure`, the former
 * names, are read as rows and columns.)
 *
 * It appends to releases.csv and corrections.csv, records the new release
 * in data/release/ (so the next `npm run data:diff` reports no change),
 * moves CITATION.cff's version, and keeps what it replaced in
 * .release-undo/ (git-ignored) for --undo. Every file is read through the
 * pipeline's decoder (Excel's Windows-1252, BOMs, CRLF) and written as
 * UTF-8. It refuses, with located messages and exit 1 and nothing written,
 * when the data is invalid, nothing changed, a changed or removed published
 * value has no correction naming it, a correction names nothing that
 * changed, the released history was edited, or a date is impossible or in
 * the future.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { columnSpecs } from "../src/data/columns.ts";
import { fullSentence, partsText, rowName } from "../src/lib/correction-text.ts";
import { TABLE_NAMES, TABLES, type Dataset, type TableName } from "../src/data/schema.ts";
import { BASELINE_FOLDER, recordBaseline } from "./lib/baseline.ts";
import {
  chartsMovedBy,
  diffData,
  FORMER_KIND_NAMES,
  KIND_RANK,
  nextVersion,
  type ChangeKind,
  type DiffReport,
} from "./lib/data-diff.ts";
import { explainBadDate, paddedDate } from "./lib/date-words.ts";
import { decodeCsv } from "./lib/decode-csv.ts";
import { runPipeline } from "./lib/pipeline.ts";
import { formatProblem, type Problem } from "./lib/problem.ts";
import {
  cellText,
  changedValues,
  datasetRows,
  removedRows,
  valuePath,
  valueText,
  waivable,
  type ChangedValue,
  type RemovedRow,
} from "./lib/release-checks.ts";

const KINDS: ChangeKind[] = ["correction", "rows", "columns"];
const root = process.cwd();
const dataDir = join(root, "data");
/** What the last release replaced, for --undo (git-ignored). */
const undoDir = join(root, ".release-undo");
/** Files a release writes, besides data/release/. */
const WRITTEN_FILES = ["data/corrections.csv", "data/releases.csv", "CITATION.cff"];

class Refusal extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

const { values: args } = parseArgs({
  options: {
    kind: { type: "string" },
    note: { type: "string" },
    change: { type: "string" },
    reason: { type: "string" },
    "not-a-correction": { type: "string", multiple: true },
    date: { type: "string" },
    embargo: { type: "boolean" },
    yes: { type: "boolean" },
    undo: { type: "boolean" },
  },
  strict: true,
});

const interactive = Boolean(process.stdin.isTTY);

/** The terminal's answers, line by line: one reader for the whole session, so typed-ahead lines are kept. */
let terminal: { prompt: Interface; lines: AsyncIterator<string> } | null = null;

async function ask(question: string): Promise<string | undefined> {
  if (!interactive) return undefined;
  if (!terminal) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    terminal = { prompt, lines: prompt[Symbol.asyncIterator]() };
  }
  process.stderr.write(question);
  const answer = await terminal.lines.next();
  return answer.done ? undefined : answer.value.trim() || undefined;
}

/** Lets the process end: an open reader would keep waiting for the terminal. */
function closeTerminal(): void {
  terminal?.prompt.close();
  terminal = null;
}

/** Today, UTC, YYYY-MM-DD. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The release date, checked before anything else is read: a real day, not
 * after today unless embargoed (and then after today).
 */
function releaseDate(): string {
  const date = args.date ?? today();
  const padded = paddedDate(date);
  if (padded && !explainBadDate(padded))
    throw new Refusal(`--date ${date} has a one-digit month or day, expected two digits each: ${padded}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Refusal(`--date ${date}: not a date, expected YYYY-MM-DD`);
  const bad = explainBadDate(date);
  if (bad) throw new Refusal(`--date ${date}: ${bad}`);
  if (args.embargo && date <= today())
    throw new Refusal(`--embargo needs a --date after today (${today()}): the day readers may see the release`);
  if (!args.embargo && date > today())
    throw new Refusal(
      `--date ${date} is after today (${today()}): a release is dated the day it is published, expected today or earlier (or --embargo, so that the deploy build waits until ${date})`,
    );
  return date;
}

/** A history table's rows as text, decoded as the pipeline decodes it (Windows-1252, BOM, CRLF). */
async function readRows(name: "corrections" | "releases"): Promise<Record<string, string>[]> {
  const path = join(dataDir, `${name}.csv`);
  const decoded = decodeCsv(await readFile(path), relative(root, path));
  if (decoded.text === null) throw new Refusal(`data/${name}.csv cannot be read`, decoded.problems);
  return Papa.parse<Record<string, string>>(decoded.text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transform: (value) => value.trim(),
  }).data;
}

/** A table as UTF-8 CSV with every column of its schema (optional ones included), quoted only where needed. */
function csvOf(name: TableName, rows: Record<string, string>[]): string {
  const fields = columnSpecs(TABLES[name].schema).map((spec) => spec.name);
  const data = rows.map((row) => fields.map((field) => row[field] ?? ""));
  // PapaParse ends a header-only table with a line break, and a table with rows without one.
  return `${Papa.unparse({ fields, data }, { newline: "\n" }).replace(/\n$/, "")}\n`;
}

/** What a release compares: the diff report, the last release's data and the working data. */
interface Compared {
  report: DiffReport;
  published: Dataset;
  working: Dataset;
}

/** The fact keys a changed value moves (from the diff report), and the charts it alone moves. */
function touched({ report, published, working }: Compared, table: TableName, id: string, column: string | null) {
  const facts = report.facts
    .filter((fact) => fact.key === `${table}:${id}` || fact.key.startsWith(`${table}:${id}:`))
    .map((fact) => fact.key);
  const derived = report.facts.filter((fact) => fact.key.startsWith("derived:")).map((fact) => fact.key);
  const charts = chartsMovedBy(published, working, table, id, column);
  return { figures: [...facts, ...derived].join(" "), charts: charts.join(" ") };
}

/** `--not-a-correction "cases/case-08/summary: spelling"`, each checked against the changed values. */
function waivers(changes: ChangedValue[]): Map<string, string> {
  const waived = new Map<string, string>();
  const list = changes.map((change) => `  ${valuePath(change.table, change.id, change.field)}`).join("\n");
  for (const waiver of args["not-a-correction"] ?? []) {
    const match = /^\s*([a-z]+)\/([a-z0-9-]+)\/([a-z_]+)\s*:\s*(\S.*)$/.exec(waiver);
    if (!match)
      throw new Refusal(
        `--not-a-correction "${waiver}" names no value, expected "table/row/column: why" for each wording fix, such as "cases/case-08/summary: spelling"; the changed values are:\n${list}`,
      );
    const [, table, row, column, why] = match as unknown as [string, string, string, string, string];
    const path = valuePath(table, row, column);
    const change = changes.find((c) => valuePath(c.table, c.id, c.field) === path);
    if (!change) throw new Refusal(`--not-a-correction ${path}: that value did not change, expected one of:\n${list}`);
    if (!waivable(change.table, change.field))
      throw new Refusal(
        `--not-a-correction ${path}: ${cellText(change.old)} -> ${cellText(change.new)} changes a number, id, date or listed value, which readers must be told about, expected a correction (--change "…" --reason "…"); only a text cell's wording fix may be waived`,
      );
    waived.set(path, why.trim());
  }
  return waived;
}

/** The corrections this release writes: one per changed or removed published value no correction names yet. */
function correctionRows(
  compared: Compared,
  pending: { changes: ChangedValue[]; removed: RemovedRow[] },
  words: { date: string; change: string; reason: string; version: string },
): Record<string, string>[] {
  const base = { date: words.date, change: words.change, reason: words.reason, version: words.version };
  // A quote whose words changed carries its passage's change too: readers never see `context`.
  const quoteWords = new Set(
    pending.changes.filter((c) => c.table === "quotes" && c.field === "quote").map((change) => change.id),
  );
  const values = pending.changes
    .filter((change) => !(change.table === "quotes" && change.field === "context" && quoteWords.has(change.id)))
    .map((change) => ({
      ...base,
      table: change.table,
      row: change.id,
      column: change.field,
      old_value: valueText(change.old),
      new_value: valueText(change.new),
      ...touched(compared, change.table, change.id, change.field),
    }));
  const removals = pending.removed.map((removed) => ({
    ...base,
    table: removed.table,
    row: removed.id,
    column: "",
    // The whole row in words, for readers ("Removed: …"): a case by its full summary.
    old_value: partsText(rowName(removed.table, removed.row, { whole: true })),
    new_value: "",
    ...touched(compared, removed.table, removed.id, null),
  }));
  return [...values, ...removals];
}

/** Whether a correction row (as text) names this changed value or removed row. */
const names = (row: Record<string, string>, table: string, id: string, column: string) =>
  row.table === table &&
  row.row === id &&
  ((row.column ?? "") === column || (table === "quotes" && column === "context" && row.column === "quote"));

/** Asks to confirm in a terminal (unless --yes); proceeds when not interactive (every flag was given). */
async function confirm(question: string): Promise<void> {
  if (args.yes || !interactive) return;
  const answer = (await ask(`${question} [y/N] `)) ?? "";
  if (!/^y(es)?$/i.test(answer)) throw new Refusal("not confirmed");
}

async function release(): Promise<void> {
  const date = releaseDate();
  const result = await diffData({ root });
  if (!result.ok || !result.report || !result.baseline?.version || !result.baseline.dataset || !result.working) {
    throw new Refusal("the data has errors: fix them (npm run data:check), then release", result.problems);
  }
  const report = result.report;
  const from = result.baseline.version;
  const published: Dataset = result.baseline.dataset;
  const compared: Compared = { report, published, working: result.working };
  if (!report.changed) throw new Refusal(`no change since release ${from}: nothing to release`);

  const asked = args.kind ?? (await ask(`Kind of change (${KINDS.join(", ")}) [${report.kind}]: `)) ?? report.kind;
  const kind = (FORMER_KIND_NAMES[String(asked)] ?? asked) as ChangeKind;
  if (FORMER_KIND_NAMES[String(asked)]) console.log(`(--kind ${String(asked)} is now called ${kind}.)`);
  if (!KINDS.includes(kind))
    throw new Refusal(`--kind ${String(kind)} is not a kind of change, expected one of: ${KINDS.join(", ")}`);
  if (report.kind && KIND_RANK[kind] < KIND_RANK[report.kind]) {
    const why = report.kind === "columns" ? "changes a column" : "adds or removes rows";
    throw new Refusal(`the edit ${why}: a ${kind} release cannot carry it, expected --kind ${report.kind}`);
  }
  const note = args.note ?? (await ask("Note (what the release contains): "));
  if (!note) throw new Refusal('no note, expected --note "what the release contains"');
  const version = nextVersion(from, kind);

  // What readers must be told about, less what corrections.csv already says and the wording fixes waived.
  const working = datasetRows(result.working);
  const changes = changedValues(working, published);
  const removed = removedRows(working, published);
  const waived = waivers(changes);
  const corrections = await readRows("corrections");
  const fresh = corrections.slice(published.corrections.length);
  const pending = {
    changes: changes.filter(
      (change) =>
        !waived.has(valuePath(change.table, change.id, change.field)) &&
        !fresh.some((row) => names(row, change.table, change.id, change.field)),
    ),
    removed: removed.filter((row) => !fresh.some((written) => names(written, row.table, row.id, ""))),
  };
  const toTell = pending.changes.length + pending.removed.length;
  if (changes.length + removed.length === 0 && (args.change || args.reason))
    throw new Refusal(
      "--change and --reason write the corrections of changed or removed published values, and this release changes none (it adds rows): say what it contains in --note",
    );
  if (toTell === 0 && (args.change || args.reason))
    console.log(
      "(--change and --reason are not used: every changed value already has its correction in data/corrections.csv, or is waived.)",
    );
  let change = args.change;
  let reason = args.reason;
  if (toTell > 0) {
    const list = [
      ...pending.changes.map((c) => `  ${valuePath(c.table, c.id, c.field)}: ${cellText(c.old)} -> ${cellText(c.new)}`),
      ...pending.removed.map((r) => `  ${valuePath(r.table, r.id, null)}: removed`),
    ].join("\n");
    if ((!change || !reason) && interactive)
      console.error(`${toTell} published value(s) changed or removed, each needs a correction:\n${list}`);
    change ??= await ask("What changed, in a sentence readers will see: ");
    reason ??= await ask("Why it changed, in a sentence readers will see: ");
    // The checks' own located messages, as the release refuses them.
    const located = result.problems
      .filter((problem) => problem.release)
      .map((problem): Problem => ({ ...problem, severity: "error" }));
    if (!change || !reason)
      throw new Refusal(
        'a published value changed without a correction: add --change "what changed" --reason "why" (they write a correction naming each value above), or a row naming it to data/corrections.csv, or --not-a-correction "table/row/column: why" for a wording fix',
        located,
      );
  }

  // The release as it would be written, checked in a copy of data/ before anything is touched.
  for (const row of fresh) {
    if (!row.version) row.version = version;
    // A row written by hand names its value; what that value moves (figures, charts) is the release's to fill in,
    // so its chart says "see the correction" like a row the release wrote.
    if (row.table && row.row && !row.figures && !row.charts)
      Object.assign(row, touched(compared, row.table as TableName, row.row, row.column || null));
  }
  const written =
    toTell > 0 ? correctionRows(compared, pending, { date, change: change!, reason: reason!, version }) : [];
  corrections.push(...written);
  const releases = await readRows("releases");
  const wording = [...waived.values()];
  const fullNote =
    wording.length > 0
      ? `${fullSentence(note)} Not a correction (wording only): ${fullSentence(wording.join("; "))}`
      : note.trim();
  const releaseRow = { version, date, note: fullNote, charts: report.charts.map((chart) => chart.id).join(" ") };
  releases.push(releaseRow);
  const correctionsCsv = csvOf("corrections", corrections);
  const releasesCsv = csvOf("releases", releases);

  const staging = await mkdtemp(join(tmpdir(), "met-release-"));
  try {
    for (const name of TABLE_NAMES) await copyFile(join(dataDir, `${name}.csv`), join(staging, `${name}.csv`));
    await writeFile(join(staging, "corrections.csv"), correctionsCsv);
    await writeFile(join(staging, "releases.csv"), releasesCsv);
    const check = await runPipeline({
      dataDir: staging,
      outDir: join(staging, "out"),
      checkOnly: true,
      cwd: root,
      baseline: published,
      baselineVersion: from,
      // The staging copy holds the released tables only (not data/publication.csv, which is never released).
      tablesOnly: true,
      baselineFolder: relative(root, join(dataDir, BASELINE_FOLDER)),
      textDir: join(dataDir, "source-text"),
      waived: new Set(waived.keys()),
      today: args.embargo ? date : today(),
    });
    // Messages name the editor's files, not the staging copy: the lines are the same.
    const stagingPath = relative(root, staging);
    const dataPath = relative(root, dataDir) || "data";
    const located = check.problems.map((problem): Problem => ({
      ...problem,
      file: relative(root, join(dataDir, relative(stagingPath, problem.file))),
      message: problem.message.replaceAll(`${stagingPath}/`, `${dataPath}/`),
      // What data:check only warns about, a release refuses.
      severity: problem.release ? "error" : problem.severity,
    }));
    const refused = located.filter((problem) => problem.severity === "error");
    if (refused.length > 0) {
      const why = refused.some((problem) => problem.message.includes("changes a value published"))
        ? 'a published value changed without a correction: add --change "…" --reason "…" (or a row naming it to data/corrections.csv), or --not-a-correction "table/row/column: why" for a wording fix'
        : "the release history would disagree with itself or with the data";
      throw new Refusal(why, refused);
    }

    // Everything it will write, for the editor to see before it is written.
    console.log(`Release ${version} (${date}${args.embargo ? ", embargoed until then" : ""}, ${kind}), after ${from}:`);
    console.log(`  data/releases.csv gains: ${csvOf("releases", [releaseRow]).split("\n")[1]}`);
    const correctionLines = csvOf("corrections", written).trim().split("\n").slice(1);
    const stamped = fresh.map((row) => csvOf("corrections", [row]).trim().split("\n")[1]);
    if (stamped.length > 0)
      console.log(
        `  data/corrections.csv, rows you wrote, now of ${version}:\n${stamped.map((l) => `    ${l}`).join("\n")}`,
      );
    if (correctionLines.length > 0)
      console.log(`  data/corrections.csv gains:\n${correctionLines.map((l) => `    ${l}`).join("\n")}`);
    for (const [path, why] of waived) console.log(`  not a correction (wording): ${path}: ${why}`);
    console.log(`  data/release/ becomes this data; CITATION.cff cites ${version} of ${date}.`);
    await confirm(`Release ${version}?`);

    await keepForUndo(version);
    // Write: the two history tables (each by rename, as UTF-8), then the new baseline.
    for (const name of ["corrections", "releases"] as const) {
      const target = join(dataDir, `${name}.csv`);
      await copyFile(join(staging, `${name}.csv`), `${target}.tmp-${process.pid}`);
      await rename(`${target}.tmp-${process.pid}`, target);
    }
    await recordBaseline(dataDir);
    await updateCitationFile(version, date);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  console.log(`Released ${version} (${date}, ${kind}): ${fullNote}`);
  if (written.length > 0)
    console.log(`Wrote ${written.length} correction${written.length === 1 ? "" : "s"} to data/corrections.csv.`);
  if (report.charts.length > 0)
    console.log(`Charts updated: ${report.charts.map((chart) => chart.id).join(", ")} (they show “Updated ${date}”).`);
  console.log("data/release/ now holds this release: npm run data:diff reports no change.");
  console.log("Files written: data/corrections.csv, data/releases.csv, data/release/, CITATION.cff.");
  console.log(
    `Next: git add data/ CITATION.cff && git commit -m "Release ${version}", then npm run build:deploy and deploy dist/ (README, Publishing a change).`,
  );
  console.log("To take it back before committing: npm run release -- --undo");
}

/** Copies every file the release replaces into .release-undo/, with the version it is about to write. */
async function keepForUndo(version: string): Promise<void> {
  await rm(undoDir, { recursive: true, force: true });
  await mkdir(join(undoDir, "files", "data"), { recursive: true });
  for (const file of WRITTEN_FILES)
    if (existsSync(join(root, file))) await copyFile(join(root, file), join(undoDir, "files", file));
  await cp(join(dataDir, BASELINE_FOLDER), join(undoDir, "files", "data", BASELINE_FOLDER), { recursive: true });
  await writeFile(join(undoDir, "release.json"), `${JSON.stringify({ version, files: WRITTEN_FILES }, null, 2)}\n`);
}

/** Whether git says the file differs from the last commit (null outside a git repository). */
function uncommitted(file: string): boolean | null {
  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, stdio: "ignore" });
  } catch {
    return null;
  }
  try {
    execFileSync("git", ["diff", "--quiet", "HEAD", "--", file], { cwd: root, stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
}

/** `--undo`: puts back every file the last release replaced, while it is not committed. */
async function undo(): Promise<void> {
  const record = await readFile(join(undoDir, "release.json"), "utf8").catch(() => null);
  if (record === null)
    throw new Refusal(
      "there is no release to undo: npm run release keeps what it replaced until the next release, and none was made here",
    );
  const { version, files } = JSON.parse(record) as { version: string; files: string[] };
  const current = (await readRows("releases")).at(-1)?.version;
  if (current !== version)
    throw new Refusal(
      `the last release in data/releases.csv is ${String(current)}, not ${version} (the one kept for undo): undo it by hand with git`,
    );
  if (uncommitted("data/releases.csv") === false)
    throw new Refusal(
      `release ${version} is committed: take it back with git (git revert), not --undo, since a committed release may be deployed`,
    );
  for (const file of files) {
    const kept = join(undoDir, "files", file);
    if (existsSync(kept)) await copyFile(kept, join(root, file));
  }
  const baseline = join(dataDir, BASELINE_FOLDER);
  await rm(`${baseline}.undo-${process.pid}`, { recursive: true, force: true });
  await cp(join(undoDir, "files", "data", BASELINE_FOLDER), `${baseline}.undo-${process.pid}`, { recursive: true });
  await rm(baseline, { recursive: true, force: true });
  await rename(`${baseline}.undo-${process.pid}`, baseline);
  await rm(undoDir, { recursive: true, force: true });
  console.log(
    `Took back release ${version}: ${[...files, `data/${BASELINE_FOLDER}/`].join(", ")} are as they were before it.`,
  );
  console.log("Your edits to data/ are still there: npm run data:diff shows them.");
}

/**
 * CITATION.cff names the data's version and release date (test/citation.test.ts
 * holds it to releases.csv): a release moves both, leaving the rest of the
 * hand-kept file as it is. A project without the file has nothing to update.
 */
async function updateCitationFile(version: string, date: string): Promise<void> {
  const file = join(root, "CITATION.cff");
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return;
  const updated = text
    .replace(/^version: .*$/m, `version: "${version}"`)
    .replace(/^date-released: .*$/m, `date-released: "${date}"`);
  await writeFile(`${file}.tmp-${process.pid}`, updated);
  await rename(`${file}.tmp-${process.pid}`, file);
  console.log(`CITATION.cff now cites version ${version} of ${date}.`);
}

try {
  if (args.undo) await undo();
  else await release();
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  console.error(`\n${args.undo ? "undo" : "release"} refused: ${error.message}. Nothing was written.`);
  process.exitCode = 1;
} finally {
  closeTerminal();
}
