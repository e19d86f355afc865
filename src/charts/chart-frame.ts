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

/** The smallest any chart text may be on screen, in CSS px (Chartability's floor for legible text). */
export const MIN_TEXT_PX = 12;

/**
 * The smallest each layout is ever shown at, as a share of the width it is
 * drawn at. The narrow drawing (360) is smallest in the gallery's preview
 * of an embed on a 320 px screen (272 px); the wide one (640) just above
 * VARIANT_BREAKPOINT_PX in the story (528 px). test/chart-text-size.test.ts
 * measures both in Chromium.
 */
export const MIN_DISPLAY_SCALE = { narrow: 272 / 360, wide: 528 / 640 } as const;

/** Type sizes in px at 1:1 scale. */
export interface TypeSizes {
  /** Big direct-label numbers. */
  number: number;
  /** Group and bar labels. */
  label: number;
  /** Keys, notes and secondary labels. */
  small: number;
}

/**
 * Type sizes for a chart drawn at `width`: the smallest text, shown at its
 * layout's smallest scale, still renders at MIN_TEXT_PX or more.
 */
export function chartType(width: number): TypeSizes {
  const small = Math.ceil(MIN_TEXT_PX / MIN_DISPLAY_SCALE[chartVariant(width)]);
  return { number: Math.max(22, small + 6), label: small + 1, small };
}

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
 * rules live in charts.css), sets our class, variant and font, and marks the
 * chart with its id so scripts and tests can find it.
 */
export function finishChart(svg: SVGSVGElement, chartId: string, width: number): SVGSVGElement {
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  svg.removeAttribute("style");
  svg.setAttribute("class", `${CHART_CLASS} ${CHART_CLASS}--${chartVariant(width)}`);
  svg.setAttribute("data-chart", chartId);
  svg.setAttribute("font-family", CHART_FONT);
  svg.setAttribute("font-size", String(chartType(width).label));
  return svg;
}
