/**
 * A hostile copy of the data: every free-text cell of every published table
 * replaced by an attack string (markup, script, attribute breakouts, a
 * closing </script> for JSON islands, right-to-left overrides, a 50 KB
 * string), while ids, numbers, controlled values and web addresses stay
 * valid so that the data still passes validation. The release history is
 * append-only, so its released rows stay as they are: a hostile correction
 * and a hostile release are appended after them, as an editor's next
 * release would. Generated here, never committed to data/.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { nextVersion } from "../../scripts/lib/data-diff.ts";
import { HISTORY_TABLES } from "../../scripts/lib/release-checks.ts";
import { columnSpecs } from "../../src/data/columns.ts";
import { TABLE_NAMES, TABLES, type TableName } from "../../src/data/schema.ts";

export const ATTACKS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</title><svg onload=alert(1)>",
  "</script><script>alert(1)</script>",
  "'><iframe srcdoc='<script>alert(1)</script>'>",
  "\u202Eevil\u202C & <b>bold</b> &amp; {{x}} ${x}",
  '=HYPERLINK("http://x","y")',
] as const;

/** A 50 KB string, for layouts and limits. */
export const LONG_ATTACK = `${"<b>long</b> ".repeat(4266)}`.slice(0, 50_000);

/**
 * Attacks a quote can carry: a straight double quote would end the source's
 * quotation in the context, and the pipeline would rightly reject the quote.
 */
const QUOTABLE_ATTACKS = ATTACKS.filter((attack) => !attack.includes('"'));

type Row = Record<string, string>;

/** A CSV of `dataDir` as rows of text, with its header's columns. */
function readTable(dataDir: string, name: string): { rows: Row[]; columns: string[] } {
  const parsed = Papa.parse<Row>(readFileSync(join(dataDir, `${name}.csv`), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  return { rows: parsed.data, columns: parsed.meta.fields ?? [] };
}

function writeTable(dataDir: string, name: string, rows: Row[], columns: string[]): void {
  writeFileSync(join(dataDir, `${name}.csv`), Papa.unparse(rows, { columns, newline: "\n" }) + "\n");
}

/** Columns of a table that hold free text (no pattern, list of values or format). */
const freeTextColumns = (name: TableName) =>
  columnSpecs(TABLES[name].schema).filter(
    (spec) => spec.kind === "string" && !spec.allowedValues && !spec.pattern && !spec.format,
  );

/**
 * Appends a row to a history table of `dataDir` (corrections or releases)
 * after the released rows, which stay untouched; columns the row leaves out
 * are written empty. Returns the row's index in the file (0 for the first row).
 */
export function appendHistoryRow(dataDir: string, name: "corrections" | "releases", row: Row): number {
  const { rows, columns } = readTable(dataDir, name);
  rows.push(Object.fromEntries(columns.map((column) => [column, row[column] ?? ""])));
  writeTable(dataDir, name, rows, columns);
  return rows.length - 1;
}

/** The history rows writeHostileData appended, and where: to find them on the pages. */
export interface HostileHistory {
  correction: Row;
  /** Index of the correction in corrections.csv (0 for the first row). */
  correctionIndex: number;
  release: Row;
}

/**
 * Rewrites every published CSV in `dataDir` in place with hostile free text,
 * and appends a hostile correction and release to the history. Quotes stay
 * checkable: each context names its hostile speaker and holds its hostile
 * words in quotation marks, and a reaction keeps its quote's speaker.
 */
export function writeHostileData(dataDir: string): HostileHistory {
  let counter = 0;
  const attack = () => ATTACKS[counter++ % ATTACKS.length]!;
  const quoteSpeakers = new Map<string, string>();
  let hostileCase: Row | undefined;
  for (const name of TABLE_NAMES.filter((table) => !HISTORY_TABLES.includes(table))) {
    const { rows, columns } = readTable(dataDir, name);
    for (const row of rows) {
      for (const spec of freeTextColumns(name)) {
        if (row[spec.name] === "" && spec.nullable) continue;
        row[spec.name] = attack();
      }
    }
    if (name === "cases" && rows[0]) {
      rows[0].summary = LONG_ATTACK;
      hostileCase = rows[1];
      // Hostile summaries keep no passage's words: they cite none (the check of cited summaries is not under test here).
      for (const row of rows) if ("passages" in row) row.passages = "";
    }
    if (name === "categories") {
      // A description still says it is our grouping, as the data page's check asks
      // (src/components/data/data-page-sources.ts): the attack whole, then "(our grouping)".
      for (const row of rows) row.description = `${row.description} (our grouping)`;
    }
    if (name === "quotes") {
      for (const row of rows) {
        row.speaker = QUOTABLE_ATTACKS[counter++ % QUOTABLE_ATTACKS.length]!;
        row.quote = QUOTABLE_ATTACKS[counter++ % QUOTABLE_ATTACKS.length]!;
        row.context = `${row.speaker} said: “${row.quote}”`;
        quoteSpeakers.set(row.id!, row.speaker);
      }
    }
    if (name === "reactions") {
      for (const row of rows) {
        const speaker = row.quote_id ? quoteSpeakers.get(row.quote_id) : undefined;
        if (speaker !== undefined) row.speaker = speaker;
      }
    }
    writeTable(dataDir, name, rows, columns);
  }

  // Hostile passages are no source's words: without the kept texts they are held as excerpts, unchecked against them.
  rmSync(join(dataDir, "source-text"), { recursive: true, force: true });

  // The next release, dated as the last one (never after today), carries a correction of a hostile case summary.
  const latest = readTable(dataDir, "releases").rows.at(-1)!;
  const version = nextVersion(latest.version!, "correction");
  const hostileRow = (name: "corrections" | "releases", row: Row): Row => {
    for (const spec of freeTextColumns(name)) row[spec.name] ??= attack();
    return row;
  };
  const correction = hostileRow("corrections", {
    date: latest.date!,
    table: "cases",
    row: hostileCase!.id!,
    column: "summary",
    new_value: hostileCase!.summary!,
    version,
  });
  const correctionIndex = appendHistoryRow(dataDir, "corrections", correction);
  const release = hostileRow("releases", { version, date: latest.date!, charts: "" });
  appendHistoryRow(dataDir, "releases", release);
  return { correction, correctionIndex, release };
}
