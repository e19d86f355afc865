/**
 * Tooltips and keyboard exploration for every chart in the page, added to
 * the SVG the server drew (the chart works as a picture without them).
 *
 * - Mouse: hovering a mark shows its tooltip; the tooltip stays while the
 *   pointer moves onto it (a short grace period bridges the gap).
 * - Touch: tapping a mark shows its tooltip; tapping it again, or anywhere
 *   else, hides it.
 * - Keyboard: each chart is one tab stop (only the displayed drawing can
 *   take focus) and a tree (src/scripts/chart-tree.ts): the chart, then the
 *   rows of its "Show the data" table, then each row's marks (in runs when
 *   a row has many). Enter (or Space) goes down a level, Escape up (from
 *   the chart itself it hides everything and leaves focus where it is);
 *   Left/Right move between siblings, Home/End to the first/last; at the
 *   mark level Up/Down move to the nearest mark in the line above/below
 *   (src/scripts/mark-order.ts). The tooltip follows the keyboard, and a
 *   ring (src/scripts/focus-ring.ts) surrounds the focused mark or group.
 *   The keys are explained under every chart.
 * - Screen readers: the focused chart becomes an application with its
 *   title, takeaway and description kept; `aria-activedescendant` points at
 *   the focused node (a mark, or an empty group standing for a row or run),
 *   which gets role="img" and the node's words as its name, so the reader
 *   announces each node as the keyboard reaches it.

 * Text only ever comes from the marks' `data-label`, the figure's title,
 * takeaway and table, and is set with textContent or as an attribute. A
 * unit grid's squares arrive as one path per group with the rule that
 * numbers them (src/charts/unit-grid.ts); they are put back, as the chart
 * function drew them, before anything else.
 */
import { VARIANT_BREAKPOINT_PX } from "../charts/chart-frame.ts";
import { DATUM_SELECTOR } from "../charts/datum.ts";
import { expandUnits } from "../charts/unit-grid.ts";
import { CHARTS_READY_ATTRIBUTE } from "./charts-ready.ts";
import { createFocusRing } from "./focus-ring.ts";
import { linkHighlight } from "./highlight.ts";
import { buildChartTree, navigate, NAV_KEYS, spoken, type NavKey, type NavNode } from "./chart-tree.ts";
import { marksInReadingOrder, verticalNeighbour } from "./mark-order.ts";
import { createTooltip, type Tooltip } from "./tooltip.ts";

/** How long a hovered tooltip waits before hiding, so the pointer can cross onto it (ms). */
const HIDE_DELAY = 300;

/** Shown under each interactive chart, and read by screen readers with the chart's description. */
const KEYBOARD_HINT =
  "Keys: Enter goes into the chart, then into a row of its table, then to its marks; Escape goes back up. " +
  "The arrow keys move, Home and End go to the first and last.";

/** What the keyboard says about a chart, read from its figure. */
interface ChartTexts {
  /** Title and takeaway. */
  chart: string;
  /** Each row of the chart's table in words. */
  rows: string[];
  takeawayId: string | null;
  hintId: string;
}

/** A table row in words: its first cell, then each other cell with its column ("Formal action — Cases: 208; …"). */
function rowText(row: HTMLTableRowElement, headers: readonly string[]): string {
  const cells = Array.from(row.cells);
  const said = (cell: HTMLTableCellElement) =>
    cell.classList.contains("empty") ? "" : (cell.textContent ?? "").trim();
  const rest = cells
    .slice(1)
    .map((cell, index) => [headers[index + 1], said(cell)])
    .filter(([, value]) => value)
    .map(([header, value]) => `${header}: ${value}`);
  return [said(cells[0]!), rest.join("; ")].filter(Boolean).join(" — ");
}

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

/** A box on screen around every mark of a tree node (the chart's own box when it has none). */
function nodeBox(svg: SVGSVGElement, marks: readonly SVGElement[], node: NavNode): DOMRect {
  const boxes = marks.slice(node.first, node.end).map((mark) => mark.getBoundingClientRect());
  if (boxes.length === 0) {
    const { left, top, width } = svg.getBoundingClientRect();
    return new DOMRect(left, top, width, 0);
  }
  const left = Math.min(...boxes.map((box) => box.left));
  const top = Math.min(...boxes.map((box) => box.top));
  const right = Math.max(...boxes.map((box) => box.right));
  const bottom = Math.max(...boxes.map((box) => box.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

/** Makes one drawing of a chart focusable and explorable. */
function enhanceSvg(svg: SVGSVGElement, state: FrameState, texts: ChartTexts): void {
  const marks = marksInReadingOrder(svg);
  if (marks.length === 0) return;
  const ring = createFocusRing(svg);
  const describedBy = svg.getAttribute("aria-describedby");
  // A picture with interactive parts is no longer an image (role="img" hides its children):
  // it becomes an application, so arrow keys reach the script, keeping its name and description.
  svg.setAttribute("role", "application");
  svg.setAttribute("aria-roledescription", "interactive chart");
  svg.setAttribute("aria-describedby", [texts.takeawayId, describedBy, texts.hintId].filter(Boolean).join(" "));
  svg.setAttribute("tabindex", "0");
  svg.removeAttribute("focusable");
  const idPrefix = `${describedBy ?? svg.dataset.chart ?? "chart"}-`;
  const tree = buildChartTree(
    texts.chart,
    texts.rows,
    marks.map((mark) => ({ row: Number(mark.dataset.row), label: mark.dataset.label ?? "" })),
  );
  /** Elements standing for the nodes that are not marks, made when first visited. */
  const proxies = new Map<NavNode, SVGGElement>();
  let current = tree.root;
  let announced: Element | null = null;

  function elementOf(node: NavNode): Element {
    if (node.mark !== null) {
      const mark = marks[node.mark]!;
      if (!mark.id) mark.id = `${idPrefix}mark-${node.mark}`;
      return mark;
    }
    let proxy = proxies.get(node);
    if (!proxy) {
      proxy = document.createElementNS("http://www.w3.org/2000/svg", "g");
      proxy.id = `${idPrefix}node-${proxies.size}`;
      svg.insertBefore(proxy, ring.element);
      proxies.set(node, proxy);
    }
    return proxy;
  }

  function focusNode(node: NavNode): void {
    if (announced) {
      announced.removeAttribute("role");
      announced.removeAttribute("aria-label");
      announced = null;
    }
    current = node;
    if (node === tree.root) {
      // The chart itself: its name and description say it; nothing else shows.
      svg.removeAttribute("aria-activedescendant");
      ring.hide();
      if (state.source === "keyboard") hide(state);
      return;
    }
    const element = elementOf(node);
    const label = spoken(node);
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", label);
    announced = element;
    svg.setAttribute("aria-activedescendant", element.id);
    const box = () => (node.mark !== null ? marks[node.mark]!.getBoundingClientRect() : nodeBox(svg, marks, node));
    const mark = node.mark !== null ? marks[node.mark]! : null;
    mark?.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (node.end > node.first) ring.show(mark ?? box());
    else ring.hide();
    window.clearTimeout(state.hideTimer);
    state.source = "keyboard";
    state.tooltip.show(element, label, box);
  }

  const boxes = () => marks.map((mark) => mark.getBoundingClientRect());

  svg.addEventListener("focus", () => {
    // Focus lands on the chart itself (level 0): its title and takeaway are its name and description.
    current = tree.root;
  });
  svg.addEventListener("blur", () => {
    focusNode(tree.root);
    if (state.source === "keyboard") hide(state);
  });
  svg.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key === " " ? "Enter" : event.key;
    if ((key === "ArrowUp" || key === "ArrowDown") && current.mark !== null) {
      // In space: the nearest mark in the line above or below, of any group.
      event.preventDefault();
      focusNode(tree.leaves[verticalNeighbour(boxes(), current.mark, key === "ArrowUp" ? -1 : 1)]!);
      return;
    }
    if (!(NAV_KEYS as readonly string[]).includes(key)) return;
    if (key === "Escape" && current === tree.root) {
      // Leaving the chart: focus stays on it, with nothing shown (the document's Escape hides the tooltip).
      focusNode(tree.root);
      return;
    }
    event.preventDefault();
    if (key === "Escape") event.stopPropagation();
    const next = navigate(tree, current, key as NavKey);
    // Enter on a mark shows its tooltip again (after Escape from another chart, say).
    focusNode(next);
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

/** Whether `svg` is the layout of a two-layout chart that charts.css does not display at this width. */
function hiddenLayout(svg: SVGSVGElement): boolean {
  if (!svg.parentElement?.classList.contains("met-chart-variants")) return false;
  const narrow = matchMedia(`(max-width: ${VARIANT_BREAKPOINT_PX / 16 - 0.01}em)`).matches;
  return svg.classList.contains(narrow ? "met-chart--wide" : "met-chart--narrow");
}

/** One drawing of a figure's chart, to be made interactive. */
interface Drawing {
  svg: SVGSVGElement;
  state: FrameState;
  texts: ChartTexts;
}

/** Prepares one figure (its frame, tooltip, keyboard hint and table rows) and returns its drawings. */
function prepareFigure(figure: HTMLElement): Drawing[] {
  const chartId = figure.dataset.chart ?? "";
  const svgs = Array.from(figure.querySelectorAll<SVGSVGElement>("svg[data-chart]"));
  const frame = svgs[0]?.parentElement;
  if (!frame) return [];
  frame.classList.add(INTERACTIVE_FRAME_CLASS);
  const hint = document.createElement("p");
  hint.className = "met-chart-keys";
  hint.id = `${figure.id || chartId}-keys`;
  hint.textContent = KEYBOARD_HINT;
  frame.append(hint);
  const state: FrameState = { tooltip: createTooltip(frame), source: null, hideTimer: undefined, pointerType: "" };
  frames.push(state);
  state.tooltip.element.addEventListener("pointerenter", () => window.clearTimeout(state.hideTimer));
  state.tooltip.element.addEventListener("pointerleave", (event) => {
    if (event.pointerType !== "touch" && state.source === "hover") hideLater(state);
  });
  // Each row of "Show the data" stands for the marks whose data-row is its index.
  const rows = Array.from(figure.querySelectorAll<HTMLTableRowElement>("table tbody tr"));
  const headers = Array.from(figure.querySelectorAll("table thead th"), (cell) => (cell.textContent ?? "").trim());
  const text = (selector: string) => figure.querySelector(selector)?.textContent?.trim() ?? "";
  const takeaway = figure.querySelector(".chart-takeaway");
  const texts: ChartTexts = {
    chart: [text(".chart-title"), text(".chart-takeaway")].filter(Boolean).join(". "),
    rows: rows.map((row) => rowText(row, headers)),
    takeawayId: takeaway?.id || null,
    hintId: hint.id,
  };
  rows.forEach((row, index) => linkHighlight(row, chartId, new Set([index])));
  return svgs.map((svg) => ({ svg, state, texts }));
}

/** Lets the browser handle input and paint before the next step (a task of its own for each). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((done) => setTimeout(done, 0));
}

/** Waits until the browser is idle, or two seconds. */
function idle(): Promise<void> {
  return new Promise((done) =>
    typeof requestIdleCallback === "function"
      ? requestIdleCallback(() => done(), { timeout: 2000 })
      : setTimeout(done, 0),
  );
}

/**
 * Makes every chart figure in the page interactive, one small step per task
 * so that no task keeps the page from answering a tap for long (a slow phone
 * takes about four times a laptop's time for each): each figure, then each
 * drawing on screen, its squares put back (src/charts/unit-grid.ts) in one
 * step and its keyboard and pointer handling in the next. The layout that
 * this width does not display comes last, when the browser is idle: which
 * one shows is read from charts.css's breakpoint, not from layout, which
 * would force it mid-script. Sets CHARTS_READY_ATTRIBUTE when done.
 */
export async function enhanceCharts(root: ParentNode = document): Promise<void> {
  const hidden: Drawing[] = [];
  for (const figure of Array.from(root.querySelectorAll<HTMLElement>("figure[data-chart]"))) {
    await nextTask();
    for (const drawing of prepareFigure(figure)) {
      if (hiddenLayout(drawing.svg)) {
        hidden.push(drawing);
        continue;
      }
      await nextTask();
      expandUnits(drawing.svg);
      await nextTask();
      enhanceSvg(drawing.svg, drawing.state, drawing.texts);
    }
  }
  for (const drawing of hidden) {
    await idle();
    expandUnits(drawing.svg);
    enhanceSvg(drawing.svg, drawing.state, drawing.texts);
  }
  document.documentElement.setAttribute(CHARTS_READY_ATTRIBUTE, "");
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
    if (state.tooltip.mark && !state.tooltip.place()) hide(state);
  }
});
