/**
 * Compact unit grids (src/charts/unit-grid.ts): a page's chart markup
 * carries each group of numbered squares as one path, and the browser's
 * expansion gives back exactly the squares the chart function drew, with
 * the same datum, row, label, size and place. Checked for every chart from
 * the real data, and for labels with markup, quotes and
 * counts past a thousand.
 */
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { CHART_MIN_WIDTH } from "../src/charts/chart-frame.ts";
import { fluidChart } from "../src/charts/fluid.ts";
import { DATUM_SELECTOR } from "../src/charts/datum.ts";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import { UNITS_SELECTOR, compactUnits, expandUnits } from "../src/charts/unit-grid.ts";
import { dataset } from "../src/data/dataset.ts";
import { accessibleChartSvg } from "../src/publish/chart-markup.ts";
import { renderToString } from "../src/lib/render-svg.ts";
import { serializeMarkup } from "../src/lib/serialize-markup.ts";

function parsed(markup: string): SVGSVGElement {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  return document.querySelector("svg") as unknown as SVGSVGElement;
}

/** Each datum mark as a comparable record: its group's look, its attributes, coordinates to 0.001 px. */
function marks(svg: Element) {
  return Array.from(svg.querySelectorAll(DATUM_SELECTOR)).map((mark) => {
    const attributes = Object.fromEntries(
      mark
        .getAttributeNames()
        .sort()
        .map((name) => {
          const value = mark.getAttribute(name)!;
          // A bar's x and width are per cent of the chart's width on a page (src/charts/fluid.ts).
          const unit = value.endsWith("%") ? "%" : "";
          return [name, name.startsWith("data-") ? value : `${Math.round(parseFloat(value) * 1000) / 1000}${unit}`];
        }),
    );
    const group = mark.parentElement!;
    // The page drops Plot's aria-label on groups (src/publish/chart-markup.ts); the rest of the group's look stays.
    const look = group
      .getAttributeNames()
      .filter((name) => !name.startsWith("aria-"))
      .map((name) => `${name}=${group.getAttribute(name)}`);
    return { tag: mark.tagName.toLowerCase(), group: look, attributes };
  });
}

describe.each(CHARTS.map((chart) => [chart.id, chart] as const))("%s chart", (_id, chart) => {
  it("rebuilds the drawn marks exactly from the page's markup", () => {
    const drawn = parsed(renderToString((options) => fluidChart(chart.render(dataset, options)), CHART_MIN_WIDTH));
    const page = parsed(accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" }));
    expandUnits(page);
    expect(page.querySelectorAll(UNITS_SELECTOR).length).toBe(0);
    expect(marks(page)).toEqual(marks(drawn));
  });
});

describe("the outcomes chart on a page", () => {
  it("carries every square as one path per group", () => {
    const chart = chartById("outcomes");
    const markup = accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" });
    const page = parsed(markup);
    const drawn = accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d", compact: false });
    expect(page.querySelectorAll(DATUM_SELECTOR).length).toBe(0);
    expect(page.querySelectorAll(UNITS_SELECTOR).length).toBe(dataset.outcomes.length);
    // The picture without a script is the same set of squares, in well under half the bytes sent.
    expect(gzipSync(markup).length).toBeLessThan(gzipSync(drawn).length / 2);
    const uncompacted = parsed(
      accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d", compact: false }),
    );
    expect(uncompacted.querySelectorAll(DATUM_SELECTOR).length).toBe(
      parsed(drawn).querySelectorAll(DATUM_SELECTOR).length,
    );
  });
});

describe("compactUnits", () => {
  /** An SVG with one group of squares, as Plot draws a unit grid. */
  function grid(count: number, label: (n: number) => string, extra = ""): SVGSVGElement {
    const squares = Array.from({ length: count }, (_, i) => {
      const n = i + 998;
      return `<rect data-label="${label(n)}" data-row="3" data-datum="case-${n}-x" rx="2" height="9.5" width="9.5" y="${7.1 + Math.floor(i / 13) * 12.3}" x="${0.35 + (i % 13) * 12.3}"${i === 5 ? extra : ""}/>`;
    });
    return parsed(`<svg><g fill="#123456" stroke="red">${squares.join("")}</g></svg>`);
  }
  const hostile = (n: number) =>
    `&lt;b&gt;Q&amp;A &quot;${n.toLocaleString("en-GB")}&quot; of 1,200 &lt;/g&gt;&lt;script&gt;x()&lt;/script&gt;`;

  it("folds numbered squares with any label text, and the labels come back as text", () => {
    const svg = grid(40, hostile);
    const before = marks(svg);
    expect(before[2]!.attributes["data-label"]).toBe(`<b>Q&A "1,000" of 1,200 </g><script>x()</script>`);
    expect(compactUnits(svg)).toBe(40);
    expect(svg.querySelectorAll("rect").length).toBe(0);
    const markup = serializeMarkup(svg);
    expect(markup).not.toContain("<script");
    expect(markup).not.toContain("<b>");
    const back = parsed(markup);
    expandUnits(back);
    expect(marks(back)).toEqual(before);
  });

  it("leaves a group alone when a square has attributes of its own or the numbers skip", () => {
    const own = grid(20, (n) => `Case ${n}`, ' fill="blue"');
    expect(compactUnits(own)).toBe(0);
    expect(own.querySelectorAll("rect").length).toBe(20);
    const skipping = parsed(
      `<svg><g><rect data-label="Case 1" data-row="0" data-datum="c-1" width="2" height="2" x="0" y="0"/>` +
        `<rect data-label="Case 3" data-row="0" data-datum="c-2" width="2" height="2" x="3" y="0"/></g></svg>`,
    );
    expect(compactUnits(skipping)).toBe(0);
  });
});
