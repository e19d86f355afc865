import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
import { dataFixture, folderHash, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

/** Runs a good build, breaks the data, runs again: returns the messages and checks nothing changed. */
async function expectFailure(): Promise<string[]> {
  const result = await fixture.run();
  expect(result.ok).toBe(false);
  return result.messages;
}

async function goodThenBad(breakData: () => void): Promise<string[]> {
  const good = await fixture.run();
  expect(good.messages).toEqual([]);
  const before = folderHash(fixture.outDir);
  breakData();
  const messages = await expectFailure();
  expect(folderHash(fixture.outDir)).toBe(before);
  return messages;
}

const replaceIn = (file: string, from: string | RegExp, to: string) => () =>
  fixture.write(file, fixture.read(file).replace(from, to));

describe("the real data", () => {
  it("validates, reconciles and writes one JSON file and one schema per table", async () => {
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    const outcomes = JSON.parse(readFileSync(join(fixture.outDir, "outcomes.json"), "utf8"));
    const total = JSON.parse(readFileSync(join(fixture.outDir, "figures.json"), "utf8")).find(
      (figure: { id: string }) => figure.id === "met-breaches-total",
    );
    // The top-level groups share out the total; a part (no further action) counts inside its group.
    const topLevel = outcomes.filter((row: { part_of: string | null }) => row.part_of === null);
    expect(topLevel.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(total.value);
    const schema = JSON.parse(readFileSync(join(fixture.outDir, "schema/cases.schema.json"), "utf8"));
    expect(schema.type).toBe("array");
    expect(schema.items.properties.category.description).toMatch(/categories\.csv/);
  });

  it("writes a large table in chunks that parse back to the same rows", async () => {
    fixture.write("cases.csv", syntheticCasesCsv(5_000));
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    const written = JSON.parse(readFileSync(join(fixture.outDir, "cases.json"), "utf8"));
    expect(written).toEqual(result.dataset!.cases);
    expect(written).toHaveLength(5_000);
  });

  it("check-only mode writes nothing", async () => {
    const result = await fixture.run(true);
    expect(result.ok).toBe(true);
    expect(() => statSync(fixture.outDir)).toThrow();
  });
});

describe("accepted variations", () => {
  it("strips a UTF-8 byte-order mark", async () => {
    fixture.write("workforce.csv", "\uFEFF" + fixture.read("workforce.csv"));
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    expect(result.dataset!.workforce[0]!.id).toBe("officers");
  });

  it("reads CRLF line ends", async () => {
    fixture.write("cases.csv", fixture.read("cases.csv").replace(/\n/g, "\r\n"));
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    expect(result.dataset!.cases.at(-1)!.source).toBe("pa-2014");
  });

  it("keeps quoted commas, doubled quotes and newlines inside a field", async () => {
    replaceIn("categories.csv", "Careless disclosure,", '"Careless, ""public""\ndisclosure",')();
    const result = await fixture.run();
    expect(result.messages).toEqual([]);
    expect(result.dataset!.categories[3]!.label).toBe('Careless, "public"\ndisclosure');
  });

  it("accepts trailing blank lines", async () => {
    fixture.write("periods.csv", fixture.read("periods.csv") + "\n\n\r\n");
    expect((await fixture.run()).messages).toEqual([]);
  });

  it("accepts a header-only corrections file", async () => {
    fixture.write("corrections.csv", "date,change,reason\n");
    expect((await fixture.run()).dataset!.corrections).toEqual([]);
  });

  it("decodes a Windows-1252 file correctly and warns", async () => {
    const text = fixture.read("categories.csv").replace("Helping criminals", "Helping criminals – “inside” €");
    fixture.write("categories.csv", iconv.encode(text, "win1252"));
    const result = await fixture.run();
    expect(result.ok).toBe(true);
    expect(result.messages).toEqual([
      "data/categories.csv:1:1 file: the file is not UTF-8; it was read as Windows-1252 (Excel), expected UTF-8 (in Excel: Save As > CSV UTF-8) (warning)",
    ]);
    expect(result.dataset!.categories[0]!.label).toBe("Helping criminals – “inside” €");
  });
});

describe("errors an editor can act on", () => {
  it("an empty file", async () => {
    expect(await goodThenBad(() => fixture.write("sources.csv", ""))).toContain(
      "data/sources.csv:1:1 file: the file is empty, expected a header row and data rows",
    );
  });

  it("a header with no rows", async () => {
    const messages = await goodThenBad(() => fixture.write("workforce.csv", "id,label,count,approximate,source\n"));
    expect(messages).toEqual([
      "data/workforce.csv:2:1 file: the file has a header but no data rows, expected at least one row",
    ]);
  });

  it("a missing column", async () => {
    const messages = await goodThenBad(() =>
      fixture.write(
        "workforce.csv",
        fixture
          .read("workforce.csv")
          .split("\n")
          .map((line) => line.split(",").slice(0, 4).join(","))
          .join("\n"),
      ),
    );
    expect(messages).toEqual([
      'data/workforce.csv:1:27 header: column "source" is missing, expected columns: id,label,count,approximate,source',
    ]);
  });

  it("an unknown column", async () => {
    const messages = await goodThenBad(() =>
      fixture.write(
        "periods.csv",
        fixture
          .read("periods.csv")
          .replace("source\n", "source,colour\n")
          .replace(/\n/g, ",x\n")
          .replace("colour,x", "colour"),
      ),
    );
    expect(messages).toEqual([
      'data/periods.csv:1:27 header: unknown column "colour", expected only: id,label,start,end,source',
    ]);
  });

  it("a duplicate column, which PapaParse would rename silently", async () => {
    const messages = await goodThenBad(
      replaceIn("periods.csv", "id,label,start,end,source", "id,label,start,end,label"),
    );
    expect(messages).toEqual([
      'data/periods.csv:1:20 header: column "label" appears again (first as field 2), expected each column once',
      'data/periods.csv:1:25 header: column "source" is missing, expected columns: id,label,start,end,source',
    ]);
  });

  it("a misspelled column", async () => {
    const messages = await goodThenBad(replaceIn("cases.csv", "id,summary,category", "id,summary,catgory"));
    expect(messages).toEqual([
      'data/cases.csv:1:12 header: unknown column "catgory", expected "category" (misspelled?)',
    ]);
  });

  it("ragged rows: too few and too many fields", async () => {
    const messages = await goodThenBad(() =>
      fixture.write(
        "workforce.csv",
        "id,label,count,approximate,source\nofficers,Police officers,31000,yes\nstaff,Police staff,13000,yes,pa-2014,extra\n",
      ),
    );
    expect(messages).toEqual([
      "data/workforce.csv:2:35 row: the row has 4 fields, expected 5 (id,label,count,approximate,source)",
      "data/workforce.csv:3:38 row: the row has 6 fields, expected 5 (id,label,count,approximate,source)",
    ]);
  });

  it("an unclosed quote", async () => {
    const messages = await goodThenBad(replaceIn("categories.csv", 'ends.",5', 'ends.","5'));
    const openingQuote = 'ends.",^"5';
    expect(messages).toEqual([
      `${fixture.at("categories.csv", openingQuote)} row: the quote that opens on line ${fixture.lineOf("categories.csv", openingQuote)} is never closed, expected a closing " at the end of the value (or no quote at its start)`,
    ]);
  });

  it("a semicolon-delimited export", async () => {
    const messages = await goodThenBad(() =>
      fixture.write("periods.csv", fixture.read("periods.csv").replaceAll(",", ";")),
    );
    expect(messages).toEqual([
      'data/periods.csv:1:1 header: the columns are separated by semicolons, expected commas: id,label,start,end,source (a spreadsheet set to write numbers with a decimal comma saves semicolons, even as "CSV UTF-8 (Comma delimited)": change its list separator to a comma as data/README.md, "Saving from a spreadsheet", shows, or save from LibreOffice Calc with Field delimiter ",")',
    ]);
  });

  it("binary garbage", async () => {
    const messages = await goodThenBad(() =>
      fixture.write("releases.csv", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10])),
    );
    expect(messages).toEqual([
      "data/releases.csv:1:3 file: binary data (character 0x03) is not text, expected a CSV text file saved as UTF-8",
    ]);
  });

  it("numbers with thousands separators or words", async () => {
    const messages = await goodThenBad(() => {
      replaceIn("workforce.csv", ",31000,", ',"31,000",')();
      replaceIn("workforce.csv", ",13000,", ",about 13000,")();
    });
    expect(messages).toEqual([
      `${fixture.at("workforce.csv", ',^"31,000",')} count: "31,000" has a thousands separator, expected a plain number such as 31000`,
      `${fixture.at("workforce.csv", ",^about 13000,")} count: "about 13000" is not a number, expected a whole number such as 42`,
    ]);
  });

  it("a value outside a controlled list, and a bad yes/no", async () => {
    const messages = await goodThenBad(() => {
      replaceIn("cases.csv", ",single,met-obtain-data,", ",one,met-obtain-data,")();
      replaceIn("workforce.csv", ",2600,yes,", ",2600,maybe,")();
    });
    expect(messages).toEqual([
      `${fixture.at("cases.csv", ",^one,met-obtain-data,")} multiplicity: "one" is not allowed, expected one of: single, several`,
      `${fixture.at("workforce.csv", ",2600,^maybe,")} approximate: "maybe" is not yes or no, expected yes or no`,
    ]);
  });

  it("duplicate ids", async () => {
    const [firstUse, duplicate] = [
      fixture.lineOf("cases.csv", "\n^case-15,"),
      fixture.lineOf("cases.csv", "\n^case-16,"),
    ];
    const messages = await goodThenBad(replaceIn("cases.csv", "case-16,", "case-15,"));
    expect(messages).toEqual([
      `data/cases.csv:${duplicate}:1 id: "case-15" is already used on line ${firstUse}, expected a unique id`,
    ]);
  });

  it("dangling foreign keys", async () => {
    const [categoryIds, sourceIds] = [fixture.ids("categories.csv"), fixture.ids("sources.csv")];
    const messages = await goodThenBad(() => {
      replaceIn(
        "cases.csv",
        "case-13,An officer used internal email for dating.,personal-misuse",
        "case-13,An officer used internal email for dating.,dating",
      )();
      replaceIn("workforce.csv", "yes,pa-2014\nstaff", "yes,pa-2041\nstaff")();
    });
    expect(messages).toEqual([
      `${fixture.at("cases.csv", "for dating.,^dating")} category: "dating" is not an id in data/categories.csv, expected one of: ${categoryIds}`,
      `${fixture.at("workforce.csv", "yes,^pa-2041")} source: "pa-2041" is not an id in data/sources.csv, expected one of: ${sourceIds}`,
    ]);
  });

  it("outcome counts that do not add up to the reported total", async () => {
    const messages = await goodThenBad(replaceIn("outcomes.csv", ",208,", ",207,"));
    expect(messages).toEqual([
      `${fixture.at("outcomes.csv", ",^207,")} count: the top-level outcome counts (part_of empty) on lines 2 and 3 add up to 299, expected 300 (the total in data/figures.csv line 2)`,
    ]);
  });

  it("a part of an outcome group that is larger than its group, or names no top-level group", async () => {
    const messages = await goodThenBad(() => {
      replaceIn("outcomes.csv", "No further action,2,other-outcomes", "No further action,93,other-outcomes")();
      fixture.write(
        "outcomes.csv",
        `${fixture.read("outcomes.csv")}nested,Nested,1,no-further-action,yes,A part of a part.,pa-2014\n`,
      );
    });
    expect(messages).toEqual([
      `${fixture.at("outcomes.csv", "No further action,^93,")} count: the parts of other-outcomes add up to 93, expected at most its 92 cases`,
      `${fixture.at("outcomes.csv", "\nnested,Nested,1,^no-further-action,")} part_of: "no-further-action" is not a top-level group, expected the id of a group whose part_of is empty`,
    ]);
  });

  it("a case dated outside the period", async () => {
    const messages = await goodThenBad(
      replaceIn(
        "cases.csv",
        "a few nights before.,personal-misuse,Employee,not stated,single,,,",
        "a few nights before.,personal-misuse,Employee,not stated,single,,2014-02-01,",
      ),
    );
    expect(messages).toEqual([
      `${fixture.at("cases.csv", ",^2014-02-01,")} date: 2014-02-01 is outside the period, expected a date from 2009-01-01 to 2013-10-31`,
    ]);
  });

  it("an extremely long field", async () => {
    const messages = await goodThenBad(replaceIn("categories.csv", "Helping criminals,", `${"x".repeat(200_000)},`));
    expect(messages).toEqual([
      `${fixture.at("categories.csv", ",^xxxxx")} label: the value is 200,000 characters long, expected at most 100,000`,
    ]);
  });

  it("reports every problem in every file in one run", async () => {
    const messages = await goodThenBad(() => {
      fixture.write("sources.csv", "");
      replaceIn("outcomes.csv", ",208,", ",20x,")();
      replaceIn("periods.csv", "2013-10-31", "2013-13-31")();
    });
    expect(messages.map((message) => message.split(" ")[0])).toEqual([
      fixture.at("outcomes.csv", ",^20x,"),
      fixture.at("periods.csv", ",^2013-13-31,"),
      "data/sources.csv:1:1",
    ]);
  });

  it("a missing file", async () => {
    const messages = await goodThenBad(() => rmSync(join(fixture.dataDir, "releases.csv")));
    expect(messages).toEqual([
      "data/releases.csv:1:1 file: the file is missing, expected a CSV file with the columns version,date,note",
    ]);
  });
});
