/**
 * The order the keyboard visits a chart's marks in, read from the marks
 * themselves (src/charts/datum.ts) so it works for every chart:
 *
 * - reading order (Left/Right, Home/End): the order of the chart's table
 *   (`data-row`), and within one row the order the marks are drawn in (the
 *   charts draw a row's marks left to right, top to bottom). Plot may draw
 *   marks of different layers out of that order, so the page's order alone
 *   would not do.
 * - Up/Down: the mark in the nearest line of marks above or below, closest
 *   horizontally; in a grid that is the square above or below, in a list of
 *   bars the previous or next bar, in the breach-types chart the nearest
 *   case of the previous or next type.
 */

/** A mark's box on screen: any rectangle in one coordinate system will do. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The chart's datum marks in reading order. */
export function marksInReadingOrder(svg: SVGSVGElement): SVGElement[] {
  const marks = Array.from(svg.querySelectorAll<SVGElement>("[data-datum]"));
  const row = (mark: SVGElement) => Number(mark.dataset.row ?? Number.MAX_SAFE_INTEGER);
  // Array.prototype.sort is stable, so marks of one row keep the order they are drawn in.
  return marks.sort((a, b) => row(a) - row(b));
}

/**
 * Index of the mark to move to from `from` when going up (`direction` -1)
 * or down (1): among the marks whose centre lies beyond the current mark's
 * box in that direction, those of the nearest line (centres within half the
 * current mark's height of it), then the one closest horizontally; `from`
 * itself when nothing lies that way.
 */
export function verticalNeighbour(boxes: readonly Box[], from: number, direction: -1 | 1): number {
  const current = boxes[from];
  if (!current) return from;
  const centreX = (box: Box) => box.left + box.width / 2;
  const centreY = (box: Box) => box.top + box.height / 2;
  const here = centreY(current);
  const tolerance = Math.max(current.height / 2, 1);
  const beyond = boxes
    .map((box, index) => ({ index, y: centreY(box), x: centreX(box) }))
    .filter(({ y }) => (direction < 0 ? y < here - tolerance : y > here + tolerance));
  if (beyond.length === 0) return from;
  const nearestY = direction < 0 ? Math.max(...beyond.map(({ y }) => y)) : Math.min(...beyond.map(({ y }) => y));
  const line = beyond.filter(({ y }) => Math.abs(y - nearestY) <= tolerance);
  const x = centreX(current);
  let best = line[0]!;
  for (const candidate of line) {
    if (Math.abs(candidate.x - x) < Math.abs(best.x - x)) best = candidate;
  }
  return best.index;
}
