/**
 * The published data, as built: every CSV download reads back to its JSON
 * twin, datapackage.json validates against the official Frictionless 2.0
 * profiles and describes the files exactly, and the data page lists every
 * table, column and download.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { chartMethods } from "../src/components/data/chart-methods.ts";
import { columnSpecs, type ColumnKind } from "../src/data/columns.ts";
import { dataset } from "../src/data/dataset.ts";
import { publication } from "../src/data/publication.ts";
import { TABLE_NAMES, TABLES, type TableName } from "../src/data/schema.ts";
import { restoreText } from "../src/lib/csv-writer.ts";
import { dataSourceIds, sourceById, sourceReference } from "../src/lib/source-credit.ts";
import type { DataPackage, TableResource } from "../src/publish/datapackage.ts";
import { builtPage, DIST_DIR } from "./support/site.ts";

type Value = string | number | boolean | null;
type Row = Record<string, Value>;
interface Column {
  name: string;
  kind: ColumnKind;
}

const DATA_DIR = join(DIST_DIR, "data");
const BOM = [0xef, 0xbb, 0xbf];

function builtFile(path: string): Buffer {
  const file = join(DATA_DIR, path);
  if (!existsSync(file)) throw new Error(`${file} was not built`);
  return readFileSync(file);
}

function builtJson<T = unknown>(path: string): T {
  return JSON.parse(builtFile(path).toString("utf8")) as T;
}

/** One CSV cell read back, by its column's kind, as the datapackage describes (missingValues [""]). */
function readCell(kind: ColumnKind, cell: string): Value {
  if (cell === "") return null;
  switch (kind) {
    case "integer":
    case "number": {
      expect(cell, "a plain number").toMatch(/^-?\d+(?:\.\d+)?$/);
      return Number(cell);
    }
    case "boolean":
      expect(["yes", "no"]).toContain(cell);
      return cell === "yes";
    default:
      return cell;
  }
}

/** A CSV download parsed back with PapaParse (header row, no dynamic typing), cell by cell. */
function readCsv(bytes: Buffer, columns: readonly Column[]): { fields: string[]; rows: Row[]; raw: string[][] } {
  expect([...bytes.subarray(0, 3)], "UTF-8 byte-order mark").toEqual(BOM);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n"), "the last record ends with CRLF").toBe(true);
  // Outside quoted fields, every line break is CRLF.
  expect(text.replace(/"(?:[^"]|"")*"/g, '""')).not.toMatch(/[^\r]\n|\r(?!\n)/);
  const parsed = Papa.parse<Record<string, string>>(text.slice(0, -2), {
    header: true,
    dynamicTyping: false,
    newline: "\r\n",
    skipEmptyLines: false,
  });
  expect(parsed.errors).toEqual([]);
  const fields = parsed.meta.fields ?? [];
  const rows = parsed.data.map((record) =>
    Object.fromEntries(columns.map((column) => [column.name, readCell(column.kind, record[column.name]!)])),
  );
  return { fields, rows, raw: parsed.data.map((record) => Object.values(record)) };
}

function tableColumns(name: TableName): Column[] {
  return columnSpecs(TABLES[name].schema).map(({ name, kind }) => ({ name, kind }));
}

describe("downloads: every CSV reads back to its JSON twin", () => {
  for (const name of TABLE_NAMES) {
    it(`data/${name}.csv equals data/${name}.json`, () => {
      const columns = tableColumns(name);
      const csv = readCsv(builtFile(`${name}.csv`), columns);
      const json = builtJson<Row[]>(`${name}.json`);
      expect(csv.fields).toEqual(columns.map((column) => column.name));
      // Real data has no cell the injection guard had to touch, so the round trip is exact.
      for (const cell of csv.raw.flat()) expect(restoreText(cell)).toBe(cell);
      expect(csv.rows).toStrictEqual(json);
      for (const row of json) expect(Object.keys(row)).toEqual(csv.fields);
    });

    it(`data/${name}.json holds the validated data (src/generated/${name}.json)`, () => {
      const generated = JSON.parse(readFileSync(`src/generated/${name}.json`, "utf8")) as unknown;
      expect(builtJson(`${name}.json`)).toStrictEqual(generated);
    });
  }

  for (const chart of CHARTS) {
    it(`data/charts/${chart.id}.csv equals data/charts/${chart.id}.json`, () => {
      const json = builtJson<{ id: string; columns: { key: string; type: ColumnKind }[]; rows: Row[] }>(
        `charts/${chart.id}.json`,
      );
      expect(json.id).toBe(chart.id);
      const columns = json.columns.map((column) => ({ name: column.key, kind: column.type }));
      const csv = readCsv(builtFile(`charts/${chart.id}.csv`), columns);
      expect(csv.fields).toEqual(columns.map((column) => column.name));
      for (const cell of csv.raw.flat()) expect(restoreText(cell)).toBe(cell);
      expect(csv.rows).toStrictEqual(json.rows);
      expect(json.rows.length).toBeGreaterThan(0);
    });

    it(`data/charts/${chart.id}.csv and .json say which numbers are ours, who made the chart and what it rests on`, () => {
      const json = builtJson<{ columns: { key: string; derived?: string }[]; credit: string; source: string }>(
        `charts/${chart.id}.json`,
      );
      // A CSV has no room for a column's description: the name says "our calculation".
      for (const column of json.columns) expect(column.key.endsWith("_our_calculation")).toBe(Boolean(column.derived));
      expect(json.credit).toBe(`Chart: ${publication.name}`);
      expect(json.source).toMatch(/^Data: /);
    });
  }
});

/** The official profiles, copied into the repository (test/fixtures/frictionless-2.0, public domain). */
function profilesDir(): string {
  return resolve("test", "fixtures", "frictionless-2.0");
}

function profile(name: string): ValidateFunction {
  // One Ajv per profile: the profiles repeat definitions, and their extra keywords
  // (propertyOrder, context, options) are documentation, hence strict: false.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // "textarea" is an editor hint in the profiles, not a constraint.
  ajv.addFormat("textarea", true);
  return ajv.compile(JSON.parse(readFileSync(join(profilesDir(), `${name}.json`), "utf8")) as object);
}

function expectValid(validate: ValidateFunction, value: unknown, what: string) {
  const valid = validate(value);
  expect(valid ? [] : validate.errors, `${what} is valid`).toEqual([]);
}

describe("datapackage.json", () => {
  const descriptor = builtJson<DataPackage>("datapackage.json");
  const releases = builtJson<{ version: string; date: string }[]>("releases.json");
  const resources = new Map<string, TableResource>(descriptor.resources.map((resource) => [resource.name, resource]));
  const readResource = (resource: TableResource) =>
    readCsv(
      builtFile(resource.path),
      resource.schema.fields.map((field) => ({ name: field.name, kind: field.type })),
    ).rows;

  it("validates against the official Frictionless 2.0 profiles", () => {
    expect(descriptor.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
    expectValid(profile("datapackage"), descriptor, "datapackage.json");
    const resourceProfile = profile("dataresource");
    const schemaProfile = profile("tableschema");
    const dialectProfile = profile("tabledialect");
    for (const resource of descriptor.resources) {
      expect(resource.$schema).toBe("https://datapackage.org/profiles/2.0/dataresource.json");
      expectValid(resourceProfile, resource, `resource ${resource.name}`);
      expectValid(schemaProfile, resource.schema, `table schema of ${resource.name}`);
      expectValid(dialectProfile, resource.dialect, `dialect of ${resource.name}`);
    }
  });

  it("is checked for real: a broken descriptor fails the same profiles", () => {
    const broken = structuredClone(descriptor) as unknown as {
      resources: { schema: { fields: { type: string }[] } }[];
    };
    broken.resources[0]!.schema.fields[0]!.type = "not-a-type";
    expect(profile("datapackage")(broken)).toBe(false);
    expect(profile("tableschema")(broken.resources[0]!.schema)).toBe(false);
    expect(profile("datapackage")({ ...descriptor, resources: [] })).toBe(false);
  });

  it("takes its version and date from the last release, not the build clock", () => {
    const last = releases.at(-1)!;
    expect(descriptor.version).toBe(last.version);
    expect(descriptor.created).toBe(`${last.date}T00:00:00Z`);
  });

  it("credits the reporting its rows rest on as sources, and the publication as its only contributor", () => {
    const cited = dataSourceIds(dataset).map((id) => sourceById(id, dataset));
    const urls = cited.flatMap((source) => [source.url, source.secondary_url].filter(Boolean));
    expect(descriptor.sources.map((source) => source.path)).toEqual(urls);
    for (const source of cited)
      expect(descriptor.sources.map((entry) => entry.title)).toContain(sourceReference(source));
    // We made the tables; no outlet is a contributor or a rights holder.
    expect(descriptor.contributors).toEqual([
      expect.objectContaining({ title: publication.name, path: publication.url, roles: ["creator", "publisher"] }),
    ]);
    expect(JSON.stringify(descriptor.contributors)).not.toContain("rightsHolder");
    expect(descriptor.licenses.map((licence) => licence.name)).toEqual(["CC-BY-4.0"]);
  });

  it("says which text is not ours and not under its licence: source titles, quotes and their passages", () => {
    expect(descriptor.description).toContain("not covered by that licence");
    const field = (table: string, name: string) =>
      descriptor.resources.find((resource) => resource.name === table)?.schema.fields.find((f) => f.name === name);
    for (const [table, name] of [
      ["sources", "title"],
      ["quotes", "quote"],
      ["quotes", "context"],
    ] as const)
      expect(field(table, name)?.description, `${table}.${name}`).toContain("not covered by our licence");
  });

  it("has one resource per table, in order, each describing the built file exactly", () => {
    expect(descriptor.resources.map((resource) => resource.name)).toEqual(TABLE_NAMES);
    for (const resource of descriptor.resources) {
      const bytes = builtFile(resource.path);
      expect(resource.path).toBe(`${resource.name}.csv`);
      expect(resource.bytes).toBe(bytes.byteLength);
      expect(resource.hash).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
      expect(resource.dialect).toMatchObject({ header: true, lineTerminator: "\r\n" });
      expect(resource.schema.missingValues).toEqual([""]);
      const header = readCsv(bytes, tableColumns(resource.name as TableName)).fields;
      expect(resource.schema.fields.map((field) => field.name)).toEqual(header);
    }
  });

  it("states field types and constraints that the published values meet", () => {
    for (const resource of descriptor.resources) {
      const rows = readResource(resource);
      for (const field of resource.schema.fields) {
        const values = rows.map((row) => row[field.name]);
        const { required, enum: allowed, pattern, minimum, maximum } = field.constraints ?? {};
        const where = `${resource.name}.${field.name}`;
        if (required) expect(values, where).not.toContain(null);
        for (const value of values.filter((value) => value !== null)) {
          if (field.type === "integer") expect(Number.isInteger(value), where).toBe(true);
          if (field.type === "number" || field.type === "integer") expect(typeof value, where).toBe("number");
          if (field.type === "boolean") expect(typeof value, where).toBe("boolean");
          if (field.type === "date") expect(value, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (field.format === "uri") expect(() => new URL(String(value)), where).not.toThrow();
          if (allowed) expect(allowed, where).toContain(value);
          // Table Schema patterns are XML Schema style: the whole value must match.
          if (pattern) expect(String(value), where).toMatch(new RegExp(`^(?:${pattern})$`));
          if (minimum !== undefined) expect(value as number, where).toBeGreaterThanOrEqual(minimum);
          if (maximum !== undefined) expect(value as number, where).toBeLessThanOrEqual(maximum);
        }
      }
    }
  });

  it("declares every primary and foreign key of TABLES, and they hold in the published files", () => {
    for (const name of TABLE_NAMES) {
      const resource = resources.get(name)!;
      const definition = TABLES[name];
      expect(resource.schema.primaryKey).toEqual(definition.primaryKey ? [definition.primaryKey] : undefined);
      expect(resource.schema.foreignKeys?.map((key) => [key.fields[0], key.reference.resource]) ?? []).toEqual(
        definition.foreignKeys.map((key) => [key.field, key.table]),
      );
      const rows = readResource(resource);
      if (resource.schema.primaryKey) {
        const ids = rows.map((row) => resource.schema.primaryKey!.map((field) => row[field]).join("\u0000"));
        expect(new Set(ids).size, `${name} primary key is unique`).toBe(ids.length);
      }
      for (const key of resource.schema.foreignKeys ?? []) {
        const target = resources.get(key.reference.resource);
        expect(target, `${name} refers to a published resource`).toBeDefined();
        const targetRows = readResource(target!);
        const known = new Set(targetRows.map((row) => key.reference.fields.map((field) => row[field]).join("\u0000")));
        for (const row of rows) {
          const values = key.fields.map((field) => row[field]);
          if (values.some((value) => value === null)) continue;
          expect(known, `${name}.${key.fields.join(",")} = ${values.join(",")} resolves`).toContain(
            values.join("\u0000"),
          );
        }
      }
    }
  });
});

describe("the data page", () => {
  const { document } = parseHTML(builtPage("data/"));
  const main = document.querySelector("main")!;
  const text = (element: Element | null) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();
  /** The size the page shows right after a download link. */
  const shownSize = (link: Element) =>
    Number(
      link.nextElementSibling?.matches(".size") && link.nextElementSibling.querySelector("data")?.getAttribute("value"),
    );

  it("lists every table with its title, description, row count, downloads and every column", () => {
    for (const name of TABLE_NAMES) {
      const section = main.querySelector(`#table-${name}`);
      expect(section, `section for ${name}`).not.toBeNull();
      expect(text(section!.querySelector("h3"))).toBe(TABLES[name].title);
      expect(text(section)).toContain(TABLES[name].description);
      const rows = builtJson<unknown[]>(`${name}.json`).length;
      expect(section!.querySelector(".download-meta data")?.getAttribute("value")).toBe(String(rows));
      const names = [...section!.querySelectorAll("table tbody th code")].map((cell) => text(cell));
      expect(names).toEqual(tableColumns(name).map((column) => column.name));
      for (const spec of columnSpecs(TABLES[name].schema)) expect(text(section)).toContain(spec.description);
      for (const format of ["csv", "json"]) {
        const link = section!.querySelector(`a[href$="data/${name}.${format}"]`);
        expect(link, `${name}.${format} link`).not.toBeNull();
        expect(shownSize(link!)).toBe(builtFile(`${name}.${format}`).byteLength);
      }
    }
  });

  it("links the data behind every chart, with sizes, and says how every chart is computed", () => {
    const methods = text(main.querySelector("#method"));
    for (const chart of CHARTS) {
      for (const format of ["csv", "json"]) {
        const link = main.querySelector(`a[href$="data/charts/${chart.id}.${format}"]`);
        expect(link, `${chart.id}.${format} link`).not.toBeNull();
        expect(shownSize(link!)).toBe(builtFile(`charts/${chart.id}.${format}`).byteLength);
      }
      expect(methods).toContain(chart.title);
    }
    for (const { method } of chartMethods(CHARTS)) expect(methods).toContain(method);
  });

  it("fails, naming the chart, when a chart has no method text", () => {
    const unexplained = { ...CHARTS[0]!, id: "chart-without-method" };
    expect(() => chartMethods([...CHARTS, unexplained])).toThrow(/"chart-without-method".*chart-methods\.ts/);
  });

  it("links datapackage.json with its size", () => {
    const link = main.querySelector('a[href$="data/datapackage.json"]');
    expect(link).not.toBeNull();
    expect(shownSize(link!)).toBe(builtFile("datapackage.json").byteLength);
  });

  it("shows the data version and date from the last release", () => {
    const last = builtJson<{ version: string; date: string }[]>("releases.json").at(-1)!;
    const version = main.querySelector(".version")!;
    expect(version.querySelector("data")?.getAttribute("value")).toBe(last.version);
    expect(version.querySelector("time")?.getAttribute("datetime")).toBe(last.date);
  });

  it("lists every source with its link and date", () => {
    const sourceRows = builtJson<{ id: string; url: string; title: string; published: string }[]>("sources.json");
    for (const source of sourceRows) {
      const item = main.querySelector(`#source-${source.id}`);
      expect(item, source.id).not.toBeNull();
      expect(item!.querySelector(`a[href="${source.url}"]`)?.textContent).toBe(source.title);
      expect(item!.querySelector("time")?.getAttribute("datetime")).toBe(source.published);
    }
  });

  it("states the licence and what it leaves out, credits the publication and the reporting it rests on", () => {
    const licence = main.querySelector("#licence")!;
    expect(licence.querySelector('a[rel="license"]')?.getAttribute("href")).toBe(
      "https://creativecommons.org/licenses/by/4.0/",
    );
    expect(text(licence.querySelector("#licence-not-ours"))).toMatch(/not covered by that licence/);
    const credit = text(licence.querySelector(".credit"));
    expect(credit).toContain(publication.name);
    for (const id of dataSourceIds(dataset)) expect(credit).toContain(sourceReference(sourceById(id, dataset)));
  });

  it("gives the corrections route: the publisher, its contact and the source repository", () => {
    const section = main.querySelector("#corrections")!;
    const contact = section.querySelector(".corrections-contact")!;
    expect(text(contact)).toContain(publication.name);
    const hrefs = [...contact.querySelectorAll("a")].map((link) => link.getAttribute("href"));
    expect(hrefs).toContain(publication.repository);
    expect(hrefs.some((href) => href === `mailto:${publication.corrections}` || href === publication.corrections)).toBe(
      true,
    );
  });

  it("shows the corrections, or says there are none", () => {
    const corrections = builtJson<{ date: string; change: string }[]>("corrections.json");
    const section = main.querySelector("#corrections")!;
    if (corrections.length === 0) {
      expect(text(section)).toContain("No corrections have been made.");
      expect(section.querySelector("table")).toBeNull();
    } else {
      expect(section.querySelectorAll("tbody tr")).toHaveLength(corrections.length);
    }
  });

  it("says what the data is not: no case-level table, aggregate outcomes, example cases", () => {
    const what = text(main.querySelector("#what"));
    expect(what).toContain("not a row per breach");
    expect(what).toMatch(/groups, not cases/);
    // Only what the sources say about where the figures came from.
    expect(what).not.toMatch(/never published|the Met(ropolitan Police)? released|the force described/);
    expect(what).toMatch(/examples/);
    for (const outcome of builtJson<{ label: string; split_published: boolean }[]>("outcomes.json")) {
      if (!outcome.split_published) expect(what).toContain(outcome.label);
    }
  });
});
