/**
 * What an edit of data/ changes for readers, against the last release
 * (data/release/, baseline.ts): `npm run data:diff`, its dev preview page
 * and `npm run release` all read this report.
 *
 * - tables, cell by cell, from the CSV files as the editor typed them
 *   (daff, the tabular diff library, aligns rows by primary key);
 * - every published figure (a fact key the story or a chart cites, and our
 *   calculations) whose value or wording changes, with the story's
 *   sentences before and after the edit;
 * - every chart whose numbers or words change, and so its embed page,
 *   oEmbed file, share image, gallery card and downloads;
 * - what an embedder on another site will see.
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import daff from "daff";
import Papa from "papaparse";
import { CHARTS } from "../../src/charts/registry.ts";
import { TABLE_NAMES, TABLES, type Dataset, type TableName } from "../../src/data/schema.ts";
import { DERIVED_FIGURES } from "../../src/lib/derived-figures.ts";
import { factText, type FactStyle } from "../../src/lib/fact-display.ts";
import { formatFact, phraseText, type Fact } from "../../src/lib/facts.ts";
import { smallNumberWord } from "../../src/lib/number-words.ts";
import { speakerInSentence } from "../../src/lib/quotes.ts";
import { resolveFact } from "../../src/lib/story-facts.ts";
import { storyFigures, storySentences, type StorySentence } from "../../src/lib/story-text.ts";
import { loadBaseline, type Baseline } from "./baseline.ts";
import { decodeCsv } from "./decode-csv.ts";
import { runPipeline } from "./pipeline.ts";
import type { Problem } from "./problem.ts";
import { HISTORY_TABLES } from "./release-checks.ts";

export interface CellChange {
  /** The row's primary key (or its position, for a table without one). */
  id: string;
  column: string;
  old: string;
  new: string;
  /** Line of the row in the working file. */
  line: number | null;
}

export interface TableChanges {
  table: TableName;
  /** `data/outcomes.csv` */
  file: string;
  added: { id: string; line: number | null }[];
  removed: { id: string }[];
  changed: CellChange[];
  columnsAdded: string[];
  columnsRemoved: string[];
}

export interface SentenceChange {
  section: string;
  /** Address of the section in the story (`/#outcomes`), or null for the front matter. */
  href: string | null;
  before: string;
  after: string;
  /** The sentences around it in the story (after the edit), for context; null at a section's edge. */
  previous: string | null;
  next: string | null;
}

export interface FactChange {
  key: string;
  label: string;
  /** Set for our calculations: how it is computed. */
  derived: string | null;
  /** What readers see, before and after (null: the figure is new, or gone). */
  before: string | null;
  after: string | null;
  /**
   * The value before and after, rounded to one decimal more than readers see (so a figure
   * that moves but reads the same shows how it moved, never a raw float such as 69.33333333333334).
   */
  valueBefore: number | null;
  valueAfter: number | null;
  /** Those values written as readers would see them at that precision (`69.3%`). */
  finerBefore: string | null;
  finerAfter: string | null;
  /**
   * value: the number changes and so does its text; hidden: the number changes but rounds
   * to the same text; wording: the same number written differently (a count crossing from
   * "nine" to "10", a new label); added / removed.
   */
  kind: "value" | "hidden" | "wording" | "added" | "removed";
  /** The story's sentences that cite it, before and after. */
  sentences: SentenceChange[];
  /** Charts that show it. */
  charts: string[];
}

export interface ChartChange {
  id: string;
  title: string;
  /** Where the story places it. */
  section: string | null;
  /** What changes in it, in words: its data cells, takeaway, notes, text alternative. */
  changes: { what: string; before: string; after: string }[];
  /** Site-relative addresses of every surface that shows it. */
  surfaces: {
    story: string;
    embed: string;
    oembed: string;
    shareImage: string;
    /** The square share image (the same chart, for networks that crop to a square). */
    shareImageSquare: string;
    gallery: string;
    /** Its data (CSV, JSON), images (PNG at two sizes, SVG) and text version (Markdown). */
    downloads: string[];
  };
}

/** A passage of the story drawn from rows rather than written in it: a case of the case list, a reaction. */
export interface PassageChange {
  /** Which list it is in: "case list" or "reactions". */
  list: string;
  /** The story section the list is in ("What they did"), and its address. */
  section: string;
  /** Address of the passage itself in the story (`/#case-07`). */
  href: string;
  /** The passage by its visible words: `the case “A PCSO used a police computer…”, under “Misuse for personal ends”`. */
  name: string;
  /** Its text as readers see it, before and after (null: new, or gone). */
  before: string | null;
  after: string | null;
}

/** Kinds of release, named for what they carry: corrected values, rows added or removed, columns changed. */
export type ChangeKind = "correction" | "rows" | "columns";

export interface DiffReport {
  release: { version: string | null; date: string | null };
  changed: boolean;
  tables: TableChanges[];
  facts: FactChange[];
  /** Cases and reactions whose text in the story changes (a quote, a summary, a category's name). */
  passages: PassageChange[];
  charts: ChartChange[];
  /** Table downloads (site-relative) whose bytes change. */
  downloads: string[];
  /** What partner sites that embed a chart will see change, in words. */
  embedders: string[];
  /** Values published in the release that the edit changes (they need a correction). */
  publishedValuesChanged: number;
  /** The smallest kind of release the edit needs (the version rule), or null for no change. */
  kind: ChangeKind | null;
  /** Sentences the story cannot render with the working data (a fact whose row was removed). */
  storyErrors: string[];
}

export interface DiffResult {
  ok: boolean;
  /** Problems of the working data (errors make ok false), located. */
  problems: Problem[];
  report: DiffReport | null;
  working: Dataset | null;
  baseline: Baseline | null;
}

/**
 * Version rule: `correction` (published values corrected) is a patch, 1.0.0 -> 1.0.1;
 * `rows` (rows added or removed) a minor version, 1.1.0; `columns` (a column added,
 * removed or its meaning changed) a major one, 2.0.0.
 */
export const KIND_RANK: Record<ChangeKind, number> = { correction: 0, rows: 1, columns: 2 };

/** The kinds' names before they said what they carry, still accepted by `npm run release`. */
export const FORMER_KIND_NAMES: Record<string, ChangeKind> = { addition: "rows", structure: "columns" };

export function nextVersion(version: string, kind: ChangeKind): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (kind === "columns") return `${major + 1}.0.0`;
  if (kind === "rows") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** Rows of a CSV file as the editor typed them: header first, blank lines skipped. */
async function rawRows(path: string): Promise<string[][] | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const { text } = decodeCsv(bytes, path);
  if (text === null) return null;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return parsed.data.map((row) => row.map((cell) => cell.trim()));
}

/** One table's changes, cell by cell, with daff. */
export async function tableChanges(
  name: TableName,
  workingDir: string,
  baselineDir: string,
  cwd: string,
): Promise<TableChanges | null> {
  const workingPath = join(workingDir, `${name}.csv`);
  const after = (await rawRows(workingPath)) ?? [[]];
  // A table added since the release: the release held its columns with no rows (its rows are new, not its structure).
  const before = (await rawRows(join(baselineDir, `${name}.csv`))) ?? [after[0] ?? []];
  const flags = new daff.CompareFlags();
  const key = TABLES[name].primaryKey;
  if (key && before[0]?.includes(key) && after[0]?.includes(key)) flags.addPrimaryKey(key);
  flags.show_unchanged = false;
  flags.unchanged_context = 0;
  const highlighted = new daff.TableView([]);
  const differs = new daff.TableDiff(
    daff.compareTables(new daff.TableView(before), new daff.TableView(after), flags).align(),
    flags,
  ).hilite(highlighted);
  const changes: TableChanges = {
    table: name,
    file: relative(cwd, workingPath) || workingPath,
    added: [],
    removed: [],
    changed: [],
    columnsAdded: [],
    columnsRemoved: [],
  };
  if (!differs) return null;
  const rows = highlighted.data;
  let header: string[] = [];
  let schemaRow: string[] | null = null;
  const keyIndex = () => Math.max(1, key ? header.indexOf(key) : 1);
  const lineOf = (id: string) => {
    const index = key ? after.findIndex((row) => row[after[0]!.indexOf(key)] === id) : -1;
    return index > 0 ? index + 1 : null;
  };
  for (const row of rows) {
    const marker = String(row[0] ?? "");
    const cells = row.map((cell) => (cell === null ? "" : String(cell)));
    if (marker === "!") schemaRow = cells;
    else if (marker === "@@") header = cells;
    else if (marker === "+++") {
      const id = cells[keyIndex()] ?? "";
      changes.added.push({ id, line: lineOf(id) });
    } else if (marker === "---") changes.removed.push({ id: cells[keyIndex()] ?? "" });
    else if (marker.includes("->")) {
      const rawId = cells[keyIndex()] ?? "";
      const id = rawId.includes("->") ? rawId.split("->")[1]! : rawId;
      cells.forEach((cell, index) => {
        if (index === 0 || !cell.includes("->") || schemaRow?.[index] === "+++" || schemaRow?.[index] === "---") return;
        const at = cell.indexOf("->");
        changes.changed.push({
          id,
          column: header[index] ?? `column ${index}`,
          old: cell.slice(0, at),
          new: cell.slice(at + 2),
          line: lineOf(id),
        });
      });
    }
  }
  if (schemaRow) {
    schemaRow.forEach((mark, index) => {
      if (mark === "+++") changes.columnsAdded.push(header[index] ?? "");
      if (mark === "---") changes.columnsRemoved.push(header[index] ?? "");
    });
  }
  const any =
    changes.added.length +
    changes.removed.length +
    changes.changed.length +
    changes.columnsAdded.length +
    changes.columnsRemoved.length;
  return any > 0 ? changes : null;
}

/** Every fact key a reader can meet: those the story cites, a key per published row, and our calculations. */
function factKeys(data: Dataset, story: StorySentence[]): string[] {
  const keys = new Set(story.flatMap((sentence) => sentence.keys));
  for (const row of data.figures) keys.add(`figures:${row.id}`);
  for (const row of data.outcomes) keys.add(`outcomes:${row.id}`);
  for (const row of data.workforce) keys.add(`workforce:${row.id}`);
  for (const row of data.national) {
    keys.add(`national:${row.id}`);
    if (row.reported_percent !== null) keys.add(`national:${row.id}:percent`);
  }
  for (const figure of DERIVED_FIGURES) keys.add(`derived:${figure.id}`);
  return [...keys];
}

const tryFact = (key: string, data: Dataset): Fact | null => {
  try {
    return resolveFact(key, data);
  } catch {
    return null;
  }
};

/** Whether a count is written as a word in running text ("nine") rather than digits ("10"). */
const isWord = (fact: Fact) =>
  (fact.format === "count" || fact.format === "decimal") &&
  smallNumberWord(Number(formatFact({ ...fact, format: "decimal" }).replaceAll(",", ""))) !== null;

/** The sentences just before and after one, in the same section, for context. */
function neighbours(
  story: StorySentence[] | null,
  sentence: StorySentence | undefined,
): { previous: string | null; next: string | null } {
  const index = sentence && story ? story.indexOf(sentence) : -1;
  const near = (offset: number) => {
    const other = index >= 0 ? story![index + offset] : undefined;
    return other && other.section === sentence!.section ? other.text : null;
  };
  return { previous: near(-1), next: near(1) };
}

function sentencesOf(story: StorySentence[] | null, key: string): StorySentence[] {
  return story?.filter((sentence) => sentence.keys.includes(key)) ?? [];
}

/** A chart table's cell as its "Show the data" table writes it (src/components/DataTable.astro): en-GB numbers. */
const cellText = (value: string | number | null | undefined) =>
  typeof value === "number" ? value.toLocaleString("en-GB") : (value ?? "");

/** A fact written to one decimal more than readers see, and that value as a number (counts and dates as they are). */
function finer(fact: Fact | null): { value: number | null; text: string | null } {
  if (!fact) return { value: null, text: null };
  if (fact.format !== "percent" && fact.format !== "decimal") return { value: fact.value, text: formatFact(fact) };
  const digits = (fact.digits ?? 0) + 1;
  const value = Number(fact.value.toFixed(digits));
  return { value, text: formatFact({ ...fact, value, digits }) };
}

/**
 * The charts one published value moves: the release's data with only that
 * cell taken from the working data (or, with no column, only that row
 * removed), compared chart by chart. A correction names these charts, so a
 * chart's "Updated" note links to the corrections that concern it, not to
 * every correction of the release.
 */
export function chartsMovedBy(
  released: Dataset,
  working: Dataset,
  table: TableName,
  id: string,
  column: string | null,
): string[] {
  const key = TABLES[table].primaryKey ?? "id";
  const rows = released[table] as unknown as Record<string, unknown>[];
  const now = (working[table] as unknown as Record<string, unknown>[]).find((row) => String(row[key]) === id);
  const patchedRows = column
    ? rows.map((row) => (String(row[key]) === id && now ? { ...row, [column]: now[column] } : row))
    : rows.filter((row) => String(row[key]) !== id);
  const patched = { ...released, [table]: patchedRows } as Dataset;
  return CHARTS.filter((chart) => {
    const before = chartTexts(chart, released);
    const after = chartTexts(chart, patched);
    return [...new Set([...before.keys(), ...after.keys()])].some((what) => before.get(what) !== after.get(what));
  }).map((chart) => chart.id);
}

/** Chart text a reader meets, as strings to compare. */
function chartTexts(chart: (typeof CHARTS)[number], data: Dataset): Map<string, string> {
  const texts = new Map<string, string>();
  const safe = (what: string, read: () => string) => {
    try {
      texts.set(what, read());
    } catch (error) {
      texts.set(what, `(cannot be drawn: ${error instanceof Error ? error.message : String(error)})`);
    }
  };
  safe("takeaway", () => phraseText(chart.takeaway(data)));
  safe("text alternative", () => chart.alt(data));
  safe("notes", () => chart.notes(data).map(phraseText).join(" "));
  safe("long description", () => chart.describe(data));
  safe("sources", () => chart.sources(data).join(", "));
  try {
    const table = chart.table(data);
    const label = table.columns[0]?.key ?? "";
    table.rows.forEach((row, index) => {
      for (const column of table.columns.slice(1)) {
        texts.set(`data: ${String(row[label] ?? `row ${index + 1}`)}, ${column.label}`, cellText(row[column.key]));
      }
    });
  } catch (error) {
    texts.set("data", `(cannot be computed: ${error instanceof Error ? error.message : String(error)})`);
  }
  return texts;
}

/** A long text's change as only the sentences that differ ("…" for the rest). */
function shortChange(what: string, before: string, after: string): { what: string; before: string; after: string } {
  if (before.length + after.length < 240) return { what, before, after };
  const split = (text: string) => text.split(/(?<=[.;:])\s+/);
  const old = split(before);
  const now = split(after);
  const gone = old.filter((sentence) => !now.includes(sentence));
  const added = now.filter((sentence) => !old.includes(sentence));
  return { what, before: `… ${gone.join(" … ")} …`, after: `… ${added.join(" … ")} …` };
}

/** Where the story places a component (`<CaseList />`): its section's title and id. */
function componentSection(mdx: string, component: string): { section: string; sectionId: string } | null {
  let current: { section: string; sectionId: string } | null = null;
  for (const line of mdx.split("\n")) {
    const opening = /<Section\s+id="([^"]+)"\s+title="([^"]+)"/.exec(line);
    if (opening) current = { section: opening[2]!, sectionId: opening[1]! };
    if (new RegExp(`<${component}[\\s/>]`).test(line)) return current;
  }
  return null;
}

/** The first words of a text, to name a passage by what readers see. */
const opening = (text: string, words = 12) => {
  const all = text.split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(" ")}…` : text;
};

/** Each case and reaction of the story as readers see it (CaseList.astro, Reactions.astro), by its element id. */
function passagesOf(data: Dataset): Map<string, { list: string; name: string; text: string }> {
  const passages = new Map<string, { list: string; name: string; text: string }>();
  const quote = (id: string | null) => data.quotes.find((row) => row.id === id);
  for (const row of data.cases) {
    const category = data.categories.find((candidate) => candidate.id === row.category)?.label ?? row.category;
    const said = quote(row.quote_id);
    const text = [
      `${row.summary} Who: ${row.role}. Outcome: ${row.outcome}.`,
      row.multiplicity === "several" ? "More than one case; how many is not known." : "",
      said ? `In the words of ${speakerInSentence(said.speaker)}, as reported: “${said.quote}”` : "",
    ]
      .filter(Boolean)
      .join(" ");
    passages.set(row.id, {
      list: "case list",
      name: `the case “${opening(row.summary)}”, under “${category}”`,
      text: `(${category}) ${text}`,
    });
  }
  for (const row of data.reactions) {
    const said = quote(row.quote_id);
    const publisher = data.sources.find((source) => source.id === row.source)?.publisher ?? row.source;
    passages.set(`reaction-${row.id}`, {
      list: "reactions",
      name: `${row.speaker}’s reaction`,
      text: `${row.speaker}, ${row.role}: ${row.paraphrase}${said ? ` “${said.quote}” as quoted by ${publisher}` : ""}`,
    });
  }
  return passages;
}

/** Cases and reactions whose text in the story changes. */
function passageChanges(released: Dataset | null, working: Dataset, storySource: string): PassageChange[] {
  const before = released ? passagesOf(released) : new Map<string, { list: string; name: string; text: string }>();
  const after = passagesOf(working);
  const sections: Record<string, ReturnType<typeof componentSection>> = {
    "case list": componentSection(storySource, "CaseList"),
    reactions: componentSection(storySource, "Reactions"),
  };
  return [...new Set([...before.keys(), ...after.keys()])].flatMap((id): PassageChange[] => {
    const old = before.get(id);
    const now = after.get(id);
    if (old?.text === now?.text) return [];
    const passage = (now ?? old)!;
    const change = shortChange("", old?.text ?? "", now?.text ?? "");
    return [
      {
        list: passage.list,
        section: sections[passage.list]?.section ?? "",
        href: `/#${id}`,
        name: passage.name,
        before: old ? (now ? change.before : old.text) : null,
        after: now ? (old ? change.after : now.text) : null,
      },
    ];
  });
}

/** The report for two validated datasets and the tables' raw changes. */
export function buildReport(
  baseline: Baseline,
  working: Dataset,
  tables: TableChanges[],
  storySource: string,
  publishedValuesChanged: number,
): DiffReport {
  const released = baseline.dataset;
  const storyErrors: string[] = [];
  const story = (data: Dataset | null): StorySentence[] | null => {
    if (!data) return null;
    try {
      return storySentences(storySource, data);
    } catch (error) {
      storyErrors.push(error instanceof Error ? error.message : String(error));
      return null;
    }
  };
  const storyBefore = story(released);
  const storyAfter = story(working);
  const placed = storyFigures(storySource);

  // Charts: every text and data cell, before and after.
  const charts: ChartChange[] = [];
  for (const chart of CHARTS) {
    const before = released ? chartTexts(chart, released) : new Map<string, string>();
    const after = chartTexts(chart, working);
    const changes = [...new Set([...before.keys(), ...after.keys()])]
      .filter((what) => before.get(what) !== after.get(what))
      .map((what) => shortChange(what, before.get(what) ?? "(none)", after.get(what) ?? "(none)"));
    if (changes.length === 0) continue;
    const place = placed.get(chart.id);
    charts.push({
      id: chart.id,
      title: chart.title,
      section: place?.section ?? null,
      changes,
      surfaces: {
        story: `/#figure-${chart.id}`,
        embed: `/embed/${chart.id}/`,
        oembed: `/oembed/${chart.id}.json`,
        shareImage: `/og/${chart.id}.png`,
        shareImageSquare: `/og/${chart.id}-square.png`,
        gallery: `/charts/#chart-${chart.id}`,
        downloads: ["csv", "json", "png", "@2x.png", "svg", "md"].map(
          (type) => `/data/charts/${chart.id}${type.startsWith("@") ? type : `.${type}`}`,
        ),
      },
    });
  }

  // Figures: every key a reader can meet.
  const facts: FactChange[] = [];
  const keys = new Set([
    ...factKeys(working, storyAfter ?? []),
    ...(released ? factKeys(released, storyBefore ?? []) : []),
  ]);
  for (const key of keys) {
    const before = released ? tryFact(key, released) : null;
    const after = tryFact(key, working);
    if (!before && !after) continue;
    const styles: FactStyle[] = [{}, { words: true }];
    const text = (fact: Fact | null, style: FactStyle = {}) => {
      if (!fact) return null;
      try {
        return factText(fact, style);
      } catch {
        return formatFact(fact);
      }
    };
    let kind: FactChange["kind"] | null = null;
    if (!before) kind = "added";
    else if (!after) kind = "removed";
    else if (before.value !== after.value) {
      const shownChanges = styles.some((style) => text(before, style) !== text(after, style));
      kind = !shownChanges ? "hidden" : isWord(before) !== isWord(after) ? "wording" : "value";
    } else if (before.label !== after.label || before.approximate !== after.approximate) kind = "wording";
    if (!kind) continue;
    const sentences: SentenceChange[] = [];
    const beforeSentences = sentencesOf(storyBefore, key);
    const afterSentences = sentencesOf(storyAfter, key);
    for (let index = 0; index < Math.max(beforeSentences.length, afterSentences.length); index++) {
      const b = beforeSentences[index];
      const a = afterSentences[index];
      const where = a ?? b!;
      sentences.push({
        section: where.section,
        href: where.sectionId ? `/#${where.sectionId}` : null,
        before: b?.text ?? "(not in the story)",
        after: a?.text ?? "(not in the story)",
        ...neighbours(storyAfter, a),
      });
    }
    const shown = [text(after), text(after, { words: true })].filter(Boolean) as string[];
    const inCharts = charts
      .filter((chart) => chart.changes.some((change) => shown.some((value) => change.after.includes(value))))
      .map((chart) => chart.id);
    const fact = after ?? before!;
    const [finerBefore, finerAfter] = [finer(before), finer(after)];
    facts.push({
      key,
      label: fact.label,
      derived: fact.derived ?? null,
      before: text(before),
      after: text(after),
      valueBefore: finerBefore.value,
      valueAfter: finerAfter.value,
      finerBefore: finerBefore.text,
      finerAfter: finerAfter.text,
      kind,
      sentences,
      charts: inCharts,
    });
  }

  // Sentences of the text that change with no figure moving: a quotation (<Quote id>) or a label.
  const factKeysChanged = new Set(facts.map((fact) => fact.key));
  const quietSentences: PassageChange[] = [];
  if (storyBefore && storyAfter && storyBefore.length === storyAfter.length) {
    storyBefore.forEach((old, index) => {
      const now = storyAfter[index]!;
      if (old.text === now.text || now.keys.some((key) => factKeysChanged.has(key))) return;
      quietSentences.push({
        list: "text",
        section: now.section,
        href: now.sectionId ? `/#${now.sectionId}` : "/",
        name: `the sentence “${opening(now.text)}”`,
        before: old.text,
        after: now.text,
      });
    });
  }
  const passages = [...quietSentences, ...passageChanges(released, working, storySource)];

  const downloads = tables.flatMap((table) => [`/data/${table.table}.csv`, `/data/${table.table}.json`]);
  if (downloads.length > 0) downloads.push("/data/datapackage.json");

  // chartUpdate (src/lib/chart-updates.ts) links to a correction about the chart when the release writes one.
  const link =
    publishedValuesChanged > 0
      ? "the correction’s sentence (your --change words) and a link to it (“See the correction”); a wording fix waived with --not-a-correction links to the release instead (“see what changed”)"
      : "a link to the release on the data page (“see what changed”)";
  const embedders = charts.map((chart) => {
    const cells = chart.changes.filter((change) => change.what.startsWith("data: "));
    const words = chart.changes.filter((change) => !change.what.startsWith("data: ")).map((change) => change.what);
    const changed = [
      ...(words.length > 0 ? [`its ${words.join(", ")}`] : []),
      ...cells.map((change) => `${change.what.slice(6)} ${change.before} -> ${change.after}`),
    ].join("; ");
    return `Sites embedding “${chart.title}” (iframe ${chart.surfaces.embed}) show the new version as soon as the site is deployed: ${changed}. After npm run release the chart says “Updated <date>” with ${link}, in the iframe and in ${chart.surfaces.oembed} (fields updated, updated_url). The share image ${chart.surfaces.shareImage} is redrawn; social networks keep their copy until they fetch the page again.`;
  });

  // A column added or removed is a change of structure, unless it is one a file may leave out (optionalColumns).
  const structural =
    !released ||
    tables.some((table) =>
      [...table.columnsAdded, ...table.columnsRemoved].some(
        (column) => !TABLES[table.table].optionalColumns?.includes(column),
      ),
    );
  const rowsMoved = tables.some(
    (table) => !HISTORY_TABLES.includes(table.table) && table.added.length + table.removed.length > 0,
  );
  const kind: ChangeKind | null = structural ? "columns" : rowsMoved ? "rows" : tables.length > 0 ? "correction" : null;
  return {
    release: { version: baseline.version, date: baseline.date },
    changed: tables.length > 0,
    tables,
    facts,
    passages,
    charts,
    downloads,
    embedders,
    publishedValuesChanged,
    kind,
    storyErrors,
  };
}

export interface DiffOptions {
  /** Project root: data/, data/release/ and src/content/story/story.mdx are read from it. */
  root: string;
}

/** Validates the working data, reads the release, and compares them. */
export async function diffData({ root }: DiffOptions): Promise<DiffResult> {
  const dataDir = join(root, "data");
  const baseline = await loadBaseline(dataDir, root);
  const result = await runPipeline({
    dataDir,
    outDir: join(root, "src/generated"),
    checkOnly: true,
    cwd: root,
    baseline: baseline?.dataset ?? null,
    baselineVersion: baseline?.version ?? null,
  });
  if (!result.ok || !result.dataset)
    return { ok: false, problems: result.problems, report: null, working: null, baseline };
  if (!baseline) {
    const problem: Problem = {
      file: relative(root, join(dataDir, "release", "releases.csv")),
      line: 1,
      column: 1,
      field: "file",
      message: "there is no release to compare with, expected the copy of the last release that npm run release writes",
      severity: "error",
    };
    return { ok: false, problems: [...result.problems, problem], report: null, working: result.dataset, baseline };
  }
  const tables = (await Promise.all(TABLE_NAMES.map((name) => tableChanges(name, dataDir, baseline.dir, root)))).filter(
    (table): table is TableChanges => table !== null,
  );
  const storySource = await readFile(join(root, "src/content/story/story.mdx"), "utf8");
  const published = result.problems.filter(
    (problem) => problem.release && problem.message.includes("changes a value published"),
  ).length;
  const changedCells = tables
    .filter((table) => !HISTORY_TABLES.includes(table.table))
    .reduce((sum, table) => sum + table.changed.length, 0);
  const report = buildReport(baseline, result.dataset, tables, storySource, Math.max(published, changedCells));
  return { ok: true, problems: result.problems, report, working: result.dataset, baseline };
}

/** Words kept on each side of a long text's change, for context. */
const CONTEXT_WORDS = 4;

/**
 * A changed cell as an editor reads it: short values whole; in a long text (a quote's
 * context, a summary), only the words that differ, with a few words either side and "…"
 * for the rest, so that one changed word is not lost in two whole paragraphs.
 */
export function changedPart(old: string, now: string): { old: string; new: string } {
  if (old.length + now.length <= 160) return { old, new: now };
  const before = old.split(" ");
  const after = now.split(" ");
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const from = Math.max(0, start - CONTEXT_WORDS);
  const cut = (words: string[]) => {
    const to = Math.min(words.length, words.length - end + CONTEXT_WORDS);
    return `${from > 0 ? "… " : ""}${words.slice(from, to).join(" ")}${to < words.length ? " …" : ""}`;
  };
  return { old: cut(before), new: cut(after) };
}

const quote = (text: string) => `“${text}”`;

/** The report in words, for the terminal. */
export function reportText(report: DiffReport): string {
  const lines: string[] = [];
  const release = `release ${report.release.version ?? "?"}${report.release.date ? ` (${report.release.date})` : ""}`;
  if (!report.changed) return `No change since ${release}: readers see exactly this data now.\n`;
  lines.push(`What this edit changes for readers, against ${release}:`, "");

  lines.push("TABLES, cell by cell");
  for (const table of report.tables) {
    lines.push(`  ${table.file}`);
    for (const column of table.columnsAdded) lines.push(`    column added: ${column}`);
    for (const column of table.columnsRemoved) lines.push(`    column removed: ${column}`);
    for (const cell of table.changed) {
      const shown = changedPart(cell.old, cell.new);
      lines.push(
        `    ${table.table}.csv ${cell.id} ${cell.column}: ${shown.old} -> ${shown.new}${cell.line ? `   (line ${cell.line})` : ""}`,
      );
    }
    for (const row of table.added) lines.push(`    row added: ${row.id}${row.line ? `   (line ${row.line})` : ""}`);
    for (const row of table.removed) lines.push(`    row removed: ${row.id}`);
  }
  lines.push("");

  const group = (title: string, kinds: FactChange["kind"][]) => {
    const facts = report.facts.filter((fact) => kinds.includes(fact.kind));
    if (facts.length === 0) return;
    lines.push(title);
    for (const fact of facts) {
      const ours = fact.derived ? ` (our calculation: ${fact.derived})` : "";
      lines.push(`  ${fact.key}: ${fact.label}${ours}`);
      const values =
        fact.kind === "hidden"
          ? `readers see ${quote(fact.after ?? "")} before and after; to one more decimal, ${fact.finerBefore} -> ${fact.finerAfter}`
          : `${fact.before ?? "(none)"} -> ${fact.after ?? "(none)"}`;
      lines.push(`    ${values}`);
      for (const sentence of fact.sentences) {
        lines.push(`    story, ${quote(sentence.section)}${sentence.href ? ` (${sentence.href})` : ""}:`);
        lines.push(`      before: ${quote(sentence.before)}`);
        lines.push(`      after:  ${quote(sentence.after)}`);
        if (sentence.previous) lines.push(`      the sentence before it: ${quote(sentence.previous)}`);
        if (sentence.next) lines.push(`      the sentence after it: ${quote(sentence.next)}`);
      }
      if (fact.sentences.length === 0) lines.push("    not in the story’s text");
      if (fact.charts.length > 0) lines.push(`    shown in the charts: ${fact.charts.join(", ")}`);
    }
    lines.push("");
  };
  group("PUBLISHED FIGURES THAT CHANGE (story sentences before and after)", ["value", "added", "removed"]);
  group("FIGURES WHOSE WORDING CHANGES (same figure, or a count crossing from words to digits)", ["wording"]);
  group("FIGURES THAT MOVE BUT READ THE SAME (rounded)", ["hidden"]);

  if (report.passages.length > 0) {
    lines.push("STORY PASSAGES THAT CHANGE (its text, and the cases and reactions drawn from the tables)");
    for (const passage of report.passages) {
      lines.push(`  story, ${quote(passage.section)}, ${passage.list} (${passage.href}): ${passage.name}`);
      lines.push(`    before: ${passage.before === null ? "(not in the story)" : quote(passage.before)}`);
      lines.push(`    after:  ${passage.after === null ? "(not in the story)" : quote(passage.after)}`);
    }
    lines.push("");
  }

  if (report.charts.length > 0) {
    lines.push("CHARTS, EMBEDS, SHARE IMAGES AND CHART DOWNLOADS");
    for (const chart of report.charts) {
      lines.push(
        `  ${chart.id}: ${quote(chart.title)}${chart.section ? `, in the story’s section ${quote(chart.section)}` : ""}`,
      );
      for (const change of chart.changes) lines.push(`    ${change.what}: ${change.before} -> ${change.after}`);
      const s = chart.surfaces;
      lines.push(`    story figure ${s.story}`);
      lines.push(`    embed page ${s.embed}`);
      lines.push(`    oEmbed file ${s.oembed}`);
      lines.push(`    share images ${s.shareImage}, ${s.shareImageSquare}`);
      lines.push(`    gallery card ${s.gallery}`);
      lines.push(`    downloads ${s.downloads.join(", ")}`);
    }
    lines.push("");
  }
  if (report.downloads.length > 0) lines.push("TABLE DOWNLOADS", ...report.downloads.map((path) => `  ${path}`), "");
  if (report.embedders.length > 0)
    lines.push("WHAT EMBEDDERS ON OTHER SITES WILL SEE", ...report.embedders.map((text) => `  ${text}`), "");
  if (report.storyErrors.length > 0)
    lines.push("THE STORY CANNOT BE BUILT WITH THIS DATA", ...report.storyErrors.map((text) => `  ${text}`), "");

  if (report.kind && report.release.version) {
    const version = nextVersion(report.release.version, report.kind);
    lines.push(`TO PUBLISH: npm run release -- --kind ${report.kind} --note "…" (would be version ${version})`);
    if (report.publishedValuesChanged > 0)
      lines.push(
        `  ${report.publishedValuesChanged} published value${report.publishedValuesChanged === 1 ? "" : "s"} changed: add --change "what changed" --reason "why" (writes a correction naming each), or --not-a-correction "table/row/column: why" for a wording fix.`,
      );
  }
  return `${lines.join("\n")}\n`;
}
