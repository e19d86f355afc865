/**
 * A hostile copy of the data: every free-text cell of every published table
 * replaced by an attack string (markup, script, attribute breakouts, a
 * closing </script> for JSON islands, right-to-left overrides, a 50 KB
 * string), while ids, numbers, controlled values and web addresses stay
 * valid so that the data still passes validation. The release history is
 * append-only, so its released rows stay as they are: a hostile correction
 * and a hostile release are appended after them, as an editor's next
 * release would. Generated here, never committed to data/.
 *
 * hostileSite() is that data built once per test run (with a few cells the
 * escaping tests look for, and a hostile correction after the history),
 * under a sub-path, and shared by every file that tests hostile data.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Papa from "papaparse";
import { nextVersion } from "../../scripts/lib/data-diff.ts";
import { HISTORY_TABLES } from "../../scripts/lib/release-checks.ts";
import { columnSpecs } from "../../src/data/columns.ts";
import { TABLE_NAMES, TABLES, type TableName } from "../../src/data/schema.ts";
import { sharedVariantBuild } from "./shared-build.ts";

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

/**
 * Markup that would become elements (an image, bold text), run (a script, a
 * handler) or close a JSON island if anything were set as HTML; the hostile
 * site puts it whole into cells the escaping tests look for.
 */
export const HOSTILE = `</script><script>window.pwned=1;alert("x")</script><img src=x alt="" onerror=alert(1)><b>bold</b> & 'Co' &amp; <!--`;
/** HOSTILE for a quote, which may hold no straight double quote (it would close the source's quotation). */
export const HOSTILE_QUOTE = HOSTILE.replaceAll('"', "'");
/** The case whose summary is HOSTILE (an id, which releases keep). */
export const HOSTILE_CASE = "case-03";
/** The category whose label ends in HOSTILE. */
export const HOSTILE_CATEGORY = "careless-disclosure";
/** The source whose title is HOSTILE. */
export const HOSTILE_SOURCE = "pa-2014";
/** The quote whose words are HOSTILE_QUOTE. */
export const HOSTILE_QUOTE_ID = "davis-astonishing";
/** The hostile site's sub-path and address. */
export const HOSTILE_BASE = "/interactive/met-breaches/";
export const HOSTILE_SITE_URL = "https://news.example";
/** A hostile correction (markup, a formula, quotes, a line break), appended last to the hostile site's history. */
export const FIXTURE_CORRECTIONS = resolve("test/fixtures/publish/corrections.csv");

/** What the hostile site's data holds where tests look for it. */
export interface HostileSiteData {
  history: HostileHistory;
  /** The hostile category's label as built: its hostile label, a space, HOSTILE. */
  categoryLabel: string;
  /** The fixture's correction, as the pipeline reads it, and its index in corrections.csv. */
  fixtureCorrection: Row;
  fixtureIndex: number;
}

/** Sets one cell of a table of `dataDir` (the row with that id, which must exist); returns the value it replaced. */
function setCell(dataDir: string, name: string, id: string, column: string, value: (old: string) => string): string {
  const { rows, columns } = readTable(dataDir, name);
  const row = rows.find((candidate) => candidate.id === id);
  if (row?.[column] === undefined) throw new Error(`${name}.csv has no ${column} for ${id}`);
  const old = row[column];
  row[column] = value(old);
  writeTable(dataDir, name, rows, columns);
  return old;
}

/**
 * writeHostileData, then HOSTILE whole in a case summary, a category label, a
 * source title and a quote (its context holding it, as the quote checks want),
 * then the fixture's correction after the history.
 */
export function writeHostileSiteData(dataDir: string): HostileSiteData {
  const history = writeHostileData(dataDir);
  setCell(dataDir, "cases", HOSTILE_CASE, "summary", () => HOSTILE);
  const categoryLabel = `${setCell(dataDir, "categories", HOSTILE_CATEGORY, "label", (label) => `${label} ${HOSTILE}`)} ${HOSTILE}`;
  setCell(dataDir, "sources", HOSTILE_SOURCE, "title", () => HOSTILE);
  setCell(dataDir, "quotes", HOSTILE_QUOTE_ID, "quote", () => HOSTILE_QUOTE);
  setCell(
    dataDir,
    "quotes",
    HOSTILE_QUOTE_ID,
    "context",
    (context) => `${context.slice(0, context.indexOf("“"))}“${HOSTILE_QUOTE}”`,
  );
  const parsed = Papa.parse<Row>(readFileSync(FIXTURE_CORRECTIONS, "utf8").trim(), { header: true });
  if (parsed.errors.length > 0 || !parsed.data[0]) throw new Error(`${FIXTURE_CORRECTIONS} holds no correction`);
  const fixtureCorrection = parsed.data[0];
  const fixtureIndex = appendHistoryRow(dataDir, "corrections", fixtureCorrection);
  return { history, categoryLabel, fixtureCorrection, fixtureIndex };
}

/**
 * The site built from writeHostileSiteData's data, under HOSTILE_BASE for
 * HOSTILE_SITE_URL: built once per test run, shared by every file that asks
 * (test/support/shared-build.ts). Read it; never write into it.
 */
export function hostileSite(): HostileSiteData & { outDir: string } {
  const { outDir, prepared } = sharedVariantBuild(
    "hostile data",
    { BASE_PATH: HOSTILE_BASE, SITE_URL: HOSTILE_SITE_URL },
    (root) => writeHostileSiteData(join(root, "data")),
  );
  return { ...prepared, outDir };
}
