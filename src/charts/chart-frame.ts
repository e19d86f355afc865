/**
 * What every chart shares: its class names, type sizes, the width it is
 * laid out for, and the finishing step that turns Plot's SVG into ours
 * (no <style> element, no inline style, our class and font).
 */

/** Class on every chart SVG; src/charts/charts.css styles it. */
export const CHART_CLASS = "met-chart";

/**
 * The narrowest a page shows a chart: the gallery's preview of an embed on
 * a 320 px screen (the story's column is 288 px there). A page's chart is
 * one drawing laid out for this width, whose text (constant px sizes, never
 * scaled) wraps to fit it and whose bars and rules stretch with the page
 * (src/charts/fluid.ts): the same drawing reads from a 320 px phone to a
 * 1280 px desktop with no second layout.
 */
export const CHART_MIN_WIDTH = 272;

/**
 * The width the share images and their text versions draw a chart at
 * (src/publish/chart-image.ts): a fixed-size picture, not a page.
 */
export const CHART_IMAGE_WIDTH = 640;

/**
 * Below this viewport width an embed is in a phone-width frame: its foot's
 * links share a line (src/layouts/Embed.astro, 35.99em) and a plain
 * iframe takes its phone height (src/publish/embed-snippet.ts).
 */
export const PHONE_BREAKPOINT_PX = 576;

/**
 * The page's UI face (--font-ui in src/styles/global.css), which Plot's text estimates assume
 * (system-ui): a short stack, as every family a system lacks is a lookup before text is laid out.
 */
export const CHART_FONT = "system-ui, sans-serif";

/** The smallest any chart text may be on screen, in CSS px (Chartability's floor for legible text). */
export const MIN_TEXT_PX = 12;

/** Type sizes in px. */
export interface TypeSizes {
  /** Big direct-label numbers. */
  number: number;
  /** Group and bar labels. */
  label: number;
  /** Keys, notes and secondary labels. */
  small: number;
}

/**
 * Type sizes, in CSS px as shown: a page's chart is never scaled (no
 * viewBox; src/charts/fluid.ts), so the smallest is MIN_TEXT_PX or more at
 * every width. The big numbers stay at or under the figure title's size.
 */
export const CHART_TYPE: TypeSizes = { number: 22, label: 15, small: 13 };

/**
 * Class on a Plot mark whose horizontal extent is a share of the chart's
 * width (a bar's length, a rule across the chart): src/charts/fluid.ts
 * turns its x positions and widths into percentages. Every other mark keeps
 * its px, from the left edge (text, unit squares, keys).
 */
export const FLUID_CLASS = "met-chart-fluid";

/**
 * How a datum mark is drawn when the reader forces their own colours
 * (Windows High Contrast; charts.css): groups that differ by hue in the
 * chart's own colours differ by shape there, filled, outlined or outlined
 * in dashes, in the system's text colour.
 */
export const FORCED_CLASS = {
  solid: "met-forced-solid",
  outline: "met-forced-outline",
  dashed: "met-forced-dashed",
} as const;

/** Line height, as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;

/**
 * Plot's SVG made ours: drops the <style> element Plot always adds (a
 * content security policy without 'unsafe-inline' would block it; the same
 * rules live in charts.css), sets our class and font, and marks the chart
 * with its id so scripts and tests can find it.
 */
export function finishChart(svg: SVGSVGElement, chartId: string): SVGSVGElement {
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  svg.removeAttribute("style");
  svg.setAttribute("class", CHART_CLASS);
  svg.setAttribute("data-chart", chartId);
  svg.setAttribute("font-family", CHART_FONT);
  svg.setAttribute("font-size", String(CHART_TYPE.label));
  return svg;
}
