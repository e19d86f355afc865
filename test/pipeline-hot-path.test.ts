/**
 * The data step's fast paths (issue 15) give the same answers as the plain
 * ways they replace: records read a chunk at a time, ids kept as compact
 * keys, control characters found in the bytes, rows made in one step, a
 * column's repeated values kept once, rows checked by zod and then by the
 * compiled check, a large table checked and written by a second thread.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
import { ROWS_BEFORE_COMPILING } from "../scripts/lib/row-validator.ts";
import { dataFixture, folderHash, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

describe("the data step's fast paths", () => {
  it("reads a file larger than a chunk, with values across lines, as one PapaParse parse of the whole text", async () => {
    // About 6 MB: the reader's 256 KB chunks end inside records, and some records span lines.
    const text = syntheticCasesCsv(40_000).replace(/, and ""more"""/g, ',\nand ""more"""');
    fixture.write("cases.csv", text);
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    const whole = Papa.parse<string[]>(text, { delimiter: ",", newline: "\n", skipEmptyLines: true }).data.slice(1);
    const cases = result.dataset!.cases;
    expect(cases).toHaveLength(40_000);
    expect(cases.map((row) => [row.id, row.summary])).toEqual(whole.map((record) => [record[0], record[1]]));
    expect(cases.filter((row) => row.summary.includes("\n")).length).toBeGreaterThan(1000);
    expect(JSON.parse(readFileSync(join(fixture.outDir, "cases.json"), "utf8"))).toEqual(cases);
  });

  it("finds a bad cell in the rows zod checks and in the rows the compiled check takes after them, alike", async () => {
    const lines = syntheticCasesCsv(ROWS_BEFORE_COMPILING + 1000)
      .trimEnd()
      .split("\n");
    // Line n holds row n - 1: one bad row before the switch, one well after it, and a date the
    // pattern of digits passes but the calendar does not (the check of a date is more than its pattern).
    const spoil = (line: number, from: RegExp, to: string) => (lines[line] = lines[line]!.replace(from, to));
    spoil(10, /,(single|several),/, ",many,");
    spoil(ROWS_BEFORE_COMPILING + 500, /,(single|several),/, ",many,");
    spoil(20, /,pa-2014$/, ",Not An Id");
    spoil(ROWS_BEFORE_COMPILING + 600, /,pa-2014$/, ",Not An Id");
    spoil(30, /,(single|several),,[^,]*,pa-2014$/, ",single,,2011-02-30,pa-2014");
    spoil(ROWS_BEFORE_COMPILING + 700, /,(single|several),,[^,]*,pa-2014$/, ",single,,2011-02-30,pa-2014");
    fixture.write("cases.csv", `${lines.join("\n")}\n`);
    const { messages } = await fixture.run();
    // Each message twice, once for each row, with nothing but its line and column different.
    const errors = messages.filter((message) => !message.endsWith("(warning)"));
    expect(errors).toHaveLength(6);
    const unplaced = errors.map((message) => message.replace(/^data\/cases\.csv:\d+:\d+ /, ""));
    for (const [early, late] of [
      [0, 3],
      [1, 4],
      [2, 5],
    ] as const)
      expect(unplaced[late]).toBe(unplaced[early]);
    expect(errors.map((message) => Number(message.split(":")[1]))).toEqual([
      11,
      21,
      31,
      ROWS_BEFORE_COMPILING + 501,
      ROWS_BEFORE_COMPILING + 601,
      ROWS_BEFORE_COMPILING + 701,
    ]);
  });

  it("finds a repeated id whatever its form, and only a repeated one", async () => {
    const lines = syntheticCasesCsv(3_000).trimEnd().split("\n");
    const rename = (line: number, id: string) => (lines[line] = lines[line]!.replace(/^case-\d+,/, `${id},`));
    rename(10, "case-2999"); // a number seen later
    rename(20, "case-07"); // a leading zero: not case-7
    rename(30, "case-12345678"); // too long for the compact keys
    rename(40, "case-12345678");
    rename(50, "met-7"); // another prefix with a number seen in case-7
    rename(60, "42"); // a number with no prefix
    rename(70, "42");
    fixture.write("cases.csv", `${lines.join("\n")}\n`);
    expect((await fixture.run()).messages).toEqual([
      'data/cases.csv:41:1 id: "case-12345678" is already used on line 31, expected a unique id',
      'data/cases.csv:71:1 id: "42" is already used on line 61, expected a unique id',
      'data/cases.csv:3000:1 id: "case-2999" is already used on line 11, expected a unique id',
    ]);
  });

  it("finds a control character at any byte, C1 controls included, and nowhere else", async () => {
    const text = fixture.read("cases.csv");
    for (const [at, character] of [
      [101, "\u0085"],
      [102, "\u001f"],
      [103, "\u007f"],
    ] as const) {
      fixture.write("cases.csv", text.slice(0, at) + character + text.slice(at));
      const { messages } = await fixture.run();
      const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
      expect(messages).toEqual([
        `data/cases.csv:2:${at - text.indexOf("\n")} file: binary data (character 0x${code}) is not text, expected a CSV text file saved as UTF-8`,
      ]);
    }
    // "£" and "…" share bytes with the C1 controls' encoding (C2, 85) without being controls.
    fixture.write("cases.csv", text.replace("Officer,not stated", "Officer,not stated £5 … Ç"));
    expect((await fixture.run()).messages).toEqual([]);
  });
});

/**
 * `npm run data`'s command in the fixture (scripts/run-script.mjs build-data, the bundle, its data
 * in the working folder), with a second thread for every table file of at least `minBytes` bytes.
 */
function dataStep(minBytes: number): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [resolve("scripts", "run-script.mjs"), "build-data"], {
    cwd: fixture.root,
    encoding: "utf8",
    env: { ...process.env, MET_TABLE_JSON_MIN_BYTES: String(minBytes) },
    timeout: 120_000,
  });
  return { status: result.status, lines: result.stderr.split("\n").filter(Boolean) };
}
/** Above the real tables, below the synthetic cases.csv below: only cases.csv has a second thread. */
const ONLY_CASES = 2 ** 20;
const NEVER = 2 ** 40;

describe("a large table read and written on two threads", () => {
  /** 40,000 cases (about 6 MB, many chunks), some values across lines. */
  const largeCases = () => syntheticCasesCsv(40_000).replace(/, and ""more"""/g, ',\nand ""more"""');
  const generated = () => join(fixture.root, "src", "generated");

  it("writes the same files as the main thread alone", () => {
    fixture.write("cases.csv", largeCases());
    const alone = dataStep(NEVER);
    expect(alone.status).toBe(0);
    expect(alone.lines.join("\n")).not.toMatch(/two threads/);
    const written = folderHash(generated());
    const shared = dataStep(ONLY_CASES);
    expect(shared.status).toBe(0);
    // The one difference in what it prints: the summary says which file was read on two threads.
    const summary = (lines: string[]) => lines.findIndex((line) => /^data: \d+ rows in/.test(line));
    expect(shared.lines[summary(shared.lines)]).toMatch(/ ms; cases\.csv read on two threads\)/);
    expect(shared.lines.filter((_, index) => index !== summary(shared.lines))).toEqual(
      alone.lines.filter((_, index) => index !== summary(alone.lines)),
    );
    expect(folderHash(generated())).toBe(written);
    expect(readdirSync(join(fixture.root, "src"))).toEqual(["generated"]);
  });

  it("writes the same files when every table is read on two threads, the small ones' JSON by the main thread", () => {
    // The real tables, each of 1,000 bytes or more read on two threads: too few rows for a JSON written in parts.
    expect(dataStep(NEVER).status).toBe(0);
    const written = folderHash(generated());
    const shared = dataStep(1000);
    expect(shared.status).toBe(0);
    expect(shared.lines.join("\n")).toMatch(
      /cases\.csv, national\.csv, reactions\.csv, corrections\.csv.* read on two threads/,
    );
    expect(folderHash(generated())).toBe(written);
    expect(readdirSync(join(fixture.root, "src"))).toEqual(["generated"]);
  });

  it("reports bad rows as the main thread alone does, before and after the compiled check, and keeps the last good output", () => {
    fixture.write("cases.csv", largeCases());
    expect(dataStep(NEVER).status).toBe(0);
    const lastGood = folderHash(generated());
    const lines = largeCases().trimEnd().split("\n");
    const spoil = (line: number, from: RegExp, to: string) => (lines[line] = lines[line]!.replace(from, to));
    const late = lines.findLastIndex((line) => /,(single|several),/.test(line));
    spoil(10, /,(single|several),/, ",many,");
    spoil(late, /,(single|several),/, ",many,");
    spoil(late - 5, /,pa-2014$/, ",Not An Id");
    fixture.write("cases.csv", `${lines.join("\n")}\n`);
    const alone = dataStep(NEVER);
    const shared = dataStep(ONLY_CASES);
    expect(alone.status).toBe(1);
    expect(shared).toEqual(alone);
    const errors = shared.lines.filter((line) => /"(many|Not An Id)" is not/.test(line));
    expect(errors.map((line) => line.split(" ")[0])).toEqual([
      `data/cases.csv:11:${lines[10]!.indexOf(",many,") + 2}`,
      `data/cases.csv:${late - 4}:${lines[late - 5]!.lastIndexOf(",") + 2}`,
      `data/cases.csv:${late + 1}:${lines[late]!.indexOf(",many,") + 2}`,
    ]);
    expect(folderHash(generated())).toBe(lastGood);
    expect(readdirSync(join(fixture.root, "src"))).toEqual(["generated"]);
  });

  it("finds a control character in either thread's part as the main thread alone does", () => {
    const text = largeCases();
    expect(dataStep(NEVER).status).toBe(0);
    const lastGood = folderHash(generated());
    // Early in the file (the second thread's part) and far into it (the main thread's).
    for (const at of [5000, text.length - 5000]) {
      fixture.write("cases.csv", `${text.slice(0, at)}\u0007${text.slice(at)}`);
      const alone = dataStep(NEVER);
      expect(alone.status).toBe(1);
      expect(alone.lines[0]).toMatch(/^data\/cases\.csv:\d+:\d+ file: binary data \(character 0x07\)/);
      expect(dataStep(ONLY_CASES)).toEqual(alone);
      expect(folderHash(generated())).toBe(lastGood);
    }
  });
});
