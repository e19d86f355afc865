/**
 * Every chart in the registry, rendered from the real generated data (run
 * `npm run data` first) the way the site renders it: Plot with a linkedom
 * document, serialised to SVG markup. Snapshots in test/output/ show the
 * drawing (review changes with `git diff`); the assertions check what the
 * drawing must say whatever it looks like.
 */
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { CHART_IMAGE_WIDTH, CHART_MIN_WIDTH, CHART_TYPE, FLUID_CLASS, MIN_TEXT_PX } from "../src/charts/chart-frame.ts";
import { fluidChart } from "../src/charts/fluid.ts";
import { DATUM_SELECTOR } from "../src/charts/datum.ts";
import { CHART_COLORS, INK } from "../src/charts/palette.ts";
import { serializeMarkup } from "../src/lib/serialize-markup.ts";
import { serverDocument } from "../src/lib/render-svg.ts";
import { CHARTS, chartById, type ChartDefinition } from "../src/charts/registry.ts";
import { dataset } from "../src/data/dataset.ts";
import type { Dataset } from "../src/data/schema.ts";
import { phraseText, type Phrase } from "../src/lib/facts.ts";
import { renderToString } from "../src/lib/render-svg.ts";

/**
 * The two ways a chart is drawn: a page's one fluid drawing (laid out for
 * CHART_MIN_WIDTH, src/charts/fluid.ts) and a share image's fixed one.
 */
const VARIANTS = [
  { name: "page", width: CHART_MIN_WIDTH, suffix: "" },
  { name: "image", width: CHART_IMAGE_WIDTH, suffix: "-image" },
] as const;

/** The chart's markup, as a page would inline it (fluid at CHART_MIN_WIDTH) or an image would draw it. */
function markup(chart: ChartDefinition, width: number, data: Dataset = dataset): string {
  return renderToString((options) => {
    const svg = chart.render(data, options);
    return width === CHART_MIN_WIDTH ? fluidChart(svg) : svg;
  }, width);
}

/** A length attribute in px or per cent, as a number of its units. */
const length = (element: Element, name: string) => parseFloat(element.getAttribute(name) ?? "");

/** The markup parsed back into a DOM: what a browser would get. */
function parsed(svgMarkup: string): SVGSVGElement {
  const { document } = parseHTML(`<!doctype html><html><body>${svgMarkup}</body></html>`);
  return document.querySelector("svg") as unknown as SVGSVGElement;
}

/**
 * Stable snapshot text, as Plot's own snapshot tests do it: generated ids
 * numbered in order of appearance, decimals rounded to 2 places, one
 * element per line so a diff shows what moved.
 */
function normalise(svgMarkup: string): string {
  const ids = new Map<string, string>();
  const rename = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  };
  return (
    svgMarkup
      .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${rename(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
      .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${rename(id)}"`)
      .replace(/\d+\.\d{3,}/g, (number) => String(Math.round(Number(number) * 100) / 100))
      .replace(/></g, ">\n<") + "\n"
  );
}

/** Every Fact and string of a phrase, with the strings checked for typed numbers. */
function expectNoTypedNumbers(phrase: Phrase) {
  for (const part of phrase) {
    if (typeof part === "string") expect(part, `typed number in "${part}"`).not.toMatch(/\d/);
  }
}

/** The text a reader sees in a chart, run by run: each line's own words, then a value set after them in bold. */
function texts(svg: SVGSVGElement): string[] {
  return Array.from(svg.querySelectorAll("text")).flatMap((text) => [
    Array.from(text.childNodes)
      .filter((node) => node.nodeType === 3)
      .map((node) => node.textContent)
      .join(""),
    ...Array.from(text.querySelectorAll("tspan"), (tspan) => (tspan.textContent ?? "").trim()),
  ]);
}

/** Marks with the datum attributes, grouped by their data-row. */
function marksByRow(svg: SVGSVGElement): Map<number, Element[]> {
  const rows = new Map<number, Element[]>();
  for (const mark of Array.from(svg.querySelectorAll(DATUM_SELECTOR))) {
    const row = Number(mark.getAttribute("data-row"));
    rows.set(row, [...(rows.get(row) ?? []), mark]);
  }
  return rows;
}

describe("chart registry", () => {
  it("looks charts up by id and throws on an unknown id", () => {
    for (const chart of CHARTS) expect(chartById(chart.id)).toBe(chart);
    expect(() => chartById("no-such-chart")).toThrow(/Unknown chart id "no-such-chart"; known: outcomes/);
  });

  it("has unique, URL-safe ids", () => {
    const ids = CHARTS.map((chart) => chart.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("sets chart text at legible px sizes that no page scales, and draws one drawing per chart", () => {
    expect(Math.min(...Object.values(CHART_TYPE))).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    const css = readFileSync("src/charts/charts.css", "utf8");
    // No second layout to switch to, and no `height: auto`, which would collapse a drawing with no viewBox.
    expect(css).not.toMatch(/met-chart-variants|met-chart--(?:narrow|wide)|height:\s*auto/);
    const figure = readFileSync("src/components/Figure.astro", "utf8");
    expect(figure.match(/accessibleChartSvg\(/g)?.length).toBe(1);
  });

  it("serialises text and attributes with every special character escaped", () => {
    const element = serverDocument().createElement("p");
    element.setAttribute("data-label", `Avon & Somerset &amp; <b> "q"`);
    element.textContent = "<script>&amp;</script>";
    const markupText = serializeMarkup(element);
    expect(markupText).toBe(
      '<p data-label="Avon &amp; Somerset &amp;amp; &lt;b&gt; &quot;q&quot;">&lt;script&gt;&amp;amp;&lt;/script&gt;</p>',
    );
    const back = parseHTML(`<!doctype html><html><body>${markupText}</body></html>`).document.querySelector("p")!;
    expect(back.getAttribute("data-label")).toBe(`Avon & Somerset &amp; <b> "q"`);
    expect(back.textContent).toBe("<script>&amp;</script>");
  });
});

describe.each(CHARTS.map((chart) => [chart.id, chart] as const))("%s chart", (_id, chart) => {
  describe.each(VARIANTS)("$name layout", ({ width, suffix }) => {
    const svgMarkup = markup(chart, width);
    const svg = parsed(svgMarkup);

    it("matches its snapshot", async () => {
      await expect(normalise(svgMarkup)).toMatchFileSnapshot(`./output/${chart.id}${suffix}.svg`);
    });

    it(`is ${width === CHART_MIN_WIDTH ? "a fluid" : "a fixed-size"} SVG with no inline styles`, () => {
      if (width === CHART_MIN_WIDTH) {
        // As wide as its container, as tall as drawn: nothing scales its text.
        expect(svg.getAttribute("viewBox")).toBeNull();
        expect(svg.getAttribute("width")).toBe("100%");
        expect(Number(svg.getAttribute("height"))).toBeGreaterThan(0);
        // Bars and rules stretch (per cent); nothing else does.
        for (const element of Array.from(svg.querySelectorAll("[x], [width], [x1], [x2]"))) {
          const fluid = element.closest(`.${FLUID_CLASS}`) !== null;
          for (const name of ["x", "width", "x1", "x2"]) {
            const value = element.getAttribute(name);
            if (value === null || element === svg) continue;
            expect(value.endsWith("%"), `${element.tagName} ${name}="${value}"`).toBe(fluid);
          }
        }
      } else {
        expect(svg.getAttribute("viewBox")).toBe(`0 0 ${width} ${svg.getAttribute("height")}`);
      }
      expect(svg.getAttribute("class")).toContain("met-chart");
      expect(svg.getAttribute("data-chart")).toBe(chart.id);
      expect(svgMarkup).not.toMatch(/<style|\sstyle=/);
      // The page labels the figure; the chart hides nothing itself.
      expect(svg.querySelectorAll("[aria-hidden]").length).toBe(0);
    });

    it("describes every datum mark, with a row of its table", () => {
      const marks = Array.from(svg.querySelectorAll(DATUM_SELECTOR));
      expect(marks.length).toBeGreaterThan(0);
      const rows = chart.table(dataset).rows.length;
      const datums = marks.map((mark) => mark.getAttribute("data-datum"));
      expect(new Set(datums).size).toBe(datums.length);
      for (const mark of marks) {
        const row = Number(mark.getAttribute("data-row"));
        expect(Number.isInteger(row) && row >= 0 && row < rows).toBe(true);
        expect(mark.getAttribute("data-label")).toBeTruthy();
      }
    });
  });

  it("puts every number of its takeaway and notes in a Fact", () => {
    expectNoTypedNumbers(chart.takeaway(dataset));
    for (const note of chart.notes(dataset)) expectNoTypedNumbers(note);
    expect(phraseText(chart.takeaway(dataset)).length).toBeGreaterThan(0);
  });

  it("cites sources that exist", () => {
    const known = new Set(dataset.sources.map((source) => source.id));
    const cited = chart.sources(dataset);
    expect(cited.length).toBeGreaterThan(0);
    for (const source of cited) expect(known.has(source)).toBe(true);
  });

  it("has a table whose rows have every column, typed as declared", () => {
    const { columns, rows } = chart.table(dataset);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(columns.map((column) => column.key).sort());
      for (const column of columns) {
        const value = row[column.key];
        if (value === null) continue;
        if (column.type === "string") expect(typeof value).toBe("string");
        else expect(typeof value).toBe("number");
        if (column.type === "integer") expect(Number.isInteger(value)).toBe(true);
      }
    }
  });
});

describe("outcomes chart", () => {
  const chart = chartById("outcomes");
  const topLevel = dataset.outcomes.filter((outcome) => outcome.part_of === null);
  const total = topLevel.reduce((sum, outcome) => sum + outcome.count, 0);
  const partsOf = (id: string) => dataset.outcomes.filter((outcome) => outcome.part_of === id);

  it.each(VARIANTS)(
    "draws one mark per case, per top-level group, its reported parts inside it ($name)",
    ({ width }) => {
      const svg = parsed(markup(chart, width));
      expect(svg.querySelectorAll(DATUM_SELECTOR).length).toBe(total);
      expect(total).toBe(dataset.figures.find((figure) => figure.id === "met-breaches-total")?.value);
      const byRow = marksByRow(svg);
      const words = texts(svg).join(" ");
      dataset.outcomes.forEach((outcome, row) => {
        const parts = partsOf(outcome.id).reduce((sum, part) => sum + part.count, 0);
        // A part's squares are its own; a group's row keeps only the cases no part accounts for.
        expect((byRow.get(row) ?? []).length, outcome.label).toBe(outcome.count - parts);
        const group = outcome.part_of ?? outcome.id;
        for (const mark of byRow.get(row) ?? [])
          expect(mark.getAttribute("data-datum")).toMatch(new RegExp(`^${group}-\\d+$`));
        // A direct label: the reported count and the group's name are drawn as text.
        expect(words).toContain(outcome.count.toLocaleString("en-GB"));
        expect(words).toContain(outcome.label.split(" ")[0]);
      });
    },
  );

  it.each(VARIANTS)(
    "draws the rest of a group whose split was not reported as one outlined block, and never writes its size ($name)",
    ({ width }) => {
      const svg = parsed(markup(chart, width));
      const byRow = marksByRow(svg);
      const unsplit = dataset.outcomes
        .map((outcome, row) => ({ outcome, row }))
        .filter((o) => !o.outcome.split_published);
      expect(unsplit.length).toBeGreaterThan(0);
      for (const { outcome, row } of unsplit) {
        const marks = byRow.get(row)!;
        // Outlined: a stroke, unlike the filled groups whose counts are exact.
        expect(marks[0]!.parentElement!.getAttribute("stroke")).toMatch(/^#/);
        for (const mark of marks)
          expect(mark.getAttribute("data-label")).toContain("how these divide was not reported");
        expect(texts(svg).join(" ")).toMatch(/how these divide was not reported/i);
        // The rest is our subtraction, so its size is not written anywhere in the chart.
        const rest = outcome.count - partsOf(outcome.id).reduce((sum, part) => sum + part.count, 0);
        expect(rest).toBe(marks.length);
        expect(texts(svg).some((text) => new RegExp(`\\b${rest}\\b`).test(text))).toBe(false);
        expect(chart.describe(dataset)).not.toMatch(new RegExp(`\\b${rest}\\b`));
      }
    },
  );

  it.each(VARIANTS)("gives formal action its colour, and each kind of square one style ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const styleOf = (mark: Element) => {
      const group = mark.parentElement!;
      return `${group.getAttribute("fill")}|${group.getAttribute("stroke")}|${group.getAttribute("fill-opacity")}`;
    };
    const byRow = marksByRow(svg);
    const styles = dataset.outcomes.map((_, row) => styleOf(byRow.get(row)![0]!));
    expect(new Set(styles).size).toBe(styles.length);
    const formal = dataset.outcomes.findIndex((outcome) => outcome.id === "formal-action");
    expect(styles[formal]).toBe(`${CHART_COLORS.formalAction}|null|null`);
  });

  it("shows the reported share as an annotation in words, never as a count of cases", () => {
    const share = dataset.figures.find((figure) => figure.id === "met-share-sacked-or-retired")!;
    const svg = parsed(markup(chart, CHART_MIN_WIDTH));
    const words = texts(svg).join(" ");
    expect(words).toContain(`${share.approximate ? "About " : ""}${share.value}%`);
    expect(words).toContain("sacking or retirement");
    // The share of the total would be a count nobody published.
    const inventedCount = String(Math.round((share.value / 100) * total));
    expect(texts(svg).some((text) => new RegExp(`\\b${inventedCount}\\b`).test(text))).toBe(false);
  });

  it("has a table and a description with every reported count", () => {
    const { rows } = chart.table(dataset);
    expect(rows.map((row) => [row.outcome, row.cases, row.split_reported])).toEqual(
      dataset.outcomes.map((outcome) => [outcome.label, outcome.count, outcome.split_published ? "yes" : "no"]),
    );
    // The share is our calculation, and its column says so.
    const total = dataset.figures.find((figure) => figure.id === "met-breaches-total")!.value;
    const shareColumn = chart.table(dataset).columns.find((column) => column.key === "share_of_all")!;
    expect(shareColumn.label).toContain("our calculation");
    expect(shareColumn.derived).toContain(`÷ ${total}`);
    expect(rows.map((row) => row.share_of_all)).toEqual(
      dataset.outcomes.map((outcome) => Math.round((outcome.count / total) * 1000) / 10),
    );
    expect(rows.map((row) => row.part_of)).toEqual(
      dataset.outcomes.map((outcome) => dataset.outcomes.find((group) => group.id === outcome.part_of)?.label ?? null),
    );
    const description = chart.describe(dataset);
    for (const outcome of dataset.outcomes) {
      expect(description).toContain(
        `${outcome.count.toLocaleString("en-GB")} ${outcome.count === 1 ? "case" : "cases"}`,
      );
      expect(description.toLowerCase()).toContain(outcome.label.toLowerCase());
    }
    expect(description).toMatch(/split was not reported/);
  });
});

describe("breach-types chart", () => {
  const chart = chartById("breach-types");

  it.each(VARIANTS)(
    "draws one mark per documented case, coloured for formal action, filled or outlined by whether the outcome is stated ($name)",
    ({ width }) => {
      const svg = parsed(markup(chart, width));
      const marks = Array.from(svg.querySelectorAll(DATUM_SELECTOR));
      expect(marks.length).toBe(dataset.cases.length);
      expect(marks.map((mark) => mark.getAttribute("data-datum")).sort()).toEqual(
        dataset.cases.map((documented) => documented.id).sort(),
      );
      const rows = chart.table(dataset).rows;
      for (const documented of dataset.cases) {
        const mark = svg.querySelector(`[data-datum="${documented.id}"]`)!;
        const group = mark.parentElement!;
        const stated = documented.outcome !== "not stated";
        // More than colour: formal action is a filled square in the colour it has in the outcomes chart,
        // any other stated outcome a square outlined in ink, an unstated one outlined in grey dashes.
        if (stated) {
          const formal = documented.outcome === "Formal action";
          expect(group.getAttribute("fill")).toBe(formal ? CHART_COLORS.formalAction : "none");
          expect(group.getAttribute("stroke")).toBe(formal ? null : INK);
          expect(group.getAttribute("stroke-dasharray")).toBeNull();
          expect(mark.getAttribute("data-label")).toContain(`Outcome: ${documented.outcome}.`);
        } else {
          expect(group.getAttribute("fill")).toBe("none");
          expect(group.getAttribute("stroke")).toBe(CHART_COLORS.notStated);
          expect(group.getAttribute("stroke-dasharray")).not.toBeNull();
          expect(mark.getAttribute("data-label")).toContain("Outcome not stated.");
        }
        expect(mark.getAttribute("data-label")).toContain(documented.summary);
        expect(rows[Number(mark.getAttribute("data-row"))]!.case).toBe(documented.summary);
      }
      const words = texts(svg).join(" ");
      for (const key of [
        "Formal action",
        "Another outcome stated",
        "Outcome not stated",
        "Several cases, number not given",
      ]) {
        expect(words).toContain(key);
      }
    },
  );

  it.each(VARIANTS)("marks every example that covers several cases ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const several = dataset.cases.filter((documented) => documented.multiplicity === "several");
    expect(several.length).toBeGreaterThan(0);
    // One stacked square behind each such case, and one in the key.
    expect(svg.querySelectorAll(".met-chart-stack path").length).toBe(several.length + 1);
    for (const documented of several) {
      expect(svg.querySelector(`[data-datum="${documented.id}"]`)!.getAttribute("data-label")).toContain(
        "Several cases",
      );
    }
  });

  it("labels every category in sort order with its counts, and says these are examples", () => {
    const svg = parsed(markup(chart, CHART_MIN_WIDTH));
    const words = texts(svg);
    const used = [...dataset.categories]
      .sort((a, b) => a.sort_order - b.sort_order)
      .filter((category) => dataset.cases.some((documented) => documented.category === category.id));
    const positions = used.map((category) => words.indexOf(category.label));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const category of used) {
      const cases = dataset.cases.filter((documented) => documented.category === category.id);
      const stated = cases.filter((documented) => documented.outcome !== "not stated").length;
      expect(words).toContain(
        `${cases.length} ${cases.length === 1 ? "example" : "examples"}, ${stated} with the outcome stated`,
      );
    }
    const notes = chart.notes(dataset).map(phraseText).join(" ");
    const total = dataset.figures.find((figure) => figure.id === "met-breaches-total")!.value;
    expect(notes).toContain(
      `examples the Press Association’s report describes, not a breakdown of all ${total} breaches`,
    );
    expect(notes).toContain("counts of examples, are ours");
    const description = chart.describe(dataset);
    for (const category of used) expect(description).toContain(category.label);
    for (const documented of dataset.cases) expect(description).toContain(documented.summary);
  });

  it("has a table with one row per documented case, as the data says", () => {
    const { rows } = chart.table(dataset);
    expect(rows.length).toBe(dataset.cases.length);
    for (const documented of dataset.cases) {
      const row = rows.find((candidate) => candidate.case === documented.summary)!;
      expect(row.role).toBe(documented.role);
      expect(row.outcome).toBe(documented.outcome === "not stated" ? "Outcome not stated" : documented.outcome);
      expect(row.breach_type).toBe(dataset.categories.find((category) => category.id === documented.category)!.label);
    }
  });
});

describe("workforce chart", () => {
  const chart = chartById("workforce");

  it.each(VARIANTS)(
    "draws one bar per workforce group, in proportion, labelled as approximate ($name)",
    ({ width }) => {
      const svg = parsed(markup(chart, width));
      const bars = dataset.workforce.map((group) => svg.querySelector(`[data-datum="${group.id}"]`)!);
      const lengths = bars.map((bar) => length(bar, "width"));
      const largest = Math.max(...dataset.workforce.map((group) => group.count));
      dataset.workforce.forEach((group, row) => {
        expect(bars[row]!.getAttribute("data-row")).toBe(String(row));
        expect(lengths[row]! / Math.max(...lengths)).toBeCloseTo(group.count / largest, 5);
        const label = `${group.approximate ? "about " : ""}${group.count.toLocaleString("en-GB")}`;
        expect(texts(svg)).toContain(label);
        expect(texts(svg).join(" ")).toContain(group.label.split(" ")[0]);
      });
    },
  );

  it.each(VARIANTS)("sets no breach figure or rate against the headcounts, and says why ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const words = texts(svg).join(" ");
    expect(words).not.toMatch(/per thousand|\brate\b|breaches divided/i);
    expect(svg.querySelectorAll(DATUM_SELECTOR).length).toBe(dataset.workforce.length);
    expect(words).toMatch(/Our sources report no split of the breaches by role/);
    expect(phraseText(chart.takeaway(dataset))).not.toMatch(/\d/);
    expect(chart.title).not.toMatch(/per|rate/i);
  });

  it("has a table with each headcount as reported, and nothing computed", () => {
    const { columns, rows } = chart.table(dataset);
    expect(columns.map((column) => column.key)).toEqual(["group", "employees", "approximate"]);
    expect(rows).toEqual(
      dataset.workforce.map((group) => ({
        group: group.label,
        employees: group.count,
        approximate: group.approximate ? "yes" : "no",
      })),
    );
    const description = chart.describe(dataset);
    for (const group of dataset.workforce) expect(description).toContain(group.label);
    expect(chart.notes(dataset).map(phraseText).join(" ")).toMatch(/how many involved each group is not known/);
  });
});

describe("national chart", () => {
  const chart = chartById("national");
  const total = dataset.national.find((row) => row.measure === "total")!;
  const outcomes = dataset.national.filter((row) => row.measure === "outcome");
  const forces = dataset.national.filter((row) => row.measure === "force");
  const period = dataset.periods.find((candidate) => candidate.id === "bbw-2011-2015")!;

  it.each(VARIANTS)("draws every listed outcome and force with its count and reported share ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const words = texts(svg);
    for (const row of [...outcomes, ...forces]) {
      const bar = svg.querySelector(`[data-datum="${row.id}"]`)!;
      expect(bar.parentElement!.getAttribute("fill")).toMatch(/^#/);
      const value = row.count.toLocaleString("en-GB");
      expect(words).toContain(row.reported_percent === null ? value : `${value} (${row.reported_percent}%)`);
      expect(words.join(" ")).toContain(row.label);
    }
    // One scale for both panels: bar lengths are proportional to counts.
    const widthOf = (id: string) => length(svg.querySelector(`[data-datum="${id}"]`)!, "width");
    const [first, second] = [outcomes[0]!, forces[0]!];
    expect(widthOf(first.id) / widthOf(second.id)).toBeCloseTo(first.count / second.count, 2);
  });

  it.each(VARIANTS)("draws only reported figures: no computed remainder of the total ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const listed = outcomes.reduce((sum, row) => sum + row.count, 0);
    const remainder = total.count - listed;
    expect(remainder).toBeGreaterThan(0);
    const datums = Array.from(svg.querySelectorAll(DATUM_SELECTOR), (mark) => mark.getAttribute("data-datum"));
    expect(datums).toEqual([...outcomes, ...forces].map((row) => row.id));
    expect(texts(svg).join(" ")).not.toContain(remainder.toLocaleString("en-GB"));
    expect(chart.notes(dataset).map(phraseText).join(" ")).toMatch(/do not add up to the total/);
  });

  it.each(VARIANTS)("says in the chart itself that the period and definition differ ($name)", ({ width }) => {
    const svg = parsed(markup(chart, width));
    const words = texts(svg).join(" ");
    const day = (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    expect(words).toContain(day(period.start));
    expect(words).toContain(day(period.end));
    expect(words).toMatch(/different period and definition/);
    expect(words).toMatch(/not a like-for-like comparison/);
    expect(chart.title).toMatch(/different period/);
    expect(chart.notes(dataset).map(phraseText).join(" ")).toMatch(/not a like-for-like comparison/);
  });

  it("has a table with every count and share as the data says, and nothing computed", () => {
    const { columns, rows } = chart.table(dataset);
    expect(columns.map((column) => column.key)).toEqual(["section", "label", "breaches", "reported_percent"]);
    for (const row of [...outcomes, ...forces]) {
      expect(rows.find((candidate) => candidate.label === row.label)).toMatchObject({
        breaches: row.count,
        reported_percent: row.reported_percent,
      });
    }
    expect(rows.length).toBe(outcomes.length + forces.length + 1);
    expect(rows.at(-1)).toMatchObject({ section: "Total", breaches: total.count });
    const description = chart.describe(dataset);
    for (const row of [...outcomes, ...forces]) expect(description).toContain(row.label);
  });
});

describe("escaping", () => {
  // Generated data for this test only: every table's text fields carry markup and entities.
  const hostile = `<script>alert("x")</script> & 'Co' &amp; <img src=x onerror=y>`;
  const data: Dataset = structuredClone(dataset);
  data.outcomes[0]!.label = hostile;
  data.cases[0]!.summary = hostile;
  data.categories[0]!.label = hostile;
  data.workforce[0]!.label = hostile;
  data.national.find((row) => row.measure === "force")!.label = hostile;

  it.each(
    CHARTS.flatMap((chart) => VARIANTS.map((variant) => [chart.id, variant.name, chart, variant.width] as const)),
  )("%s (%s) escapes data strings in text and attributes", (_id, _variant, chart, width) => {
    const svgMarkup = markup(chart, width, data);
    expect(svgMarkup).not.toMatch(/<script|<img/);
    // Attribute values hold no raw "&" or "<": valid HTML and XML alike.
    for (const [, value] of svgMarkup.matchAll(/\s[\w:-]+="([^"]*)"/g)) {
      expect(value).not.toMatch(/&(?!amp;|lt;|gt;|quot;)|</);
    }
    const svg = parsed(svgMarkup);
    expect(texts(svg).join(" ")).toContain(hostile);
    // Labels keep the data exactly, after a browser's parse.
    const labels = Array.from(svg.querySelectorAll(DATUM_SELECTOR)).map((mark) => mark.getAttribute("data-label"));
    expect(labels.some((label) => label?.includes(hostile))).toBe(true);
  });
});
