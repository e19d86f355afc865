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
 * - `periods:<id>:<start|end|start-month|end-month|start-year|end-year|months|days>`
 * - `sources:<id>:published` publication date, as precise as is known
 * - `releases:first`, `releases:last` dates of the first and the current data release
 * - `derived:<name>` a number computed from several rows (see DERIVED)
 */
import type { Dataset, Period, Source } from "../data/schema.ts";
import type { Fact } from "./facts.ts";

/** The pseudo-source of facts about this dataset's own releases (releases.csv). */
export const RELEASES_SOURCE = "releases";

const DAY_MS = 86_400_000;

function find<T extends { id: string }>(rows: readonly T[], id: string, table: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (!row) throw new Error(`No row "${id}" in ${table}.csv`);
  return row;
}

/** UTC midnight of a YYYY-MM-DD date, in ms. */
export function utcDay(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not a date: ${isoDate}`);
  return Date.UTC(year, month - 1, day);
}

/** Days from start to end of a period, both days included. */
export function periodDays(period: Period): number {
  return Math.round((utcDay(period.end) - utcDay(period.start)) / DAY_MS) + 1;
}

/** Calendar months a period touches, first and last included. */
export function periodMonths(period: Period): number {
  const [startYear, startMonth] = period.start.split("-").map(Number) as [number, number];
  const [endYear, endMonth] = period.end.split("-").map(Number) as [number, number];
  return (endYear - startYear) * 12 + (endMonth - startMonth) + 1;
}

/** A source's publication date as a Fact as precise as the source gives it (year, month or day). */
export function publishedFact(source: Source): Fact {
  const [year, month, day] = source.published.split("-").map(Number) as [number, number?, number?];
  const label = `Publication date of "${source.title}" (${source.publisher})`;
  if (month === undefined) return { value: year, format: "year", source: source.id, label };
  return {
    value: Date.UTC(year, month - 1, day ?? 1),
    format: day === undefined ? "month-year" : "date",
    source: source.id,
    label,
  };
}

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
    case "months":
      return {
        ...base,
        value: periodMonths(period),
        format: "count",
        label: `Calendar months from ${period.start} to ${period.end}, both included: ${period.label}`,
      };
    case "days":
      return {
        ...base,
        value: periodDays(period),
        format: "count",
        label: `Days from ${period.start} to ${period.end}, both included: ${period.label}`,
      };
    default:
      throw new Error(`Unknown period field "${field}"`);
  }
}

function releaseFact(data: Dataset, which: string): Fact {
  const release = which === "first" ? data.releases[0] : which === "last" ? data.releases.at(-1) : undefined;
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

const MET_PERIOD = "met-2009-2013";
const MET_TOTAL = "met-breaches-total";
const FORMAL_ACTION = "formal-action";

/** Numbers the story computes from several rows; each says how in its label. */
const DERIVED: Record<string, (data: Dataset) => Fact> = {
  // "About one every N days": the period's length shared out over the breaches.
  "met-days-per-breach": (data) => {
    const period = find(data.periods, MET_PERIOD, "periods");
    const total = find(data.figures, MET_TOTAL, "figures");
    const days = periodDays(period);
    return {
      value: days / total.value,
      format: "decimal",
      digits: 0,
      source: total.source,
      label: `Average days between breaches: ${days.toLocaleString("en-GB")} days divided by ${total.value.toLocaleString("en-GB")} breaches, rounded`,
    };
  },
  "met-not-formal": (data) => {
    const rest = data.outcomes.filter((outcome) => outcome.id !== FORMAL_ACTION);
    return {
      value: rest.reduce((sum, outcome) => sum + outcome.count, 0),
      format: "count",
      source: find(data.outcomes, FORMAL_ACTION, "outcomes").source,
      label: `Cases that did not end in formal action: ${rest.map((outcome) => outcome.label).join(" plus ")}`,
    };
  },
  "met-formal-share": (data) => {
    const formal = find(data.outcomes, FORMAL_ACTION, "outcomes");
    const total = find(data.figures, MET_TOTAL, "figures");
    return {
      value: (formal.count / total.value) * 100,
      format: "percent",
      digits: 0,
      source: formal.source,
      label: `Share of cases that ended in formal action: ${formal.count} of ${total.value}, rounded`,
    };
  },
  "workforce-total": (data) => ({
    value: data.workforce.reduce((sum, group) => sum + group.count, 0),
    format: "count",
    approximate: data.workforce.some((group) => group.approximate),
    source: data.workforce[0]?.source ?? "",
    label: `Met workforce at the time: ${data.workforce.map((group) => group.label).join(", ")}, added up`,
  }),
  "documented-cases": (data) => ({
    value: data.cases.length,
    format: "count",
    source: data.cases[0]?.source ?? "",
    label: "Individual cases or groups of cases the Met described (cases.csv)",
  }),
  "documented-cases-several": (data) => ({
    value: data.cases.filter((row) => row.multiplicity === "several").length,
    format: "count",
    source: data.cases[0]?.source ?? "",
    label: "Documented examples that cover more than one case, without a count",
  }),
  "documented-outcome-not-stated": (data) => ({
    value: data.cases.filter((row) => row.outcome === "not stated").length,
    format: "count",
    source: data.cases[0]?.source ?? "",
    label: "Documented examples whose outcome the source does not state",
  }),
  "breach-type-count": (data) => ({
    value: data.categories.length,
    format: "count",
    source: data.cases[0]?.source ?? "",
    label: "Breach types the documented examples are filed under (categories.csv)",
  }),
};

/** Every key `derived:<name>` accepts. */
export const DERIVED_FACTS = Object.keys(DERIVED);

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
        label: `${group.label}: headcount as reported`,
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
    case "sources":
      if (field !== "published") fail('sources take the field "published"');
      return publishedFact(find(data.sources, id, "sources"));
    case "releases":
      if (field) fail("releases take no field");
      return releaseFact(data, id);
    case "derived": {
      if (field) fail("derived facts take no field");
      const derive = DERIVED[id] ?? fail(`unknown derived fact; known: ${DERIVED_FACTS.join(", ")}`);
      return derive(data);
    }
    default:
      return fail("unknown table");
  }
}
