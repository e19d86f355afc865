/**
 * Registry entry of the workforce chart: its words and table, generated
 * from workforce.csv. Context only: no breach figure is set against the
 * headcounts, because no split of the breaches by role was reported.
 */
import { ROW_IDS } from "../data/row-ids.ts";
import { phraseText } from "../lib/facts.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { betweenMonths, findPeriod, monthRange, reportedMonth, unique } from "./lookup.ts";
import { WORKFORCE_CHART_ID, headcountFact, workforceChart } from "./workforce-chart.ts";

const NO_SPLIT = "Our sources report no split of the breaches by role, so how many involved each group is not known.";

export const workforceEntry: ChartDefinition = {
  id: WORKFORCE_CHART_ID,
  title: "Who worked for the Met at the time",
  takeaway: () => ["Context for the breaches: our sources do not say how they divide between these groups"],
  alt: (data) =>
    "Bar chart of the Met’s workforce at the time of the story: " +
    data.workforce.map((group) => `${group.label}, ${phraseText([headcountFact(group)])} employees`).join("; ") +
    `. ${NO_SPLIT}`,
  sources: (data) => unique(data.workforce.map((group) => group.source)),
  notes: (data) => [
    [NO_SPLIT],
    [
      "The workforce as reported at the time of the story, rounded; the breaches fall ",
      ...betweenMonths(findPeriod(data, ROW_IDS.metPeriod)),
      ", and the examples include a special constable, who is in none of these groups.",
    ],
  ],
  // The headcounts are from the story's time; the breaches they give context to, from the Met period.
  dating: (data) => {
    const [first] = data.workforce;
    if (!first) throw new Error("Chart data: workforce.csv has no rows");
    return {
      period: ["Breaches ", ...monthRange(findPeriod(data, ROW_IDS.metPeriod)), "; workforce at the time"],
      reported: reportedMonth(data, first.source),
    };
  },
  describe: (data) =>
    [
      "A bar chart of the Met’s workforce at the time of the story, by group.",
      ...data.workforce.map((group) => `${group.label}: ${phraseText([headcountFact(group)])} employees.`),
      NO_SPLIT,
    ].join(" "),
  table: (data) => ({
    columns: [
      { key: "group", label: "Workforce group", type: "string" },
      { key: "employees", label: "Employees", type: "integer" },
      { key: "approximate", label: "Approximate", type: "string" },
    ],
    rows: data.workforce.map((group) => ({
      group: group.label,
      employees: group.count,
      approximate: group.approximate ? "yes" : "no",
    })),
  }),
  render: (data, options) => workforceChart(data.workforce, options),
};
