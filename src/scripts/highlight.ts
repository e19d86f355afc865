/**
 * Linked highlighting: something that stands for some rows of a chart's
 * table (a table row, a case in the list, a filter option) brings those
 * rows' marks forward in the chart and dims the rest. Dimming changes
 * lightness, not hue, so it does not rely on colour vision; interactive.css
 * draws it (and drops the fade when the reader prefers reduced motion).
 *
 * Marks are matched by their `data-row` (src/charts/datum.ts), so the
 * script reads the page and never needs the data itself.
 */

/** Class on a chart SVG while some of its marks are highlighted. */
export const HIGHLIGHTING_CLASS = "met-chart--highlighting";
/** Class on each highlighted mark. */
export const HIGHLIGHTED_CLASS = "met-mark--highlighted";

/** The drawing of one chart in the page (each chart is drawn once: src/charts/fluid.ts). */
function chartSvg(chartId: string): SVGSVGElement | undefined {
  return Array.from(document.querySelectorAll<SVGSVGElement>("figure[data-chart] svg[data-chart]")).find(
    (svg) => svg.dataset.chart === chartId,
  );
}

/**
 * Highlights the marks of `rows` in the drawing of chart `chartId`, or
 * clears the highlight when `rows` is null.
 */
export function highlightRows(chartId: string, rows: ReadonlySet<number> | null): void {
  const svg = chartSvg(chartId);
  if (!svg) return;
  svg.classList.toggle(HIGHLIGHTING_CLASS, rows !== null);
  for (const mark of Array.from(svg.querySelectorAll<SVGElement>("[data-datum]"))) {
    mark.classList.toggle(HIGHLIGHTED_CLASS, rows !== null && rows.has(Number(mark.dataset.row)));
  }
}

/** Parses a space-separated list of row indexes, such as `data-highlight-rows="0 4 7"`. */
export function parseRows(value: string | undefined): Set<number> {
  return new Set(
    (value ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((row) => Number.isInteger(row) && row >= 0),
  );
}

interface Source {
  chartId: string;
  rows: ReadonlySet<number>;
}

// The pointer wins over focus, and focus shows again when the pointer leaves, so a keyboard user's
// highlight is not lost when the mouse passes over something else.
let hovered: Source | null = null;
let focused: Source | null = null;
let shown: Source | null = null;

function update(): void {
  const next = hovered ?? focused;
  if (next === shown) return;
  if (shown && shown.chartId !== next?.chartId) highlightRows(shown.chartId, null);
  if (next) highlightRows(next.chartId, next.rows);
  shown = next;
}

/**
 * Makes `element` highlight `rows` of chart `chartId` while the pointer is
 * over it or focus is inside it.
 */
export function linkHighlight(element: HTMLElement, chartId: string, rows: ReadonlySet<number>): void {
  const source: Source = { chartId, rows };
  element.addEventListener("pointerenter", (event) => {
    // A touch leaves no hover to end it, so only a mouse or pen hovers.
    if (event.pointerType === "touch") return;
    hovered = source;
    update();
  });
  element.addEventListener("pointerleave", () => {
    if (hovered === source) hovered = null;
    update();
  });
  element.addEventListener("focusin", () => {
    focused = source;
    update();
  });
  element.addEventListener("focusout", (event) => {
    if (focused === source && !element.contains(event.relatedTarget as Node | null)) focused = null;
    update();
  });
}

/**
 * Wires every element that declares `data-highlight-chart` and
 * `data-highlight-rows` inside `root`.
 */
export function linkDeclaredHighlights(root: ParentNode = document): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("[data-highlight-chart]"))) {
    linkHighlight(element, element.dataset.highlightChart ?? "", parseRows(element.dataset.highlightRows));
  }
}
