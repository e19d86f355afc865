/**
 * One tooltip per chart: a text box placed beside a mark, inside the
 * viewport. Its text is set with textContent from the mark's own
 * `data-label`, so it can only ever say what the server rendered.
 */
import type { Box } from "./mark-order.ts";

/** Space kept between the tooltip and the viewport's edges, in px. */
const VIEWPORT_MARGIN = 8;
/** Space between the mark and the tooltip, in px. */
const GAP = 8;

/** Where the tooltip goes, in viewport px. */
export interface Placement {
  left: number;
  top: number;
  /** Which side of the mark it ended up on. */
  side: "above" | "below";
}

/**
 * Places a box of `size` next to `anchor` (both in viewport px): centred on
 * the anchor horizontally, clamped to the viewport; above it when there is
 * room, else below it (flipped), else on whichever side has more room.
 */
export function placeTooltip(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): Placement {
  const maxLeft = viewport.width - VIEWPORT_MARGIN - size.width;
  const centred = anchor.left + anchor.width / 2 - size.width / 2;
  const left = Math.max(VIEWPORT_MARGIN, Math.min(centred, maxLeft));
  const above = anchor.top - GAP - size.height;
  const below = anchor.top + anchor.height + GAP;
  const roomAbove = anchor.top - GAP - VIEWPORT_MARGIN;
  const roomBelow = viewport.height - VIEWPORT_MARGIN - below;
  const side = roomAbove >= size.height || roomAbove >= roomBelow ? "above" : "below";
  return { left, top: side === "above" ? above : below, side };
}

/** A tooltip element and what it currently describes. */
export interface Tooltip {
  element: HTMLElement;
  /** The mark (or, for a group of marks, the element standing for it) it is showing, or null when hidden. */
  readonly mark: Element | null;
  /**
   * Shows `text` (by default the mark's `data-label`) beside `anchor`'s box
   * (by default the mark's own box).
   */
  show(mark: Element, text?: string, anchor?: () => Box): void;
  /** Places the tooltip again (after a resize); false, and hidden, when its anchor is no longer displayed. */
  place(): boolean;
  hide(): void;
}

let count = 0;

/**
 * Creates a hidden tooltip inside `host` (which interactive.css positions,
 * so the tooltip scrolls with the chart).
 */
export function createTooltip(host: HTMLElement): Tooltip {
  const element = document.createElement("div");
  element.className = "met-tooltip";
  element.id = `met-tooltip-${++count}`;
  element.setAttribute("role", "tooltip");
  element.hidden = true;
  host.append(element);
  let current: Element | null = null;
  let anchorBox: () => Box = () => ({ left: 0, top: 0, width: 0, height: 0 });

  function place(): boolean {
    const anchor = anchorBox();
    if (!current || anchor.width + anchor.height === 0) {
      current = null;
      element.hidden = true;
      return false;
    }
    // Measure at the host's left edge, so the previous position cannot squeeze the box.
    element.style.left = "0px";
    element.style.top = "0px";
    const hostBox = host.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
    const placement = placeTooltip(anchor, { width: element.offsetWidth, height: element.offsetHeight }, viewport);
    // Setting style from script is allowed under a strict content security policy; markup never carries it.
    element.style.left = `${placement.left - hostBox.left}px`;
    element.style.top = `${placement.top - hostBox.top}px`;
    element.dataset.side = placement.side;
    return true;
  }

  return {
    element,
    get mark() {
      return current;
    },
    show(mark, text = mark.getAttribute("data-label") ?? "", anchor = () => mark.getBoundingClientRect()) {
      current = mark;
      anchorBox = anchor;
      element.textContent = text;
      element.hidden = false;
      place();
    },
    place,
    hide() {
      current = null;
      element.hidden = true;
    },
  };
}
