/**
 * The last release, as readers see it now: `data/release/` holds a copy of
 * every table as `npm run release` published it, kept in the repository so
 * that `npm run data:diff` and the checks against the release work on a
 * fresh clone, offline. `npm run release` replaces it; nothing else writes it.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { TABLE_NAMES, TABLES, type Dataset, type TableName } from "../../src/data/schema.ts";
import { latestRelease } from "../../src/lib/release-order.ts";
import type { Baseline } from "./baseline-type.ts";
import type { ParsedTable } from "./parse-table.ts";
import { runPipeline } from "./pipeline.ts";

export type { Baseline } from "./baseline-type.ts";

/** The folder of the release copy, inside a data folder. */
export const BASELINE_FOLDER = "release";

/** Reads the release copy of a data folder, or null when there is none (a project that never released). */
export async function loadBaseline(dataDir: string, cwd = process.cwd()): Promise<Baseline | null> {
  const dir = join(dataDir, BASELINE_FOLDER);
  if (!existsSync(join(dir, "releases.csv"))) return null;
  // The release copy holds the published tables only: the publication record is site configuration, never released.
  const result = await runPipeline({
    dataDir: dir,
    outDir: join(dir, ".unused"),
    checkOnly: true,
    cwd,
    tablesOnly: true,
    // A table added since this release was made is one it held no rows of.
    missingTablesEmpty: true,
    textDir: join(dataDir, "source-text"),
  });
  await dropColumnsNotReleased(dir, result.dataset, result.tables);
  const last = result.dataset ? latestRelease(result.dataset.releases) : undefined;
  return {
    dir,
    dataset: result.dataset,
    tables: result.tables,
    problems: result.problems.filter((problem) => problem.severity === "error"),
    version: last?.version ?? null,
    date: last?.date ?? null,
  };
}

/**
 * An optional column added since the release (cases' `passages`) was not in
 * the release's file: its rows read it as empty, which would make every value
 * in the new column look like a published value changed. It is left out of
 * the released rows instead, so its values are new, not corrections.
 */
async function dropColumnsNotReleased(
  dir: string,
  dataset: Dataset | null,
  tables: Partial<Record<TableName, ParsedTable>>,
): Promise<void> {
  for (const name of TABLE_NAMES) {
    const optional = TABLES[name].optionalColumns ?? [];
    if (optional.length === 0) continue;
    const text = await readFile(join(dir, `${name}.csv`), "utf8").catch(() => null);
    const header = (text ?? "")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/, 1)[0]!
      .split(",")
      .map((cell) => cell.trim().replace(/^"|"$/g, ""));
    const absent = optional.filter((column) => !header.includes(column));
    if (absent.length === 0) continue;
    const rowsOf = [dataset?.[name] as unknown as Record<string, unknown>[] | undefined, tables[name]?.rows];
    for (const rows of rowsOf) for (const row of rows ?? []) for (const column of absent) delete row[column];
  }
}

/** Replaces the release copy with the data folder's current tables (a staging folder, then a rename). */
export async function recordBaseline(dataDir: string): Promise<void> {
  const dir = join(dataDir, BASELINE_FOLDER);
  const staging = `${dir}.tmp-${process.pid}`;
  const previous = `${dir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const name of TABLE_NAMES) await copyFile(join(dataDir, `${name}.csv`), join(staging, `${name}.csv`));
  if (existsSync(dir)) await rename(dir, previous);
  await rename(staging, dir);
  await rm(previous, { recursive: true, force: true });
}
