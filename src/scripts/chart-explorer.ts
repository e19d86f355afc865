/**
 * Tooltips and keyboard exploration for every chart in the page, added to
 * the SVG the server drew (the chart works as a picture without them).
 *
 * - Mouse: hovering a group of marks (a row of the chart's table: a group of
 *   squares, a bar, a case) outlines it and shows its tooltip; the tooltip
 *   stays while the pointer moves onto it (a short grace period bridges the
 *   gap).
 * - Touch: tapping a group shows its tooltip; tapping it again, or anywhere
 *   else, hides it. Each group answers the pointer in a transparent target
 *   of at least 24 by 24 CSS px (src/scripts/hit-areas.ts).
 * - Keyboard: each chart is one tab stop (only the displayed drawing can
 *   take focus) and a tree (src/scripts/chart-tree.ts): the chart, then the
 *   rows of its "Show the data" table, then each row's marks (in runs when
 *   a row has many). Enter (or Space) goes down a level, Escape up (from
 *   the chart itself it hides everything and leaves focus where it is);
 *   Left/Right move between siblings, Home/End to the first/last; at the
 *   mark level Up/Down move to the nearest mark in the line above/below
 *   (src/scripts/mark-order.ts). The tooltip follows the keyboard, and a
 *   ring (src/scripts/focus-ring.ts) outlines the focused marks.
 *   The keys are explained under every chart.
 * - Screen readers: the focused chart becomes an application named by its
 *   title and described by its description and the keys (the takeaway is
 *   read just before it, in the caption); its drawn text is hidden, since
 *   the description says it all. `aria-activedescendant` points at the
 *   focused node (a mark, or an empty group standing for a row or run),
 *   which gets role="img" and the node's spoken words as its name ("Formal
 *   action: 208 of the 300 cases, 69.3 per cent (our calculation). Group 1
 *   of 3."), so the reader announces each node as the keyboard reaches it.
 *   The tooltip shows the same words without the position, and is never
 *   announced itself (no live region, no description), so nothing is said
 *   twice.

 * Text only ever comes from the marks' `data-label`, the SVG's
 * `data-groups` (each table row in spoken words, ChartDefinition.groups),
 * the figure's title, takeaway and table, and is set with textContent or as
 * an attribute. A
 * unit grid's squares arrive as one path per group with the rule that
 * numbers them (src/charts/unit-grid.ts); they are put back, as the chart
 * function drew them, before anything else.
 */
import { DATUM_SELECTOR, GROUP_NOUN_ATTRIBUTE, GROUPS_ATTRIBUTE } from "../charts/datum.ts";
import { TARGETS_READY_ATTRIBUTE } from "./charts-ready.ts";
import { UNITS_SELECTOR, expandUnitsStepwise } from "../charts/unit-grid.ts";
import { createFocusRing, type FocusRing } from "./focus-ring.ts";
import { HIT_CLASS, layoutHitAreas } from "./hit-areas.ts";
import { linkHighlight } from "./highlight.ts";
import { buildChartTree, navigate, NAV_KEYS, spoken, words, type NavKey, type NavNode } from "./chart-tree.ts";
import { marksInReadingOrder, verticalNeighbour } from "./mark-order.ts";
import { createTooltip, type Tooltip } from "./tooltip.ts";
import { afterFrame, nextTask, untilRendered } from "./when-needed.ts";

/** How long a hovered tooltip waits before hiding, so the pointer can cross onto it (ms). */
const HIDE_DELAY = 300;

/** Shown under each interactive chart, and read by screen readers with the chart's description. */
const KEYBOARD_HINT =
  "Keys: Enter goes into the chart, then into its groups, then to their marks; Escape goes back up. " +
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

/** One figure's tooltip and what it shows. */
interface FrameState {
  tooltip: Tooltip;
  source: Source | null;
  hideTimer: number | undefined;
  /** The pointer type of the last pointerdown in the charts, to tell a tap from a click. */
  pointerType: string;
  /** The ring showing with the tooltip, hidden with it. */
  ring: FocusRing | null;
}

const frames: FrameState[] = [];
/** Lays out each enhanced chart's touch targets again (after a resize). */
const relayouts: (() => void)[] = [];

/** The SVG's `data-groups`: its table rows in spoken words, or none. */
function parseGroups(value: string | null): (string | undefined)[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map((item) => (typeof item === "string" ? item : undefined)) : [];
  } catch {
    return [];
  }
}

function hide(state: FrameState): void {
  window.clearTimeout(state.hideTimer);
  state.source = null;
  state.tooltip.hide();
  state.ring?.hide();
  state.ring = null;
}

function hideLater(state: FrameState): void {
  window.clearTimeout(state.hideTimer);
  state.hideTimer = window.setTimeout(() => hide(state), HIDE_DELAY);
}

/** The touch target (src/scripts/hit-areas.ts) or datum mark an event happened on, if it belongs to `svg`. */
function targetOf(target: EventTarget | null, svg: SVGSVGElement): SVGElement | null {
  const mark = target instanceof Element ? target.closest<SVGElement>(`.${HIT_CLASS}, ${DATUM_SELECTOR}`) : null;
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

/**
 * Makes one drawing of a chart focusable and explorable. Returns what lays out its touch targets,
 * for the caller to run once the page has drawn a frame (measuring the marks straight after this
 * change to the page would force a layout of it mid-task).
 */
function enhanceSvg(svg: SVGSVGElement, state: FrameState, texts: ChartTexts): (() => void) | null {
  const marks = marksInReadingOrder(svg);
  if (marks.length === 0) return null;
  const ring = createFocusRing(svg);
  const describedBy = svg.getAttribute("aria-describedby");
  // A picture with interactive parts is no longer an image (role="img" hides its children):
  // it becomes an application, so arrow keys reach the script, keeping its name and description.
  // The takeaway is not in the description: the caption, read just before the chart, says it.
  svg.setAttribute("role", "application");
  svg.setAttribute("aria-roledescription", "interactive chart");
  svg.setAttribute("aria-describedby", [describedBy, texts.hintId].filter(Boolean).join(" "));
  svg.setAttribute("tabindex", "0");
  // Its drawn words (labels, numbers, the <desc> the description already reads) would be read
  // again, piece by piece, once it is no longer an image: hidden. What holds the marks is no group.
  for (const child of Array.from(svg.children)) {
    if (child.querySelector(DATUM_SELECTOR)) {
      child.removeAttribute("aria-hidden");
      child.setAttribute("role", "none");
    } else if (child !== ring.element) child.setAttribute("aria-hidden", "true");
  }
  const idPrefix = `${describedBy ?? svg.dataset.chart ?? "chart"}-`;
  const rowMarks = texts.rows.map((_, row) => marks.filter((mark) => Number(mark.dataset.row) === row));
  const groups = parseGroups(svg.getAttribute(GROUPS_ATTRIBUTE));
  // A row's words: the chart's own spoken words for it; else its one mark's words; else its table cells.
  const rowLabels = texts.rows.map(
    (cells, row) => groups[row] ?? (rowMarks[row]!.length === 1 ? rowMarks[row]![0]!.dataset.label : null) ?? cells,
  );
  const rowNoun = svg.getAttribute(GROUP_NOUN_ATTRIBUTE) ?? undefined;
  const tree = buildChartTree(
    texts.chart,
    rowLabels,
    marks.map((mark) => ({ row: Number(mark.dataset.row), label: mark.dataset.label ?? "" })),
  );
  const hits = rowMarks.map((list, row) => ({ row, marks: list }));
  const layoutTargets = () => layoutHitAreas(svg, hits, ring.element);
  relayouts.push(() => {
    // After a resize, a chart not rendered now is measured when it is (see untilRendered).
    const rendering = untilRendered(svg);
    if (rendering) void rendering.then(afterFrame).then(layoutTargets);
    else layoutTargets();
  });
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
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", spoken(node, rowNoun));
    announced = element;
    svg.setAttribute("aria-activedescendant", element.id);
    const mark = node.mark !== null ? marks[node.mark]! : null;
    mark?.scrollIntoView({ block: "nearest", inline: "nearest" });
    window.clearTimeout(state.hideTimer);
    state.source = "keyboard";
    showNode(node, element);
  }

  /** Outlines a node's marks and shows its words (without its position) in the tooltip. */
  function showNode(node: NavNode, anchor: Element): void {
    const covered = marks.slice(node.first, node.end);
    if (covered.length > 0) ring.show(covered);
    else ring.hide();
    state.ring = ring;
    state.tooltip.show(anchor, words(node), () => nodeBox(svg, marks, node));
  }

  /** The table row a pointer target stands for, as a node of the tree. */
  function nodeOfTarget(target: SVGElement): NavNode | null {
    return tree.rows[Number(target.dataset.row)] ?? null;
  }

  function pointTo(target: SVGElement, source: Source): void {
    const node = nodeOfTarget(target);
    if (!node) return;
    window.clearTimeout(state.hideTimer);
    state.source = source;
    showNode(node, target);
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
    const target = targetOf(event.target, svg);
    if (target && event.pointerType !== "touch") pointTo(target, "hover");
  });
  svg.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch" || state.source !== "hover") return;
    const from = targetOf(event.target, svg);
    if (from && from !== targetOf(event.relatedTarget, svg)) hideLater(state);
  });
  svg.addEventListener("click", (event) => {
    if (state.pointerType !== "touch") return;
    const target = targetOf(event.target, svg);
    // A second tap on the same group hides its tooltip; a tap on the chart between groups too.
    if (!target || (state.tooltip.mark === target && state.source === "touch")) hide(state);
    else pointTo(target, "touch");
  });
  return layoutTargets;
}

/** A figure's chart drawing, to be made interactive. */
interface Drawing {
  svg: SVGSVGElement;
  state: FrameState;
  texts: ChartTexts;
}

/** Prepares one figure (its frame, tooltip, keyboard hint and table rows) and returns its drawing. */
function prepareFigure(figure: HTMLElement): Drawing | null {
  const chartId = figure.dataset.chart ?? "";
  const svg = figure.querySelector<SVGSVGElement>("svg[data-chart]");
  const frame = svg?.parentElement;
  if (!svg || !frame) return null;
  frame.classList.add(INTERACTIVE_FRAME_CLASS);
  const hint = document.createElement("p");
  hint.className = "met-chart-keys";
  hint.id = `${figure.id || chartId}-keys`;
  hint.textContent = KEYBOARD_HINT;
  frame.append(hint);
  const state: FrameState = {
    tooltip: createTooltip(frame),
    source: null,
    hideTimer: undefined,
    pointerType: "",
    ring: null,
  };
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
  return { svg, state, texts };
}

/** How many of a unit grid's squares one frame puts back (the outcomes chart has 300). */
const SQUARES_PER_FRAME = 100;

/**
 * Puts back a drawing's unit-grid squares (src/charts/unit-grid.ts), SQUARES_PER_FRAME per frame;
 * the group's path draws the squares still to come, so the picture never shows a part. A frame,
 * not a task, between steps: the browser styles and lays out new elements when it next renders, so
 * steps a task apart within one frame would still cost that frame the whole group.
 */
async function expandUnitsInSteps(svg: SVGSVGElement): Promise<void> {
  for (const path of Array.from(svg.querySelectorAll(UNITS_SELECTOR))) {
    const steps = expandUnitsStepwise(document, path, SQUARES_PER_FRAME);
    while (!steps.next().done) await afterFrame();
  }
}

/**
 * Makes one chart figure interactive, one small step per task so that no
 * task keeps the page from answering a tap for long (a slow phone takes
 * about six times a laptop's time for each): the figure, then its drawing's
 * squares put back (src/charts/unit-grid.ts) a hundred per frame, its
 * keyboard and pointer handling in the next, its touch targets after the
 * next frame (for a chart in a section not yet rendered, once it is: its
 * SVG then gets TARGETS_READY_ATTRIBUTE). src/scripts/chart-setup.ts calls
 * it when the figure is first needed.
 */
export async function enhanceFigure(figure: HTMLElement): Promise<void> {
  await nextTask();
  const drawing = prepareFigure(figure);
  if (!drawing) return;
  await nextTask();
  await expandUnitsInSteps(drawing.svg);
  await nextTask();
  const layoutTargets = enhanceSvg(drawing.svg, drawing.state, drawing.texts);
  const placeTargets = () => {
    layoutTargets?.();
    drawing.svg.setAttribute(TARGETS_READY_ATTRIBUTE, "");
  };
  // After a frame, when the page's layout is up to date and reading it costs nothing.
  await afterFrame();
  // A chart not yet rendered answers taps on its marks themselves until it is and its targets are placed.
  const rendering = untilRendered(drawing.svg);
  if (rendering) void rendering.then(afterFrame).then(placeTargets);
  else placeTargets();
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
      const mark = target instanceof Element ? target.closest(`.${HIT_CLASS}, ${DATUM_SELECTOR}`) : null;
      if (mark && state.tooltip.element.parentElement?.contains(mark)) continue;
      hide(state);
    }
  },
  true,
);

// A new window width can stretch the drawing and move the mark: place the tooltip again, or drop it;
// the touch targets are sized again for the size the charts now show at.
let relayoutFrame = 0;
window.addEventListener("resize", () => {
  for (const state of frames) {
    if (state.tooltip.mark && !state.tooltip.place()) hide(state);
  }
  cancelAnimationFrame(relayoutFrame);
  relayoutFrame = requestAnimationFrame(() => relayouts.forEach((relayout) => relayout()));
});
