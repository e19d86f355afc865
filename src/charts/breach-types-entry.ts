/**
 * Registry entry of the breach-types chart: its words and table, generated
 * from cases.csv and categories.csv. Its counts of examples are ours
 * (src/lib/derived-figures.ts).
 */
import type { Dataset } from "../data/schema.ts";
import { derivedFact } from "../lib/derived-figures.ts";
import { caseGroupCounts, isPaged } from "../lib/case-scale.ts";
import { countFact, phraseText, type Fact } from "../lib/facts.ts";
import {
  BREACH_TYPES_CHART_ID,
  GROUP_LABEL,
  KEY,
  breachTypesChart,
  groupedCategoryCounts,
  casesByCategory,
  casesInDrawingOrder,
  caseLabel,
  categoryCounts,
  outcomeStated,
} from "./breach-types-chart.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { ROW_IDS } from "../data/row-ids.ts";
import { TOTAL_FIGURE, findFigure, findPeriod, periodDating, unique } from "./lookup.ts";

const documentedFact = (data: Dataset): Fact => derivedFact("documented-cases", data);
const statedFact = (data: Dataset): Fact => derivedFact("documented-outcome-stated", data);
const severalFact = (data: Dataset): Fact => derivedFact("documented-cases-several", data);
const perSquareFact = (data: Dataset): Fact => derivedFact("cases-per-square", data);

/** Breach types with a case, in sort order, for the aggregated chart's words. */
function groupedCategories(data: Dataset) {
  const counts = caseGroupCounts(data.cases, data.categories);
  const categories = counts.map((count) => count.category).filter((category, i, all) => all.indexOf(category) === i);
  return { counts, categories };
}

/** The words of the chart past CASE_THRESHOLD cases (src/lib/case-scale.ts): one square for N cases. */
const aggregated = {
  alt: (data: Dataset) => {
    const { counts, categories } = groupedCategories(data);
    return (
      `Chart of the ${phraseText([documentedFact(data)])} examples in the Press Association’s report (our count), one square for every ` +
      `${phraseText([perSquareFact(data)])} examples (our calculation), in rows by type of breach: ` +
      categories
        .map((category) => `${category.label.toLowerCase()}, ${groupedCategoryCounts(counts, category.id, true)}`)
        .join("; ") +
      "."
    );
  },
  notes: (data: Dataset) => [
    [
      "These are the examples the Press Association’s report describes, not a breakdown of all ",
      totalFact(data),
      " breaches: how the breaches divide between types was not reported.",
    ],
    [
      "One square stands for ",
      perSquareFact(data),
      " examples (our calculation, to keep the chart readable); the last square of each group is a part square, as wide as the share of a square it stands for.",
    ],
    [
      "The types, and the counts of examples, are ours. Of the examples, ",
      severalFact(data),
      " stand for several cases each; the report gives no number for them.",
    ],
    [
      "In our drawing, a filled square in the formal-action colour stands for examples that ended in formal action; a square outlined in the text colour, for another stated outcome; a square outlined in grey dashes, for examples whose outcome the report does not state.",
    ],
  ],
  describe: (data: Dataset) => {
    const { counts, categories } = groupedCategories(data);
    const rows = categories.map((category) => {
      const groups = counts
        .filter((count) => count.category === category)
        .map((count) => `${GROUP_LABEL[count.group].toLowerCase()}: ${count.cases.toLocaleString("en-GB")}`);
      return `${category.label}: ${groupedCategoryCounts(counts, category.id, true)} (${groups.join("; ")}).`;
    });
    return [
      `A chart of the ${phraseText([documentedFact(data)])} examples of breaches in the Press Association’s report (our count), one square for every ${phraseText([perSquareFact(data)])} examples (our calculation), the last square of each group a part square, in rows by type of breach (our grouping). Filled squares in the formal-action colour stand for examples that ended in formal action; squares outlined in the text colour, another stated outcome; squares outlined in grey dashes, an outcome the report does not state.`,
      ...rows,
      `These are examples, not a breakdown of all ${phraseText([totalFact(data)])} breaches.`,
    ].join(" ");
  },
  table: (data: Dataset) => ({
    columns: [
      { key: "breach_type", label: "Type of breach", type: "string" as const },
      { key: "outcome", label: "Outcome", type: "string" as const },
      {
        key: "examples",
        label: "Examples",
        type: "integer" as const,
        derived: "rows of cases.csv of this type and outcome",
      },
      {
        key: "several",
        label: "Of them, several cases",
        type: "integer" as const,
        derived: "rows of cases.csv of this type and outcome marked several",
      },
    ],
    rows: caseGroupCounts(data.cases, data.categories).map((count) => ({
      breach_type: count.category.label,
      outcome: GROUP_LABEL[count.group],
      examples: count.cases,
      several: count.several,
    })),
  }),
};

function totalFact(data: Dataset): Fact {
  const total = findFigure(data, TOTAL_FIGURE);
  return countFact(total.value, total.source, total.label, total.approximate);
}

export const breachTypesEntry: ChartDefinition = {
  id: BREACH_TYPES_CHART_ID,
  title: "What the Press Association’s report describes: examples by type of breach",
  takeaway: (data) => [
    "We count ",
    documentedFact(data),
    " examples in the report; ",
    statedFact(data),
    " of them state an outcome",
  ],
  alt: (data) =>
    isPaged(data.cases)
      ? aggregated.alt(data)
      : `Chart of the ${phraseText([documentedFact(data)])} examples in the Press Association’s report (our count), in rows by type of breach: ` +
        casesByCategory(data.cases, data.categories)
          .map((row) => `${row.category.label.toLowerCase()}, ${categoryCounts(row, true)}`)
          .join("; ") +
        ".",
  sources: (data) => unique(data.cases.map((documented) => documented.source)),
  // The examples are among the Met's breaches: their period, as the source reported it.
  dating: (data) => periodDating(data, findPeriod(data, ROW_IDS.metPeriod)),
  ours: "Types and counts: our grouping",
  notes: (data) =>
    isPaged(data.cases)
      ? aggregated.notes(data)
      : [
          [
            "These are the examples the Press Association’s report describes, not a breakdown of all ",
            totalFact(data),
            " breaches: how the breaches divide between types was not reported.",
          ],
          [
            "The types, and the counts of examples, are ours. Of the examples, ",
            severalFact(data),
            " stand for several cases each (a second square stacked behind); the report gives no number for them.",
          ],
          [
            "In our drawing, a filled square in the formal-action colour is an example that ended in formal action; a square outlined in the text colour, one with another stated outcome; a square outlined in grey dashes, one whose outcome the report does not state.",
          ],
        ],
  describe: (data) => {
    if (isPaged(data.cases)) return aggregated.describe(data);
    const rows = casesByCategory(data.cases, data.categories).map((row) => {
      const cases = row.cases.map((documented) => {
        const outcome = outcomeStated(documented) ? `outcome: ${documented.outcome}` : "outcome not stated";
        const several = documented.multiplicity === "several" ? "; several cases, number not given" : "";
        return `${documented.summary} (${outcome}${several})`;
      });
      return `${row.category.label}: ${categoryCounts(row, true)}. ${cases.join(" ")}`;
    });
    return [
      `A chart of the ${phraseText([documentedFact(data)])} examples of breaches in the Press Association’s report (our count), one square per example, in rows by type of breach (our grouping). Filled squares in the formal-action colour mark examples that ended in formal action; squares outlined in the text colour, another stated outcome; squares outlined in grey dashes, an outcome the report does not state; a second square stacked behind marks an example covering several cases.`,
      ...rows,
      `These are examples, not a breakdown of all ${phraseText([totalFact(data)])} breaches.`,
    ].join(" ");
  },
  table: (data) =>
    isPaged(data.cases)
      ? aggregated.table(data)
      : {
          columns: [
            { key: "breach_type", label: "Type of breach", type: "string" },
            { key: "case", label: "What happened", type: "string" },
            { key: "role", label: "Who", type: "string" },
            { key: "outcome", label: "Outcome, as stated", type: "string" },
            { key: "cases", label: "Cases", type: "string" },
          ],
          rows: casesInDrawingOrder(data.cases, data.categories).map((documented) => ({
            breach_type:
              data.categories.find((category) => category.id === documented.category)?.label ?? documented.category,
            case: documented.summary,
            role: documented.role,
            outcome: outcomeStated(documented) ? documented.outcome : KEY.notStated,
            cases: documented.multiplicity === "several" ? KEY.several : "One",
          })),
        },
  // A case says what its square says; once aggregated, a type and outcome says its count of examples (ours).
  groupNoun: (data) => (isPaged(data.cases) ? "Group" : "Example"),
  groups: (data) =>
    isPaged(data.cases)
      ? caseGroupCounts(data.cases, data.categories).map(
          (count) =>
            `${count.category.label}, ${GROUP_LABEL[count.group].toLowerCase()}: ${count.cases.toLocaleString("en-GB")} ${count.cases === 1 ? "example" : "examples"} (our count)`,
        )
      : casesByCategory(data.cases, data.categories).flatMap((row) =>
          row.cases.map((documented) => caseLabel(documented, row.category)),
        ),
  render: (data, options) => breachTypesChart(data.cases, data.categories, options),
};
