/**
 * Every sentence of the story shows what it rests on (src/lib/story-sources.ts),
 * and the held passages are the sources' own words (scripts/lib/passage-checks.ts):
 * a copy of the project is edited the way an editor might slip, and the real
 * build command fails (or warns) naming the file and the line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import { droppedHedges, newContentWords } from "../src/lib/passage-rules.ts";
import { storyProseSentences, storySourceProblems } from "../src/lib/story-sources.ts";
import { CHARTS } from "../src/charts/registry.ts";
import { chartNoteProblems, chartSentences } from "../src/lib/chart-note-sources.ts";
import {
  DATA_PAGE_FILE,
  dataPageSectionIds,
  dataPageSentences,
  dataPageSourceProblems,
  templateSentences,
} from "../src/components/data/data-page-sources.ts";
import { articleSentences } from "./support/page-sentences.ts";
import { publication } from "../src/data/publication.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { DIST_DIR } from "./support/site.ts";

const STORY = "src/content/story/story.mdx";
const story = readFileSync(STORY, "utf8");

/** The 1-based line of the story on which `text` stands in `source`. */
const lineOf = (source: string, text: string) => source.slice(0, source.indexOf(text)).split("\n").length;

describe("the story's sentences", () => {
  it("each shows a figure, cites a held passage or says it is ours, and keeps its passages' hedges", () => {
    const sentences = storyProseSentences(story, dataset);
    expect(sentences.filter((sentence) => sentence.kind === null)).toEqual([]);
    for (const kind of ["figures", "cited", "ours"] as const)
      expect(sentences.filter((sentence) => sentence.kind === kind).length, kind).toBeGreaterThan(5);
    expect(storySourceProblems(story, dataset).filter((problem) => problem.severity === "error")).toEqual([]);
  });

  it("exempts headings, components, bold labels and navigation by rule", () => {
    const mdx = [
      "---",
      'title: "A headline with no source"',
      "---",
      "",
      "## A heading",
      "",
      "<CaseList />",
      "",
      '**A label.** Every table can be downloaded from <SiteLink to="data/">the data page</SiteLink>.',
      "",
      "A claim with nothing behind it.",
    ].join("\n");
    expect(storyProseSentences(mdx, dataset).map((sentence) => [sentence.line, sentence.kind])).toEqual([[11, null]]);
  });
});

describe("the charts' takeaways and notes", () => {
  const read = (file: string) => readFileSync(file, "utf8");

  it("each sentence shows a figure, cites a held passage or says it is ours", () => {
    const sentences = CHARTS.flatMap((chart) => chartSentences(chart, dataset));
    expect(sentences.filter((sentence) => sentence.kind === null)).toEqual([]);
    for (const kind of ["figures", "cited", "ours"] as const)
      expect(
        sentences.some((sentence) => sentence.kind === kind),
        kind,
      ).toBe(true);
    expect(chartNoteProblems(CHARTS, dataset, read)).toEqual([]);
  });

  it("a cited note keeps its passage's hedge, and its cited sentences add no content word unlisted", () => {
    const [other] = dataset.outcomes.filter((outcome) => outcome.id === "other-outcomes");
    const edited = (description: string) => ({
      ...dataset,
      outcomes: dataset.outcomes.map((outcome) => (outcome === other ? { ...outcome, description } : outcome)),
    });
    const dropped = chartNoteProblems(CHARTS, edited(other!.description.replace("among them", "with")), read);
    expect(dropped.map((problem) => [problem.file, problem.severity, problem.message])).toEqual([
      [
        "src/charts/outcomes-entry.ts",
        "error",
        expect.stringMatching(
          /^the outcomes chart's note 1: "Other outcomes \(92 cases\)[^"]*" drops “including” of the passage pa-other-outcomes/,
        ),
      ],
    ]);
    const added = chartNoteProblems(CHARTS, edited(`${other!.description} Most were emailed.`), read);
    expect(added.map((problem) => [problem.severity, problem.message])).toEqual([
      ["warning", expect.stringMatching(/adds words found in none of its passages \(pa-other-outcomes\): emailed,/)],
    ]);
  });
});

describe("the data page's sentences", () => {
  const read = (file: string) => readFileSync(file, "utf8");

  it("each shows a figure, cites a passage or says it is ours, where it is written (the data step's check)", () => {
    const sentences = dataPageSentences(dataset, read);
    expect(sentences.filter((sentence) => sentence.kind === null)).toEqual([]);
    expect(dataPageSourceProblems(dataset, read)).toEqual([]);
    // Every kind of text the check reads is there: the page's prose, categories, methods, calculations,
    // and the records the marked sections show (tables, sources, corrections, releases).
    expect(new Set(sentences.map((sentence) => sentence.file))).toEqual(
      new Set([
        DATA_PAGE_FILE,
        "data/categories.csv",
        "src/components/data/chart-methods.ts",
        "src/lib/derived-figures.ts",
        "src/data/schema.ts",
        "data/sources.csv",
        "data/corrections.csv",
        "data/releases.csv",
      ]),
    );
    for (const kind of ["figures", "cited", "ours"] as const)
      expect(
        sentences.some((sentence) => sentence.kind === kind),
        kind,
      ).toBe(true);
    // Every section of the template is read, and the lines above them.
    expect(new Set(sentences.map((sentence) => sentence.section))).toEqual(
      new Set(["intro", ...dataPageSectionIds(read(DATA_PAGE_FILE))]),
    );
  });

  it("each shows a figure, cites a passage or says it is ours, as built (dist/data/index.html), the whole page: none unsourced", () => {
    const html = readFileSync(join(DIST_DIR, "data/index.html"), "utf8");
    const sentences = articleSentences(html, "article.data-page");
    expect(sentences.filter((sentence) => sentence.kind === null).map((s) => `${s.section}: ${s.text}`)).toEqual([]);
    // Every section of the page, and its standfirst above them.
    expect(new Set(sentences.map((sentence) => sentence.section))).toEqual(
      new Set(["intro", ...dataPageSectionIds(readFileSync(DATA_PAGE_FILE, "utf8"))]),
    );
    for (const kind of ["figures", "cited", "ours"] as const)
      expect(sentences.filter((sentence) => sentence.kind === kind).length, kind).toBeGreaterThan(0);
    expect(sentences.length).toBeGreaterThan(200);
    // A section counted ours by its mark shows readers the mark, naming the publication, right under its heading.
    const marked = [
      ...html.matchAll(/<section id="([^"]+)"[^>]*data-sources="ours"[^>]*>\s*<h2[^>]*>[^<]*<\/h2>\s*(<p[^>]*>[^<]*)/g),
    ];
    expect(marked.map((match) => match[1])).toEqual([
      "tables",
      "charts",
      "sources",
      "licence",
      "cite",
      "corrections",
      "releases",
    ]);
    for (const [, , line] of marked)
      expect(line).toMatch(
        new RegExp(`^<p class="own-record\\b[^"]*"[^>]*>Written by ${publication.name.replace(/[()]/g, "\\$&")}: our `),
      );
  });

  it("a cited sentence of the page is named in DATA_PAGE_CITES and held to its passages' words", () => {
    const from = "request by the Press Association.<NoteMarker";
    const edited = (to: string) => (file: string) =>
      file === DATA_PAGE_FILE ? read(file).replace(from, to) : read(file);
    const page = read(DATA_PAGE_FILE);
    const line = lineOf(page, from);
    const added = dataPageSourceProblems(dataset, edited("request by the Press Association by email.<NoteMarker"));
    expect(added.map((problem) => [problem.file, problem.line, problem.severity, problem.message])).toEqual([
      [
        DATA_PAGE_FILE,
        line - 1,
        "warning",
        expect.stringMatching(
          /its section #what: "The Independent reported[^"]*" adds words found in none of its passages \(independent-foi\): email,/,
        ),
      ],
    ]);
    const renamed = dataPageSourceProblems(dataset, (file) =>
      file === DATA_PAGE_FILE
        ? page.replace("as reported. The Independent reported", "as reported. The Guardian reported")
        : read(file),
    );
    expect(renamed.map((problem) => [problem.file, problem.message])).toEqual([
      [DATA_PAGE_FILE, expect.stringMatching(/"The Guardian reported[^"]*" has a source marker that DATA_PAGE_CITES/)],
      [
        "src/components/data/data-page-sources.ts",
        expect.stringMatching(/names a sentence of the data page starting “The Independent reported”/),
      ],
    ]);
  });

  it("exempts headings, bold labels and components by rule, reads conditional prose, and counts a section marked ours as ours", () => {
    const page = [
      '<section id="what">',
      "  <h2>A heading with no source</h2>",
      "  <ul>",
      "    <li><strong>A label.</strong> Our words. A claim.<NoteMarker figure={a} source={b} /></li>",
      "    {n > 0 && <li>The rest is <FactValue fact={f} /> cases.</li>}",
      "    {n === 0 ? <>Nothing is known.</> : <>We know.</>}",
      "  </ul>",
      "  <OurCalculations />",
      "</section>",
      '<section id="releases" data-sources="ours">',
      "  <h2>Releases</h2>",
      '  <OwnRecord of="record" />',
      "  <ul>{rows.map((row) => (<li>Version <data>{row.version}</data>. A released note.</li>))}</ul>",
      "</section>",
    ].join("\n");
    expect(templateSentences(page).map((sentence) => [sentence.line, sentence.kind, sentence.text])).toEqual([
      [4, "ours", "Our words."],
      [4, "cited", "A claim."],
      [5, "figures", "The rest is cases."],
      [6, null, "Nothing is known."],
      [6, "ours", "We know."],
      [13, "figures", "Version ."],
      [13, "ours", "A released note."],
    ]);
  });
});

describe("hedges and new words", () => {
  const passage = {
    id: "p",
    passage: "Breaches range from rule-breaks to serious allegations of misconduct, the Met said.",
    hedge_exceptions: null,
  };

  it("a sentence keeps the passage's hedge and attribution, in its words or an equivalent", () => {
    expect(droppedHedges("Breaches range to serious allegations of misconduct, the Met said.", [passage])).toEqual([]);
    expect(droppedHedges("Breaches range to serious misconduct.", [passage])).toEqual([
      { hedge: "the Met said", passage: "p" },
      { hedge: "allegations", passage: "p" },
    ]);
    // A deliberate exception names its reason in the data.
    expect(
      droppedHedges("Breaches range to serious allegations, the Met said.", [
        { ...passage, passage: "Around one-fifth ended, the Met said.", hedge_exceptions: "around: a reason" },
      ]),
    ).toEqual([]);
    expect(
      droppedHedges("Among them written warnings.", [{ ...passage, passage: "Outcomes including warnings." }]),
    ).toEqual([]);
  });

  it("lists the content words a sentence adds to its passages, not the neutral ones or a word's other forms", () => {
    expect(
      newContentWords("An officer used internal email at work for dating.", ["An officer used a computer for dates."]),
    ).toEqual(["internal", "email", "work"]);
    expect(newContentWords("The officers said they were dating.", ["An officer was dating."])).toEqual([]);
  });
});

describe("a mistake in the story or the passages fails the build, at its file and line", () => {
  let copy: ProjectCopy;
  beforeAll(() => {
    copy = copyProject("met-sentences-");
  });
  afterAll(() => copy?.remove());

  /** Edits a file of the copy, runs `then`, and puts the file back. */
  function withEdit<T>(file: string, from: string, to: string, then: () => T): T {
    copy.edit(file, from, to);
    try {
      return then();
    } finally {
      copy.edit(file, to, from);
    }
  }

  it("a sentence with no source: npm run build stops, naming the story's file and line", () => {
    const from = "We have filed each example under one broad type of breach.";
    const to = "Each example falls under one broad type of breach.";
    const output = withEdit(STORY, from, to, () => copy.failedBuild());
    const line = lineOf(story, from);
    expect(output).toContain(`${STORY}:${line}:1 sentence: "${to}" states something with no source`);
  }, 300_000);

  it("a chart note with no source: npm run build stops, naming the chart's file, line and note", () => {
    const file = "src/charts/national-entry.ts";
    const from = "We show the forces the reports name as having the most breaches.";
    const to = "The forces named had the most breaches.";
    const output = withEdit(file, from, to, () => copy.failedBuild());
    expect(output).toContain(
      `${file}:${lineOf(readFileSync(file, "utf8"), from)}:1 sentence: the national chart's note 3: "${to}" states something with no source`,
    );
  }, 300_000);

  it("a new unsourced sentence on the data page (a method, a category, its own prose), or a section marked ours without its mark: npm run build stops, naming each file and line", () => {
    const methods = "src/components/data/chart-methods.ts";
    const methodFrom = '"The counts of examples are ours. " +';
    const categoryFrom = "used for private ends.";
    const pageFrom = "We filed each example under";
    const page = readFileSync(DATA_PAGE_FILE, "utf8");
    // A section marked ours whose mark readers no longer see first.
    const markFrom = "Releases</h2>\n      <OwnRecord";
    const markTo = "Releases</h2>\n      <p>Every version.</p>\n      <OwnRecord";
    const output = withEdit(methods, methodFrom, '"The counts of examples are ours. Each square is a breach. " +', () =>
      withEdit("data/categories.csv", categoryFrom, "used for private ends. Most were officers.", () =>
        withEdit(DATA_PAGE_FILE, pageFrom, `The report is complete. ${pageFrom}`, () =>
          withEdit(DATA_PAGE_FILE, markFrom, markTo, () => copy.failedBuild()),
        ),
      ),
    );
    const methodLine = lineOf(readFileSync(methods, "utf8"), methodFrom);
    expect(output).toContain(
      `${methods}:${methodLine}:1 sentence: on the data page, the breach-types chart's method: "Each square is a breach." states something with no source`,
    );
    const categories = readFileSync("data/categories.csv", "utf8");
    expect(output).toMatch(
      new RegExp(
        `data/categories\\.csv:${lineOf(categories, "personal-misuse,")}:\\d+ sentence: on the data page, the category personal-misuse's description: "Most were officers\\." states something with no source`,
      ),
    );
    expect(output).toMatch(
      new RegExp(
        `${DATA_PAGE_FILE}:${lineOf(page, pageFrom)}:\\d+ sentence: on the data page, its section #method: "The report is complete\\." states something with no source`,
      ),
    );
    expect(output).toContain(
      `${DATA_PAGE_FILE}:${lineOf(page, '<section id="releases"')}:5 sentence: on the data page, its section #releases is marked data-sources="ours" but does not show readers the mark`,
    );
  }, 300_000);

  it("a hedge dropped: the build stops, naming the passage and the hedge", () => {
    const from = "serious allegations of misconduct leading to arrests";
    const output = withEdit(STORY, from, "serious misconduct leading to arrests", () => copy.failedBuild());
    expect(output).toMatch(
      new RegExp(
        `${STORY}:${lineOf(story, from)}:\\d+ sentence: "They range from minor rule-breaks[^"]*" drops “allegations” of the passage pa-period`,
      ),
    );
  }, 300_000);

  it("a new content word: the data step warns with the words, and still succeeds", () => {
    const from = "Others within the Met harassed colleagues,";
    const result = withEdit(STORY, from, "Others within the Met harassed colleagues by email at work,", () =>
      copy.script("scripts/build-data.ts", ["--check"]),
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        `${STORY}:${lineOf(story, from)}:\\d+ sentence: "Others within the Met[^"]*" adds words found in none of its passages \\(pa-others\\): email, work, expected .*\\(warning\\)`,
      ),
    );
  }, 120_000);

  it("a passage that is not the source's own words, or a case summary that drops its attribution: errors at the CSV line", () => {
    const passages = readFileSync("data/passages.csv", "utf8");
    const cases = readFileSync("data/cases.csv", "utf8");
    const result = withEdit(
      "data/passages.csv",
      "bragged about their law breaking",
      "boasted about their law breaking",
      () =>
        withEdit(
          "data/cases.csv",
          "the Prevention of Corruption Act, the force said.",
          "the Prevention of Corruption Act.",
          () => copy.script("scripts/build-data.ts", ["--check"]),
        ),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `data/passages\\.csv:${lineOf(passages, "pa-others,")}:\\d+ passage: does not occur in the source's kept text`,
      ),
    );
    expect(result.stderr).toMatch(
      new RegExp(
        `data/cases\\.csv:${lineOf(cases, "case-04,")}:\\d+ summary: "A detective chief inspector[^"]*" drops “the Met said”`,
      ),
    );
    // The kept text itself is in the copy, never published: the build reads it from data/source-text/.
    expect(readFileSync(join(copy.root, "data/source-text/pa-2014.txt"), "utf8")).toContain(
      "Breaches between January 2009",
    );
  }, 120_000);
});
