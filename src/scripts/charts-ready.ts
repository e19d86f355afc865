/**
 * The mark src/scripts/chart-explorer.ts leaves once every chart in the page
 * is interactive (an attribute on <html>), for tests and scripts to wait
 * for. Its own module, with no side effects, so Node can import it too.
 */
export const CHARTS_READY_ATTRIBUTE = "data-charts-ready";
