/**
 * Registry entry of the breach-types chart: its words and table, generated
 * from cases.csv and categories.csv.
 */
import type { Dataset } from "../data/schema.ts";
import { countFact, phraseText, type Fact } from "../lib/facts.ts";
import {
  BREACH_TYPES_CHART_ID,
  KEY,
  breachTypesChart,
  casesByCategory,
  casesInDrawingOrder,
  categoryCounts,
  outcomeStated,
} from "./breach-types-chart.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { TOTAL_FIGURE, findFigure, unique } from "./lookup.ts";

/** The documented cases' source, for Facts counted over them. */
function casesSource(data: Dataset): string {
  const [first] = unique(data.cases.map((documented) => documented.source));
  if (!first) throw new Error("Chart data: cases.csv has no rows");
  return first;
}

const documentedFact = (data: Dataset): Fact =>
  countFact(data.cases.length, casesSource(data), "Individual cases the Met described (cases.csv rows)");

const statedFact = (data: Dataset): Fact =>
  countFact(
    data.cases.filter(outcomeStated).length,
    casesSource(data),
    "Described cases whose outcome the source states",
  );

const severalFact = (data: Dataset): Fact =>
  countFact(
    data.cases.filter((documented) => documented.multiplicity === "several").length,
    casesSource(data),
    "Described examples that cover several cases, without a number",
  );

function totalFact(data: Dataset): Fact {
  const total = findFigure(data, TOTAL_FIGURE);
  return countFact(total.value, total.source, total.label, total.approximate);
}

export const breachTypesEntry: ChartDefinition = {
  id: BREACH_TYPES_CHART_ID,
  title: "What the force described: examples by type of breach",
  takeaway: (data) => [
    "The force described ",
    documentedFact(data),
    " examples; it stated the outcome for ",
    statedFact(data),
    " of them",
  ],
  alt: (data) =>
    `Chart of ${phraseText([documentedFact(data)])} documented examples in rows by type of breach: ` +
    casesByCategory(data.cases, data.categories)
      .map((row) => `${row.category.label.toLowerCase()}, ${categoryCounts(row)}`)
      .join("; ") +
    ".",
  sources: (data) => unique(data.cases.map((documented) => documented.source)),
  notes: (data) => [
    [
      "These are the examples the force described, not a breakdown of all ",
      totalFact(data),
      " breaches: how the breaches divide between types was not published.",
    ],
    [
      severalFact(data),
      " of the examples stand for several cases each (a second square stacked behind); the source gives no number for them.",
    ],
    [
      "A filled square is an example whose outcome the source states; an outlined square, one whose outcome it does not.",
    ],
  ],
  describe: (data) => {
    const rows = casesByCategory(data.cases, data.categories).map((row) => {
      const cases = row.cases.map((documented) => {
        const outcome = outcomeStated(documented) ? `outcome: ${documented.outcome}` : "outcome not stated";
        const several = documented.multiplicity === "several" ? "; several cases, number not given" : "";
        return `${documented.summary} (${outcome}${several})`;
      });
      return `${row.category.label}: ${categoryCounts(row)}. ${cases.join(" ")}`;
    });
    return [
      `A chart of the ${phraseText([documentedFact(data)])} individual cases the force described, one square per case, in rows by type of breach. Filled squares mark an outcome the source states; outlined squares, an outcome it does not; a second square stacked behind marks an example covering several cases.`,
      ...rows,
      `These are examples, not a breakdown of all ${phraseText([totalFact(data)])} breaches.`,
    ].join(" ");
  },
  table: (data) => ({
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
  }),
  render: (data, options) => breachTypesChart(data.cases, data.categories, options),
};
