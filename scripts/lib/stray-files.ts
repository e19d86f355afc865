/**
 * Files in data/ that the site does not read. An editor who works in
 * `outcomes copy.csv` would otherwise never learn that the copy is unused:
 * each is reported (a warning), with the table it might be a copy of, by its
 * name or by its header.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { columnSpecs } from "../../src/data/columns.ts";
import { TABLE_NAMES, TABLES, type TableName } from "../../src/data/schema.ts";
import type { Problem } from "./problem.ts";

/** Files that belong in data/ beside the tables. */
const EXPECTED_FILES = new Set(["README.md", "publication.csv"]);

export async function strayFiles(dataDir: string, cwd: string): Promise<Problem[]> {
  const tableFiles = new Set(TABLE_NAMES.map((name) => `${name}.csv`));
  const entries = await readdir(dataDir, { withFileTypes: true });
  const problems: Problem[] = [];
  for (const entry of entries) {
    // Hidden files (.DS_Store, editor swap files) are the system's, not the editor's.
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    if (tableFiles.has(entry.name) || EXPECTED_FILES.has(entry.name)) continue;
    const path = join(dataDir, entry.name);
    const original = tableNamed(entry.name) ?? (await tableWithHeaderOf(path));
    const guess = original ? ` (a copy of ${original}.csv?)` : "";
    problems.push({
      file: relative(cwd, path) || path,
      line: 1,
      column: 1,
      field: "file",
      message: `not a table the site reads${guess}, expected only the tables listed in data/README.md; the site ignores this file`,
      severity: "warning",
    });
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file));
}

/** The table whose name is in the file's name (`outcomes copy.csv`, `Copy of cases (2).csv`), longest first. */
function tableNamed(fileName: string): TableName | null {
  const lower = fileName.toLowerCase();
  const names = [...TABLE_NAMES].sort((a, b) => b.length - a.length);
  return names.find((name) => lower.includes(name)) ?? null;
}

/** The table whose columns the file's first line names, whatever the file is called. */
async function tableWithHeaderOf(path: string): Promise<TableName | null> {
  let firstLine: string;
  try {
    firstLine = (await readFile(path, "utf8"))
      .slice(0, 4096)
      .split(/\r?\n/)[0]!
      .replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
  const names = firstLine.split(/[,;\t]/).map((name) => name.trim().replace(/^"|"$/g, ""));
  const key = [...names].sort().join(",");
  return (
    TABLE_NAMES.find(
      (name) =>
        columnSpecs(TABLES[name].schema)
          .map((spec) => spec.name)
          .sort()
          .join(",") === key,
    ) ?? null
  );
}
