/**
 * Named facts for the narrative. The story's content file cites numbers by
 * key (`figures:met-breaches-total`, `periods:met-2009-2013:months`), and
 * this module turns each key into a Fact read from the generated data, so no
 * number is ever typed into the prose. An unknown key is a build error.
 *
 * Keys:
 * - `figures:<id>` the figure's value (count or percent, approximate as published)
 * - `outcomes:<id>`, `workforce:<id>`, `national:<id>` the row's count
 * - `national:<id>:percent` the share the source reported
 * - `periods:<id>:<start|end|start-month|end-month|start-year|end-year>` (the dates the source gives)
 * - `sources:<id>:published` publication date, as precise as is known;
 *   `sources:<id>:published-month` its month ("May 2014"), `sources:<id>:published-year` its year
 * - `releases:first`, `releases:last` dates of the first and the current data release
 * - `derived:<id>` a number we compute: src/lib/derived-figures.ts, marked as ours wherever it appears
 */
import type { Dataset, Period, Source } from "../data/schema.ts";
import { DERIVED_IDS, derivedFact } from "./derived-figures.ts";
import type { Fact } from "./facts.ts";
import { utcDay } from "./periods.ts";
import { latestRelease } from "./release-order.ts";

/** The pseudo-source of facts about this dataset's own releases (releases.csv). */
export const RELEASES_SOURCE = "releases";

function find<T extends { id: string }>(rows: readonly T[], id: string, table: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`No row "${id}" in ${table}.csv`);
  return row;
}

/** How precisely a publication date is written: as known, or only its month or year. */
export type PublishedPrecision = "as-known" | "month" | "year";

/**
 * A source's publication date as a Fact, as precise as the source gives it
 * (year, month or day), or no more precise than `precision` ("reported in
 * May 2014": the month a reader needs to date the findings). Its source is
 * the one that gives the date: the source itself, or the one named in
 * `dated_by` when our copy carries no date; its label carries the date's
 * caveat.
 */
export function publishedFact(source: Source, precision: PublishedPrecision = "as-known"): Fact {
  const [year, month, day] = source.published.split("-").map(Number) as [number, number?, number?];
  const caveat = source.date_note
    ? `; ${source.date_note.replace(/\.$/, "").replace(/^./, (first) => first.toLowerCase())}`
    : "";
  const label = `Publication date of "${source.title}" (${source.publisher})${caveat}`;
  const dateSource = source.dated_by ?? source.id;
  if (month === undefined || precision === "year") return { value: year, format: "year", source: dateSource, label };
  return {
    value: Date.UTC(year, month - 1, day ?? 1),
    format: day === undefined || precision === "month" ? "month-year" : "date",
    source: dateSource,
    label,
  };
}

const PUBLISHED_FIELDS: Record<string, PublishedPrecision> = {
  published: "as-known",
  "published-month": "month",
  "published-year": "year",
};

function periodFact(period: Period, field: string): Fact {
  const base = { source: period.source };
  const startYear = Number(period.start.slice(0, 4));
  const endYear = Number(period.end.slice(0, 4));
  switch (field) {
    case "start":
      return {
        ...base,
        value: utcDay(period.start),
        format: "date",
        label: `First day of the period: ${period.label}`,
      };
    case "end":
      return { ...base, value: utcDay(period.end), format: "date", label: `Last day of the period: ${period.label}` };
    case "start-month":
      return {
        ...base,
        value: utcDay(period.start),
        format: "month-year",
        label: `Start of the period: ${period.label}`,
      };
    case "end-month":
      return { ...base, value: utcDay(period.end), format: "month-year", label: `End of the period: ${period.label}` };
    case "start-year":
      return { ...base, value: startYear, format: "year", label: `First year of the period: ${period.label}` };
    case "end-year":
      return { ...base, value: endYear, format: "year", label: `Last year of the period: ${period.label}` };
    default:
      throw new Error(`Unknown period field "${field}"`);
  }
}

function releaseFact(data: Dataset, which: string): Fact {
  const release = which === "first" ? data.releases[0] : which === "last" ? latestRelease(data.releases) : undefined;
  if (!release) throw new Error(`Unknown or missing release "${which}" (releases.csv)`);
  return {
    value: utcDay(release.date),
    format: "date",
    source: RELEASES_SOURCE,
    label:
      which === "first"
        ? `First publication of this dataset (version ${release.version})`
        : `Current data release, version ${release.version}: ${release.note}`,
  };
}

/** The Fact a key names, read from the data. Throws on an unknown key or row. */
export function resolveFact(key: string, data: Dataset): Fact {
  const [table, id, field, ...rest] = key.split(":");
  if (!table || !id || rest.length > 0) throw new Error(`Malformed fact key "${key}"`);
  const fail = (why: string): never => {
    throw new Error(`Fact key "${key}": ${why}`);
  };
  switch (table) {
    case "figures": {
      if (field) fail("figures take no field");
      const figure = find(data.figures, id, "figures");
      return {
        value: figure.value,
        format: figure.unit === "percent" ? "percent" : "count",
        source: figure.source,
        label: figure.note ? `${figure.label}. ${figure.note}` : figure.label,
        approximate: figure.approximate,
      };
    }
    case "outcomes": {
      if (field) fail("outcomes take no field");
      const outcome = find(data.outcomes, id, "outcomes");
      return { value: outcome.count, format: "count", source: outcome.source, label: `${outcome.label}: cases` };
    }
    case "workforce": {
      if (field) fail("workforce takes no field");
      const group = find(data.workforce, id, "workforce");
      return {
        value: group.count,
        format: "count",
        source: group.source,
        label: `${group.label}: workforce as reported`,
        approximate: group.approximate,
      };
    }
    case "national": {
      const row = find(data.national, id, "national");
      if (!field) return { value: row.count, format: "count", source: row.source, label: `${row.label}: breaches` };
      if (field !== "percent") fail('national takes only the field "percent"');
      if (row.reported_percent === null) fail("the source reported no percentage for this row");
      return {
        value: row.reported_percent as number,
        format: "percent",
        source: row.source,
        label: `${row.label}: share of all breaches, as the source reported it`,
      };
    }
    case "periods":
      return periodFact(find(data.periods, id, "periods"), field ?? fail("periods need a field"));
    case "sources": {
      const precision =
        PUBLISHED_FIELDS[field ?? ""] ??
        fail('sources take the field "published", "published-month" or "published-year"');
      return publishedFact(find(data.sources, id, "sources"), precision);
    }
    case "releases":
      if (field) fail("releases take no field");
      return releaseFact(data, id);
    case "derived": {
      if (field) fail("derived facts take no field");
      if (!DERIVED_IDS.includes(id)) fail(`unknown calculation; known: ${DERIVED_IDS.join(", ")}`);
      return derivedFact(id, data);
    }
    default:
      return fail("unknown table");
  }
}
