/**
 * Touch targets for a chart: one transparent rectangle per row of the
 * chart's table over the marks that stand for it, at least MIN_TARGET_PX
 * CSS px wide and tall at the size the chart is shown at (WCAG 2.2, 2.5.8),
 * so a finger can pick a group of squares or a bar even where one square is
 * 10 px. The picture does not change: the rectangles are transparent, and
 * only the pointer meets them.
 *
 * A target covers its marks' bounding box; where that is too small it grows,
 * on whichever side overlaps least of other rows' marks, of the targets
 * already placed and of the space outside the drawing (the empty space above
 * a grid, say), and smaller targets lie on top of larger ones, so
 * two squares of "no further action" inside a block of other outcomes stay
 * reachable.
 */
import { toSvgRect, type Rect } from "./focus-ring.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Class of a target rectangle; its `data-row` is the table row it stands for. */
export const HIT_CLASS = "met-hit";

/** The smallest a target may be, in CSS px (WCAG 2.2, 2.5.8 Target Size (Minimum)). */
export const MIN_TARGET_PX = 24;

/** One row's marks. */
export interface RowMarks {
  row: number;
  marks: readonly Element[];
}

const area = (rect: Rect) => Math.max(0, rect.x2 - rect.x1) * Math.max(0, rect.y2 - rect.y1);

function overlap(a: Rect, b: Rect): number {
  return area({
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
    x2: Math.min(a.x2, b.x2),
    y2: Math.min(a.y2, b.y2),
  });
}

/**
 * Where a box too small for a finger grows: the placement that covers the
 * least of `others` and of what lies outside `bounds` (the page may clip
 * it there), centred when all tie.
 */
export function grownBox(box: Rect, side: number, others: readonly Rect[], bounds: Rect): Rect {
  const width = Math.max(box.x2 - box.x1, side);
  const height = Math.max(box.y2 - box.y1, side);
  const dx = width - (box.x2 - box.x1);
  const dy = height - (box.y2 - box.y1);
  let best: Rect = box;
  let bestCost = Infinity;
  for (const fy of [0.5, 1, 0]) {
    for (const fx of [0.5, 1, 0]) {
      const x1 = box.x1 - dx * fx;
      const y1 = box.y1 - dy * fy;
      const candidate = { x1, y1, x2: x1 + width, y2: y1 + height };
      const outside = area(candidate) - overlap(candidate, bounds);
      const cost = others.reduce((sum, other) => sum + overlap(candidate, other), 0) + outside;
      if (cost < bestCost - 1e-6) {
        best = candidate;
        bestCost = cost;
      }
    }
  }
  return best;
}

/** A length attribute in plain user units ("12", "12.5", "12px"), or null (a percentage, an em…). Missing is 0. */
function plainLength(element: Element, name: string): number | null {
  const value = element.getAttribute(name);
  if (value === null) return 0;
  const match = /^\s*(-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?)(?:px)?\s*$/i.exec(value);
  return match ? Number(match[1]) : null;
}

/** Maps (x, y) by the 2-D matrix `m`. */
function mapPoint(m: DOMMatrix, x: number, y: number): { x: number; y: number } {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

/**
 * A mark's box in the SVG's units. A <rect> without a transform of its own, its position and size
 * in plain user units, is read from its attributes, mapped by its parent's matrix (one read per
 * parent): the same box as measuring it on screen, without measuring each of a unit grid's 300
 * squares (slow for SVG, and the most of this step's time on a phone). Attributes, not the SVG
 * length objects: each read of those makes new objects, 300 squares times eight. Any other mark is
 * measured.
 */
function markRect(
  svg: SVGSVGElement,
  mark: Element,
  toSvg: DOMMatrix | undefined,
  parentMatrices: Map<Element, DOMMatrix | null>,
): Rect | null {
  const parent = mark.parentElement;
  if (toSvg && parent instanceof SVGGraphicsElement && mark instanceof SVGRectElement) {
    const x = plainLength(mark, "x");
    const y = plainLength(mark, "y");
    const width = plainLength(mark, "width");
    const height = plainLength(mark, "height");
    // Plain user units only: a percentage (a chart that stretches, src/charts/fluid.ts) is measured instead.
    const plain = x !== null && y !== null && width !== null && height !== null;
    if (plain && !mark.getAttribute("transform")?.trim()) {
      let matrix = parentMatrices.get(parent);
      if (matrix === undefined) {
        const ctm = parent.getScreenCTM();
        matrix = ctm ? toSvg.multiply(ctm) : null;
        parentMatrices.set(parent, matrix);
      }
      if (matrix) {
        const a = mapPoint(matrix, x, y);
        const b = mapPoint(matrix, x + width, y + height);
        return { x1: Math.min(a.x, b.x), y1: Math.min(a.y, b.y), x2: Math.max(a.x, b.x), y2: Math.max(a.y, b.y) };
      }
    }
  }
  return toSvgRect(svg, mark.getBoundingClientRect(), toSvg);
}

/** Whether two boxes share any area. */
function meets(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * Draws (again) the targets of `svg` for `rows`, before `before` (the focus
 * ring, which stays on top). Does nothing while the drawing is not displayed.
 */
export function layoutHitAreas(svg: SVGSVGElement, rows: readonly RowMarks[], before: Element): void {
  const ctm = svg.getScreenCTM();
  const pxPerUnit = ctm ? Math.hypot(ctm.a, ctm.b) : 0;
  if (!pxPerUnit || svg.getBoundingClientRect().width === 0) return;
  for (const old of Array.from(svg.querySelectorAll(`.${HIT_CLASS}`))) old.remove();
  const side = (MIN_TARGET_PX + 0.5) / pxPerUnit;
  const toSvg = ctm?.inverse();
  const parentMatrices = new Map<Element, DOMMatrix | null>();
  // A chart that stretches has no viewBox (src/charts/fluid.ts): its bounds are its own box.
  const viewBox = svg.viewBox.baseVal as DOMRect | null;
  const bounds =
    viewBox && viewBox.width > 0
      ? { x1: viewBox.x, y1: viewBox.y, x2: viewBox.x + viewBox.width, y2: viewBox.y + viewBox.height }
      : toSvgRect(svg, svg.getBoundingClientRect());
  if (!bounds) return;
  const measured = rows
    .filter(({ marks }) => marks.length > 0)
    .map(({ row, marks }) => ({
      row,
      rects: marks
        .map((mark) => markRect(svg, mark, toSvg, parentMatrices))
        .filter((rect): rect is Rect => rect !== null),
    }));
  // In reading order, each target keeps clear of the other rows' marks and of the targets placed before it.
  const targets: { row: number; box: Rect }[] = [];
  for (const { row, rects } of measured) {
    const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    for (const rect of rects) {
      box.x1 = Math.min(box.x1, rect.x1);
      box.y1 = Math.min(box.y1, rect.y1);
      box.x2 = Math.max(box.x2, rect.x2);
      box.y2 = Math.max(box.y2, rect.y2);
    }
    // Only what lies where the target could grow can cost it anything: the rest of a 300-square grid is
    // left out before grownBox weighs each placement against each box.
    const reach = { x1: box.x1 - side, y1: box.y1 - side, x2: box.x2 + side, y2: box.y2 + side };
    const others: Rect[] = [];
    for (const other of measured) {
      if (other.row === row) continue;
      for (const rect of other.rects) if (meets(rect, reach)) others.push(rect);
    }
    for (const target of targets) if (meets(target.box, reach)) others.push(target.box);
    targets.push({ row, box: grownBox(box, side, others, bounds) });
  }
  // Larger first, so a small target drawn later lies on top of a large one around it.
  targets.sort((a, b) => area(b.box) - area(a.box));
  for (const { row, box } of targets) {
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", HIT_CLASS);
    rect.setAttribute("data-row", String(row));
    rect.setAttribute("x", String(box.x1));
    rect.setAttribute("y", String(box.y1));
    rect.setAttribute("width", String(box.x2 - box.x1));
    rect.setAttribute("height", String(box.y2 - box.y1));
    rect.setAttribute("fill", "transparent");
    rect.setAttribute("aria-hidden", "true");
    svg.insertBefore(rect, before);
  }
}
