/**
 * The editor walkthrough of 2026-12-03 (issue 22 items 3, 4 and 5) replayed
 * against the real `npm run data:check`: each mistake the check used to let
 * through, or reported in words that misled, is put into a copy of the real
 * data (test/support/data-fixture.ts), and the command's own output must name
 * it at its file, line and column, in words that say what to do.
 *
 * The mutations of each group go into one copy, each in its own row, so that
 * the command runs once per group (it takes about two seconds).
 */
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseListMarkup } from "../src/publish/case-files.ts";
import { speakerInSentence } from "../src/lib/quotes.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";

const fixtures: DataFixture[] = [];
afterAll(() => fixtures.forEach((fixture) => fixture.remove()));

/** A copy of the real data, broken by `mutate`, and what `npm run data:check` printed for it. */
function checked(mutate: (fixture: DataFixture) => void) {
  const fixture = dataFixture();
  fixtures.push(fixture);
  mutate(fixture);
  return { fixture, ...fixture.check() };
}

/** Adds rows at the end of a table of the copy. */
const append = (fixture: DataFixture, file: string, ...rows: string[]) =>
  fixture.write(file, `${fixture.read(file).trimEnd()}\n${rows.join("\n")}\n`);

describe("quotes bound to their speaker and their sense", () => {
  let run: ReturnType<typeof checked>;
  const at = (pattern: string) => run.fixture.at("quotes.csv", pattern);

  beforeAll(() => {
    run = checked((fixture) => {
      append(
        fixture,
        "quotes.csv",
        // 3.5: the context names two people; the words are Emma Carr's, given to David Davis.
        'davis-carr,David Davis,It shouldn’t be one rule for police and one for the rest of us,"David Davis said the breaches undermined trust. Emma Carr, of Big Brother Watch, said: “It shouldn’t be one rule for police and one for the rest of us.”",pa-2014',
        // The same words given to the person who said them, and to the one a "he said" refers back to.
        'carr-davis,Emma Carr,It shouldn’t be one rule for police and one for the rest of us,"David Davis said the breaches undermined trust. Emma Carr, of Big Brother Watch, said: “It shouldn’t be one rule for police and one for the rest of us.”",pa-2014',
        'davis-he-said,David Davis,It is astonishing,"Emma Carr said police must be open. David Davis said the breaches undermined trust. He added: “It is astonishing.”",pa-2014',
        // 3.6: a negation more than three words back, and "It is untrue that".
        "met-not-corrupt,A Met spokesman,officers were corrupt,A Met spokesman said: “We did not at any point find that officers were corrupt.”,pa-2014",
        "met-untrue,A Met spokesman,officers were involved,A Met spokesman said: “It is untrue that officers were involved.”,pa-2014",
      );
      // Only the capital differs from the source.
      fixture.replaceOnce("quotes.csv", "David Davis,astonishing,", "David Davis,Astonishing,");
    });
  });

  it("fails the run", () => {
    expect(run.status).toBe(1);
  });

  it("a quote given to a person the context names, when the context gives that quotation to another", () => {
    expect(run.lines).toContain(
      `${at("davis-carr,^David Davis,")} speaker: "David Davis" is named in the context, but it gives this quotation to "Emma Carr, of Big Brother Watch", expected the speaker the source gives the words to, named as the context names them`,
    );
    // The same words given to Emma Carr pass, and so does a quotation a "he added" gives back to David Davis.
    expect(
      run.lines.filter(
        (line) => /quotes\.csv:(\d+):/.exec(line)?.[1] === String(run.fixture.lineOf("quotes.csv", "^carr-davis,")),
      ),
    ).toEqual([]);
    expect(
      run.lines.filter((line) => line.includes(`:${run.fixture.lineOf("quotes.csv", "^davis-he-said,")}:`)),
    ).toEqual([]);
  });

  it("a negation further back in the quoted sentence", () => {
    expect(run.lines).toContain(
      `${at("met-not-corrupt,A Met spokesman,^officers were corrupt")} quote: "officers were corrupt" leaves out "not", earlier in the same sentence of the source ("A Met spokesman said: “We did not at any point find that …"), which reverses its meaning, expected a quote that keeps the sentence's sense: start it at the negation, or quote other words`,
    );
  });

  it("“It is untrue that …”", () => {
    expect(run.lines).toContain(
      `${at("met-untrue,A Met spokesman,^officers were involved")} quote: "officers were involved" leaves out "untrue", earlier in the same sentence of the source ("A Met spokesman said: “It is untrue that …"), which reverses its meaning, expected a quote that keeps the sentence's sense: start it at the negation, or quote other words`,
    );
  });

  it("a difference only of capitals is named as such", () => {
    expect(run.lines).toContain(
      `${at("David Davis,^Astonishing,")} quote: "Astonishing" differs from its context only in its capitals ("Astonishing" where the source has "astonishing"), expected the source's own characters, exactly as in the context: "astonishing"`,
    );
  });
});

describe("numbers as Excel writes them", () => {
  let run: ReturnType<typeof checked>;
  /** cases.csv as text, before it was saved in Windows-1252. */
  let casesText: string;

  beforeAll(() => {
    run = checked((fixture) => {
      // 4.7: a European thousands point in a headcount and in a count.
      fixture.replaceOnce("workforce.csv", "officers,Police officers,31000,", "officers,Police officers,31.000,");
      fixture.replaceOnce("national.csv", '"All breaches, at least",2315,', '"All breaches, at least",2.315,');
      // A count among the headline figures (a column of decimals, so read as 2.315): not whole.
      fixture.replaceOnce("figures.csv", ",300,count,", ",2.315,count,");
      // 4.3: Excel saves a letter Windows-1252 cannot hold (Ł) as "?" in a file it writes in Windows-1252
      // (which the check can tell from UTF-8 by a character such as £ beyond ASCII).
      fixture.replaceOnce(
        "cases.csv",
        "case-13,An officer used internal email for dating.",
        "case-13,An officer called ?ukasz used internal email for dating (£500).",
      );
      casesText = fixture.read("cases.csv");
      fixture.write("cases.csv", iconv.encode(casesText, "win1252"));
    });
  });

  it("fails the run", () => {
    expect(run.status).toBe(1);
  });

  it("31.000 in a headcount column is a thousands separator, not 31", () => {
    expect(run.lines).toContain(
      `${run.fixture.at("workforce.csv", "officers,Police officers,^31.000,")} count: "31.000" looks like a thousands separator: 31.000 means 31000?, expected a whole number without separators, such as 31000`,
    );
    expect(run.lines.join("\n")).not.toContain("31000 -> 31 ");
  });

  it('2.315 in a count column gets the same hint, not only "not valid"', () => {
    expect(run.lines).toContain(
      `${run.fixture.at("national.csv", '"All breaches, at least",^2.315,')} count: "2.315" looks like a thousands separator: 2.315 means 2315?, expected a whole number without separators, such as 2315`,
    );
  });

  it("a figure counted in things that is not whole", () => {
    expect(run.lines).toContain(
      `${run.fixture.at("figures.csv", ",^2.315,count,")} value: 2.315 is not a whole number, expected a whole number for a count (unit count), written without a thousands separator (1300, not 1.300)`,
    );
  });

  it("a ? inside a word of a Windows-1252 file is a character the spreadsheet could not save", () => {
    const offset = casesText.indexOf("?ukasz");
    const line = casesText.slice(0, offset).split("\n").length;
    const column = offset - casesText.lastIndexOf("\n", offset - 1);
    expect(run.lines).toContain(
      "data/cases.csv:1:1 file: the file is not UTF-8; it was read as Windows-1252 (Excel), expected UTF-8 (in Excel: Save As > CSV UTF-8) (warning)",
    );
    expect(run.lines).toContain(
      `data/cases.csv:${line}:${column} file: "?ukasz" has a ? where a letter should be: the spreadsheet could not save that character in Windows-1252 (Excel writes ? for letters such as Ł, ń or ő), expected the letter itself: type it again, and save the file as CSV UTF-8`,
    );
  });
});

describe("messages that tell the truth and the fix", () => {
  let run: ReturnType<typeof checked>;
  /** Lines of national.csv that cite the period deleted below. */
  let citing: number[];
  let releasedLine: number;

  beforeAll(() => {
    run = checked((fixture) => {
      // 4.5: semicolons, as a European-locale Excel writes them even with "CSV UTF-8 (Comma delimited)".
      const [header, ...rest] = fixture.read("figures.csv").split("\n");
      fixture.write("figures.csv", [header!.replaceAll(",", ";"), ...rest].join("\n"));
      // 4.9: a day written with one digit.
      fixture.replaceOnce(
        "cases.csv",
        "helping-criminals,Officer,not stated,single,met-obtain-data,,pa-2014",
        "helping-criminals,Officer,not stated,single,met-obtain-data,2012-12-3,pa-2014",
      );
      // 5.9: a published period deleted while a dozen national rows cite it.
      citing = fixture
        .read("national.csv")
        .split("\n")
        .flatMap((line, index) => (line.includes(",bbw-2011-2015,") ? [index + 1] : []));
      releasedLine = fixture.lineOf("release/periods.csv", "\n^bbw-2011-2015,");
      fixture.write(
        "periods.csv",
        fixture
          .read("periods.csv")
          .split("\n")
          .filter((line) => !line.startsWith("bbw-2011-2015,"))
          .join("\n"),
      );
      // 4.9: a date a spreadsheet showed its own way and saved so.
      fixture.replaceOnce(
        "cases.csv",
        "Officer,Arrested; had left the force by the time of the report,single,met-significant-level,,pa-2014",
        "Officer,Arrested; had left the force by the time of the report,single,met-significant-level,03/12/2012,pa-2014",
      );
      // 5.13: an id used again, on a row that differs from the published one.
      const case07 = fixture
        .read("cases.csv")
        .split("\n")
        .find((line) => line.startsWith("case-07,"))!;
      append(fixture, "cases.csv", case07.replace(/^case-07,[^,]+/, "case-07,A second, different summary"));
      append(fixture, "workforce.csv", "officers,Police officers,32000,no,pa-2014");
    });
  });

  it("fails the run", () => {
    expect(run.status).toBe(1);
  });

  it("the semicolon error points to the regional settings in data/README.md, or LibreOffice", () => {
    expect(run.lines).toContain(
      'data/figures.csv:1:1 header: the columns are separated by semicolons, expected commas: id,label,value,unit,approximate,period,source,note (a spreadsheet set to write numbers with a decimal comma saves semicolons, even as "CSV UTF-8 (Comma delimited)": change its list separator to a comma as data/README.md, "Saving from a spreadsheet", shows, or save from LibreOffice Calc with Field delimiter ",")',
    );
    expect(run.lines.join("\n")).not.toContain("Save As > CSV UTF-8 (Comma delimited)");
  });

  it("a date a spreadsheet rewrote says what to retype", () => {
    expect(run.lines).toContain(
      `${run.fixture.at("cases.csv", "^03/12/2012,pa-2014")} date: "03/12/2012": it is written the way a spreadsheet shows dates (format the column as Text before typing dates); retype it as 2012-12-03 (day first) or 2012-03-12 (month first), expected a date written YYYY-MM-DD`,
    );
  });

  it("2012-12-3 suggests 2012-12-03", () => {
    expect(run.lines).toContain(
      `${run.fixture.at("cases.csv", "met-obtain-data,^2012-12-3,")} date: "2012-12-3" has a one-digit month or day, expected two digits each: 2012-12-03`,
    );
  });

  it("a deleted id cited by many rows: one located line naming them, one saying it was deleted (and the correction it needs)", () => {
    expect(citing.length).toBeGreaterThan(10);
    const about = run.lines.filter((line) => line.includes("bbw-2011-2015"));
    const shown = citing.slice(1, 11).join(", ");
    expect(about).toEqual([
      `${run.fixture.at("national.csv", '\ntotal,total,"All breaches, at least",2315,,^bbw-2011-2015')} period: "bbw-2011-2015" is not an id in data/periods.csv (and on lines ${shown} and ${citing.length - 11} more, which cite it too), expected one of: met-2009-2013`,
      expect.stringMatching(
        /^data\/periods\.csv:1:1 row: bbw-2011-2015 was published in release [\d.]+ and is removed, expected a correction/,
      ),
      expect.stringMatching(
        new RegExp(
          `^data/periods\\.csv:1:1 row: bbw-2011-2015 was deleted from data/periods\\.csv \\(line ${releasedLine} of data/release/periods\\.csv, release [\\d.]+\\), and ${citing.length} rows still cite it`,
        ),
      ),
    ]);
  });

  it("a duplicate id is one problem, with no 'changes a published value' noise", () => {
    const linesStarting = (file: string, start: string) =>
      run.fixture
        .read(file)
        .split("\n")
        .flatMap((line, index) => (line.startsWith(start) ? [index + 1] : []));
    const [firstCase, duplicateCase] = linesStarting("cases.csv", "case-07,");
    const [, officers] = linesStarting("workforce.csv", "officers,");
    expect(run.lines).toContain(
      `data/cases.csv:${duplicateCase}:1 id: "case-07" is already used on line ${firstCase}, expected a unique id`,
    );
    expect(run.lines).toContain(
      `data/workforce.csv:${officers}:1 id: "officers" is already used on line 2, expected a unique id`,
    );
    expect(run.lines.filter((line) => line.includes("changes a value published"))).toEqual([]);
  });
});

describe("a speaker written with a leading article reads well mid-sentence", () => {
  it("“In the words of a Met spokesman”, in the case list", async () => {
    const fixture = dataFixture();
    fixtures.push(fixture);
    fixture.replaceOnce(
      "cases.csv",
      "helping-criminals,Officer,not stated,single,met-obtain-data,,pa-2014",
      "helping-criminals,Officer,not stated,single,met-sensitive-data,,pa-2014",
    );
    const result = await fixture.run(true);
    expect(result.messages).toEqual([]);
    const markup = caseListMarkup(result.dataset!, 1, 3);
    expect(markup).toContain('In the words of <span data-from="quotes">a Met spokesman</span>, as reported:');
    expect(markup).not.toContain('In the words of <span data-from="quotes">A ');
  });

  it("only an article that is not part of a name is lowered", () => {
    expect(
      ["A Met spokesman", "An officer", "The force", "The Independent", "the Met", "Emma Carr"].map(speakerInSentence),
    ).toEqual(["a Met spokesman", "an officer", "the force", "The Independent", "the Met", "Emma Carr"]);
  });
});
