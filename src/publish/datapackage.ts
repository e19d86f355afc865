/**
 * The Frictionless Data Package (v2.0) that describes the CSV downloads.
 *
 * Nothing here is written by hand per table: every resource, field type,
 * constraint and key comes from the zod schemas (through src/data/columns.ts)
 * and the TABLES registry; the version and date come from releases.csv and
 * the sources from sources.csv.
 */
import { createHash } from "node:crypto";
import { columnSpecs, type ColumnSpec } from "../data/columns.ts";
import { licenceOf, publication as thePublication } from "../data/publication.ts";
import {
  TABLE_NAMES,
  TABLES,
  type Dataset,
  type Publication,
  type Release,
  type Source,
  type TableName,
} from "../data/schema.ts";
import { dataSourceIds, sourceReference } from "../lib/source-credit.ts";
import { CSV_FALSE, CSV_LINE_END, CSV_TRUE } from "../lib/csv-writer.ts";
import { latestRelease } from "../lib/release-order.ts";
import { tableCsv, tableFile } from "./downloads.ts";

/** Profiles (the `$schema` of each descriptor) of Data Package 2.0. */
export const DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
export const DATARESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json";

/** Where datapackage.json is published, relative to the site's `data/` folder. */
export const DATAPACKAGE_FILE = "datapackage.json";

/** The licence of our compilation (data/publication.csv); the reporting it rests on belongs to its publishers. */
export const LICENCE = (({ name, title, path }) => ({ name, title, path }))(licenceOf(thePublication));

/** What the package says of its licence and of the text it does not cover. */
export function licenceNote(licence: { title: string } = LICENCE): string {
  return (
    `Our compilation (the tables, our grouping and our calculations) is licensed under ${licence.title}. ` +
    "Text that is not ours is not covered by that licence and belongs to its publishers: the sources’ titles " +
    "(sources.csv title) and the quoted words and the passages that give them (quotes.csv quote and context)."
  );
}

/** Identifies the package; stays the same from one release to the next. */
export const PACKAGE_NAME = "met-police-data-protection-breaches";
export const PACKAGE_TITLE = "Data-protection breaches by Metropolitan Police employees";
const PACKAGE_DESCRIPTION =
  "The reported figures on breaches of data-protection rules by Metropolitan Police employees, the outcome " +
  "groups the Press Association reported, the examples of individual cases the reports describe, the Met’s " +
  "workforce at the time, and national context from all UK forces (Big Brother Watch, 2016, as reported by " +
  "Inforrm and Computer Weekly), each row citing its source. The reports give totals, not a row per breach: " +
  "this package holds the figures as they were reported.";
export const KEYWORDS = ["police", "data protection", "Metropolitan Police", "freedom of information", "misconduct"];

/** Field types of Table Schema that our column kinds map onto (the same words). */
type FieldType = ColumnSpec["kind"];

/** A Table Schema field descriptor. */
export interface TableField {
  name: string;
  type: FieldType;
  description: string;
  format?: "uri";
  trueValues?: string[];
  falseValues?: string[];
  constraints?: {
    required?: boolean;
    enum?: string[];
    pattern?: string;
    minimum?: number;
    maximum?: number;
  };
}

/** A Table Schema descriptor. */
export interface TableSchema {
  fields: TableField[];
  primaryKey?: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues: string[];
}

/** A source (or contributor) entry: a title and an address. */
interface SourceEntry {
  title: string;
  path: string;
}

/** The Data Resource descriptor of one table's CSV download. */
export interface TableResource {
  $schema: string;
  name: string;
  type: "table";
  path: string;
  title: string;
  description: string;
  format: "csv";
  mediatype: "text/csv";
  encoding: "utf-8";
  bytes: number;
  hash: string;
  sources?: SourceEntry[];
  dialect: {
    header: true;
    delimiter: string;
    lineTerminator: string;
    quoteChar: string;
    doubleQuote: true;
  };
  schema: TableSchema;
}

/** The whole datapackage.json descriptor. */
export interface DataPackage {
  $schema: string;
  name: string;
  title: string;
  description: string;
  version: string;
  created: string;
  keywords: string[];
  licenses: { name: string; title: string; path: string }[];
  /** The publication: it compiled and publishes the data. The sources are `sources`, never contributors. */
  contributors: { title: string; path: string; email?: string; roles: string[] }[];
  sources: SourceEntry[];
  resources: TableResource[];
  /** How to cite the data (src/publish/citation.ts): the CSL-JSON record and the formatted citations. */
  citation?: PackageCitation;
}

/** The citation a data package carries: its CSL-JSON record and the record formatted. */
export interface PackageCitation {
  csl: object;
  apa: string;
  chicago: string;
  bibtex: string;
  ris: string;
}

/** The current data version: the latest release in releases.csv (by date, then version; normally its last row). */
export function currentRelease(dataset: Dataset): Release {
  const release = latestRelease(dataset.releases);
  if (!release) throw new Error("releases.csv has no rows: the data version and date come from its last row.");
  return release;
}

/**
 * A JSON Schema pattern (a search, anchored by `^` and `$`) as Table Schema
 * wants it: XML Schema syntax, where the whole value must match and `(?:`
 * does not exist.
 */
export function xsdPattern(pattern: string): string {
  let body = pattern.startsWith("^") ? pattern.slice(1) : `.*${pattern}`;
  body = body.endsWith("$") && !body.endsWith("\\$") ? body.slice(0, -1) : `${body}.*`;
  return body.replaceAll("(?:", "(");
}

/** One column as a Table Schema field. */
export function tableField(spec: ColumnSpec): TableField {
  const field: TableField = { name: spec.name, type: spec.kind, description: spec.description };
  if (spec.kind === "string" && spec.format === "uri") field.format = "uri";
  if (spec.kind === "boolean") {
    field.trueValues = [CSV_TRUE];
    field.falseValues = [CSV_FALSE];
  }
  const constraints: NonNullable<TableField["constraints"]> = {};
  if (!spec.nullable) constraints.required = true;
  if (spec.allowedValues) constraints.enum = [...spec.allowedValues];
  if (spec.pattern) constraints.pattern = xsdPattern(spec.pattern);
  if (spec.kind === "integer" || spec.kind === "number") {
    if (spec.minimum !== null) constraints.minimum = spec.minimum;
    // zod gives every integer the safe-integer ceiling: a limit of JavaScript, not of the data.
    if (spec.maximum !== null && spec.maximum < Number.MAX_SAFE_INTEGER) constraints.maximum = spec.maximum;
  }
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return field;
}

/** The Table Schema of one table, from its zod schema and its TABLES entry. */
export function tableSchema(name: TableName): TableSchema {
  const definition = TABLES[name];
  const schema: TableSchema = { fields: columnSpecs(definition.schema).map(tableField), missingValues: [""] };
  if (definition.primaryKey) schema.primaryKey = [definition.primaryKey];
  if (definition.foreignKeys.length > 0) {
    schema.foreignKeys = definition.foreignKeys.map((key) => {
      const target = TABLES[key.table as TableName];
      if (!target?.primaryKey) {
        throw new Error(`${name}.${key.field} refers to table "${key.table}", which has no primary key to refer to.`);
      }
      return { fields: [key.field], reference: { resource: target.name, fields: [target.primaryKey] } };
    });
  }
  return schema;
}

/**
 * The sources a package or resource cites, each as it is credited everywhere
 * ("…, as reported by Inforrm and Computer Weekly"), at its address; a
 * second address (another report of the same figures) is listed as that.
 */
export function sourceEntries(sources: readonly Source[]): SourceEntry[] {
  return sources.flatMap((source) => {
    const title = sourceReference(source);
    const entries = [{ title, path: source.url }];
    if (source.secondary_url) {
      const host = new URL(source.secondary_url).hostname.replace(/^www\./, "");
      entries.push({ title: `${title}: the report at ${host}`, path: source.secondary_url });
    }
    return entries;
  });
}

/** The sources cited by a table's rows (its `source` column), in sources.csv order. */
function sourcesOfTable(name: TableName, dataset: Dataset): Source[] {
  const cites = TABLES[name].foreignKeys.some((key) => key.table === "sources");
  if (!cites) return [];
  const rows = dataset[name] as unknown as Record<string, unknown>[];
  const fields = TABLES[name].foreignKeys.filter((key) => key.table === "sources").map((key) => key.field);
  const ids = new Set(rows.flatMap((row) => fields.map((field) => row[field])));
  return dataset.sources.filter((source) => ids.has(source.id));
}

/** The Data Resource of one table, describing the bytes its CSV endpoint serves. */
export function tableResource(name: TableName, dataset: Dataset): TableResource {
  const definition = TABLES[name];
  const bytes = tableCsv(name, dataset);
  const resource: TableResource = {
    $schema: DATARESOURCE_PROFILE,
    name: definition.name,
    type: "table",
    path: tableFile(name, "csv"),
    title: definition.title,
    description: definition.description,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    bytes: bytes.byteLength,
    hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    dialect: { header: true, delimiter: ",", lineTerminator: CSV_LINE_END, quoteChar: '"', doubleQuote: true },
    schema: tableSchema(name),
  };
  const sources = sourcesOfTable(name, dataset);
  if (sources.length > 0) resource.sources = sourceEntries(sources);
  return resource;
}

/** The datapackage.json descriptor of every published table, with the data's citation when given. */
export function dataPackage(
  dataset: Dataset,
  citation?: PackageCitation,
  publisher: Publication = thePublication,
): DataPackage {
  const release = currentRelease(dataset);
  const licence = licenceOf(publisher);
  const email = /^https?:\/\//.test(publisher.corrections) ? {} : { email: publisher.corrections };
  return {
    $schema: DATAPACKAGE_PROFILE,
    name: PACKAGE_NAME,
    title: PACKAGE_TITLE,
    description: `${PACKAGE_DESCRIPTION} ${licenceNote(licence)}`,
    version: release.version,
    // The day the data last changed, not the build clock: rebuilding changes nothing.
    created: `${release.date}T00:00:00Z`,
    keywords: KEYWORDS,
    licenses: [{ name: licence.name, title: licence.title, path: licence.path }],
    // We made the tables and publish them; the outlets whose reporting they rest on are sources, not contributors.
    contributors: [{ title: publisher.name, path: publisher.url, ...email, roles: ["creator", "publisher"] }],
    // The reporting the tables rest on; a source the story cites only to date or corroborate it is not one.
    sources: sourceEntries(dataset.sources.filter((source) => dataSourceIds(dataset).includes(source.id))),
    resources: TABLE_NAMES.map((name) => tableResource(name, dataset)),
    ...(citation ? { citation } : {}),
  };
}
