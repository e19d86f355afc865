/**
 * Registry entry of the workforce chart: its words and table, generated
 * from workforce.csv. Context only: no breach figure is set against the
 * headcounts, because no split of the breaches by role was reported.
 */
import { phraseText } from "../lib/facts.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { unique } from "./lookup.ts";
import { WORKFORCE_CHART_ID, headcountFact, workforceChart } from "./workforce-chart.ts";

const NO_SPLIT = "No split of the breaches by role was reported, so how many involved each group is not known.";

export const workforceEntry: ChartDefinition = {
  id: WORKFORCE_CHART_ID,
  title: "Who worked for the Met at the time",
  takeaway: () => ["Context for the breaches: how they divide between these groups was not reported"],
  alt: (data) =>
    "Bar chart of the Met’s workforce at the time of the story: " +
    data.workforce.map((group) => `${group.label}, ${phraseText([headcountFact(group)])}`).join("; ") +
    `. ${NO_SPLIT}`,
  sources: (data) => unique(data.workforce.map((group) => group.source)),
  notes: () => [
    [NO_SPLIT],
    [
      "Headcounts as reported at the time of the story, rounded; the breaches span nearly five years, and the examples include a special constable, who is in none of these groups.",
    ],
  ],
  describe: (data) =>
    [
      "A bar chart of the Met’s workforce at the time of the story, by group.",
      ...data.workforce.map((group) => `${group.label}: ${phraseText([headcountFact(group)])}.`),
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
