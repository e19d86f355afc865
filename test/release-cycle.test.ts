/**
 * The editor's whole cycle (issue 12), on a copy of the project, never on
 * data/: a clean clone has no change; moving one case between two outcome
 * groups is listed by `npm run data:diff` (both cells, the story's
 * sentences, the chart, its embed, oEmbed, share image and downloads, old
 * and new values) and previewed in `npm run dev`; `npm run release` refuses
 * a changed value without a correction, a correction dated before first
 * publication and a release dated before its correction, each located (and
 * `data:check` warns about each); then it releases with a correction, after
 * which data:diff reports no change, and the built site shows the correction
 * on the story, the data page, the chart's "Updated" note (story, embed,
 * gallery, oEmbed) and in the Atom feed.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextVersion, type DiffReport } from "../scripts/lib/data-diff.ts";
import { startDevServer } from "./support/dev-server.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { builtFiles, DIST_DIR } from "./support/site.ts";

let copy: ProjectCopy;

/** The text of a parsed XML element (with attributes, fast-xml-parser gives an object). */
const xmlText = (node: unknown): string =>
  typeof node === "object" && node !== null
    ? String((node as Record<string, unknown>)["#text"] ?? "")
    : String(node ?? "");

/** Runs one of the editor's scripts in the copy: its exit code and what it printed. */
const run = (script: string, ...args: string[]) => copy.script(script, args);
const dataDiff = (...args: string[]) => run("scripts/data-diff.ts", ...args);

/** `npm run build:deploy` in the copy, for a public address, into dist-deploy/. */
const buildDeploy = () => copy.deployBuild(join(copy.root, "dist-deploy"), "https://news.example");
const dataCheck = () => run("scripts/build-data.ts", "--check");
const release = (...args: string[]) => run("scripts/release.ts", ...args);
const file = (path: string) => readFileSync(join(copy.root, path), "utf8");
const write = (path: string, text: string) => writeFileSync(join(copy.root, path), text);

/** The release history as committed, read before any test edits the copy: each test works from whatever it holds. */
let history: {
  first: Record<string, string>;
  last: Record<string, string>;
  /** data/releases.csv's line of the last release. */
  lastLine: number;
  releaseCount: number;
  /** data/corrections.csv as committed, and how many corrections it holds. */
  corrections: string;
  correctionCount: number;
  /** The version a correction release publishes next. */
  next: string;
};

/** Rows of a CSV file of the copy, by header. */
const rows = (path: string) =>
  Papa.parse<Record<string, string>>(file(path), { header: true, skipEmptyLines: "greedy" }).data;
/** The line of a file of the copy that starts with the given text (from 1). */
const lineOf = (path: string, start: string) =>
  file(path)
    .split("\n")
    .findIndex((line) => line.startsWith(start)) + 1;
/** A day's date, YYYY-MM-DD, some days after another. */
const daysAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A date as readers see it: "3 December 2026". */
const inWords = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
/** Appends a correction row to the committed corrections; returns its line in data/corrections.csv. */
const addCorrection = (row: string) => {
  const committed = history.corrections.trimEnd();
  write("data/corrections.csv", `${committed}\n${row}\n`);
  return committed.split("\n").length + 1;
};
const restoreCorrections = () => write("data/corrections.csv", history.corrections);

beforeAll(() => {
  copy = copyProject("met-release-");
  const releases = rows("data/releases.csv");
  history = {
    first: releases[0]!,
    last: releases.at(-1)!,
    lastLine: file("data/releases.csv").trimEnd().split("\n").length,
    releaseCount: releases.length,
    corrections: file("data/corrections.csv"),
    correctionCount: rows("data/corrections.csv").length,
    next: nextVersion(releases.at(-1)!.version!, "correction"),
  };
  // A real publication record, as an editor fills it in before deploying (build:deploy refuses the placeholders).
  write(
    "data/publication.csv",
    "name,url,corrections,licence,repository\n" +
      "The Newsroom Trust,https://news.example/,corrections@news.example,CC-BY-4.0,https://git.news.example/met-breaches\n",
  );
});
afterAll(() => copy?.remove());

describe("the production build", () => {
  it("has no dev preview page: it exists in npm run dev only", () => {
    const files = builtFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((path) => path.includes("_data-diff"))).toEqual([]);
    for (const path of files.filter((name) => name.endsWith(".html")))
      expect(readFileSync(join(DIST_DIR, path), "utf8"), path).not.toContain("_data-diff");
  });

  it("publishes an Atom feed with RFC 4287's required elements, announced on the story and the data page", () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    const xml = readFileSync(join(DIST_DIR, "data/feed.xml"), "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parser.parse(xml) as { feed: Record<string, unknown> };
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    for (const element of ["id", "title", "updated", "author"]) expect(feed[element], element).toBeTruthy();
    const entries = ([] as Record<string, unknown>[]).concat(feed.entry as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      for (const element of ["id", "title", "updated", "link"]) expect(entry[element], element).toBeTruthy();
    for (const entry of entries) expect(xmlText(entry.title).length).toBeGreaterThan(5);
    for (const path of ["index.html", "data/index.html"]) {
      const { document } = parseHTML(readFileSync(join(DIST_DIR, path), "utf8"));
      const link = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
      expect(link?.getAttribute("href"), path).toMatch(/data\/feed\.xml$/);
    }
  });
});

describe("npm run data:diff on a clean clone", () => {
  it("says there is no change since the release, and exits 0", () => {
    const { status, stdout } = dataDiff();
    expect(status).toBe(0);
    expect(stdout).toContain(`No change since release ${history.last.version} (${history.last.date})`);
    const json = JSON.parse(dataDiff("--json").stdout) as { report: DiffReport };
    expect(json.report.changed).toBe(false);
    expect(json.report.tables).toEqual([]);
  });
});

describe("moving one case between two outcome groups", () => {
  let report: DiffReport;
  let text: string;

  beforeAll(() => {
    copy.edit("data/outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
    copy.edit("data/outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    // --quick: the report in words; the exact list of built files has its own test (data-diff-exact).
    const plain = dataDiff("--quick");
    expect(plain.status, plain.stderr).toBe(0);
    text = plain.stdout;
    const json = dataDiff("--json", "--quick");
    expect(json.status).toBe(0);
    report = (JSON.parse(json.stdout) as { report: DiffReport }).report;
  });

  it("lists both cells with old and new values, and exits 0", () => {
    expect(text).toContain("outcomes.csv formal-action count: 208 -> 207");
    expect(text).toContain("outcomes.csv other-outcomes count: 92 -> 93");
    const outcomes = report.tables.find((table) => table.table === "outcomes")!;
    expect(outcomes.changed.map(({ id, column, old, new: now }) => [id, column, old, now])).toEqual([
      ["formal-action", "count", "208", "207"],
      ["other-outcomes", "count", "92", "93"],
    ]);
    expect(report.tables.map((table) => table.table)).toEqual(["outcomes"]);
  });

  it("quotes every sentence of the story that changes, before and after", () => {
    const formal = report.facts.find((fact) => fact.key === "outcomes:formal-action")!;
    expect([formal.before, formal.after, formal.kind]).toEqual(["208", "207", "value"]);
    expect(formal.sentences).toEqual([
      expect.objectContaining({
        section: "What happened to them",
        before: expect.stringContaining("Of the 300 cases, 208 ended in formal action"),
        after: expect.stringContaining("Of the 300 cases, 207 ended in formal action"),
        // Its neighbours in the story, for context.
        previous: null,
        next: "By our calculation, that is 69% of the total.",
      }),
    ]);
    const other = report.facts.find((fact) => fact.key === "outcomes:other-outcomes")!;
    expect(other.sentences.map((sentence) => sentence.section)).toEqual(["What happened to them", "About the data"]);
    expect(other.sentences.every((s) => s.before.includes("92") && s.after.includes("93"))).toBe(true);
    expect(text).toContain("before: “Of the 300 cases, 208 ended in formal action");
    expect(text).toContain("after:  “Of the 300 cases, 207 ended in formal action");
    // Our calculation moves with it, though it still rounds to the same share.
    const share = report.facts.find((fact) => fact.key === "derived:met-formal-share")!;
    expect(share.kind).toBe("hidden");
    expect(share.derived).toContain("207 ÷ 300");
    // Nothing else moves.
    expect(report.facts.map((fact) => fact.key).sort()).toEqual([
      "derived:met-formal-share",
      "outcomes:formal-action",
      "outcomes:other-outcomes",
    ]);
  });

  it("names the chart and each surface it lives on: embed, oEmbed, share image, gallery, downloads", () => {
    expect(report.charts.map((chart) => chart.id)).toEqual(["outcomes"]);
    const chart = report.charts[0]!;
    expect(chart.section).toBe("Opening (the lead chart, under the headline)");
    expect(chart.changes).toContainEqual({ what: "data: Formal action, Cases", before: "208", after: "207" });
    expect(chart.changes).toContainEqual({ what: "data: Other outcomes, Cases", before: "92", after: "93" });
    expect(chart.changes.find((change) => change.what === "takeaway")).toEqual({
      what: "takeaway",
      before: "In 208 of the 300 breaches, the outcome was formal action",
      after: "In 207 of the 300 breaches, the outcome was formal action",
    });
    for (const path of [
      "/embed/outcomes/",
      "/oembed/outcomes.json",
      "/og/outcomes.png",
      "/charts/#chart-outcomes",
      "/data/charts/outcomes.csv",
      "/data/charts/outcomes.json",
      "/data/outcomes.csv",
      "/data/outcomes.json",
      "/data/datapackage.json",
    ]) {
      expect(text).toContain(path);
    }
    expect(report.embedders.join(" ")).toContain("Formal action, Cases 208 -> 207");
    expect(report.kind).toBe("correction");
  });

  it("is shown in npm run dev on the preview page, with no correction needed first", async () => {
    const server = await startDevServer(copy.root);
    try {
      const html = await (await fetch(`${server.origin}/_data-diff/`)).text();
      const { document } = parseHTML(html);
      const body = document.querySelector("#data-diff")!.textContent!.replace(/\s+/g, " ");
      // Cell by cell, as a table: row, column, before, after, file:line.
      const cell = (key: string) =>
        [...document.querySelectorAll(`[data-cell="${key}"] td`)].map((td) => td.textContent!.trim());
      expect(cell("outcomes:formal-action:count")).toEqual([
        "data/outcomes.csv",
        "formal-action",
        "count",
        "208",
        "207",
        `data/outcomes.csv:${lineOf("data/outcomes.csv", "formal-action,")}`,
      ]);
      expect(cell("outcomes:other-outcomes:count")).toEqual([
        "data/outcomes.csv",
        "other-outcomes",
        "count",
        "92",
        "93",
        `data/outcomes.csv:${lineOf("data/outcomes.csv", "other-outcomes,")}`,
      ]);
      expect(body).toContain("Of the 300 cases, 207 ended in formal action");
      expect(document.querySelector('[data-chart="outcomes"]')).not.toBeNull();
    } finally {
      server.stop();
    }
  }, 180_000);

  it("is refused by the deploy build, and a plain build of it is a preview on every page", () => {
    const refused = buildDeploy();
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(
      new RegExp(`data/outcomes\\.csv:${lineOf("data/outcomes.csv", "formal-action,")}:\\d+ .*208 -> 207`),
    );
    expect(existsSync(join(copy.root, "dist-deploy"))).toBe(false);
    const preview = copy.build();
    const pages = builtFiles(preview).filter((path) => path.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) {
      const { document } = parseHTML(readFileSync(join(preview, path), "utf8"));
      expect(document.querySelector(".preview-marker"), path).not.toBeNull();
      expect(document.querySelector('meta[name="robots"]')?.getAttribute("content"), path).toBe("noindex");
    }
  }, 300_000);

  it("data:check warns at each changed value, and still exits 0", () => {
    const { status, stderr } = dataCheck();
    expect(status).toBe(0);
    const lines = stderr.split("\n");
    const formal = `data/outcomes.csv:${lineOf("data/outcomes.csv", "formal-action,")}:`;
    expect(lines.find((line) => line.startsWith(formal))).toMatch(
      new RegExp(
        `^${formal}\\d+ count: 208 -> 207 changes a value published in release ${history.last.version}.*\\(warning\\)$`,
      ),
    );
    const other = `data/outcomes.csv:${lineOf("data/outcomes.csv", "other-outcomes,")}:`;
    expect(lines.find((line) => line.startsWith(other))).toMatch(/^\S+ count: 92 -> 93 changes a value published/);
  });
});

describe("npm run release refuses, with located messages", () => {
  const unchanged = () => {
    expect(file("data/releases.csv")).toBe(file("data/release/releases.csv"));
    expect(file("data/release/outcomes.csv")).toContain("formal-action,Formal action,208,");
  };

  it("a changed published value without a correction", () => {
    const { status, stderr } = release("--kind", "correction", "--note", "Outcome counts restated");
    expect(status).toBe(1);
    const formal = `data/outcomes.csv:${lineOf("data/outcomes.csv", "formal-action,")}:`;
    expect(stderr.split("\n").find((line) => line.startsWith(formal))).toMatch(
      new RegExp(
        `^${formal}\\d+ count: 208 -> 207 changes a value published in release ${history.last.version}, expected a correction naming outcomes/formal-action/count`,
      ),
    );
    expect(stderr).toContain("a published value changed without a correction");
    expect(stderr).not.toContain("(warning)");
    unchanged();
  });

  it("a correction dated before first publication (data:check warns)", () => {
    const line = addCorrection("2020-01-01,Outcomes: Formal action (count),The Met restated one case,,,,,,,,");
    const message = `data/corrections.csv:${line}:1 date: 2020-01-01 is before the data was first published (${history.first.date}, data/releases.csv line 2), expected a date on or after it`;
    const check = dataCheck();
    expect(check.stderr).toContain(`${message} (warning)`);
    const { status, stderr } = release("--kind", "correction", "--note", "Outcome counts restated");
    expect(status).toBe(1);
    expect(stderr).toContain(message);
    restoreCorrections();
    unchanged();
  });

  it("a release dated before its correction (data:check warns)", () => {
    // A correction dated after the latest release may not be dated after today either: the scripts run two days
    // after the latest release (which may be dated today), the correction dated that day, the release the day before.
    const today = daysAfter(history.last.date!, 2);
    const releaseDate = daysAfter(history.last.date!, 1);
    const line = addCorrection(`${today},Outcomes: Formal action (count),The Met restated one case,,,,,,,,`);
    expect(copy.script("scripts/build-data.ts", ["--check"], undefined, today).stderr).toContain(
      `data/corrections.csv:${line}:1 date: ${today} is after the latest release (${history.last.version} of ${history.last.date}, data/releases.csv line ${history.lastLine}), so the data version readers see would be older than the correction, expected npm run release to publish it (a release dated today carries it) (warning)`,
    );
    const { status, stderr } = copy.script(
      "scripts/release.ts",
      [
        "--kind",
        "correction",
        "--note",
        "Outcome counts restated",
        "--change",
        "One case moved.",
        "--reason",
        "The Met restated it.",
        "--date",
        releaseDate,
      ],
      undefined,
      today,
    );
    expect(status).toBe(1);
    // The fix is the correction's date, not a release dated later (walkthrough 5.8).
    expect(stderr).toContain(
      `data/corrections.csv:${line}:1 date: ${today} is after the release that carries it (${history.next} of ${releaseDate}, data/releases.csv line ${history.lastLine + 1}), so the data version readers see would be older than the correction, expected the correction dated on or before ${releaseDate}: fix its date in data/corrections.csv`,
    );
    restoreCorrections();
    unchanged();
  });
});

describe("npm run release with a correction, then the built site", () => {
  let dist: string;
  const page = (path: string) => parseHTML(readFileSync(join(dist, path), "utf8")).document;
  /** The release's date: the latest release's (valid whatever today is, and two releases may share a day). */
  let date: string;
  let next: string;
  /** The anchors of the release's two corrections, after the committed ones. */
  let firstAnchor: string;
  let secondAnchor: string;

  beforeAll(() => {
    ({ next } = history);
    date = history.last.date!;
    firstAnchor = `correction-${history.correctionCount + 1}`;
    secondAnchor = `correction-${history.correctionCount + 2}`;
    const result = release(
      "--kind",
      "correction",
      "--note",
      "Outcome counts restated.",
      "--change",
      "One case moved from formal action to other outcomes",
      "--reason",
      "The Met restated the outcome of one case.",
      "--date",
      date,
    );
    expect(result.status, result.stderr).toBe(0);
    // The deploy build: it passes its checks only on released data (scripts/lib/deploy-checks.ts).
    const deploy = buildDeploy();
    expect(deploy.status, deploy.output).toBe(0);
    dist = join(copy.root, "dist-deploy");
  }, 300_000);

  it("writes the release and a correction for each changed value", () => {
    expect(file("data/releases.csv").trim().split("\n").at(-1)).toBe(
      `${next},${date},Outcome counts restated.,outcomes`,
    );
    const corrections = file("data/corrections.csv");
    expect(corrections.split("\n")[0]).toBe(
      "date,change,reason,table,row,column,old_value,new_value,figures,charts,version",
    );
    // The released corrections stay as they were; the new ones follow them.
    const committed = history.corrections.trimEnd();
    expect(corrections.startsWith(`${committed}\n`)).toBe(true);
    expect(corrections.slice(committed.length).trim().split("\n")).toEqual([
      `${date},One case moved from formal action to other outcomes,The Met restated the outcome of one case.,outcomes,formal-action,count,208,207,outcomes:formal-action derived:met-formal-share,outcomes,${next}`,
      `${date},One case moved from formal action to other outcomes,The Met restated the outcome of one case.,outcomes,other-outcomes,count,92,93,outcomes:other-outcomes derived:met-formal-share,outcomes,${next}`,
    ]);
  });

  it("moves CITATION.cff and the data page's citations to the new version", () => {
    const cff = file("CITATION.cff");
    expect(cff).toMatch(new RegExp(`^version: "${next.replaceAll(".", "\\.")}"$`, "m"));
    expect(cff).toMatch(new RegExp(`^date-released: "${date}"$`, "m"));
    const citations = [...page("data/index.html").querySelectorAll(".cite-this [data-citation-format]")].map(
      (area) => area.textContent,
    );
    expect(citations.length).toBeGreaterThanOrEqual(4);
    for (const citation of citations.filter((text) => !text?.startsWith("@"))) expect(citation).toContain(next);
  });

  it("leaves nothing for the next data:diff, and no warning for data:check", () => {
    const { status, stdout } = dataDiff();
    expect(status).toBe(0);
    expect(stdout).toContain(`No change since release ${next} (${date})`);
    expect(dataCheck().stderr).not.toContain("warning");
    // Nothing changed since: a second release is refused.
    const again = release("--kind", "correction", "--note", "Again");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`no change since release ${next}`);
  });

  it("shows the correction on the story, newest first: its date, what changed, and a link to before, after and why", () => {
    const document = page("index.html");
    const items = [...document.querySelectorAll("ul.corrections li")];
    expect(items).toHaveLength(history.correctionCount + 2);
    expect(items.slice(0, 2).map((item) => item.id)).toEqual([`story-${secondAnchor}`, `story-${firstAnchor}`]);
    // The newest date heads its run of corrections, said once.
    const newest = document.querySelector(".corrections-date")!;
    expect(newest.textContent!.replace(/\s+/g, " ").trim()).toBe(`Corrected on ${inWords(date)}:`);
    expect(newest.nextElementSibling?.contains(items[1]!)).toBe(true);
    const first = items[1]!.textContent!.replace(/\s+/g, " ").trim();
    // The editor's sentence (its full stop added), then the link to the record on the data page, which
    // shows the values before and after and the reason (the next test): no id, no column name alone.
    expect(first).toBe("One case moved from formal action to other outcomes. Before, after and why");
    expect(items[1]!.querySelector("a")?.getAttribute("href")).toBe(`/data/#${firstAnchor}`);
    expect(document.querySelector('.dateline time[data-fact="releases:last"]')?.getAttribute("datetime")).toBe(date);
    const feed = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    expect(feed?.getAttribute("href")).toBe("/data/feed.xml");
  });

  it("shows it on the data page: corrections with before and after, and the changelog", () => {
    const document = page("data/index.html");
    const row = document.querySelector(`#${firstAnchor}`)!;
    const cells = [...row.querySelectorAll("td")].map((cell) => cell.textContent!.replace(/\s+/g, " ").trim());
    expect(cells).toEqual([
      `${inWords(date)} (release ${next})`,
      "One case moved from formal action to other outcomes. (Formal action, count)",
      "208",
      "207",
      "The Met restated the outcome of one case.",
    ]);
    const changelog = document
      .querySelector(`#release-${next.replaceAll(".", "-")}`)!
      .textContent!.replace(/\s+/g, " ");
    expect(changelog).toContain("Outcome counts restated.");
    expect(changelog).toContain("Charts changed: What happened to those found in breach.");
    expect(document.querySelector('link[rel="alternate"][type="application/atom+xml"]')).not.toBeNull();
  });

  it("puts “Updated <the release's date>” on the chart wherever it is: story, embed page, gallery, oEmbed", () => {
    const updated = (root: ParentNode, selector: string) => {
      const note = root.querySelector(`${selector} .chart-updated`);
      return note
        ? [note.textContent!.replace(/\s+/g, " ").trim(), note.querySelector("a")!.getAttribute("href")]
        : null;
    };
    const expected = [
      `Updated ${inWords(date)}: One case moved from formal action to other outcomes. See the correction`,
      `/data/#${secondAnchor}`,
    ];
    expect(updated(page("index.html"), "#figure-outcomes")).toEqual(expected);
    expect(updated(page("embed/outcomes/index.html"), "#figure-outcomes")).toEqual(expected);
    expect(updated(page("charts/index.html"), "#chart-outcomes")).toEqual(expected);
    // A chart whose data this release did not change says what it said before (the committed data's build):
    // nothing if it never changed, else its own last change.
    const before = (path: string) => parseHTML(readFileSync(join(DIST_DIR, path), "utf8")).document;
    for (const chart of ["breach-types", "workforce"]) {
      const note = updated(page("index.html"), `#figure-${chart}`);
      expect(note, chart).toEqual(updated(before("index.html"), `#figure-${chart}`));
      expect(updated(page(`embed/${chart}/index.html`), `#figure-${chart}`), chart).toEqual(note);
      expect(JSON.stringify(note), chart).not.toContain("One case moved");
    }

    const oembed = JSON.parse(readFileSync(join(dist, "oembed/outcomes.json"), "utf8")) as Record<string, string>;
    expect(oembed.updated).toBe(date);
    expect(new URL(oembed.updated_url!).hash).toBe(`#${secondAnchor}`);
    expect(oembed.updated_note).toBe("One case moved from formal action to other outcomes.");
    const oembedOf = (folder: string, chart: string) =>
      JSON.parse(readFileSync(join(folder, `oembed/${chart}.json`), "utf8")) as Record<string, string>;
    for (const chart of ["breach-types", "workforce"]) {
      const [now, then] = [oembedOf(dist, chart), oembedOf(DIST_DIR, chart)];
      expect([now.updated, now.updated_note], chart).toEqual([then.updated, then.updated_note]);
    }
  });

  it("gives the correction in the editor's words in story.md and in the chart's text version and image", () => {
    const sentence = "One case moved from formal action to other outcomes.";
    const story = readFileSync(join(dist, "story.md"), "utf8");
    expect(story).toContain(
      `${inWords(date)}: ${sentence} Formal action, count: was 208, now 207. The Met restated the outcome of one case.`,
    );
    expect(readFileSync(join(dist, "data/charts/outcomes.md"), "utf8")).toContain(
      `Updated ${inWords(date)}: ${sentence}`,
    );
    expect(readFileSync(join(dist, "data/charts/outcomes.svg"), "utf8")).toContain(`Updated ${inWords(date)}`);
    // A chart this release did not change keeps its own note (or none).
    const updatedLines = (folder: string) =>
      readFileSync(join(folder, "data/charts/breach-types.md"), "utf8")
        .split("\n")
        .filter((line) => line.includes("Updated"));
    expect(updatedLines(dist)).toEqual(updatedLines(DIST_DIR));
    expect(updatedLines(dist).join("\n")).not.toContain(sentence);
  });

  it("lists the correction and the release in a valid Atom feed", () => {
    const xml = readFileSync(join(dist, "data/feed.xml"), "utf8");
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parser.parse(xml) as { feed: Record<string, unknown> };
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://news.example/data/feed.xml");
    expect(xmlText(feed.title)).toContain("corrections and releases");
    expect(feed.updated).toBe(`${date}T00:00:00.000Z`);
    const entries = feed.entry as Record<string, unknown>[];
    // Every release and every correction: the committed history, the new release and its two corrections.
    expect(entries).toHaveLength(history.releaseCount + history.correctionCount + 3);
    for (const entry of entries) {
      expect(String(entry.id)).toMatch(/^https:\/\/news\.example\/data\/#(correction|release)-/);
      expect(xmlText(entry.title).length).toBeGreaterThan(5);
      expect(Number.isNaN(Date.parse(String(entry.updated)))).toBe(false);
      expect((entry.link as Record<string, string>)["@href"]).toBe(entry.id);
    }
    const titles = entries.map((entry) => xmlText(entry.title));
    expect(titles).toContain("Correction: One case moved from formal action to other outcomes");
    expect(titles).toContain(`Release ${next}: Outcome counts restated.`);
    const correction = entries.find((entry) => entry.id === `https://news.example/data/#${firstAnchor}`)!;
    expect(xmlText(correction.summary)).toBe(
      "One case moved from formal action to other outcomes. Formal action, count: was 208, now 207. The Met restated the outcome of one case.",
    );
  });

  it("publishes the version, its date and a hash of each resource in datapackage.json", () => {
    const descriptor = JSON.parse(readFileSync(join(dist, "data/datapackage.json"), "utf8")) as {
      version: string;
      created: string;
      resources: { path: string; hash: string }[];
    };
    expect(descriptor.version).toBe(next);
    expect(descriptor.created).toBe(`${date}T00:00:00Z`);
    for (const resource of descriptor.resources) {
      const bytes = readFileSync(join(dist, "data", resource.path));
      expect(resource.hash).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    }
  });
});
