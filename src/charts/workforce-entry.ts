/**
 * Registry entry of the workforce chart: its words and table, generated
 * from workforce.csv and the total of breaches.
 */
import type { Dataset } from "../data/schema.ts";
import { countFact, phraseText, type Fact } from "../lib/facts.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { TOTAL_FIGURE, findFigure, findPeriod, monthSpan, unique } from "./lookup.ts";
import {
  RATE_BASE_WORDS,
  WORKFORCE_CHART_ID,
  headcountFact,
  ratePerThousandFact,
  workforceChart,
  workforceTotalFact,
} from "./workforce-chart.ts";

function breachesFact(data: Dataset): Fact {
  const total = findFigure(data, TOTAL_FIGURE);
  return countFact(total.value, total.source, total.label, total.approximate);
}

const rateFact = (data: Dataset): Fact => ratePerThousandFact(breachesFact(data), data.workforce);

const breachPeriod = (data: Dataset) => findPeriod(data, findFigure(data, TOTAL_FIGURE).period);

export const workforceEntry: ChartDefinition = {
  id: WORKFORCE_CHART_ID,
  title: "The Met's workforce, and breaches per thousand employees",
  takeaway: (data) => [
    "The ",
    breachesFact(data),
    " substantiated breaches come to ",
    rateFact(data),
    ` for every ${RATE_BASE_WORDS} employees`,
  ],
  alt: (data) =>
    "Bar chart of the Met's workforce: " +
    data.workforce.map((group) => `${group.label}, ${phraseText([headcountFact(group)])}`).join("; ") +
    `. Together ${phraseText([workforceTotalFact(data.workforce)])} employees, or ${phraseText([rateFact(data)])} breaches per ${RATE_BASE_WORDS} employees.`,
  sources: (data) => unique([...data.workforce.map((group) => group.source), findFigure(data, TOTAL_FIGURE).source]),
  notes: (data) => [
    [
      "Rate computed by us: ",
      breachesFact(data),
      " breaches divided by ",
      workforceTotalFact(data.workforce),
      ` employees, times a ${RATE_BASE_WORDS}. It is approximate because the headcounts are.`,
    ],
    ["No split of the breaches by role was published, so a rate for each group is not known."],
    ["Breaches from ", ...monthSpan(breachPeriod(data)), "; headcounts as reported at the time."],
  ],
  describe: (data) =>
    [
      "A bar chart of the Met's workforce at the time, by group.",
      ...data.workforce.map((group) => `${group.label}: ${phraseText([headcountFact(group)])}.`),
      `Together: ${phraseText([workforceTotalFact(data.workforce)])} employees.`,
      `The ${phraseText([breachesFact(data)])} substantiated breaches from ${phraseText(monthSpan(breachPeriod(data)))} come to ${phraseText([rateFact(data)])} per ${RATE_BASE_WORDS} employees, approximate because the headcounts are.`,
      "No split of the breaches by role was published, so a rate for each group is not known.",
    ].join(" "),
  table: (data) => {
    const total = workforceTotalFact(data.workforce);
    return {
      columns: [
        { key: "group", label: "Workforce group", type: "string" },
        { key: "employees", label: "Employees", type: "integer" },
        { key: "approximate", label: "Approximate", type: "string" },
        { key: "breaches", label: "Substantiated breaches", type: "integer" },
        { key: "per_thousand", label: `Breaches per ${RATE_BASE_WORDS} employees`, type: "number" },
      ],
      rows: [
        // Breaches by group were not published: null, never a share of the total.
        ...data.workforce.map((group) => ({
          group: group.label,
          employees: group.count,
          approximate: group.approximate ? "yes" : "no",
          breaches: null,
          per_thousand: null,
        })),
        {
          group: "All employees",
          employees: total.value,
          approximate: total.approximate ? "yes" : "no",
          breaches: breachesFact(data).value,
          per_thousand: Math.round(rateFact(data).value * 100) / 100,
        },
      ],
    };
  },
  render: (data, options) =>
    workforceChart(data.workforce, {
      ...options,
      breaches: breachesFact(data),
      period: phraseText(monthSpan(breachPeriod(data))),
    }),
};
