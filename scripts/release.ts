/**
 * `npm run release`: publish the working data/ as a new version.
 *
 *   npm run release -- --kind correction --note "Outcome counts restated" --reason "The Met restated one case"
 *   npm run release -- --kind addition --note "Two new examples"
 *   npm run release -- --kind correction --note "Typo" --not-a-correction "a spelling fix, no figure changed"
 *
 * Options (asked for when missing and the terminal is interactive):
 *   --kind correction|addition|structure   what changed; it numbers the version (the rule below)
 *   --note "…"                             what the release contains (releases.csv)
 *   --reason "…"                           why published values changed: writes a correction per changed value
 *   --not-a-correction "…"                 why changed values need no correction (kept in the release note)
 *   --date YYYY-MM-DD                      the release's date (default: today, UTC)
 *
 * Version rule: correction (a value corrected) -> patch, 1.0.0 -> 1.0.1;
 * addition (rows added or removed) -> minor, 1.1.0; structure (a column
 * added, removed or its meaning changed) -> major, 2.0.0. A kind smaller
 * than the edit needs is refused.
 *
 * It appends to releases.csv (and corrections.csv), then records the new
 * release in data/release/, so the next `npm run data:diff` reports no
 * change. It refuses, with located messages and exit 1, when the data is
 * invalid, nothing changed, a changed published value has no correction (nor
 * --not-a-correction), a correction is dated before first publication, or
 * the release would be dated before a correction it carries.
 */
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { columnSpecs } from "../src/data/columns.ts";
import { TABLE_NAMES, TABLES, type Dataset, type TableName } from "../src/data/schema.ts";
import { loadBaseline, recordBaseline } from "./lib/baseline.ts";
import { diffData, KIND_RANK, nextVersion, type ChangeKind, type DiffReport } from "./lib/data-diff.ts";
import { runPipeline } from "./lib/pipeline.ts";
import { formatProblem, type Problem } from "./lib/problem.ts";
import { HISTORY_TABLES } from "./lib/release-checks.ts";

const KINDS: ChangeKind[] = ["correction", "addition", "structure"];
const root = process.cwd();
const dataDir = join(root, "data");

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
    reason: { type: "string" },
    "not-a-correction": { type: "string" },
    date: { type: "string" },
  },
  strict: true,
});

async function ask(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = (await prompt.question(question)).trim();
  prompt.close();
  return answer || undefined;
}

/** A table's rows as plain strings (header mode), to append to and write back. */
async function readRows(name: TableName): Promise<Record<string, string>[]> {
  const text = (await readFile(join(dataDir, `${name}.csv`), "utf8")).replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy" }).data;
}

/** A table as CSV with every column of its schema (optional ones included), quoted only where needed. */
function csvOf(name: TableName, rows: Record<string, string>[]): string {
  const fields = columnSpecs(TABLES[name].schema).map((spec) => spec.name);
  const data = rows.map((row) => fields.map((field) => row[field] ?? ""));
  // PapaParse ends a header-only table with a line break, and a table with rows without one.
  return `${Papa.unparse({ fields, data }, { newline: "\n" }).replace(/\n$/, "")}\n`;
}

/** One correction per published value the edit changes, in words a reader understands. */
function correctionRows(
  report: DiffReport,
  working: Dataset,
  date: string,
  reason: string,
  version: string,
): Record<string, string>[] {
  const charts = report.charts.map((chart) => chart.id).join(" ");
  const derived = report.facts.filter((fact) => fact.key.startsWith("derived:")).map((fact) => fact.key);
  return report.tables
    .filter((table) => !HISTORY_TABLES.includes(table.table))
    .flatMap((table) =>
      table.changed.map((cell) => {
        const facts = report.facts
          .filter(
            (fact) => fact.key === `${table.table}:${cell.id}` || fact.key.startsWith(`${table.table}:${cell.id}:`),
          )
          .map((fact) => fact.key);
        const row = (working[table.table] as unknown as Record<string, unknown>[]).find(
          (candidate) => String(candidate[TABLES[table.table].primaryKey ?? "id"]) === cell.id,
        );
        const label = typeof row?.label === "string" ? row.label : cell.id;
        return {
          date,
          change: `${TABLES[table.table].title}: ${label} (${cell.column})`,
          reason,
          old_value: cell.old,
          new_value: cell.new,
          figures: [...facts, ...derived].join(" "),
          charts,
          version,
        };
      }),
    );
}

async function release(): Promise<void> {
  const result = await diffData({ root });
  if (!result.ok || !result.report || !result.baseline?.version) {
    throw new Refusal("the data has errors: fix them (npm run data:check), then release", result.problems);
  }
  const report = result.report;
  const from = result.baseline.version;
  if (!report.changed) throw new Refusal(`no change since release ${from}: nothing to release`);

  const kind = (args.kind ??
    (await ask(`Kind of change (${KINDS.join(", ")}) [${report.kind}]: `)) ??
    report.kind) as ChangeKind;
  if (!KINDS.includes(kind))
    throw new Refusal(`--kind ${String(kind)} is not a kind of change, expected one of: ${KINDS.join(", ")}`);
  if (report.kind && KIND_RANK[kind] < KIND_RANK[report.kind]) {
    const why = report.kind === "structure" ? "changes a column" : "adds or removes rows";
    throw new Refusal(`the edit ${why}: a ${kind} release cannot carry it, expected --kind ${report.kind}`);
  }
  const note = args.note ?? (await ask("Note (what the release contains): "));
  if (!note) throw new Refusal('no note, expected --note "what the release contains"');
  const date = args.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Refusal(`--date ${date} is not a date, expected YYYY-MM-DD`);
  const version = nextVersion(from, kind);

  const changedValues = result.problems.filter(
    (problem) => problem.release && problem.message.includes("changes a value published"),
  );
  let reason = args.reason;
  const notCorrection = args["not-a-correction"];
  if (changedValues.length > 0 && !reason && !notCorrection) {
    reason = await ask(`${changedValues.length} published value(s) changed. Why (the correction's reason)? `);
  }

  // The release as it would be written, checked in a copy of data/ before anything is touched.
  const corrections = await readRows("corrections");
  const releases = await readRows("releases");
  const released = new Set(
    (result.baseline.dataset?.corrections ?? []).map((row) => `${row.date}\n${row.change}\n${row.reason}`),
  );
  for (const row of corrections) {
    if (!row.version && !released.has(`${row.date}\n${row.change}\n${row.reason}`)) row.version = version;
  }
  const written = reason ? correctionRows(report, result.working!, date, reason, version) : [];
  corrections.push(...written);
  const fullNote = notCorrection ? `${note} Not a correction: ${notCorrection}` : note;
  releases.push({ version, date, note: fullNote, charts: report.charts.map((chart) => chart.id).join(" ") });

  const staging = await mkdtemp(join(tmpdir(), "met-release-"));
  try {
    for (const name of TABLE_NAMES) await copyFile(join(dataDir, `${name}.csv`), join(staging, `${name}.csv`));
    await writeFile(join(staging, "corrections.csv"), csvOf("corrections", corrections));
    await writeFile(join(staging, "releases.csv"), csvOf("releases", releases));
    const baseline = await loadBaseline(dataDir, root);
    const check = await runPipeline({
      dataDir: staging,
      outDir: join(staging, "out"),
      checkOnly: true,
      cwd: root,
      baseline: baseline?.dataset ?? null,
      baselineVersion: from,
      // The staging copy holds the released tables only (not data/publication.csv, which is never released).
      tablesOnly: true,
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
    const errors = located.filter((problem) => problem.severity === "error" && !problem.release);
    const refused = located.filter(
      (problem) => problem.release && !(notCorrection && problem.message.includes("changes a value published")),
    );
    if (errors.length > 0 || refused.length > 0) {
      const why = refused.some((problem) => problem.message.includes("changes a value published"))
        ? 'a published value changed without a correction: add --reason "why" (or a row to data/corrections.csv), or --not-a-correction "why not"'
        : "the release history would disagree with itself";
      throw new Refusal(why, [...errors, ...refused]);
    }
    // Write: the two history tables (each by rename), then the new baseline.
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
  console.log("Next: commit data/, then npm run build and deploy dist/ (see README, For editors).");
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
  await release();
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  console.error(`\nrelease refused: ${error.message}. Nothing was written.`);
  process.exitCode = 1;
}
