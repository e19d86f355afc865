/**
 * Our calculations: every number the site shows that is not a value of a
 * published table (a sum, a share, a count of rows, months or days) is
 * defined here, once, with what it is, how it is computed, what it rests on
 * and what it cannot say. The story cites these as `derived:<id>`, chart
 * entries call `derivedFact`, and the data page lists them all under "Our
 * calculations", so a reader can check each one.
 *
 * A derived Fact carries `derived` (how, with its inputs): components mark it
 * `data-derived` and say "Our calculation from <source>", never crediting the
 * source with a number it did not publish. The build checks that every other
 * figure on every page is a value its source published
 * (scripts/astro-provenance-check.mjs).
 */
import { ROW_IDS } from "../data/row-ids.ts";
import type { Case, Dataset, Figure, Period } from "../data/schema.ts";
import { CASE_THRESHOLD, MAX_SQUARES, caseGroupCounts, casesPerSquare } from "./case-scale.ts";
import type { Fact } from "./facts.ts";
import { periodDays, periodMonths } from "./periods.ts";

/** One number we compute, and what a reader needs to judge it. */
export interface DerivedFigure {
  id: string;
  /** What the number is, in words (a heading on the data page). */
  title: string;
  /** How it is computed, in general terms ("days in the period ÷ breaches"). */
  formula: string;
  /** What the number cannot tell a reader. */
  caveat: string;
  /**
   * Set for a scale the site draws with (how many examples a square stands
   * for), not a figure computed from a source's: the data page lists it with
   * the method, not among the calculations.
   */
  drawingScale?: boolean;
  /** The value, as a Fact whose `derived` shows the formula with its inputs. */
  compute(data: Dataset): Fact;
}

/** The Met's period and total, which several calculations share. */
const { metPeriod: MET_PERIOD, metTotal: MET_TOTAL, formalAction: FORMAL_ACTION } = ROW_IDS;

function row<T extends { id: string }>(rows: readonly T[], id: string, table: string): T {
  const found = rows.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`Our calculations: no row "${id}" in ${table}.csv`);
  return found;
}

const metPeriod = (data: Dataset): Period => row(data.periods, MET_PERIOD, "periods");
const metTotal = (data: Dataset): Figure => row(data.figures, MET_TOTAL, "figures");

/** en-GB digits, as a reader sees them. */
const n = (value: number) => value.toLocaleString("en-GB");

/** The source the documented cases come from (they all cite one). */
function casesSource(data: Dataset): string {
  const first = data.cases[0];
  if (!first) throw new Error("Our calculations: cases.csv has no rows");
  return first.source;
}

/** A count of rows of one table, as a derived Fact. */
function rowCount(value: number, source: string, label: string, how: string): Fact {
  return { value, format: "count", source, label, derived: how };
}

/** Examples whose outcome the report states (or does not): two counts of one kind. */
function examplesByOutcome(stated: boolean): DerivedFigure {
  const title = `Examples whose outcome the report ${stated ? "states" : "does not state"}`;
  return {
    id: stated ? "documented-outcome-stated" : "documented-outcome-not-stated",
    title,
    formula: `rows of cases.csv whose outcome ${stated ? "is anything but" : "is"} “not stated”`,
    caveat: "Our counts are of examples, not a sample: they say nothing about how all the breaches ended.",
    compute: (data) => {
      const notStated = notStatedCount(data.cases);
      const count = stated ? data.cases.length - notStated : notStated;
      const how = `${n(count)} of ${n(data.cases.length)} rows of cases.csv ${stated ? "with" : "without"} an outcome`;
      return rowCount(count, casesSource(data), title, how);
    },
  };
}

const FIGURES: readonly DerivedFigure[] = [
  {
    id: "met-months",
    title: "Calendar months the Met figures cover",
    formula: "calendar months from the first to the last month of the period, both included",
    caveat:
      "We count the months ourselves: the source names the first and the last month of the period, not its length.",
    compute: (data) => {
      const period = metPeriod(data);
      return {
        value: periodMonths(period),
        format: "count",
        source: period.source,
        label: `Calendar months in the period: ${period.label}`,
        derived: `calendar months from ${period.start.slice(0, 7)} to ${period.end.slice(0, 7)}, both included`,
      };
    },
  },
  {
    id: "met-days",
    title: "Days the Met figures cover",
    formula: "days from the first day of the first month to the last day of the last month, both included",
    caveat:
      "The source names months, not days: we count from the first day of the first month to the last of the last.",
    compute: (data) => {
      const period = metPeriod(data);
      return {
        value: periodDays(period),
        format: "count",
        source: period.source,
        label: `Days in the period: ${period.label}`,
        derived: `days from ${period.start} to ${period.end}, both included`,
      };
    },
  },
  {
    id: "met-days-per-breach",
    title: "Days in the period per breach (average)",
    formula: "days in the period ÷ substantiated breaches, rounded to a whole day",
    caveat: "Our average is over the whole period, not a rhythm: when each breach took place was not reported.",
    compute: (data) => {
      const total = metTotal(data);
      const days = periodDays(metPeriod(data));
      return {
        value: days / total.value,
        format: "decimal",
        digits: 0,
        source: total.source,
        label: "Days in the period per substantiated breach, on average",
        derived: `${n(days)} days ÷ ${n(total.value)} breaches, rounded`,
      };
    },
  },
  {
    id: "met-formal-share",
    title: "Share of the Met cases that ended in formal action",
    formula:
      "cases that ended in formal action ÷ all substantiated breaches, as a percentage rounded to a whole number",
    caveat: "We round it to a whole percentage point; the Press Association rounded it further, to “two-thirds”.",
    compute: (data) => {
      const formal = row(data.outcomes, FORMAL_ACTION, "outcomes");
      const total = metTotal(data);
      return {
        value: (formal.count / total.value) * 100,
        format: "percent",
        digits: 0,
        source: formal.source,
        label: "Share of all substantiated breaches that ended in formal action",
        derived: `${n(formal.count)} ÷ ${n(total.value)} cases, as a percentage, rounded`,
      };
    },
  },
  {
    id: "workforce-total",
    title: "The Met’s workforce in the three reported groups, added up",
    formula: "police officers + police staff + PCSOs, as reported",
    caveat:
      "Each group’s size was reported rounded (the Press Association’s “around”), at the time of the story, so our sum is approximate and describes one moment, not the whole period of the breaches.",
    compute: (data) => {
      const [first] = data.workforce;
      if (!first) throw new Error("Our calculations: workforce.csv has no rows");
      return {
        value: data.workforce.reduce((sum, group) => sum + group.count, 0),
        format: "count",
        approximate: data.workforce.some((group) => group.approximate),
        source: first.source,
        label: "Met employees in the three reported workforce groups, added up",
        derived: data.workforce.map((group) => n(group.count)).join(" + "),
      };
    },
  },
  {
    id: "documented-cases",
    title: "Examples of breaches in the Press Association’s report",
    formula: "rows of cases.csv: each example the Press Association’s report describes, once",
    caveat:
      "Some examples stand for more than one case without saying how many, so our count is not a count of breaches.",
    compute: (data) =>
      rowCount(
        data.cases.length,
        casesSource(data),
        "Examples of breaches in the Press Association’s report, as we list them",
        `${n(data.cases.length)} rows of cases.csv`,
      ),
  },
  {
    id: "documented-cases-several",
    title: "Examples that stand for more than one case",
    formula: "rows of cases.csv whose multiplicity is several",
    caveat: "We give no number for these cases: the report gives none.",
    compute: (data) => {
      const several = data.cases.filter((documented) => documented.multiplicity === "several").length;
      return rowCount(
        several,
        casesSource(data),
        "Examples that stand for several cases, without a number",
        `${n(several)} of ${n(data.cases.length)} rows of cases.csv marked several`,
      );
    },
  },
  examplesByOutcome(true),
  examplesByOutcome(false),
  {
    id: "cases-per-square",
    title: "Examples each square of the breach-types chart stands for",
    formula: `one square per example up to ${n(CASE_THRESHOLD)} rows of cases.csv; past that, the smallest round number (one, two or five times a power of ten) that draws every type and outcome in at most ${n(MAX_SQUARES)} squares, the last square of each a part square for the rest`,
    caveat: "Our drawing scale, not a finding: it says how we draw the chart, nothing about the breaches.",
    drawingScale: true,
    compute: (data) => {
      const perSquare = casesPerSquare(caseGroupCounts(data.cases, data.categories));
      const how =
        perSquare === 1
          ? `${n(data.cases.length)} rows of cases.csv, at most ${n(CASE_THRESHOLD)}: one square each`
          : `${n(data.cases.length)} rows of cases.csv in at most ${n(MAX_SQUARES)} squares: ${n(perSquare)} a square`;
      return rowCount(perSquare, casesSource(data), "Examples each square of the breach-types chart stands for", how);
    },
  },
];

/**
 * What cases.csv writes when the source gives no outcome, in any case and with any space around it.
 * trim() makes no new string when there is no space to remove, and only a value of the right
 * length not written as cases.csv writes it is lowered: at a million cases, two new strings a
 * row were a second of the data step.
 */
function isNotStated(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length === 10 && (trimmed === "not stated" || trimmed.toLowerCase() === "not stated");
}

/** Cases counted by notStatedCount, by their array: the stated and the not-stated counts ask alike. */
const notStatedCounts = new WeakMap<readonly Case[], number>();

/** How many cases' outcome is "not stated" (one pass over the cases, made once for both counts). */
function notStatedCount(cases: readonly Case[]): number {
  let count = notStatedCounts.get(cases);
  if (count === undefined) {
    count = 0;
    for (const documented of cases) if (isNotStated(documented.outcome)) count++;
    notStatedCounts.set(cases, count);
  }
  return count;
}

/** Every number we compute, drawing scales included, in the order the data page lists them. */
export const DERIVED_FIGURES: readonly DerivedFigure[] = FIGURES;

/** Every id `derived:<id>` accepts. */
export const DERIVED_IDS = FIGURES.map((figure) => figure.id);

/** A calculation by id; an unknown id is a build error. */
export function derivedFigure(id: string): DerivedFigure {
  const figure = FIGURES.find((candidate) => candidate.id === id);
  if (!figure) throw new Error(`Unknown calculation "${id}"; known: ${DERIVED_IDS.join(", ")}`);
  return figure;
}

/**
 * Calculations already made on a dataset, by id: the story, the charts and
 * the data page ask for several of the same ones, each a pass over every
 * case (a million of them in the data step's benchmark). A Fact is never
 * changed once made.
 */
const factsOf = new WeakMap<Dataset, Map<string, Fact>>();

/** The value of a calculation, as a derived Fact. */
export function derivedFact(id: string, data: Dataset): Fact {
  let facts = factsOf.get(data);
  if (!facts) factsOf.set(data, (facts = new Map()));
  let fact = facts.get(id);
  if (!fact) facts.set(id, (fact = derivedFigure(id).compute(data)));
  return fact;
}
