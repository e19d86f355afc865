/**
 * Direct quotes are checked against the source's own words at build time
 * (scripts/lib/quote-checks.ts). Each test puts a real defect back into a
 * copy of data/ and runs the real pipeline on it: the run fails, with the
 * located message an editor can act on.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { quotedRegions } from "../scripts/lib/quote-checks.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

const replaceOnce = (file: string, from: string, to: string) => fixture.replaceOnce(file, from, to);

/** Runs the pipeline on the broken copy: it must fail; returns its messages. */
async function failures(): Promise<string[]> {
  const result = await fixture.run(true);
  expect(result.ok).toBe(false);
  expect(result.dataset).toBeNull();
  return result.messages;
}

// The article's own paragraph about case-05: the reporter's words, with no quotation marks.
const HANDFUL_CONTEXT =
  "In a handful of cases, journalists were secretly supplied with information by police – sometimes in exchange for cash, the Met confirmed.";

describe("the real quotes", () => {
  it("pass, and reach the dataset with the cases and reactions that cite them", async () => {
    const result = await fixture.run(true);
    expect(result.messages).toEqual([]);
    expect(result.ok).toBe(true);
    const { quotes, cases, reactions } = result.dataset!;
    const quoteOf = (id: string | null) => quotes.find((quote) => quote.id === id);
    expect(quoteOf("carr-one-rule")?.quote).toBe("it shouldn’t be one rule for police and one for the rest of us");
    expect(cases.find((row) => row.id === "case-05")?.quote_id).toBeNull();
    expect(quoteOf(cases.find((row) => row.id === "case-01")!.quote_id)?.speaker).toBe("the Met");
    for (const reaction of reactions) {
      if (reaction.quote_id) expect(quoteOf(reaction.quote_id)?.speaker).toBe(reaction.speaker);
    }
  });
});

describe("a quote that misrepresents its source", () => {
  it("the reporter's own words given as a quote (case-05's “a handful of cases”)", async () => {
    fixture.write(
      "quotes.csv",
      `${fixture.read("quotes.csv")}handful-of-cases,the Met,a handful of cases,"${HANDFUL_CONTEXT}",pa-2014\n`,
    );
    replaceOnce(
      "cases.csv",
      "not stated,several,,,pa-2014,pa-case-journalists\ncase-06",
      "not stated,several,handful-of-cases,,pa-2014,pa-case-journalists\ncase-06",
    );
    expect(await failures()).toEqual([
      `data/quotes.csv:10:26 quote: "a handful of cases" is not inside quotation marks in its context, expected words the source itself puts in quotation marks (a reporter's own wording is not a quote)`,
    ]);
  });

  it("Emma Carr's quote cut after the negation that stands before it", async () => {
    replaceOnce("quotes.csv", "Emma Carr,it shouldn’t be one rule", "Emma Carr,one rule");
    expect(await failures()).toEqual([
      'data/quotes.csv:3:25 quote: "one rule for police and one for the rest of us" drops "shouldn’t" that stands just before it in the source, expected the quote to keep it',
    ]);
  });

  it("a quote that is not in its context", async () => {
    replaceOnce("quotes.csv", "David Davis,astonishing,", "David Davis,shocking,");
    expect(await failures()).toEqual([
      'data/quotes.csv:2:31 quote: "shocking" does not occur in its context, expected the exact words of the context (only spacing may differ)',
    ]);
  });

  it("a quote that cuts a word", async () => {
    replaceOnce("quotes.csv", "David Davis,astonishing,", "David Davis,stonishing,");
    expect(await failures()).toEqual([
      'data/quotes.csv:2:31 quote: "stonishing" starts inside the word "astonishing" of its context, expected a quote that starts and ends on word boundaries (not cut inside a word)',
    ]);
  });

  it("a straight apostrophe where the source has ’", async () => {
    replaceOnce("quotes.csv", "Emma Carr,it shouldn’t be", "Emma Carr,it shouldn't be");
    expect(await failures()).toEqual([
      `data/quotes.csv:3:25 quote: "it shouldn't be one rule for police and one for the rest of us" differs from its context only in its apostrophes (' where the source has ’), expected the source's own characters, exactly as in the context: "it shouldn’t be one rule for police and one for the rest of us"`,
    ]);
  });
});

describe("a quote given to the wrong speaker", () => {
  it("a speaker the context does not name, or names only inside the quotation marks", async () => {
    replaceOnce("quotes.csv", "ellison-spy,report by barrister Mark Ellison QC", "ellison-spy,Cressida Dick");
    replaceOnce(
      "quotes.csv",
      "force-corruption-act,the force",
      "force-corruption-act,the Prevention of Corruption Act",
    );
    expect(await failures()).toEqual([
      'data/quotes.csv:7:22 speaker: "the Prevention of Corruption Act" is not named in the context outside the quotation marks, expected the speaker the source gives the words to',
      'data/quotes.csv:8:13 speaker: "Cressida Dick" is not named in the context outside the quotation marks, expected the speaker the source gives the words to',
    ]);
  });

  it("a reaction shown with someone else's quote", async () => {
    replaceOnce("reactions.csv", "carr-one-rule,pa-2014", "davis-astonishing,pa-2014");
    expect(await failures()).toEqual([
      `data/reactions.csv:3:331 quote_id: "davis-astonishing" is a quote of David Davis (data/quotes.csv line 2), expected a quote of Emma Carr, this row's speaker (a quote cannot be given to someone else)`,
    ]);
  });

  it("a quote id that is not in quotes.csv", async () => {
    replaceOnce("cases.csv", ",met-obtain-data,", ",met-obtains-data,");
    expect(await failures()).toEqual([
      expect.stringMatching(
        /^data\/cases\.csv:2:\d+ quote_id: "met-obtains-data" is not an id in data\/quotes\.csv, expected one of: davis-astonishing, /,
      ),
    ]);
  });
});

it("reports every quote problem in one run, in file order", async () => {
  replaceOnce("quotes.csv", "David Davis,astonishing,", "David Davis,stonishing,");
  replaceOnce("quotes.csv", "Emma Carr,it shouldn’t be one rule", "Emma Carr,one rule");
  replaceOnce("reactions.csv", "met-sensitive-data,pa-2014", "carr-one-rule,pa-2014");
  expect((await failures()).map((message) => message.split(" ").slice(0, 2).join(" "))).toEqual([
    "data/quotes.csv:2:31 quote:",
    "data/quotes.csv:3:25 quote:",
    "data/reactions.csv:4:291 quote_id:",
  ]);
});

describe("quoted regions", () => {
  const regions = (text: string) => quotedRegions(text).map(({ start, end }) => text.slice(start, end));

  it("a “ opens and the next ” closes; a ” with nothing open is a misprint and is ignored", () => {
    expect(regions("She said: ” It shouldn’t take journalists. “It’s also important.” Then “more”.")).toEqual([
      "It’s also important.",
      "more",
    ]);
  });

  it("a straight quote opens and closes; single quotes are apostrophes", () => {
    expect(regions(`He said "it's 'fine'" and left`)).toEqual(["it's 'fine'"]);
  });

  it("a quote left open runs to the end of the passage", () => {
    expect(regions("He said: “The extent is astonishing.")).toEqual(["The extent is astonishing."]);
  });
});
