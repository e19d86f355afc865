/**
 * The keyboard's place in a chart: a thick ring drawn over the focused mark
 * as an overlay in the SVG. A ring is a shape, not a colour change, so it
 * shows on any fill; interactive.css draws it in the text colour with a thin
 * background-coloured ring inside it, so it also stands out against the
 * mark it surrounds. The SVG's own focus outline shows which chart has focus.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

/** Class of the ring's group (interactive.css). */
export const FOCUS_RING_CLASS = "met-focus-ring";

/** Space between a mark and its ring, in the chart's units: the outer ring, and the background-coloured one inside it. */
const PADDING = { outer: 5, inner: 2.5 } as const;

/** A focus ring for one chart SVG. */
export interface FocusRing {
  element: SVGGElement;
  /** Draws the ring around `mark`, or around a box on screen (a group of marks). */
  show(mark: Element | DOMRectReadOnly): void;
  hide(): void;
}

/** Creates a hidden ring as the last child of `svg`, so it is drawn on top of every mark. */
export function createFocusRing(svg: SVGSVGElement): FocusRing {
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", FOCUS_RING_CLASS);
  group.setAttribute("aria-hidden", "true");
  group.setAttribute("display", "none");
  const outer = document.createElementNS(SVG_NS, "rect");
  outer.setAttribute("class", `${FOCUS_RING_CLASS}-outer`);
  const inner = document.createElementNS(SVG_NS, "rect");
  inner.setAttribute("class", `${FOCUS_RING_CLASS}-inner`);
  group.append(outer, inner);
  svg.append(group);

  return {
    element: group,
    show(mark) {
      // The mark's box on screen, mapped into the SVG's own units: right whatever transform the
      // mark or its groups carry, and whatever size the SVG is displayed at.
      const toSvg = svg.getScreenCTM()?.inverse();
      if (!toSvg) return;
      const box = mark instanceof Element ? mark.getBoundingClientRect() : mark;
      const topLeft = new DOMPoint(box.left, box.top).matrixTransform(toSvg);
      const bottomRight = new DOMPoint(box.right, box.bottom).matrixTransform(toSvg);
      for (const [rect, padding] of [
        [outer, PADDING.outer],
        [inner, PADDING.inner],
      ] as const) {
        rect.setAttribute("x", String(topLeft.x - padding));
        rect.setAttribute("y", String(topLeft.y - padding));
        rect.setAttribute("width", String(bottomRight.x - topLeft.x + 2 * padding));
        rect.setAttribute("height", String(bottomRight.y - topLeft.y + 2 * padding));
        rect.setAttribute("rx", "2");
      }
      group.removeAttribute("display");
    },
    hide() {
      group.setAttribute("display", "none");
    },
  };
}
