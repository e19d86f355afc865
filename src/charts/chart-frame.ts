/**
 * What every chart shares: its class names, type sizes, the narrow/wide
 * variant rule, and the finishing step that turns Plot's SVG into ours
 * (no <style> element, no inline style, our class and font).
 */

/** Class on every chart SVG; src/charts/charts.css styles it. */
export const CHART_CLASS = "met-chart";

/**
 * Widths the charts are designed for. Charts are drawn once on the server
 * at a fixed width and scaled by the browser (viewBox, width 100%), so one
 * drawing cannot suit a phone and a desktop column alike: text drawn for
 * 640 px would shrink to half size at 320 px. Each chart therefore has two
 * layouts, chosen by the width it is rendered at: a page renders both and
 * charts.css shows the one that fits (see .met-chart-variants there).
 */
export const CHART_WIDTHS = { narrow: 360, wide: 640 } as const;

/**
 * Where charts.css switches from the wide drawing to the narrow one: the
 * narrow drawing shows below this viewport width (36em at 16 px).
 */
export const VARIANT_BREAKPOINT_PX = 576;

/** The widest charts.css lets the narrow drawing grow (27.5rem at 16 px): at most 1.22 times its drawn size. */
export const NARROW_MAX_DISPLAY_PX = 440;

/** Rendered at this width or less, a chart uses its narrow layout. */
export const NARROW_MAX_WIDTH = 480;

/** Which layout a chart uses at a given width. */
export type ChartVariant = "narrow" | "wide";

export function chartVariant(width: number): ChartVariant {
  return width <= NARROW_MAX_WIDTH ? "narrow" : "wide";
}

/** A sans-serif stack close to the one Plot's text estimates assume (system-ui). */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Type sizes in px at 1:1 scale, chosen to stay at or above about 12 px on screen. */
export const TYPE = {
  /** Big direct-label numbers. */
  number: 22,
  /** Group and bar labels. */
  label: 14,
  /** Keys, notes and secondary labels. */
  small: 13,
} as const;

/** Line height, as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;

/**
 * Plot's SVG made ours: drops the <style> element Plot always adds (a
 * content security policy without 'unsafe-inline' would block it; the same
 * rules live in charts.css), sets our class, variant and font, and marks the
 * chart with its id so scripts and tests can find it.
 */
export function finishChart(svg: SVGSVGElement, chartId: string, width: number): SVGSVGElement {
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  svg.removeAttribute("style");
  svg.setAttribute("class", `${CHART_CLASS} ${CHART_CLASS}--${chartVariant(width)}`);
  svg.setAttribute("data-chart", chartId);
  svg.setAttribute("font-family", CHART_FONT);
  svg.setAttribute("font-size", String(TYPE.label));
  return svg;
}
