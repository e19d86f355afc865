/**
 * <Quote id="..." /> (src/components/Quote.astro), the story's way to show a
 * direct quote in prose: built for real in a throwaway copy of the project,
 * on a probe page. The words and the speaker come from quotes.csv; an id that
 * is not there fails the build.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import { quoteById } from "../src/lib/quotes.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";

const PROBE = "src/pages/quote-probe.astro";
const probePage = (ids: string[]) => `---
import Quote from "../components/Quote.astro";
---

<html lang="en">
  <head><meta charset="utf-8" /><title>Quote probe</title></head>
  <body>
    ${ids.map((id) => `<p id="probe-${id}">The report called him a <Quote id="${id}" />.</p>`).join("\n    ")}
  </body>
</html>
`;

let copy: ProjectCopy;
let document: Document;

beforeAll(() => {
  copy = copyProject("met-quote-");
  writeFileSync(join(copy.root, PROBE), probePage(["ellison-spy", "carr-one-rule"]));
  const dist = copy.build();
  document = parseHTML(readFileSync(join(dist, "quote-probe", "index.html"), "utf8")).document as unknown as Document;
}, 300_000);

afterAll(() => copy?.remove());

describe("<Quote id> in prose", () => {
  it("renders the quote in quotation marks, marked with its id, with speaker and publisher as a tooltip", () => {
    const span = document.querySelector("#probe-ellison-spy .quote");
    expect(span?.outerHTML).toBe(
      '<span class="quote" data-quote="ellison-spy" title="Report by barrister Mark Ellison QC, as reported by Press Association, via The London Post">“<span data-from="quotes">spy</span>”</span>',
    );
  });

  it("keeps the source's apostrophes, and the words are the data's", () => {
    const quote = quoteById("carr-one-rule", dataset);
    const span = document.querySelector('#probe-carr-one-rule [data-quote="carr-one-rule"]');
    expect(span?.textContent).toBe(`“${quote.quote}”`);
    expect(span?.getAttribute("title")).toBe("Emma Carr, as reported by Press Association, via The London Post");
  });

  it("fails the build for an id that is not in quotes.csv", () => {
    writeFileSync(join(copy.root, PROBE), probePage(["ellison-spies"]));
    expect(() => copy.build()).toThrow(/Unknown quote id "ellison-spies": expected one of davis-astonishing, /);
  }, 300_000);
});
