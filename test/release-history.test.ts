/**
 * Nothing reaches readers untold (issue 20): the editor walkthrough of
 * 2026-12-03 replayed on a copy of the project, each failure now refused
 * with a located message (and data/, data/release/ and CITATION.cff left
 * byte for byte as they were) or shown to readers:
 *
 * - 5.3 an unrelated corrections row no longer covers two changed figures;
 * - 5.4 `--not-a-correction` names each value it waives, text only;
 * - 5.5 a released correction cannot be rewritten or deleted;
 * - 4.4 a corrections.csv saved by Excel (Windows-1252) keeps its curly quotes;
 * - 5.6, 5.7 `--date` in the future or impossible, checked first;
 * - 5.9 a deleted row others cite gets one summary line;
 * - 5.10 removing a published row needs a reason, and is a correction;
 * - 2.5 `--reason` on a release that changes no value;
 * - 3.2 a quote correction names the speaker and the words, once;
 * - 1.7, 7.1, 7.2 the release shows what it writes, lists every file to
 *   commit, and `--undo` takes it back until it is committed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Correction, Dataset } from "../src/data/schema.ts";
import { correctionText } from "../src/lib/correction-text.ts";
import { nextVersion } from "../scripts/lib/data-diff.ts";
import { buildEnvironment, copyProject, type ProjectCopy } from "./support/project-copy.ts";

let copy: ProjectCopy;

/** Runs one of the editor's scripts in the copy (not a terminal: every flag must be given). */
const run = (script: string, ...args: string[]) => copy.script(script, args);
const release = (...args: string[]) => run("scripts/release.ts", ...args);
const dataCheck = () => run("scripts/build-data.ts", "--check");
const dataStep = () => run("scripts/build-data.ts");
const file = (path: string) => readFileSync(join(copy.root, path), "utf8");
const write = (path: string, text: string) => writeFileSync(join(copy.root, path), text);
/** Adds a line at the end of a file of the copy; returns its line number. */
function append(path: string, line: string): number {
  const lines = file(path).trimEnd().split("\n");
  write(path, `${[...lines, line].join("\n")}\n`);
  return lines.length + 1;
}
/** The line number of the first line of a file of the copy that starts with `start` (throws if none does). */
function lineOf(path: string, start: string): number {
  const index = file(path)
    .split("\n")
    .findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`${path} has no line starting ${JSON.stringify(start)}`);
  return index + 1;
}
/** The line number of the first line of a file of the copy that holds `text` (throws if none does). */
function lineHolding(path: string, text: string): number {
  const index = file(path)
    .split("\n")
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${path} has no line holding ${JSON.stringify(text)}`);
  return index + 1;
}
/** Text to match literally inside a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every file a release may touch: data/ (with data/release/) and CITATION.cff, byte for byte. */
function snapshot(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(copy.root, path), readFileSync(path));
    }
  };
  walk(join(copy.root, "data"));
  files.set("CITATION.cff", readFileSync(join(copy.root, "CITATION.cff")));
  return files;
}

/** Puts the copy back to a snapshot (and forgets any release kept for --undo). */
function restore(files: Map<string, Buffer>): void {
  for (const path of snapshot().keys()) if (!files.has(path)) rmSync(join(copy.root, path));
  for (const [path, bytes] of files) writeFileSync(join(copy.root, path), bytes);
  rmSync(join(copy.root, ".release-undo"), { recursive: true, force: true });
}

/** Asserts a command was refused, located, and wrote nothing. */
function expectRefused(result: ReturnType<typeof run>, before: Map<string, Buffer>, ...messages: string[]) {
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toContain("Nothing was written.");
  for (const message of messages) expect(result.stderr).toContain(message);
  const after = snapshot();
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
  expect(existsSync(join(copy.root, ".release-undo"))).toBe(false);
}

const rowsOf = (path: string) =>
  Papa.parse<Record<string, string>>(file(path), { header: true, skipEmptyLines: true }).data;
/** The corrections.csv rows after the committed ones: those the test or a release added. */
const addedCorrections = () => rowsOf("data/corrections.csv").slice(committedCorrections);

/** Today and a day well after it, UTC. */
const today = new Date().toISOString().slice(0, 10);
const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);

let pristine: Map<string, Buffer>;
/** The committed history the walkthrough appends to: whatever releases and corrections are committed. */
let lastRelease: string;
/** The versions the next correction release and the next rows release take after it. */
let nextCorrection: string;
let nextRows: string;
/** How many correction rows are committed: the ones a release writes come after them. */
let committedCorrections: number;

beforeAll(() => {
  copy = copyProject("met-history-");
  pristine = snapshot();
  lastRelease = rowsOf("data/releases.csv").at(-1)!.version!;
  nextCorrection = nextVersion(lastRelease, "correction");
  nextRows = nextVersion(lastRelease, "rows");
  committedCorrections = rowsOf("data/corrections.csv").length;
});
afterAll(() => copy?.remove());
beforeEach(() => restore(pristine));

/** The walkthrough's two changed figures: officers 31000 -> 32000, Surrey 202 -> 220. */
function changeTwoFigures() {
  copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
  copy.edit("data/national.csv", "surrey,force,Surrey Police,202,", "surrey,force,Surrey Police,220,");
}

describe("5.3 each changed value needs a correction that names it", () => {
  it("an unrelated corrections row covers nothing: data:check warns at each, release refuses", () => {
    changeTwoFigures();
    const unrelated = append("data/corrections.csv", `${today},Spelling of a label,Typo,,,,,,,,`);
    const check = dataCheck();
    expect(check.status).toBe(0);
    expect(check.stderr).toMatch(
      new RegExp(
        `data/workforce\\.csv:${lineOf("data/workforce.csv", "officers,")}:\\d+ count: 31000 -> 32000 changes a value published in release ${literal(lastRelease)}, expected a correction naming workforce/officers/count .*\\(warning\\)`,
      ),
    );
    expect(check.stderr).toMatch(
      new RegExp(
        `data/national\\.csv:${lineOf("data/national.csv", "surrey,")}:\\d+ count: 202 -> 220 changes a value published`,
      ),
    );
    expect(check.stderr).toMatch(
      new RegExp(`data/corrections\\.csv:${unrelated}:\\d+ change: names no published value, expected the table`),
    );

    const before = snapshot();
    expectRefused(
      release("--kind", "correction", "--note", "Spelling.", "--change", "Two figures fixed.", "--reason", "Typo."),
      before,
      `data/corrections.csv:${unrelated}:`,
      "names no published value",
    );
    expectRefused(
      release("--kind", "correction", "--note", "Spelling."),
      before,
      `count: 31000 -> 32000 changes a value published in release ${lastRelease}`,
      `count: 202 -> 220 changes a value published in release ${lastRelease}`,
      "a published value changed without a correction",
    );
  });

  it("a hand-written correction that names the value but not its values is refused at its line", () => {
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
    const wrong = append(
      "data/corrections.csv",
      `${today},The officers' headcount was corrected.,A typo.,workforce,officers,count,31000,33000,,,`,
    );
    const before = snapshot();
    expectRefused(
      release("--kind", "correction", "--note", "Headcount."),
      before,
      `data/corrections.csv:${wrong}:`,
      `names workforce/officers/count with 31000 -> 33000, but release ${lastRelease} published 31000 and the data now holds 32000`,
    );
  });

  it("a hand-written correction that names each value releases, and the release writes no other", () => {
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
    append(
      "data/corrections.csv",
      `${today},The officers' headcount was corrected.,A typo.,workforce,officers,count,31000,32000,,,`,
    );
    const result = release("--kind", "correction", "--note", "Headcount corrected.");
    expect(result.status, result.stderr).toBe(0);
    const rows = addedCorrections();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ table: "workforce", row: "officers", column: "count", version: nextCorrection });
  });
});

describe("5.4 --not-a-correction names each value, and only wording", () => {
  beforeEach(() => {
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
    copy.edit("data/cases.csv", "spoof image of a caravan", "spoof picture of a caravan");
  });

  it("is refused when it names no value", () => {
    expectRefused(
      release("--kind", "correction", "--note", "Spelling", "--not-a-correction", "a spelling fix, no figure changed"),
      snapshot(),
      `--not-a-correction "a spelling fix, no figure changed" names no value, expected "table/row/column: why"`,
      "workforce/officers/count",
      "cases/case-08/summary",
    );
  });

  it("is refused for a number", () => {
    expectRefused(
      release("--kind", "correction", "--note", "Spelling", "--not-a-correction", "workforce/officers/count: typo"),
      snapshot(),
      "--not-a-correction workforce/officers/count: 31000 -> 32000 changes a number, id, date or listed value, which readers must be told about",
    );
  });

  it("waives the text cell it names, and the figure still needs its correction", () => {
    const before = snapshot();
    expectRefused(
      release("--kind", "correction", "--note", "Spelling.", "--not-a-correction", "cases/case-08/summary: spelling"),
      before,
      "count: 31000 -> 32000 changes a value published",
    );
    const result = release(
      "--kind",
      "correction",
      "--note",
      "Headcount and spelling.",
      "--not-a-correction",
      "cases/case-08/summary: spelling",
      "--change",
      "The officers' headcount was wrong.",
      "--reason",
      "We mistyped it.",
    );
    expect(result.status, result.stderr).toBe(0);
    const rows = addedCorrections();
    expect(rows.map((row) => [row.table, row.row, row.column, row.old_value, row.new_value])).toEqual([
      ["workforce", "officers", "count", "31000", "32000"],
    ]);
    expect(rowsOf("data/releases.csv").at(-1)!.note).toBe(
      "Headcount and spelling. Not a correction (wording only): spelling.",
    );
    expect(result.stdout).toContain("not a correction (wording): cases/case-08/summary: spelling");
  });
});

describe("5.5 the released history is append-only", () => {
  let released: Map<string, Buffer>;
  beforeEach(() => {
    copy.edit("data/outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
    copy.edit("data/outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    const result = release(
      "--kind",
      "correction",
      "--note",
      "Outcome counts restated.",
      "--change",
      "One case moved from formal action to other outcomes.",
      "--reason",
      "The Met restated its outcome.",
    );
    expect(result.status, result.stderr).toBe(0);
    rmSync(join(copy.root, ".release-undo"), { recursive: true, force: true });
    released = snapshot();
  });

  it("refuses a rewritten released correction (207 -> 206) in data:check, the build's data step and release", () => {
    const rewritten = lineHolding("data/corrections.csv", ",208,207,");
    copy.edit("data/corrections.csv", ",208,207,", ",208,206,");
    for (const result of [dataCheck(), dataStep()]) {
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `data/corrections\\.csv:${rewritten}:\\d+ new_value: this correction was published in release ${literal(nextCorrection)} and cannot be edited \\(207 -> 206\\), expected it as released: .*,outcomes,formal-action,count,208,207,`,
        ),
      );
      expect(result.stderr).not.toMatch(/new_value: .*\(warning\)/);
    }
    copy.edit("data/cases.csv", "spoof image", "spoof picture");
    expectRefused(
      release("--kind", "correction", "--note", "More.", "--not-a-correction", "cases/case-08/summary: spelling"),
      snapshot(),
      `this correction was published in release ${nextCorrection} and cannot be edited (207 -> 206)`,
    );
  });

  it("refuses a deleted released correction and an edited release row, with the released text", () => {
    const deleted = lineHolding("data/corrections.csv", ",208,207,");
    const lines = file("data/corrections.csv").split("\n");
    write("data/corrections.csv", lines.filter((_, index) => index !== deleted - 1).join("\n"));
    const releaseLine = lineOf("data/releases.csv", `${nextCorrection},`);
    const edited = nextVersion(nextCorrection, "correction");
    copy.edit("data/releases.csv", `\n${nextCorrection},`, `\n${edited},`);
    const check = dataCheck();
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(
      new RegExp(
        `data/corrections\\.csv:${deleted}:1 row: the correction on line ${deleted} of data/release/corrections\\.csv, published in release ${literal(nextCorrection)}, is missing: .*formal-action,count,208,207`,
      ),
    );
    expect(check.stderr).toMatch(
      new RegExp(
        `data/releases\\.csv:${releaseLine}:1 version: this release was published in release ${literal(nextCorrection)} and cannot be edited \\(${literal(nextCorrection)} -> ${literal(edited)}\\)`,
      ),
    );
    expect(snapshot().get("data/release/corrections.csv")!.equals(released.get("data/release/corrections.csv")!)).toBe(
      true,
    );
  });

  it("refuses a release copy whose correction disagrees with its released data", () => {
    // Both groups, so that the copy still adds up to 300 and reads.
    copy.edit("data/release/outcomes.csv", "formal-action,Formal action,207,", "formal-action,Formal action,206,");
    copy.edit("data/release/outcomes.csv", "other-outcomes,Other outcomes,93,", "other-outcomes,Other outcomes,94,");
    const check = dataCheck();
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `new_value: 207 is not what release ${nextCorrection} published for outcomes/formal-action/count (data/release/outcomes.csv holds 206), expected the released correction to agree with the released data`,
    );
  });
});

describe("4.4 a corrections.csv saved by Excel as Windows-1252 loses nothing", () => {
  it("keeps every released text, curly quotes included, byte for byte once decoded", () => {
    copy.edit("data/outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
    copy.edit("data/outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    const first = release(
      "--kind",
      "correction",
      "--note",
      "Outcome counts restated.",
      "--change",
      "The Met’s “formal action” count was restated – by one case.",
      "--reason",
      "The Met said: “we restated one outcome”.",
    );
    expect(first.status, first.stderr).toBe(0);
    const releasedText = file("data/corrections.csv");
    expect(releasedText).toContain("“formal action”");
    // Excel: Windows-1252, CRLF, and the other tables untouched.
    writeFileSync(
      join(copy.root, "data/corrections.csv"),
      iconv.encode(releasedText.replace(/\n/g, "\r\n"), "win1252"),
    );
    expect(file("data/corrections.csv")).toContain("\uFFFD"); // not UTF-8 any more
    append(
      "data/cases.csv",
      file("data/cases.csv")
        .trimEnd()
        .split("\n")
        .at(-1)!
        .replace(/^case-\d+,/, "case-99,"),
    );
    const second = release("--kind", "rows", "--note", "One more example.");
    expect(second.status, second.stderr).toBe(0);
    const now = file("data/corrections.csv");
    expect(now).not.toContain("\uFFFD");
    expect(file("data/release/corrections.csv")).toBe(now);
    // Every released row, each cell, exactly as released.
    const before = Papa.parse<string[]>(releasedText, { skipEmptyLines: true }).data;
    const after = Papa.parse<string[]>(now, { skipEmptyLines: true }).data;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(Buffer.from(now.split("\n").slice(0, 3).join("\n"))).toEqual(
      Buffer.from(releasedText.split("\n").slice(0, 3).join("\n")),
    );
  });
});

describe("5.6, 5.7 dates", () => {
  beforeEach(() =>
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,"),
  );
  const args = ["--kind", "correction", "--note", "N.", "--change", "C.", "--reason", "R."];

  it("checks --date first: an impossible day is named as the argument, not a line of a file", () => {
    const result = release(...args, "--date", "2026-02-30");
    expectRefused(result, snapshot(), "release refused: --date 2026-02-30: February 2026 has no day 30.");
    expect(result.stderr).not.toContain("data/releases.csv");
  });

  it("refuses a release dated after today, unless embargoed", () => {
    expectRefused(
      release(...args, "--date", later),
      snapshot(),
      `--date ${later} is after today (${today}): a release is dated the day it is published, expected today or earlier (or --embargo`,
    );
    expectRefused(release(...args, "--embargo"), snapshot(), `--embargo needs a --date after today (${today})`);
    const embargoed = release(...args, "--date", later, "--embargo");
    expect(embargoed.status, embargoed.stderr).toBe(0);
    expect(rowsOf("data/releases.csv").at(-1)).toMatchObject({ version: nextCorrection, date: later });
    expect(addedCorrections()).toMatchObject([{ date: later, version: nextCorrection }]);
    // Released, the embargoed history is no longer a new correction dated ahead.
    expect(dataCheck().stderr).not.toContain("after today");
  });

  it("refuses a correction dated after today", () => {
    append("data/corrections.csv", `${later},C.,R.,workforce,officers,count,31000,32000,,,`);
    expect(dataCheck().stderr).toContain(
      `date: ${later} is after today (${today}), expected the day the correction is published: today or earlier (warning)`,
    );
    expectRefused(release("--kind", "correction", "--note", "N."), snapshot(), `date: ${later} is after today`);
  });
});

describe("5.10, 2.5 removed and added rows", () => {
  beforeEach(() => {
    const lines = file("data/cases.csv").split("\n");
    write("data/cases.csv", lines.filter((line) => !line.startsWith("case-08,")).join("\n"));
  });

  it("a removed published row needs --kind rows and a correction saying why", () => {
    expectRefused(
      release("--kind", "correction", "--note", "N."),
      snapshot(),
      "the edit adds or removes rows: a correction release cannot carry it, expected --kind rows",
    );
    expectRefused(
      release("--kind", "rows", "--note", "One case removed."),
      snapshot(),
      `data/cases.csv:1:1 row: case-08 was published in release ${lastRelease} and is removed, expected a correction naming cases/case-08 that says why`,
    );
    const result = release(
      "--kind",
      "addition",
      "--note",
      "One case removed.",
      "--change",
      "We removed a case the sources do not describe as a breach",
      "--reason",
      "It was a misreading of the report",
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("(--kind addition is now called rows.)");
    expect(rowsOf("data/releases.csv").at(-1)!.version).toBe(nextRows);
    const removals = addedCorrections() as unknown as Correction[];
    expect(removals).toHaveLength(1);
    expect(removals[0]).toMatchObject({ table: "cases", row: "case-08", column: "", new_value: "" });
    const asRead = { ...removals[0]!, column: null, new_value: null } as Correction;
    // The summary as the release before this one published it.
    const summary = Papa.parse<Record<string, string>>(pristine.get("data/release/cases.csv")!.toString("utf8"), {
      header: true,
    }).data.find((row) => row.id === "case-08")!.summary!;
    expect(summary).toContain("spoof image of a caravan");
    expect(correctionText(asRead, { cases: [] } as unknown as Dataset)).toBe(
      `We removed a case the sources do not describe as a breach. Removed: the case “${summary}” It was a misreading of the report.`,
    );
  });

  it("--reason on a release that changes no published value is refused", () => {
    restore(pristine);
    append(
      "data/cases.csv",
      file("data/cases.csv")
        .trimEnd()
        .split("\n")
        .at(-1)!
        .replace(/^case-\d+,/, "case-99,"),
    );
    expectRefused(
      release("--kind", "rows", "--note", "One more", "--reason", "The Met told us about another case"),
      snapshot(),
      "--change and --reason write the corrections of changed or removed published values, and this release changes none (it adds rows): say what it contains in --note",
    );
  });
});

describe("5.9 a deleted row that other rows cite", () => {
  it("gets one line saying which row, where the release had it, and how many rows cite it", () => {
    const releasedLine = lineOf("data/release/periods.csv", "bbw-2011-2015,");
    // National rows are one line each: the lines that cite the period, as the message lists them.
    const citing = file("data/national.csv")
      .split("\n")
      .flatMap((line, index) => (line.includes(",bbw-2011-2015,") ? [index + 1] : []));
    expect(citing.length).toBeGreaterThan(10);
    const lines = file("data/periods.csv").split("\n");
    write("data/periods.csv", lines.filter((line) => !line.startsWith("bbw-2011-2015,")).join("\n"));
    const check = dataCheck();
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `data/periods.csv:1:1 row: bbw-2011-2015 was deleted from data/periods.csv (line ${releasedLine} of data/release/periods.csv, release ${lastRelease}), and ${citing.length} rows still cite it (data/national.csv lines ${citing.slice(0, 10).join(", ")} and ${citing.length - 10} more), expected the row back, or each of those rows citing another`,
    );
  });
});

describe("3.2 a quote correction names the speaker and the words, once", () => {
  it("folds the context's change into the quote's correction", () => {
    const from = "protecting the sensitive data we hold is critical";
    const to = "protecting the sensitive data that we hold is critical";
    copy.edit("data/quotes.csv", `,${from} to public confidence,`, `,${to} to public confidence,`);
    copy.edit("data/quotes.csv", `We recognise that ${from}`, `We recognise that ${to}`);
    const result = release(
      "--kind",
      "correction",
      "--note",
      "A quote corrected.",
      "--change",
      "We had mistranscribed the Met spokesman’s words",
      "--reason",
      "The recording says “that we hold”.",
    );
    expect(result.status, result.stderr).toBe(0);
    const rows = addedCorrections() as unknown as Correction[];
    expect(rows.map((row) => [row.table, row.row, row.column])).toEqual([["quotes", "met-sensitive-data", "quote"]]);
    const quotes = Papa.parse<Record<string, string>>(file("data/quotes.csv"), { header: true }).data;
    const text = correctionText(rows[0]!, { quotes } as unknown as Dataset);
    expect(text).toBe(
      `We had mistranscribed the Met spokesman’s words. A Met spokesman’s words: were “${from} to public confidence”, now “${to} to public confidence”. The recording says “that we hold”.`,
    );
    expect(text).not.toContain("met-sensitive-data");
    expect(text).not.toContain("context");
  });
});

describe("1.7, 7.1, 7.2 the editor sees what is written, and can take it back", () => {
  it("prints every row it writes and every file to commit; --undo restores each byte", () => {
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
    const edited = snapshot();
    const result = release(
      "--kind",
      "correction",
      "--note",
      "Headcount corrected.",
      "--change",
      "The officers' headcount was wrong.",
      "--reason",
      "We mistyped it.",
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `data/releases.csv gains: ${nextCorrection},${today},Headcount corrected.,workforce`,
    );
    expect(result.stdout).toContain(
      `    ${today},The officers' headcount was wrong.,We mistyped it.,workforce,officers,count,31000,32000,`,
    );
    expect(result.stdout).toContain("git add data/ CITATION.cff");
    expect(file("CITATION.cff")).toMatch(new RegExp(`^version: "${literal(nextCorrection)}"$`, "m"));

    const undo = release("--undo");
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toContain(`Took back release ${nextCorrection}`);
    const after = snapshot();
    expect([...after.keys()].sort()).toEqual([...edited.keys()].sort());
    for (const [path, bytes] of edited) expect(after.get(path)?.equals(bytes), path).toBe(true);
    // Nothing more to take back.
    expectRefused(release("--undo"), edited, "there is no release to undo");
  });

  /**
   * The release in a terminal (util-linux `script` gives it one), answering with `input`: package.json's
   * command, the copy's bundle of the script (copyProject gives it the project's).
   */
  const inTerminal = (input: string, ...args: string[]) => {
    const command = [process.execPath, "scripts/run-script.mjs", "release", ...args].map((arg) => `'${arg}'`).join(" ");
    const result = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd: copy.root,
      env: buildEnvironment(),
      encoding: "utf8",
      input,
      timeout: 120_000,
    });
    return { status: result.status, output: result.stdout };
  };

  it("in a terminal, asks for the sentences, shows the rows and asks to confirm: no writes nothing", () => {
    copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
    const edited = snapshot();
    const declined = inTerminal("n\n", "--kind", "correction", "--note", "N.", "--change", "C.", "--reason", "R.");
    expect(declined.output).toContain(`data/corrections.csv gains:`);
    expect(declined.output).toContain(`Release ${nextCorrection}? [y/N]`);
    expect(declined.output).toContain("release refused: not confirmed. Nothing was written.");
    expect(declined.status).toBe(1);
    const after = snapshot();
    for (const [path, bytes] of edited) expect(after.get(path)?.equals(bytes), path).toBe(true);

    const answered = inTerminal(
      "The officers' headcount was wrong\nWe mistyped it\ny\n",
      "--kind",
      "correction",
      "--note",
      "N.",
    );
    expect(answered.output).toContain("workforce/officers/count: 31000 -> 32000");
    expect(answered.output).toContain("What changed, in a sentence readers will see:");
    expect(answered.status, answered.output).toBe(0);
    expect(addedCorrections()).toMatchObject([
      {
        change: "The officers' headcount was wrong",
        reason: "We mistyped it",
        row: "officers",
      },
    ]);
  });

  it("refuses --undo once the release is committed", () => {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: copy.root,
        stdio: "pipe",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@x",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@x",
        },
      });
    git("init", "-q");
    try {
      git("add", "data", "CITATION.cff");
      git("commit", "-qm", "before");
      copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
      const result = release("--kind", "correction", "--note", "N.", "--change", "C.", "--reason", "R.");
      expect(result.status, result.stderr).toBe(0);
      git("add", "data", "CITATION.cff");
      git("commit", "-qm", `Release ${nextCorrection}`);
      const committed = snapshot();
      const undo = release("--undo");
      expect(undo.status).toBe(1);
      expect(undo.stderr).toContain(
        `release ${nextCorrection} is committed: take it back with git (git revert), not --undo`,
      );
      const after = snapshot();
      for (const [path, bytes] of committed) expect(after.get(path)?.equals(bytes), path).toBe(true);
    } finally {
      rmSync(join(copy.root, ".git"), { recursive: true, force: true });
    }
  });
});
