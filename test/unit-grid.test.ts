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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./support/browser.ts";
import { CHART_MIN_WIDTH } from "../src/charts/chart-frame.ts";
import { fluidChart } from "../src/charts/fluid.ts";
import { DATUM_SELECTOR } from "../src/charts/datum.ts";
import { CHARTS, chartById } from "../src/charts/registry.ts";
import {
  UNITS_SELECTOR,
  compactUnits,
  expandUnits,
  expandUnitsStepwise,
  unitCorners,
  type UnitsSpec,
} from "../src/charts/unit-grid.ts";
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

  it("puts the squares back a batch per step, the picture whole after every step", () => {
    const drawn = parsed(renderToString((options) => fluidChart(chart.render(dataset, options)), CHART_MIN_WIDTH));
    const markup = accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" });
    const page = parsed(markup);
    const whole = parsed(markup);
    expandUnits(whole);
    const corners = (group: Element) =>
      Array.from(group.querySelectorAll("rect[data-datum]"), (square) => ({
        x: Number(square.getAttribute("x")),
        y: Number(square.getAttribute("y")),
      }));
    const batch = 37;
    for (const path of Array.from(page.querySelectorAll(UNITS_SELECTOR))) {
      const group = path.parentElement!;
      // The same group in the page expanded at once: groups are not added or removed by expanding.
      const all = corners(whole.querySelectorAll("g")[Array.from<Element>(page.querySelectorAll("g")).indexOf(group)]!);
      const spec = { size: JSON.parse(path.getAttribute("data-units")!)[1] } as UnitsSpec;
      let steps = 0;
      const stepwise = expandUnitsStepwise(page.ownerDocument, path, batch);
      while (!stepwise.next().done) {
        steps += 1;
        const placed = corners(group);
        // The squares placed so far, then what the path still draws: every square of the group, in order, once.
        const rest = path.isConnected ? unitCorners(path.getAttribute("d")!, spec) : [];
        expect(placed.length).toBe(Math.min(steps * batch, all.length));
        expect([...placed, ...rest]).toEqual(all);
        expect(group.querySelectorAll("use").length).toBe(0);
      }
      expect(steps).toBe(Math.ceil(all.length / batch));
      expect(path.isConnected).toBe(false);
    }
    expect(page.querySelectorAll(UNITS_SELECTOR).length).toBe(0);
    expect(marks(page)).toEqual(marks(drawn));
  });

  it("anchors every text where the chart drew it, without focusable or a text-anchor on every group", () => {
    const drawn = parsed(renderToString((options) => fluidChart(chart.render(dataset, options)), CHART_MIN_WIDTH));
    const page = parsed(accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" }));
    /** Each text's anchor as SVG inherits it (the nearest one that says it; "start" when none does). */
    const anchors = (svg: Element) =>
      Array.from(svg.querySelectorAll("text")).map(
        (text) => text.closest("[text-anchor]")?.getAttribute("text-anchor") ?? "start",
      );
    expect(anchors(page)).toEqual(anchors(drawn));
    expect(page.querySelectorAll('g[text-anchor="start"]').length).toBe(0);
    expect(page.hasAttribute("focusable")).toBe(false);
  });

  it("writes its drawing's numbers to a thousandth of a pixel, as the marks above compare them", () => {
    const page = parsed(accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" }));
    const long = [page, ...Array.from(page.querySelectorAll("*"))].flatMap((element) =>
      element
        .getAttributeNames()
        .filter((name) => !name.startsWith("data-") && !name.startsWith("aria-"))
        .map((name) => element.getAttribute(name)!)
        .filter((value) => /\d\.\d{4}/.test(value)),
    );
    expect(long).toEqual([]);
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

describe("a unit grid's repeated rows on a page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  /** The chart as Chromium paints it with no script, at twice the CSS pixel density. */
  async function pixels(markup: string): Promise<Buffer> {
    const context = await browser.newContext({
      deviceScaleFactor: 2,
      viewport: { width: CHART_MIN_WIDTH, height: 800 },
    });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><body style="margin:0">${markup}</body>`);
    const shot = await page.locator("svg").screenshot();
    await context.close();
    return shot;
  }

  /** Whether two PNGs have the same size, and the largest difference of any channel of any pixel (0 to 255). */
  async function pixelDifference(a: Buffer, b: Buffer): Promise<{ size: boolean; largest: number }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const result = await page.evaluate(
      async ([first, second]) => {
        const decode = async (base64: string) => {
          const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext("2d")!;
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height);
        };
        const [x, y] = [await decode(first!), await decode(second!)];
        if (x.width !== y.width || x.height !== y.height) return { size: false, largest: 255 };
        let largest = 0;
        for (let i = 0; i < x.data.length; i++) largest = Math.max(largest, Math.abs(x.data[i]! - y.data[i]!));
        return { size: true, largest };
      },
      [a.toString("base64"), b.toString("base64")],
    );
    await context.close();
    return result;
  }

  it("and squares' outlines written without spaces before flags and minus signs paint the same pixels", async () => {
    const markup = accessibleChartSvg(chartById("outcomes"), dataset, { labelledBy: "t", descriptionId: "d" });
    expect(markup).toContain(" 0 01-");
    const spaced = markup.replace(/ d="[^"]*"/g, (d) => d.replaceAll(" 0 01", " 0 0 1 ").replace(/(\d)-/g, "$1 -"));
    expect(spaced).not.toContain(" 0 01");
    expect(await pixelDifference(await pixels(markup), await pixels(spaced))).toEqual({ size: true, largest: 0 });
  });

  it("are drawn once and copied, and paint the same pixels as every row drawn out", async () => {
    const chart = chartById("outcomes");
    const markup = accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d" });
    const page = parsed(markup);
    expect(page.querySelectorAll("use").length).toBeGreaterThan(0);
    // The same squares as one path per group with every row in it (no id to copy rows by).
    const drawnOut = parsed(
      accessibleChartSvg(chart, dataset, { labelledBy: "t", descriptionId: "d", compact: false }),
    );
    const squares = drawnOut.querySelectorAll(DATUM_SELECTOR).length;
    expect(compactUnits(drawnOut)).toBe(squares);
    expect(drawnOut.querySelectorAll("use").length).toBe(0);
    expect(markup.length).toBeLessThan(serializeMarkup(drawnOut).length / 2);
    // The same picture: a copied row sits at its place by a transform rather than in the path's own
    // numbers, so a rounded corner's edge pixels may differ by a few levels of 255, nothing more.
    const difference = await pixelDifference(await pixels(markup), await pixels(serializeMarkup(drawnOut)));
    expect(difference.size).toBe(true);
    expect(difference.largest).toBeLessThanOrEqual(4);
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
