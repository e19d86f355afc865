/**
 * The keyboard's place in a chart: a thick ring drawn over the focused
 * marks as an overlay in the SVG. A ring is a shape, not a colour change, so
 * it shows on any fill; interactive.css draws it in the text colour with a
 * thin background-coloured ring inside it, so it also stands out against the
 * marks it surrounds. The SVG's own focus outline shows which chart has focus.
 *
 * The ring follows the outline of the marks themselves (the union of their
 * boxes, each grown by a little padding), never their bounding box: a run of
 * squares that starts and ends mid-row is outlined as the staircase it is,
 * and no square of another group falls inside it.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

/** Class of the ring's group (interactive.css). */
export const FOCUS_RING_CLASS = "met-focus-ring";

/** Space between a mark and its ring, in the chart's units: the outer ring, and the background-coloured one inside it. */
const PADDING = { outer: 5, inner: 2.5 } as const;

/** A rectangle in the chart's own units. */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The outline of the union of `rects` as path data: each edge where covered
 * and uncovered area meet, merged along straight runs. Coordinates are
 * compressed to the rectangles' edges, so it costs (edges squared), small
 * for the few hundred marks a chart has.
 */
export function unionOutline(rects: readonly Rect[]): string {
  if (rects.length === 0) return "";
  const xs = [...new Set(rects.flatMap((rect) => [rect.x1, rect.x2]))].sort((a, b) => a - b);
  const ys = [...new Set(rects.flatMap((rect) => [rect.y1, rect.y2]))].sort((a, b) => a - b);
  const covered = ys.slice(1).map(() => xs.slice(1).map(() => false));
  for (const rect of rects) {
    for (let j = ys.indexOf(rect.y1); j < ys.indexOf(rect.y2); j++) {
      for (let i = xs.indexOf(rect.x1); i < xs.indexOf(rect.x2); i++) covered[j]![i] = true;
    }
  }
  const at = (i: number, j: number) => covered[j]?.[i] ?? false;
  const round = (value: number) => Math.round(value * 100) / 100;
  const parts: string[] = [];
  // Horizontal edges: between cell rows j-1 and j, runs of columns where exactly one side is covered.
  for (let j = 0; j < ys.length; j++) {
    let start: number | null = null;
    for (let i = 0; i <= xs.length - 1; i++) {
      const edge = i < xs.length - 1 && at(i, j - 1) !== at(i, j);
      if (edge && start === null) start = i;
      if (!edge && start !== null) {
        parts.push(`M${round(xs[start]!)} ${round(ys[j]!)}H${round(xs[i]!)}`);
        start = null;
      }
    }
  }
  // Vertical edges: between cell columns i-1 and i.
  for (let i = 0; i < xs.length; i++) {
    let start: number | null = null;
    for (let j = 0; j <= ys.length - 1; j++) {
      const edge = j < ys.length - 1 && at(i - 1, j) !== at(i, j);
      if (edge && start === null) start = j;
      if (!edge && start !== null) {
        parts.push(`M${round(xs[i]!)} ${round(ys[start]!)}V${round(ys[j]!)}`);
        start = null;
      }
    }
  }
  return parts.join("");
}

/** A focus ring for one chart SVG. */
export interface FocusRing {
  element: SVGGElement;
  /** Draws the ring around the outline of `marks` (elements, or boxes on screen). */
  show(marks: readonly (Element | DOMRectReadOnly)[]): void;
  hide(): void;
}

/**
 * A box on screen mapped into the SVG's own units: right whatever transform it carries and whatever
 * size the SVG shows at. `toSvg`, the inverse of the SVG's screen matrix, can be passed in when
 * many boxes are mapped at once, so the matrix is read once.
 */
export function toSvgRect(
  svg: SVGSVGElement,
  box: DOMRectReadOnly,
  toSvg: DOMMatrix | undefined = svg.getScreenCTM()?.inverse(),
): Rect | null {
  if (!toSvg) return null;
  const topLeft = new DOMPoint(box.left, box.top).matrixTransform(toSvg);
  const bottomRight = new DOMPoint(box.right, box.bottom).matrixTransform(toSvg);
  return { x1: topLeft.x, y1: topLeft.y, x2: bottomRight.x, y2: bottomRight.y };
}

/** Creates a hidden ring as the last child of `svg`, so it is drawn on top of every mark. */
export function createFocusRing(svg: SVGSVGElement): FocusRing {
  const group = document.createElementNS(SVG_NS, "g");
  group.setAttribute("class", FOCUS_RING_CLASS);
  group.setAttribute("aria-hidden", "true");
  group.setAttribute("display", "none");
  const outlines = (["outer", "inner"] as const).map((kind) => {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("class", `${FOCUS_RING_CLASS}-${kind}`);
    // Attributes, not CSS: an outline is never filled and never takes the pointer.
    path.setAttribute("fill", "none");
    path.setAttribute("pointer-events", "none");
    path.setAttribute("vector-effect", "non-scaling-stroke");
    path.setAttribute("stroke-linecap", "square");
    group.append(path);
    return { path, padding: PADDING[kind] };
  });
  svg.append(group);

  return {
    element: group,
    show(marks) {
      const toSvg = svg.getScreenCTM()?.inverse();
      const rects = marks
        .map((mark) => toSvgRect(svg, mark instanceof Element ? mark.getBoundingClientRect() : mark, toSvg))
        .filter((rect): rect is Rect => rect !== null);
      if (rects.length === 0) return;
      for (const { path, padding } of outlines) {
        // Rounded, so that boxes which meet on screen meet exactly here (no hairline gap between them).
        const at = (value: number) => Math.round(value * 100) / 100;
        const grown = rects.map(({ x1, y1, x2, y2 }) => ({
          x1: at(x1 - padding),
          y1: at(y1 - padding),
          x2: at(x2 + padding),
          y2: at(y2 + padding),
        }));
        path.setAttribute("d", unionOutline(grown));
      }
      group.removeAttribute("display");
    },
    hide() {
      group.setAttribute("display", "none");
    },
  };
}
