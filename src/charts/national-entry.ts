/**
 * Registry entry of the national-context chart: its words and table,
 * generated from national.csv and periods.csv.
 */
import type { Dataset } from "../data/schema.ts";
import { countFact, phraseText, type Fact } from "../lib/facts.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import { NATIONAL_PERIOD, daySpan, findPeriod, periodDating, unique } from "./lookup.ts";
import { NATIONAL_CHART_ID, barLabel, nationalBars, nationalChart, nationalTotal } from "./national-chart.ts";

const totalFact = (data: Dataset): Fact => {
  const total = nationalTotal(data.national);
  return countFact(total.count, total.source, `${total.label} (Big Brother Watch)`);
};

const period = (data: Dataset) => findPeriod(data, NATIONAL_PERIOD);

export const nationalEntry: ChartDefinition = {
  id: NATIONAL_CHART_ID,
  title: "National context: police data breaches across the UK, a different period and count",
  takeaway: (data) => {
    const [most] = nationalBars(data.national).filter((bar) => bar.section === "outcome");
    if (!most) throw new Error("Chart data: national.csv has no outcome rows");
    return [
      // "At least": the total as the reports give it (Inforrm: "at least 2,315"), a hedge kept wherever it is shown.
      "Across UK forces, Big Brother Watch counted at least ",
      totalFact(data),
      ` breaches; the most common outcome: ${most.label.toLowerCase()} (`,
      most.count,
      ")",
    ];
  },
  alt: (data) =>
    `Bar charts of Big Brother Watch figures from Freedom of Information requests to every UK police force, ${phraseText(daySpan(period(data)))}, not comparable with the Met figures. ` +
    nationalBars(data.national)
      .map((bar) => barLabel(bar))
      .join("; ") +
    ".",
  sources: (data) => unique([period(data).source, ...data.national.map((row) => row.source)]),
  dating: (data) => periodDating(data, period(data)),
  notes: (data) => [
    [
      "Big Brother Watch figures from Freedom of Information requests to every UK police force, ",
      ...daySpan(period(data)),
      ": a different period and a different definition of a breach from the Met figures, so not a like-for-like comparison.",
    ],
    [
      "We show the outcomes as reported, with their shares as reported. They do not add up to the total, and we found nothing in the reports on how the other breaches ended or whether any breach is counted under more than one outcome.",
    ],
    ["We show the forces the reports name as having the most breaches."],
  ],
  describe: (data) => {
    const bars = nationalBars(data.national);
    const section = (name: "outcome" | "force") =>
      bars
        .filter((bar) => bar.section === name)
        .map((bar) => `${barLabel(bar)}.`)
        .join(" ");
    return [
      `Context, not a comparison: Big Brother Watch figures from Freedom of Information requests to every UK police force, ${phraseText(daySpan(period(data)))}, a different period and definition from the Met figures.`,
      `Outcomes reported, of at least ${phraseText([totalFact(data)])} breaches in all: ${section("outcome")} These do not add up to the total, and the reports do not say how the other breaches ended.`,
      `Forces with the most breaches: ${section("force")}`,
    ].join(" ");
  },
  table: (data) => {
    const total = nationalTotal(data.national);
    return {
      columns: [
        { key: "section", label: "Breakdown", type: "string" },
        { key: "label", label: "What is counted", type: "string" },
        { key: "breaches", label: "Breaches", type: "integer" },
        { key: "reported_percent", label: "Share as reported (%)", type: "number" },
      ],
      rows: [
        ...nationalBars(data.national).map((bar) => ({
          section: bar.section === "outcome" ? "Outcome" : "Force",
          label: bar.label,
          breaches: bar.count.value,
          reported_percent: bar.percent?.value ?? null,
        })),
        { section: "Total", label: total.label, breaches: total.count, reported_percent: null },
      ],
    };
  },
  // Each bar says what its mark says; the total, which has no bar, says its hedge ("at least") with its unit.
  groupNoun: () => "Row",
  groups: (data) => {
    const total = nationalTotal(data.national);
    return [
      ...nationalBars(data.national).map((bar) => barLabel(bar)),
      `Total, ${total.label.toLowerCase()}: ${phraseText([totalFact(data)])} breaches`,
    ];
  },
  render: (data, options) => nationalChart(data.national, { ...options, period: phraseText(daySpan(period(data))) }),
};
