/**
 * The mark src/scripts/chart-explorer.ts leaves once every chart in the page
 * is interactive (an attribute on <html>), for tests and scripts to wait
 * for. Its own module, with no side effects, so Node can import it too.
 */
export const CHARTS_READY_ATTRIBUTE = "data-charts-ready";

/**
 * The mark chart-explorer.ts leaves on a chart's SVG once its touch targets
 * (src/scripts/hit-areas.ts) are placed: at once for a chart on screen, and
 * for one in a section not yet rendered (content-visibility) once it is.
 */
export const TARGETS_READY_ATTRIBUTE = "data-targets-ready";
