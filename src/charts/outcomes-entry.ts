/**
 * Registry entry of the outcomes chart: its words and table, generated from
 * outcomes.csv and the headline figures.
 */
import type { Dataset, Outcome } from "../data/schema.ts";
import { countFact, percentFact, phraseText, plainFactText, type Fact, type Phrase } from "../lib/facts.ts";
import type { ChartDefinition } from "./chart-definition.ts";
import {
  SACKED_OR_RETIRED_FIGURE,
  TOTAL_FIGURE,
  capitalise,
  findFigure,
  betweenMonths,
  findPeriod,
  periodDating,
  unique,
} from "./lookup.ts";
import {
  OUTCOMES_CHART_ID,
  SPLIT_NOT_REPORTED,
  outcomeGroups,
  outcomesChart,
  type OutcomeGroup,
} from "./outcomes-chart.ts";

const outcomeFact = (outcome: Outcome): Fact => countFact(outcome.count, outcome.source, `Cases: ${outcome.label}`);

/** All cases, as the source counted them. */
function totalFact(data: Dataset): Fact {
  const total = findFigure(data, TOTAL_FIGURE);
  return countFact(total.value, total.source, total.label, total.approximate);
}

/** The reported share that ended in a sacking or retirement: a share, never turned into a count. */
function shareFact(data: Dataset): Fact {
  const share = findFigure(data, SACKED_OR_RETIRED_FIGURE);
  return percentFact(share.value, share.source, share.label, share.approximate);
}

/** The largest top-level group whose count is not a mix: the chart's lead. */
function leadGroup(data: Dataset): Outcome {
  const published = data.outcomes.filter((outcome) => outcome.split_published && outcome.part_of === null);
  const lead = published.reduce<Outcome | undefined>(
    (best, o) => (!best || o.count > best.count ? o : best),
    undefined,
  );
  if (!lead) throw new Error("Chart data: outcomes.csv has no top-level group with a published count");
  return lead;
}

/** "208 cases": a count said with its unit. */
function casesText(outcome: Outcome): string {
  return `${phraseText([outcomeFact(outcome)])} ${outcome.count === 1 ? "case" : "cases"}`;
}

/** A group in words: "other outcomes: 92 cases, of which 2 cases of no further action (of the rest, how these divide was not reported)". */
function groupText({ outcome, parts }: OutcomeGroup): string {
  const partsText = parts.map((part) => `${casesText(part)} of ${part.label.toLowerCase()}`).join(", ");
  const unsplit = outcome.split_published ? "" : ` (${parts.length ? "of the rest, " : ""}${SPLIT_NOT_REPORTED})`;
  return `${outcome.label.toLowerCase()}: ${casesText(outcome)}${partsText ? `, of which ${partsText}` : ""}${unsplit}`;
}

/** A group's share of all cases, in per cent to one decimal place: our calculation, as the table labels it. */
function shareOfAll(count: number, total: number): number {
  return Math.round((count / total) * 1000) / 10;
}

/**
 * A row of the table as a listener hears it: "Formal action: 208 of the 300
 * cases, 69.3 per cent (our calculation)." The share is ours and says so;
 * a group whose split was not reported says that too.
 */
function spokenGroup(data: Dataset, outcome: Outcome): string {
  const total = findFigure(data, TOTAL_FIGURE).value;
  const parent = data.outcomes.find((group) => group.id === outcome.part_of);
  const name = parent ? `${outcome.label}, part of ${parent.label.toLowerCase()}` : outcome.label;
  const parts = data.outcomes.filter((part) => part.part_of === outcome.id);
  const share = shareOfAll(outcome.count, total).toLocaleString("en-GB");
  const apart = parts.map((part) => `the ${casesText(part)} of ${part.label.toLowerCase()}`).join(" and ");
  const split = outcome.split_published
    ? ""
    : ` ${apart ? `Apart from ${apart}, ${SPLIT_NOT_REPORTED}` : capitalise(SPLIT_NOT_REPORTED)}.`;
  return `${name}: ${phraseText([outcomeFact(outcome)])} of the ${phraseText([totalFact(data)])} cases, ${share} per cent (our calculation).${split}`;
}

export const outcomesEntry: ChartDefinition = {
  id: OUTCOMES_CHART_ID,
  title: "What happened to those found in breach",
  takeaway: (data) => {
    const lead = leadGroup(data);
    return [
      "In ",
      outcomeFact(lead),
      " of the ",
      totalFact(data),
      ` breaches, the outcome was ${lead.label.toLowerCase()}`,
    ];
  },
  alt: (data) =>
    `Chart of ${phraseText([totalFact(data)])} squares, one per breach, grouped by outcome. ` +
    capitalise(outcomeGroups(data.outcomes).map(groupText).join("; ")) +
    ".",
  sources: (data) =>
    unique([
      ...data.outcomes.map((outcome) => outcome.source),
      findFigure(data, TOTAL_FIGURE).source,
      findFigure(data, SACKED_OR_RETIRED_FIGURE).source,
    ]),
  notes: (data) => {
    const period = findPeriod(data, findFigure(data, TOTAL_FIGURE).period);
    const notes: Phrase[] = data.outcomes
      .filter((outcome) => !outcome.split_published)
      .map((outcome) => [`${outcome.label} (`, outcomeFact(outcome), ` cases): ${outcome.description}`]);
    // The reported share is annotated inside the chart itself, so it is not repeated here.
    // The period is the breaches' (the source dates them, not their investigation).
    notes.push(["Breaches ", ...betweenMonths(period), " that were investigated and substantiated."]);
    return notes;
  },
  dating: (data) => periodDating(data, findPeriod(data, findFigure(data, TOTAL_FIGURE).period)),
  describe: (data) => {
    const period = findPeriod(data, findFigure(data, TOTAL_FIGURE).period);
    const share = findFigure(data, SACKED_OR_RETIRED_FIGURE);
    const groups = outcomeGroups(data.outcomes).map((group) => {
      const drawn = group.outcome.split_published
        ? ""
        : " The squares for the cases whose outcome was not broken down are drawn as one block of squares outlined in dashes, because the split was not reported. Formal action is drawn as filled squares, other reported outcomes as squares outlined in the text colour.";
      return `${capitalise(groupText(group))}. ${group.outcome.description}${drawn}`;
    });
    return [
      `A unit chart of ${phraseText([totalFact(data)])} squares, one for each breach of data-protection rules by Met officers and staff ${phraseText(betweenMonths(period))} that was investigated and substantiated, grouped by what happened to those found in breach.`,
      ...groups,
      `Annotation: ${capitalise(plainFactText(shareFact(data)))} of all cases ended in a sacking or retirement. ${share.note ?? ""} No squares are marked for it, because the source does not say which cases these were.`,
    ].join(" ");
  },
  table: (data) => {
    const total = findFigure(data, TOTAL_FIGURE).value;
    return {
      columns: [
        { key: "outcome", label: "Outcome", type: "string" },
        { key: "part_of", label: "Part of", type: "string" },
        { key: "cases", label: "Cases", type: "integer" },
        {
          key: "share_of_all",
          label: "Share of all cases, % (our calculation)",
          type: "number",
          derived: `cases ÷ ${total.toLocaleString("en-GB")} substantiated breaches × 100, to one decimal place`,
        },
        { key: "split_reported", label: "Split reported", type: "string" },
        { key: "description", label: "What the group contains", type: "string" },
      ],
      rows: data.outcomes.map((outcome) => ({
        outcome: outcome.label,
        part_of: data.outcomes.find((group) => group.id === outcome.part_of)?.label ?? null,
        cases: outcome.count,
        share_of_all: shareOfAll(outcome.count, total),
        split_reported: outcome.split_published ? "yes" : "no",
        description: outcome.description,
      })),
    };
  },
  groups: (data) => data.outcomes.map((outcome) => spokenGroup(data, outcome)),
  render: (data, options) =>
    outcomesChart(data.outcomes, { ...options, reportedShare: findFigure(data, SACKED_OR_RETIRED_FIGURE) }),
};
