/**
 * The data pipeline as a function: read every table in a data folder,
 * validate it, check the tables against each other and every direct quote
 * against its source's words (quote-checks.ts), and (unless checking
 * only) write typed JSON and JSON Schemas. Used by the CLI, the dev server
 * and the tests alike.
 */
import { open, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { columnSpecs, rowJsonSchema } from "../../src/data/columns.ts";
import {
  PUBLICATION_TABLE,
  TABLE_NAMES,
  TABLES,
  type Dataset,
  type Publication,
  type TableDefinition,
  type TableName,
} from "../../src/data/schema.ts";
import { crossCheck } from "./cross-checks.ts";
import { decodeCsv } from "./decode-csv.ts";
import { parseTable, type ParsedTable, type ParseResult } from "./parse-table.ts";
import { compareProblems, type Problem } from "./problem.ts";
import { checkPassages, SOURCE_TEXT_FOLDER } from "./passage-checks.ts";
import { checkQuotes } from "./quote-checks.ts";
import { releaseChecks } from "./release-checks.ts";
import { RELEASE_STATUS_FILE, releaseStatus, type ReleaseStatus } from "./release-status.ts";
import type { Baseline } from "./baseline-type.ts";
import { strayFiles } from "./stray-files.ts";
import { jsonArrayChunks } from "./json-array.ts";
import { readTableInHalves, startTableHead, type StartWorker, type TableHead } from "./table-halves.ts";
import { writeFolderAtomically, type FileContent } from "./write-output.ts";

export interface PipelineOptions {
  /** Folder holding the CSV files. */
  dataDir: string;
  /** Folder the JSON goes to; replaced whole, and only when every table is valid. */
  outDir: string;
  /** Validate only; write nothing. */
  checkOnly?: boolean;
  /** Base for the file paths in messages (defaults to the working directory). */
  cwd?: string;
  /** The last release's tables (data/release/), to warn about published values changed without a correction. */
  baseline?: Dataset | null;
  /** Its version, for messages. */
  baselineVersion?: string | null;
  /**
   * The last release as loadBaseline reads it, to write whether the data equals it
   * (release-status.json: a build of anything else is a preview). Left out, the
   * output says the data is not a release.
   */
  release?: Baseline | null;
  /** Read the tables only, not data/publication.csv (the release copy, which holds no publication record). */
  tablesOnly?: boolean;
  /** Path of its folder, for messages (`data/release`). */
  baselineFolder?: string;
  /** Values a release waives as wording fixes (`table/row/column`): they need no correction. */
  waived?: ReadonlySet<string>;
  /** Today (YYYY-MM-DD, UTC) for the date checks; an embargoed release passes its own date. */
  today?: string;
  /**
   * Tables read by an earlier run of the same process (the dev server's), reused when their
   * file's bytes and the tables they take example ids from are unchanged; updated by this run.
   */
  cache?: TableCache;
  /** Folder of the kept source texts passages are checked against (default: `source-text/` in dataDir). */
  textDir?: string;
  /**
   * Read a table whose file is missing as an empty table instead of reporting it: the release
   * copy of a release made before the table existed (it held no rows of it).
   */
  missingTablesEmpty?: boolean;
  /**
   * Each table whose file has at least `minBytes` bytes is read on two
   * threads, each its own part of the file (table-halves.ts), when not
   * checking only. Left out, every table is read by this thread alone.
   */
  halves?: {
    minBytes: number;
    startWorker: StartWorker;
    /** Tables read and given to their second thread already (startTableHeadsEarly): their files are not read again. */
    early?: ReadonlyMap<TableName, EarlyTableHead>;
  };
  /**
   * Called with the dataset once every check here found it valid, before the
   * output is written: the very dataset the result gives when the run is ok.
   * A caller's own checks of it run here while a second thread still works.
   */
  withValidData?: (dataset: Dataset) => void | Promise<void>;
}

/** A large table file read, and its second thread started, before runPipeline (startTableHeadsEarly). */
export interface EarlyTableHead {
  bytes: Uint8Array;
  head: TableHead | null;
}

/** What reading one table file gave: kept between runs to skip decoding and parsing it again. */
interface CachedTable {
  bytes: Uint8Array;
  problems: Problem[];
  table: ParsedTable | null;
}

/** Per-table results of the last run, for PipelineOptions.cache. */
export type TableCache = Map<TableName, CachedTable>;

export interface PipelineResult {
  ok: boolean;
  /** Errors and warnings, in file and line order; each problem once. */
  problems: Problem[];
  /** The validated tables, when ok. */
  dataset: Dataset | null;
  /** The tables as parsed (rows and where each cell is), also when not ok: the valid cells of each. */
  tables: Partial<Record<TableName, ParsedTable>>;
  /** Whether the data equals the last release (options.release), when ok. */
  releaseStatus: ReleaseStatus | null;
  /** The publication record (data/publication.csv), when ok. */
  publication: Publication | null;
  /** data/publication.csv as parsed (where each cell is), when it could be read. */
  publicationTable: ParsedTable | null;
  /** The tables read and written on two threads (PipelineOptions.halves). */
  readOnTwoThreads?: TableName[];
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  /** The tables a second thread is reading the first part of. */
  const heads = new Map<TableName, TableHead>();
  try {
    return await checkAndWrite(options, heads);
  } finally {
    // A thread's file is moved into the output when used; otherwise it goes, and so does the thread.
    await Promise.all([...heads.values()].map((head) => head.cancel()));
  }
}

async function checkAndWrite(options: PipelineOptions, heads: Map<TableName, TableHead>): Promise<PipelineResult> {
  const cwd = options.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const tables: Partial<Record<TableName, ParsedTable>> = {};

  /** A table's file and its bytes; a missing file is reported (null). */
  const readTableFile = async (definition: TableDefinition): Promise<{ file: string; bytes: Uint8Array } | null> => {
    const path = join(options.dataDir, `${definition.name}.csv`);
    const file = relative(cwd, path) || path;
    try {
      // A file a second thread will read part of is read into memory both threads share (table-halves.ts).
      const shared = options.halves && !options.checkOnly ? options.halves.minBytes : Infinity;
      return { file, bytes: await readTableBytes(path, shared) };
    } catch {
      // The columns a file must have (optional ones may be added later).
      const columns = columnSpecs(definition.schema)
        .map((spec) => spec.name)
        .filter((name) => !definition.optionalColumns?.includes(name))
        .join(",");
      problems.push({
        file,
        line: 1,
        column: 1,
        field: "file",
        message: `the file is missing, expected a CSV file with the columns ${columns}`,
        severity: "error",
      });
      return null;
    }
  };

  /** Tables decoded and parsed afresh in this run (not taken from options.cache). */
  const reparsed = new Set<TableName>();
  for (const name of TABLE_NAMES) {
    let definition: TableDefinition = TABLES[name];
    const absent =
      options.missingTablesEmpty && !(await readFile(join(options.dataDir, `${name}.csv`)).then(Boolean, () => false));
    if (absent) definition = { ...definition, allowEmpty: true };
    const early = options.checkOnly ? undefined : options.halves?.early?.get(name);
    const path = join(options.dataDir, `${name}.csv`);
    const read = early
      ? { file: relative(cwd, path) || path, bytes: early.bytes }
      : absent
        ? {
            file: relative(cwd, join(options.dataDir, `${name}.csv`)),
            bytes: new TextEncoder().encode(
              `${columnSpecs(definition.schema)
                .map((spec) => spec.name)
                .join(",")}\n`,
            ),
          }
        : await readTableFile(definition);
    if (!read) {
      options.cache?.delete(name);
      continue;
    }
    const cached = options.cache?.get(name);
    // Its messages name example ids from the tables its foreign keys point to: those must be unchanged too.
    const reusable =
      cached &&
      Buffer.from(cached.bytes).equals(read.bytes) &&
      !definition.foreignKeys.some((key) => reparsed.has(key.table as TableName));
    if (reusable) {
      problems.push(...cached.problems);
      if (cached.table) tables[name] = cached.table;
      continue;
    }
    reparsed.add(name);
    const { file } = read;
    const head = early
      ? early.head
      : options.halves && !options.checkOnly && read.bytes.byteLength >= options.halves.minBytes
        ? startTableHead(name, read.bytes, tableHeadPath(options.outDir, name), options.halves.startWorker)
        : null;
    if (head) heads.set(name, head);
    // Tables are read in dependency order, so a foreign key's table is there to give an example id.
    const exampleFor = (field: string) => {
      const target = definition.foreignKeys.find((key) => key.field === field)?.table as TableName | undefined;
      const targetTable = target ? tables[target] : undefined;
      const key = target ? TABLES[target].primaryKey : null;
      const example = key ? targetTable?.rows.find((row) => typeof row[key] === "string")?.[key] : undefined;
      return typeof example === "string" ? example : null;
    };
    // A file read on two threads: each looks for control characters in its part (table-halves.ts).
    let decoded = decodeCsv(read.bytes, file, { textOnly: head !== null });
    let parsed: ParseResult | null = null;
    if (head) {
      if (decoded.text !== null && decoded.problems.length === 0) {
        parsed = await readTableInHalves(decoded.text, read.bytes, definition, file, head, { exampleFor });
      }
      if (!parsed) {
        // Anything to say about the file is said from one reading of it, on this thread alone.
        heads.delete(name);
        await head.cancel();
        decoded = decodeCsv(read.bytes, file);
      }
    }
    problems.push(...decoded.problems);
    if (decoded.text === null) {
      options.cache?.set(name, { bytes: read.bytes, problems: decoded.problems, table: null });
      continue;
    }
    parsed ??= parseTable(decoded.text, definition, file, { exampleFor });
    problems.push(...parsed.problems);
    // A table with problems still takes part in the checks across tables, for the cells that are valid.
    if (parsed.table) tables[name] = parsed.table;
    options.cache?.set(name, {
      bytes: read.bytes,
      problems: [...decoded.problems, ...parsed.problems],
      table: parsed.table ?? null,
    });
  }

  const { record: publication, table: publicationTable } = options.tablesOnly
    ? { record: null, table: null }
    : await readPublication(readTableFile, problems);
  problems.push(
    ...crossCheck(tables),
    ...checkQuotes(tables),
    ...(await checkPassages(tables, options.textDir ?? join(options.dataDir, SOURCE_TEXT_FOLDER))),
    ...releaseChecks(tables, {
      baseline: options.baseline ?? null,
      baselineVersion: options.baselineVersion,
      baselineFolder: options.baselineFolder ?? relative(cwd, join(options.dataDir, "release")),
      waived: options.waived,
      today: options.today,
    }),
    ...(await strayFiles(options.dataDir, cwd)),
  );
  // While a second thread writes the JSON, what needs the valid data: the release status and the caller's own checks.
  const valid = !problems.some((problem) => problem.severity === "error");
  const dataset = valid ? (Object.fromEntries(TABLE_NAMES.map((name) => [name, tables[name]!.rows])) as Dataset) : null;
  let status: ReleaseStatus | null = null;
  if (dataset && !(options.release === undefined && options.checkOnly)) status = releaseStatus(tables, options.release);
  if (dataset && options.withValidData) await options.withValidData(dataset);
  problems.sort(compareProblems);
  if (!dataset) {
    return { ok: false, problems, dataset: null, tables, releaseStatus: null, publication: null, publicationTable };
  }
  if (!options.checkOnly) {
    // The JSON of tables read on two threads is the second threads', moved in once written, after every other file.
    const written = new Map([...heads].map(([name, head]) => [name, head.written]));
    await writeFolderAtomically(options.outDir, renderOutput(dataset, status!, publication, written));
  }
  return {
    ok: true,
    problems,
    dataset,
    tables,
    releaseStatus: status,
    publication,
    publicationTable,
    readOnTwoThreads: [...heads.keys()],
  };
}

/**
 * Reads each table file of at least `minBytes` bytes and starts its second
 * thread now, for runPipeline to take up (PipelineOptions.halves.early): the
 * CLI does so before it loads the last release, so that the second thread's
 * work starts as early as it can. runPipeline stops every thread it takes
 * up; the caller stops the others (TableHead.cancel).
 */
export async function startTableHeadsEarly(
  dataDir: string,
  outDir: string,
  halves: { minBytes: number; startWorker: StartWorker },
): Promise<Map<TableName, EarlyTableHead>> {
  const early = new Map<TableName, EarlyTableHead>();
  for (const name of TABLE_NAMES) {
    const path = join(dataDir, `${name}.csv`);
    const size = await stat(path).then(
      (stats) => stats.size,
      () => 0,
    );
    if (size < halves.minBytes) continue;
    const bytes = await readTableBytes(path, halves.minBytes);
    if (bytes.byteLength < halves.minBytes) continue;
    early.set(name, { bytes, head: startTableHead(name, bytes, tableHeadPath(outDir, name), halves.startWorker) });
  }
  return early;
}

/** Where a second thread writes the JSON of its part of a table: beside the output folder, moved into it when used. */
function tableHeadPath(outDir: string, name: TableName): string {
  return `${outDir}.${name}-${process.pid}.json`;
}

/** A file's bytes; in a SharedArrayBuffer when it has at least `sharedFrom` bytes. */
async function readTableBytes(path: string, sharedFrom: number): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    if (size < sharedFrom) return await file.readFile();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let filled = 0;
    for (let read = -1; filled < size && read !== 0; filled += read) {
      ({ bytesRead: read } = await file.read(bytes, filled, size - filled, filled));
    }
    return bytes.subarray(0, filled);
  } finally {
    await file.close();
  }
}

/**
 * The publication record (data/publication.csv): parsed and checked like a
 * table, and exactly one row. Null when it has a problem (reported).
 */
async function readPublication(
  readTableFile: (definition: TableDefinition) => Promise<{ file: string; bytes: Uint8Array } | null>,
  problems: Problem[],
): Promise<{ record: Publication | null; table: ParsedTable | null }> {
  const none = { record: null, table: null };
  const read = await readTableFile(PUBLICATION_TABLE);
  if (!read) return none;
  const decoded = decodeCsv(read.bytes, read.file);
  problems.push(...decoded.problems);
  if (decoded.text === null) return none;
  const parsed = parseTable(decoded.text, PUBLICATION_TABLE, read.file);
  problems.push(...parsed.problems);
  const table = parsed.table;
  if (!table || parsed.problems.some((problem) => problem.severity === "error")) return { record: null, table };
  if (table.rows.length !== 1) {
    const position = table.rows.length > 1 ? table.locate(1, "name") : { line: 2, column: 1 };
    problems.push({
      file: read.file,
      line: position.line,
      column: position.column,
      field: "row",
      message: `the file has ${table.rows.length} rows, expected exactly one: the publication is named once`,
      severity: "error",
    });
    return { record: null, table };
  }
  return { record: table.rows[0] as Publication, table };
}

/**
 * The files of the generated folder: one JSON file and one JSON Schema per
 * table, the release status, and the publication record.
 */
function renderOutput(
  dataset: Dataset,
  status: ReleaseStatus,
  publication: Publication | null,
  written: ReadonlyMap<TableName, Promise<string | null>>,
): Map<string, FileContent> {
  const files = new Map<string, FileContent>();
  files.set(RELEASE_STATUS_FILE, `${JSON.stringify(status, null, 2)}\n`);
  if (publication) files.set("publication.json", `${JSON.stringify(publication, null, 2)}\n`);
  for (const name of TABLE_NAMES) {
    const writtenAt = written.get(name);
    const rows = dataset[name];
    files.set(
      `${name}.json`,
      writtenAt ? { writtenAt, otherwise: () => jsonArrayChunks(rows) } : jsonArrayChunks(rows),
    );
    const { $schema, ...row } = rowJsonSchema(TABLES[name].schema);
    const { title, description } = TABLES[name];
    const schema = { $schema, title, description, type: "array", items: row };
    files.set(`schema/${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return files;
}
