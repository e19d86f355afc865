/**
 * A registry chart as accessible SVG markup, drawn on the server. The SVG is
 * an image (role="img") named by the figure's title and described by a
 * <desc> holding the chart's generated text description, so a screen reader
 * hears the same numbers the picture shows.
 *
 * A unit grid's squares travel as one path per group with the rule that
 * numbers them, a row that repeats drawn once and copied (src/charts/unit-grid.ts),
 * so a page carries 300 squares in a few hundred bytes; src/scripts/chart-explorer.ts
 * rebuilds them.
 */
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { DATUM_SELECTOR, GROUP_NOUN_ATTRIBUTE, GROUPS_ATTRIBUTE } from "../charts/datum.ts";
import { CHART_MIN_WIDTH } from "../charts/chart-frame.ts";
import { fluidChart } from "../charts/fluid.ts";
import { compactUnits } from "../charts/unit-grid.ts";
import { renderToString } from "../lib/render-svg.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Ids and text that tie the SVG to its figure. */
export interface ChartMarkupOptions {
  /** Id of the element that names the chart (the figure's title). */
  labelledBy: string;
  /** Id given to the SVG's <desc>; must be unique in the page. */
  descriptionId: string;
  /**
   * Whether groups of numbered squares travel as one path each
   * (src/charts/unit-grid.ts; default true). The picture is the same; the
   * page's chart script puts the squares back before it makes them
   * interactive.
   */
  compact?: boolean;
}

/**
 * The chart's SVG markup: one drawing, laid out for CHART_MIN_WIDTH and
 * stretching with its container (src/charts/fluid.ts). Text is set through the DOM (linkedom escapes it on
 * serialisation), never by string concatenation.
 */
export function accessibleChartSvg(chart: ChartDefinition, data: Dataset, options: ChartMarkupOptions): string {
  return renderToString((chartOptions) => {
    const drawn = chart.render(data, chartOptions);
    // The registry promises an <svg>; Plot returns a <figure> when it adds a legend or title,
    // which would break the role and sizing below, so a wrong element is a build error.
    if (drawn.tagName.toLowerCase() !== "svg") {
      throw new Error(`Chart "${chart.id}" rendered <${drawn.tagName.toLowerCase()}>, expected <svg>`);
    }
    const svg = fluidChart(drawn);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", options.labelledBy);
    svg.setAttribute("aria-describedby", options.descriptionId);
    // No focusable="false": only Internet Explorer and the old Edge put an SVG in the tab order.
    // Inside role="img" the parts are presentational, and Plot's aria-label on plain <g>
    // elements ("rect", "rule") is a prohibited attribute there (axe: aria-prohibited-attr).
    // The figure's title and <desc> carry the names and numbers instead.
    for (const part of Array.from(svg.querySelectorAll("[aria-label], [aria-description]"))) {
      part.removeAttribute("aria-label");
      part.removeAttribute("aria-description");
    }
    // Its drawn words and shapes are the picture; the name and <desc> say them. A role="img" hides
    // them anyway, but not every reader honours that inside an SVG, and the page's chart script
    // makes the chart an application whose marks, not its words, are for the keyboard.
    for (const part of Array.from(svg.children)) part.setAttribute("aria-hidden", "true");
    roundCoordinates(svg);
    startAnchored(svg);
    const desc = chartOptions.document.createElementNS(SVG_NS, "desc");
    desc.setAttribute("id", options.descriptionId);
    desc.textContent = chart.describe(data);
    // Read as the chart's description, not again as text of its own.
    desc.setAttribute("aria-hidden", "true");
    svg.insertBefore(desc, svg.firstChild);
    // The rows in spoken words, for the page's chart script (keyboard, screen readers, tooltips).
    if (chart.groups) {
      const groups = sparseGroups(chart.groups(data), Array.from(svg.querySelectorAll(DATUM_SELECTOR)));
      if (groups) svg.setAttribute(GROUPS_ATTRIBUTE, JSON.stringify(groups));
    }
    if (chart.groupNoun) svg.setAttribute(GROUP_NOUN_ATTRIBUTE, chart.groupNoun(data));
    // Ids for the rows a unit grid draws once and copies, unique in the page as the description's id is.
    if (options.compact ?? true) compactUnits(svg, `${options.descriptionId}-row`);
    return svg;
  }, CHART_MIN_WIDTH);
}

/**
 * A chart's row words as its SVG carries them: null for a row whose one mark already says the same
 * words in its data-label (the chart script says a row's one mark's label when its words are null),
 * and none at all when every row is such a row. The breach-types chart's case summaries are said
 * once in its marks, not a second time in data-groups (issue 25).
 */
export function sparseGroups(groups: string[], marks: Element[]): (string | null)[] | null {
  const labelsByRow = new Map<number, string[]>();
  for (const mark of marks) {
    const row = Number(mark.getAttribute("data-row"));
    labelsByRow.set(row, [...(labelsByRow.get(row) ?? []), mark.getAttribute("data-label") ?? ""]);
  }
  const sparse = groups.map((words, row) => {
    const labels = labelsByRow.get(row) ?? [];
    return labels.length === 1 && labels[0] === words ? null : words;
  });
  return sparse.every((words) => words === null) ? null : sparse;
}

/** A number written with four or more decimals, as Plot's sums leave them (66.10000000000001). */
const LONG_DECIMAL = /\d*\.\d{4,}/g;

/**
 * Writes every number in the drawing's own attributes (not its data-* or aria-* words) to a
 * thousandth of a pixel: 66.10000000000001 is 66.1, 0.16000000000000003em is 0.16em. A thousandth
 * is a five-hundredth of a device pixel at 2x, so the picture is the same, in fewer bytes (issue 25).
 */
export function roundCoordinates(svg: Element): void {
  for (const element of [svg, ...Array.from(svg.querySelectorAll("*"))]) {
    for (const name of element.getAttributeNames()) {
      if (name.startsWith("data-") || name.startsWith("aria-")) continue;
      const value = element.getAttribute(name)!;
      const rounded = value.replace(LONG_DECIMAL, (number) => String(Math.round(Number(number) * 1000) / 1000));
      if (rounded !== value) element.setAttribute(name, rounded);
    }
  }
}

/**
 * Plot writes text-anchor="middle" on the <svg> and "start" on each group of text that starts at
 * its x, which is every group of text in these charts: the <svg> says "start" once instead, and a
 * part that does not say its own anchor and has text is given the "middle" it inherited.
 */
export function startAnchored(svg: Element): void {
  if (svg.getAttribute("text-anchor") !== "middle") return;
  for (const part of Array.from(svg.children)) {
    const anchor = part.getAttribute("text-anchor");
    if (anchor === "start") part.removeAttribute("text-anchor");
    else if (anchor === null && (part.tagName.toLowerCase() === "text" || part.querySelector("text"))) {
      part.setAttribute("text-anchor", "middle");
    }
  }
  svg.setAttribute("text-anchor", "start");
}
