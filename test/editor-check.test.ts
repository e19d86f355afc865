/**
 * The data check as an editor meets it (issue 11): every problem in every
 * file in one run, each once and at its own line; encodings decided per
 * file (encoding.test.ts); messages that say what to do; spreadsheet habits accepted with a
 * warning; stray files named. Each test breaks a copy of data/ and asserts
 * the exact messages.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { columnSpecs, readCell } from "../src/data/columns.ts";
import { TABLES } from "../src/data/schema.ts";
import { countProblems } from "../scripts/lib/problem.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

const replaceOnce = (file: string, from: string, to: string) => fixture.replaceOnce(file, from, to);

/** The messages of a run that must fail. */
async function failures(): Promise<string[]> {
  const result = await fixture.run(true);
  expect(result.ok).toBe(false);
  return result.messages;
}

const CASE_01 = "helping-criminals,Officer,not stated,single,met-obtain-data,,pa-2014";

describe("every problem, every file, one run", () => {
  it("an empty cell hides nothing else in its file", async () => {
    const firstCase15 = fixture.lineOf("cases.csv", "\n^case-15,");
    replaceOnce("cases.csv", CASE_01, "helping-criminals,,not stated,single,met-obtain-data,,pa-2014");
    replaceOnce("cases.csv", "case-16,", "case-15,");
    replaceOnce("cases.csv", "dating.,personal-misuse", "dating.,dating");
    replaceOnce(
      "cases.csv",
      "a few nights before.,personal-misuse,Employee,not stated,single,,,pa-2014",
      "a few nights before.,personal-misuse,Employee,not stated,single,,2014-02-01,pa-2041",
    );
    const at = (pattern: string) => fixture.at("cases.csv", pattern);
    expect(await failures()).toEqual([
      `${at("helping-criminals,^,not stated,single,met-obtain-data,,pa-2014")} role: is empty, expected some text`,
      `${at("for dating.,^dating")} category: "dating" is not an id in data/categories.csv, expected one of: ${fixture.ids("categories.csv")}`,
      `${at("\n^case-15,An employee")} id: "case-15" is already used on line ${firstCase15}, expected a unique id`,
      `${at(",^2014-02-01,pa-2041")} date: 2014-02-01 is outside the period, expected a date from 2009-01-01 to 2013-10-31`,
      `${at("2014-02-01,^pa-2041")} source: "pa-2041" is not an id in data/sources.csv, expected one of: ${fixture.ids("sources.csv")}`,
    ]);
  });

  it("a row that fails its schema still takes part in the checks across tables", async () => {
    replaceOnce("cases.csv", CASE_01, "helping-criminals,Officer,not stated,one,met-obtain-data,,pa-2041");
    const at = (pattern: string) => fixture.at("cases.csv", pattern);
    expect(await failures()).toEqual([
      `${at("not stated,^one,met-obtain-data")} multiplicity: "one" is not allowed, expected one of: single, several`,
      `${at("met-obtain-data,,^pa-2041")} source: "pa-2041" is not an id in data/sources.csv, expected one of: ${fixture.ids("sources.csv")}`,
    ]);
  });

  it("a bad address in sources.csv does not hide an unknown source in cases.csv", async () => {
    replaceOnce("sources.csv", "https://www.bbc.com/", "www.bbc.com/");
    replaceOnce("cases.csv", CASE_01, "helping-criminals,Officer,not stated,single,met-obtain-data,,pa-2015");
    expect(await failures()).toEqual([
      `${fixture.at("cases.csv", "met-obtain-data,,^pa-2015")} source: "pa-2015" is not an id in data/sources.csv, expected one of: ${fixture.ids("sources.csv")}`,
      `${fixture.at("sources.csv", ",^www.bbc.com/")} url: "www.bbc.com/news/uk-england-london-27..." is not valid, expected a web address starting with http:// or https://`,
    ]);
  });

  it("an unclosed quote hides nothing after it in its file", async () => {
    const idsLeft = fixture
      .ids("categories.csv")
      .split(", ")
      .filter((id) => id !== "careless-disclosure")
      .join(", ");
    // The renamed row and the real personal-misuse row: the later of the two is the duplicate.
    const [firstUse, duplicate] = [
      fixture.lineOf("categories.csv", "\n^careless-disclosure,"),
      fixture.lineOf("categories.csv", "\n^personal-misuse,"),
    ].sort((a, b) => a - b);
    replaceOnce("categories.csv", 'went to criminals.",1', "went to criminals.,1");
    replaceOnce("categories.csv", 'private ends.",5', 'private ends.",five');
    replaceOnce("categories.csv", "careless-disclosure,", "personal-misuse,");
    const openingQuote = '^"Our group for the examples in which';
    expect(await failures()).toEqual([
      `${fixture.at("cases.csv", ",^careless-disclosure,")} category: "careless-disclosure" is not an id in data/categories.csv, expected one of: ${idsLeft}`,
      `${fixture.at("categories.csv", openingQuote)} row: the quote that opens on line ${fixture.lineOf("categories.csv", openingQuote)} is never closed, expected a closing " at the end of the value (or no quote at its start)`,
      `data/categories.csv:${duplicate}:1 id: "personal-misuse" is already used on line ${firstUse}, expected a unique id`,
      `${fixture.at("categories.csv", 'private ends.",^five')} sort_order: "five" is not a number, expected a whole number such as 42`,
    ]);
  });

  it("a total that does not add up names every row that makes it, once", async () => {
    replaceOnce("outcomes.csv", ",208,", ",207,");
    expect(await failures()).toEqual([
      `${fixture.at("outcomes.csv", ",^207,")} count: the top-level outcome counts (part_of empty) on lines 2 and 3 add up to 299, expected 300 (the total in data/figures.csv line 2)`,
    ]);
  });

  it("problems of every kind in several files, each at its own line, counted at the end", async () => {
    const firstCase15 = fixture.lineOf("cases.csv", "\n^case-15,");
    fixture.write("outcomes copy.csv", fixture.read("outcomes.csv"));
    replaceOnce("categories.csv", 'went to criminals.",1', "went to criminals.,1");
    replaceOnce("cases.csv", CASE_01, "Helping,,not stated,Several,met-obtain-data,2010-02-30,pa-2015");
    replaceOnce(
      "cases.csv",
      "case-13,An officer used internal email for dating.",
      "case-13,An officer used internal email, for dating.",
    );
    replaceOnce("sources.csv", "https://www.bbc.com/", "www.bbc.com/");
    replaceOnce("outcomes.csv", ",208,", ",207,");
    replaceOnce("cases.csv", "case-16,", "case-15,");
    replaceOnce("quotes.csv", ",Emma Carr,it shouldn’t be one", ",Emma Carr,one");
    fixture.write("workforce.csv", `${fixture.read("workforce.csv").replace(/\n/g, ",\n")},,,,,,\n`);
    const result = await fixture.run(true);
    expect(result.ok).toBe(false);
    const inCases = (pattern: string) => fixture.at("cases.csv", pattern);
    const openingQuote = '^"Our group for the examples in which';
    expect(result.messages).toEqual([
      `${inCases(",^Helping,,not stated")} category: "Helping" is not valid, expected a lowercase id of letters, digits and hyphens, such as helping-criminals`,
      `${inCases("Helping,^,not stated")} role: is empty, expected some text`,
      `${inCases("met-obtain-data,^2010-02-30")} date: "2010-02-30": February 2010 has no day 30, expected a date that exists, written YYYY-MM-DD`,
      `${inCases("2010-02-30,^pa-2015")} source: "pa-2015" is not an id in data/sources.csv, expected one of: ${fixture.ids("sources.csv")}`,
      `${inCases("\ncase-13,^An officer used internal email, for dating.")} summary: the row has 11 fields, expected 10: the comma in "An officer used internal email, for d..." splits this value in two; put this value in double quotes`,
      `${inCases("\n^case-15,An employee")} id: "case-15" is already used on line ${firstCase15}, expected a unique id`,
      `${fixture.at("categories.csv", openingQuote)} row: the quote that opens on line ${fixture.lineOf("categories.csv", openingQuote)} is never closed, expected a closing " at the end of the value (or no quote at its start)`,
      "data/outcomes copy.csv:1:1 file: not a table the site reads (a copy of outcomes.csv?), expected only the tables listed in data/README.md; the site ignores this file (warning)",
      `${fixture.at("outcomes.csv", ",^207,")} count: the top-level outcome counts (part_of empty) on lines 2 and 3 add up to 299, expected 300 (the total in data/figures.csv line 2)`,
      `${fixture.at("quotes.csv", ",Emma Carr,^one rule")} quote: "one rule for police and one for the rest of us" drops "shouldn’t" that stands just before it in the source, expected the quote to keep it`,
      `${fixture.at("sources.csv", ",^www.bbc.com/")} url: "www.bbc.com/news/uk-england-london-27..." is not valid, expected a web address starting with http:// or https://`,
      "data/workforce.csv:1:35 header: the header ends with 1 column with no name, ignored while their cells are empty (spreadsheets save them), expected nothing after source (warning)",
      `${fixture.at("workforce.csv", "\n^,,,,,,\n")} row: this row has only empty cells, skipped as a blank line (spreadsheets save formatted empty rows this way), expected no such rows (warning)`,
    ]);
    expect(countProblems(result.problems).summary).toMatchInlineSnapshot(`"10 errors and 3 warnings"`);
  });
});

describe("messages an editor can act on", () => {
  it("an empty required cell is empty, with an example of its own kind", async () => {
    replaceOnce("cases.csv", CASE_01, ",Officer,not stated,single,met-obtain-data,,");
    const at = (pattern: string) => fixture.at("cases.csv", pattern);
    expect(await failures()).toEqual([
      `${at(",^,Officer,not stated,single,met-obtain-data,,,pa-case-indices")} category: is empty, expected a lowercase id of letters, digits and hyphens, such as helping-criminals`,
      `${at(",,Officer,not stated,single,met-obtain-data,,^,pa-case-indices")} source: is empty, expected a lowercase id of letters, digits and hyphens, such as pa-2014`,
    ]);
  });

  it("a day that does not exist", async () => {
    replaceOnce("periods.csv", "2009-01-01", "2010-02-30");
    replaceOnce("periods.csv", "2013-10-31", "2013-13-01");
    replaceOnce("periods.csv", "2015-12-31", "31/12/2015");
    const at = (pattern: string) => fixture.at("periods.csv", pattern);
    expect(await failures()).toEqual([
      `${at(",^2010-02-30,")} start: "2010-02-30": February 2010 has no day 30, expected a date that exists, written YYYY-MM-DD`,
      `${at(",^2013-13-01,")} end: "2013-13-01": there is no month 13, expected a date that exists, written YYYY-MM-DD`,
      `${at(",^31/12/2015,")} end: "31/12/2015": it is written the way a spreadsheet shows dates (format the column as Text before typing dates); retype it as 2015-12-31, expected a date written YYYY-MM-DD`,
    ]);
  });

  it("an unquoted comma that splits a text value", async () => {
    replaceOnce(
      "cases.csv",
      "case-13,An officer used internal email for dating.",
      "case-13,An officer used internal email, for dating.",
    );
    expect(await failures()).toEqual([
      `${fixture.at("cases.csv", "\ncase-13,^An officer")} summary: the row has 11 fields, expected 10: the comma in "An officer used internal email, for d..." splits this value in two; put this value in double quotes`,
    ]);
  });

  it("text after a closing quote", async () => {
    replaceOnce("categories.csv", '"Our group for the examples in which', '"Our" group for the examples in which');
    expect(await failures()).toEqual([
      `${fixture.at("categories.csv", '"Our"^ group for the examples in which')} row: text follows the closing quote, expected the whole value inside the double quotes, with any quote inside it doubled ("")`,
    ]);
  });

  it("a decimal comma", () => {
    const percent = columnSpecs(TABLES.national.schema).find((spec) => spec.name === "reported_percent")!;
    expect(readCell(percent, "12,5")).toEqual({
      ok: false,
      message: '"12,5" has a decimal comma, expected a decimal point, as in 12.5',
    });
  });
});

describe("spreadsheet habits accepted with a warning, output unchanged", () => {
  it("rows of empty cells and trailing unnamed empty columns", async () => {
    const good = await fixture.run(true);
    fixture.write("workforce.csv", `${fixture.read("workforce.csv").replace(/\n/g, ",,\n")},,,,,,\n,,,,,,\n`);
    const result = await fixture.run(true);
    expect(result.ok).toBe(true);
    expect(result.messages).toMatchInlineSnapshot(`
      [
        "data/workforce.csv:1:35 header: the header ends with 2 columns with no name, ignored while their cells are empty (spreadsheets save them), expected nothing after source (warning)",
        "data/workforce.csv:5:1 row: this row and 1 more (line 6) have only empty cells, skipped as blank lines (spreadsheets save formatted empty rows this way), expected no such rows (warning)",
      ]
    `);
    expect(result.dataset!.workforce).toEqual(good.dataset!.workforce);
  });

  it("a value in an unnamed column is an error", async () => {
    fixture.write(
      "workforce.csv",
      fixture.read("workforce.csv").replace(/\n/g, ",\n").replace("yes,pa-2014,\n", "yes,pa-2014,oops\n"),
    );
    expect(await failures()).toMatchInlineSnapshot(`
      [
        "data/workforce.csv:1:35 header: the header ends with 1 column with no name, ignored while their cells are empty (spreadsheets save them), expected nothing after source (warning)",
        "data/workforce.csv:2:44 field 6: "oops" is in a column with no name, expected an empty cell (or a name for the column in the header)",
      ]
    `);
  });

  it("one case rule for every controlled list: any case in, the canonical form out", async () => {
    const good = await fixture.run(true);
    replaceOnce("cases.csv", CASE_01, "helping-criminals,Officer,not stated,Single,met-obtain-data,,pa-2014");
    fixture.write("figures.csv", fixture.read("figures.csv").replace(",count,", ",COUNT,").replace(",yes,", ",Yes,"));
    fixture.write("national.csv", fixture.read("national.csv").replace(",total,", ",Total,"));
    const result = await fixture.run(true);
    expect(result.messages).toMatchInlineSnapshot(`[]`);
    expect(result.dataset).toEqual(good.dataset);
  });
});

describe("files the site does not read", () => {
  it("are named, with the table they may be a copy of", async () => {
    fixture.write("outcomes copy.csv", fixture.read("outcomes.csv"));
    fixture.write("backup.csv", fixture.read("cases.csv"));
    fixture.write("notes.txt", "to do\n");
    fixture.write(".DS_Store", "");
    const result = await fixture.run(true);
    expect(result.ok).toBe(true);
    expect(result.messages).toMatchInlineSnapshot(`
      [
        "data/backup.csv:1:1 file: not a table the site reads (a copy of cases.csv?), expected only the tables listed in data/README.md; the site ignores this file (warning)",
        "data/notes.txt:1:1 file: not a table the site reads, expected only the tables listed in data/README.md; the site ignores this file (warning)",
        "data/outcomes copy.csv:1:1 file: not a table the site reads (a copy of outcomes.csv?), expected only the tables listed in data/README.md; the site ignores this file (warning)",
      ]
    `);
  });
});
