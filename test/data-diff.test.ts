/**
 * `npm run data:diff`'s report on edits other than the release cycle's
 * (test/release-cycle.test.ts): a count crossing from "nine" to "10", new
 * rows, a new column, bad data; and the version rule. Each runs the real
 * report in-process on a temporary copy of data/ (never data/ itself) with
 * the story beside it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diffData, nextVersion, reportText } from "../scripts/lib/data-diff.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;

beforeEach(() => {
  fixture = dataFixture();
  mkdirSync(join(fixture.root, "src/content/story"), { recursive: true });
  cpSync("src/content/story/story.mdx", join(fixture.root, "src/content/story/story.mdx"));
});
afterEach(() => fixture.remove());

const diff = () => diffData({ root: fixture.root });

/**
 * `npm run release` in the fixture's folder: package.json's command (scripts/run-script.mjs and
 * the project's bundle of the script), not tsx, which compiled the script again on every run.
 */
function release(...args: string[]) {
  const result = spawnSync(process.execPath, [resolve("scripts/run-script.mjs"), "release", ...args], {
    cwd: fixture.root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("data:diff", () => {
  it("says a count crossing from words to digits changes its wording, with the sentences", async () => {
    // No further action: two (a word in the story) becomes 10 (digits), still inside its group of 92.
    fixture.replaceOnce(
      "outcomes.csv",
      "no-further-action,No further action,2,",
      "no-further-action,No further action,10,",
    );
    const { ok, report } = await diff();
    expect(ok).toBe(true);
    const fact = report!.facts.find((candidate) => candidate.key === "outcomes:no-further-action")!;
    expect(fact.kind).toBe("wording");
    expect(
      fact.sentences.map((sentence) => [
        sentence.before.includes("two of them"),
        sentence.after.includes("10 of them"),
      ]),
    ).toContainEqual([true, true]);
    expect(reportText(report!)).toContain("FIGURES WHOSE WORDING CHANGES");
  });

  it("counts new rows as an addition (a minor version), with the rows and the figures they move", async () => {
    const cases = fixture.read("cases.csv").trimEnd().split("\n");
    const copied = cases[1]!.replace(/^case-01,/, "case-99,");
    fixture.write("cases.csv", `${[...cases, copied].join("\n")}\n`);
    const { ok, report } = await diff();
    expect(ok).toBe(true);
    expect(report!.kind).toBe("rows");
    expect(report!.tables.find((table) => table.table === "cases")!.added).toEqual([
      { id: "case-99", line: cases.length + 1 },
    ]);
    expect(report!.facts.map((fact) => fact.key)).toContain("derived:documented-cases");
    expect(report!.charts.map((chart) => chart.id)).toContain("breach-types");
    expect(report!.publishedValuesChanged).toBe(0);
  });

  it("counts a new column as a change of structure (a major version), an optional one as none", async () => {
    // The release had no split_published column: this version adds it (the release no longer reads as valid).
    const released = fixture.read("release/outcomes.csv").trimEnd().split("\n");
    const without = released.map((line) => {
      const cells = line.split(",");
      return [...cells.slice(0, 4), ...cells.slice(5)].join(",");
    });
    fixture.write("release/outcomes.csv", `${without.join("\n")}\n`);
    const { ok, report } = await diff();
    expect(ok).toBe(true);
    expect(report!.tables.find((table) => table.table === "outcomes")!.columnsAdded).toEqual(["split_published"]);
    expect(report!.kind).toBe("columns");

    // The optional columns of the release history are no change of structure.
    fixture.write("release/outcomes.csv", `${released.join("\n")}\n`);
    // A history without the optional `charts` column (its last), released so; the working file then adds it, empty.
    const lines = fixture
      .read("releases.csv")
      .trimEnd()
      .split("\n")
      .map((line) => line.replace(/,[^,"]*$/, ""));
    fixture.write("release/releases.csv", `${lines.join("\n")}\n`);
    fixture.write(
      "releases.csv",
      `${lines[0]},charts\n${lines
        .slice(1)
        .map((line) => `${line},`)
        .join("\n")}\n`,
    );
    const optional = await diff();
    expect(optional.report!.tables.find((table) => table.table === "releases")!.columnsAdded).toEqual(["charts"]);
    expect(optional.report!.kind).toBe("correction");
  });

  it("names the story passage a changed quote shows in: the case, by its visible words", async () => {
    fixture.replaceOnce(
      "quotes.csv",
      "the Met,obtain data from police indices",
      "the Met,obtain data from police indexes",
    );
    fixture.replaceOnce("quotes.csv", "“obtain data from police indices", "“obtain data from police indexes");
    const { ok, report } = await diff();
    expect(ok).toBe(true);
    expect(report!.passages).toEqual([
      {
        list: "case list",
        section: "What they did",
        href: "/#case-01",
        name: "the case “According to the Met, criminals used an officer to obtain data from…”, under “Helping criminals”",
        before: expect.stringContaining("“obtain data from police indices to assist in criminality”"),
        after: expect.stringContaining("“obtain data from police indexes to assist in criminality”"),
      },
    ]);
    const text = reportText(report!);
    // The context, a long paragraph, shows only the words that changed and a few around them.
    expect(text).toContain(
      "quotes.csv met-obtain-data context: … “obtain data from police indices to assist in criminality”. -> … “obtain data from police indexes to assist in criminality”.   (line 5)",
    );
    expect(text).toContain("STORY PASSAGES THAT CHANGE");
    expect(text).toContain("story, “What they did”, case list (/#case-01): the case “According to the Met");
  });

  it("quotes a sentence of the text whose quotation changes, though no figure moves", async () => {
    fixture.replaceOnce(
      "quotes.csv",
      ",report by barrister Mark Ellison QC,spy,",
      ",report by barrister Mark Ellison QC,a spy,",
    );
    // Both Ellison quotes come from the same passage: its context changes in both rows.
    fixture.write("quotes.csv", fixture.read("quotes.csv").replaceAll("officer was a “spy”", "officer was “a spy”"));
    const { report } = await diff();
    const sentence = report!.passages.find((passage) => passage.list === "text")!;
    expect(sentence.section).toBe("Reaction");
    expect(sentence.before).toContain("was a “spy” within");
    expect(sentence.after).toContain("was a “a spy” within");
  });

  it("shows a figure that moves but reads the same as readers see it, never as a raw float", async () => {
    fixture.replaceOnce("outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
    fixture.replaceOnce("outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    const { report } = await diff();
    const share = report!.facts.find((fact) => fact.key === "derived:met-formal-share")!;
    expect(share).toMatchObject({ kind: "hidden", before: "69%", after: "69%", valueBefore: 69.3, valueAfter: 69 });
    expect([share.finerBefore, share.finerAfter]).toEqual(["69.3%", "69.0%"]);
    const text = reportText(report!);
    expect(text).toContain("readers see “69%” before and after; to one more decimal, 69.3% -> 69.0%");
    // No float with more digits than a reader ever sees, in the words or the JSON.
    expect(text).not.toMatch(/\d\.\d{3,}/);
    expect(JSON.stringify(report)).not.toMatch(/\d\.\d{3,}/);
    // A correction is what the chart's "Updated" note links to.
    expect(report!.embedders.join(" ")).toContain(
      "the correction’s sentence (your --change words) and a link to it (“See the correction”)",
    );
  });

  it("says an addition's chart links to the release (“see what changed”), not to a correction", async () => {
    const cases = fixture.read("cases.csv").trimEnd().split("\n");
    fixture.write("cases.csv", `${[...cases, cases[1]!.replace(/^case-01,/, "case-99,")].join("\n")}\n`);
    const { report } = await diff();
    const embedders = report!.embedders.join(" ");
    expect(embedders).toContain("a link to the release on the data page (“see what changed”)");
    expect(embedders).not.toContain("correction");
    expect(report!.passages.map((passage) => [passage.href, passage.before])).toEqual([["/#case-99", null]]);
  });

  it("gives the pipeline's located errors for bad data, and no report", async () => {
    fixture.replaceOnce("outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,20x8,");
    const { ok, report, problems } = await diff();
    expect(ok).toBe(false);
    expect(report).toBeNull();
    expect(problems.map(formatProblem)).toContain(
      'data/outcomes.csv:2:29 count: "20x8" is not a number, expected a whole number such as 42',
    );
  });

  it("numbers versions by the written rule", () => {
    expect(nextVersion("1.0.0", "correction")).toBe("1.0.1");
    expect(nextVersion("1.0.3", "rows")).toBe("1.1.0");
    expect(nextVersion("1.4.2", "columns")).toBe("2.0.0");
  });
});

describe("npm run release", () => {
  it("refuses a kind smaller than the edit needs", () => {
    const cases = fixture.read("cases.csv").trimEnd().split("\n");
    fixture.write("cases.csv", `${[...cases, cases[1]!.replace(/^case-01,/, "case-99,")].join("\n")}\n`);
    const { status, stderr } = release("--kind", "correction", "--note", "A new example.");
    expect(status).toBe(1);
    expect(stderr).toContain(
      "the edit adds or removes rows: a correction release cannot carry it, expected --kind rows",
    );
    expect(fixture.read("releases.csv")).toBe(fixture.read("release/releases.csv"));
  });

  it("releases a changed wording with --not-a-correction naming it, keeping the reason in the release note", async () => {
    // Dated today, the one date a release may have that is never before the last one nor in the future.
    const today = new Date().toISOString().slice(0, 10);
    const last = fixture.read("releases.csv").trim().split("\n").at(-1)!.split(",")[0]!;
    const next = nextVersion(last, "correction");
    const correctionsBefore = fixture.read("corrections.csv");
    fixture.replaceOnce("outcomes.csv", "Formal action, including criminal", "Formal action, which includes criminal");
    const { status, stderr } = release(
      "--kind",
      "correction",
      "--note",
      "Wording of a description.",
      "--not-a-correction",
      "outcomes/formal-action/description: wording",
      "--date",
      today,
    );
    expect(status, stderr).toBe(0);
    // The outcomes chart's long description quotes the description: the release names the chart.
    expect(fixture.read("releases.csv").trim().split("\n").at(-1)).toBe(
      `${next},${today},Wording of a description. Not a correction (wording only): wording.,outcomes`,
    );
    expect(fixture.read("corrections.csv")).toBe(correctionsBefore);
    expect(reportText((await diff()).report!)).toContain(`No change since release ${next} (${today})`);
  });
});
