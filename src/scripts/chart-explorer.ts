/**
 * Tooltips and keyboard exploration for every chart in the page, added to
 * the SVG the server drew (the chart works as a picture without them).
 *
 * - Mouse: hovering a mark shows its tooltip; the tooltip stays while the
 *   pointer moves onto it (a short grace period bridges the gap).
 * - Touch: tapping a mark shows its tooltip; tapping it again, or anywhere
 *   else, hides it.
 * - Keyboard: each chart is one tab stop (only the displayed drawing can
 *   take focus). Left/Right move to the previous/next mark in reading order,
 *   Up/Down to the nearest mark in the line above/below, Home/End to the
 *   first/last (src/scripts/mark-order.ts); Enter or Space shows the tooltip
 *   again, Escape hides it (so does Escape for a hovered tooltip: WCAG 2.2
 *   SC 1.4.13). The focused mark gets a ring (src/scripts/focus-ring.ts).
 * - Screen readers: the focused chart becomes an application with its
 *   title and description kept; `aria-activedescendant` points at the
 *   focused mark, which gets role="img" and its `data-label` as its name,
 *   so the reader announces each mark as the keyboard reaches it.
 *
 * Text only ever comes from the marks' `data-label` and is set with
 * textContent.
 */
import { DATUM_SELECTOR } from "../charts/datum.ts";
import { createFocusRing } from "./focus-ring.ts";
import { linkHighlight } from "./highlight.ts";
import { marksInReadingOrder, verticalNeighbour } from "./mark-order.ts";
import { createTooltip, type Tooltip } from "./tooltip.ts";

/** How long a hovered tooltip waits before hiding, so the pointer can cross onto it (ms). */
const HIDE_DELAY = 300;

/** Read by screen readers with the chart's own description. */
const KEYBOARD_HINT =
  "Use the left and right arrow keys to move between the data points in reading order, " +
  "up and down to move between lines, Home and End to go to the first and last. " +
  "Escape hides the details.";

/** Class on a chart frame once its charts are interactive (interactive.css). */
export const INTERACTIVE_FRAME_CLASS = "met-chart-frame--interactive";

type Source = "hover" | "touch" | "keyboard";

/** One figure's tooltip, shared by its drawings (only one is displayed at a time). */
interface FrameState {
  tooltip: Tooltip;
  source: Source | null;
  hideTimer: number | undefined;
  /** The pointer type of the last pointerdown in the charts, to tell a tap from a click. */
  pointerType: string;
}

const frames: FrameState[] = [];

function show(state: FrameState, mark: Element, source: Source): void {
  window.clearTimeout(state.hideTimer);
  state.source = source;
  state.tooltip.show(mark);
}

function hide(state: FrameState): void {
  window.clearTimeout(state.hideTimer);
  state.source = null;
  state.tooltip.hide();
}

function hideLater(state: FrameState): void {
  window.clearTimeout(state.hideTimer);
  state.hideTimer = window.setTimeout(() => hide(state), HIDE_DELAY);
}

/** The datum mark an event happened on, if it belongs to `svg`. */
function markOf(target: EventTarget | null, svg: SVGSVGElement): SVGElement | null {
  const mark = target instanceof Element ? target.closest<SVGElement>(DATUM_SELECTOR) : null;
  return mark && svg.contains(mark) ? mark : null;
}

/** Makes one drawing of a chart focusable and explorable. */
function enhanceSvg(svg: SVGSVGElement, state: FrameState, hintId: string): void {
  const marks = marksInReadingOrder(svg);
  if (marks.length === 0) return;
  const ring = createFocusRing(svg);
  const describedBy = svg.getAttribute("aria-describedby");
  // A picture with interactive parts is no longer an image (role="img" hides its children):
  // it becomes an application, so arrow keys reach the script, keeping its name and description.
  svg.setAttribute("role", "application");
  svg.setAttribute("aria-roledescription", "interactive chart");
  svg.setAttribute("aria-describedby", describedBy ? `${describedBy} ${hintId}` : hintId);
  svg.setAttribute("tabindex", "0");
  svg.removeAttribute("focusable");
  const idPrefix = `${describedBy ?? svg.dataset.chart ?? "chart"}-mark-`;
  let active = -1;

  function activate(index: number): void {
    const previous = marks[active];
    if (previous) {
      previous.removeAttribute("role");
      previous.removeAttribute("aria-label");
    }
    active = Math.max(0, Math.min(index, marks.length - 1));
    const mark = marks[active]!;
    if (!mark.id) mark.id = `${idPrefix}${active}`;
    mark.setAttribute("role", "img");
    mark.setAttribute("aria-label", mark.dataset.label ?? "");
    svg.setAttribute("aria-activedescendant", mark.id);
    mark.scrollIntoView({ block: "nearest", inline: "nearest" });
    ring.show(mark);
    show(state, mark, "keyboard");
  }

  const moves: Record<string, (from: number) => number> = {
    ArrowRight: (from) => from + 1,
    ArrowLeft: (from) => from - 1,
    ArrowDown: (from) => verticalNeighbour(boxes(), from, 1),
    ArrowUp: (from) => verticalNeighbour(boxes(), from, -1),
    Home: () => 0,
    End: () => marks.length - 1,
  };
  const boxes = () => marks.map((mark) => mark.getBoundingClientRect());

  svg.addEventListener("focus", () => {
    // Only keyboard focus picks a mark: a click on the chart focuses it too, and the mouse has its own tooltip.
    if (svg.matches(":focus-visible")) activate(Math.max(active, 0));
  });
  svg.addEventListener("blur", () => {
    ring.hide();
    svg.removeAttribute("aria-activedescendant");
    if (state.source === "keyboard") hide(state);
  });
  svg.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      // Start from the mark in focus, else from the one under the pointer, else from the first.
      const hovered = state.tooltip.mark ? marks.indexOf(state.tooltip.mark as SVGElement) : -1;
      activate(active >= 0 ? move(active) : Math.max(hovered, 0));
    } else if ((event.key === "Enter" || event.key === " ") && active >= 0) {
      event.preventDefault();
      show(state, marks[active]!, "keyboard");
    }
  });

  svg.addEventListener("pointerdown", (event) => {
    state.pointerType = event.pointerType;
  });
  svg.addEventListener("pointerover", (event) => {
    const mark = markOf(event.target, svg);
    if (mark && event.pointerType !== "touch") show(state, mark, "hover");
  });
  svg.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch" || state.source !== "hover") return;
    const from = markOf(event.target, svg);
    if (from && from !== markOf(event.relatedTarget, svg)) hideLater(state);
  });
  svg.addEventListener("click", (event) => {
    if (state.pointerType !== "touch") return;
    const mark = markOf(event.target, svg);
    // A second tap on the same mark hides its tooltip; a tap on the chart between marks too.
    if (!mark || (state.tooltip.mark === mark && state.source === "touch")) hide(state);
    else show(state, mark, "touch");
  });
}

/** Makes every drawing of one figure's chart interactive and links its table rows to its marks. */
function enhanceFigure(figure: HTMLElement): void {
  const chartId = figure.dataset.chart ?? "";
  const svgs = Array.from(figure.querySelectorAll<SVGSVGElement>("svg[data-chart]"));
  const frame = svgs[0]?.parentElement;
  if (!frame) return;
  frame.classList.add(INTERACTIVE_FRAME_CLASS);
  const hint = document.createElement("p");
  hint.className = "visually-hidden";
  hint.id = `${figure.id || chartId}-keys`;
  hint.textContent = KEYBOARD_HINT;
  frame.append(hint);
  const state: FrameState = { tooltip: createTooltip(frame), source: null, hideTimer: undefined, pointerType: "" };
  frames.push(state);
  state.tooltip.element.addEventListener("pointerenter", () => window.clearTimeout(state.hideTimer));
  state.tooltip.element.addEventListener("pointerleave", (event) => {
    if (event.pointerType !== "touch" && state.source === "hover") hideLater(state);
  });
  for (const svg of svgs) enhanceSvg(svg, state, hint.id);

  // Each row of "Show the data" stands for the marks whose data-row is its index.
  const rows = Array.from(figure.querySelectorAll<HTMLTableRowElement>("table tbody tr"));
  rows.forEach((row, index) => linkHighlight(row, chartId, new Set([index])));
}

/** Enhances every chart figure in the page. */
export function enhanceCharts(root: ParentNode = document): void {
  for (const figure of Array.from(root.querySelectorAll<HTMLElement>("figure[data-chart]"))) enhanceFigure(figure);
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const state of frames) if (state.tooltip.mark) hide(state);
});

// A tap or click outside a chart's marks and tooltip dismisses its tooltip (taps on a mark are the chart's own).
document.addEventListener(
  "pointerdown",
  (event) => {
    const target = event.target instanceof Node ? event.target : null;
    for (const state of frames) {
      if (!state.tooltip.mark || state.source === "keyboard") continue;
      if (target && state.tooltip.element.contains(target)) continue;
      const mark = target instanceof Element ? target.closest(DATUM_SELECTOR) : null;
      if (mark && state.tooltip.element.parentElement?.contains(mark)) continue;
      hide(state);
    }
  },
  true,
);

// A new window width can swap the displayed drawing or move the mark: place the tooltip again, or drop it.
window.addEventListener("resize", () => {
  for (const state of frames) {
    const mark = state.tooltip.mark;
    if (!mark) continue;
    if (mark.getClientRects().length > 0) state.tooltip.show(mark);
    else hide(state);
  }
});
