/**
 * Data attributes on every mark that stands for a datum, so scripts in the
 * browser (tooltips, keyboard navigation) can describe a mark without
 * redrawing or re-reading the data:
 *
 * - `data-datum`: a stable id of the datum, unique within the chart
 *   (e.g. `formal-action-12`, `case-05`, `officers`);
 * - `data-row`: index (from 0) of the row of the chart's table (the
 *   registry's `table(data).rows`) the datum belongs to;
 * - `data-label`: the datum in words, e.g. "Formal action: case 12 of 208".
 *
 * DATUM_SELECTOR finds them all.
 */
import type { RenderFunction } from "@observablehq/plot";

/**
 * Attribute on a chart's SVG in a page: a JSON array of its table's rows in
 * spoken words (ChartDefinition.groups), which the keyboard, screen readers
 * and tooltips say for a row.
 */
export const GROUPS_ATTRIBUTE = "data-groups";

/** Attribute on a chart's SVG in a page: the noun a row is said with ("Example 3 of 16."; "Group" without it). */
export const GROUP_NOUN_ATTRIBUTE = "data-group-noun";

/** CSS selector of every datum mark in a chart. */
export const DATUM_SELECTOR = "[data-datum]";

/** How one datum is described on its mark. */
export interface DatumAttributes {
  datum: string;
  row: number;
  label: string;
}

/**
 * A Plot render transform that sets the datum attributes on each element the
 * mark draws. Plot draws one element per index entry, in index order, for
 * the marks the charts use (rect, dot with a constant radius, text, bar).
 */
export function withDatumAttributes<T>(
  data: readonly T[],
  describe: (datum: T, index: number) => DatumAttributes,
): RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const group = next!(index, scales, values, dimensions, context);
    if (!group) return group;
    const elements = Array.from(group.children);
    if (elements.length !== index.length) {
      throw new Error(`Expected one element per datum (${index.length}), Plot drew ${elements.length}`);
    }
    elements.forEach((element, position) => {
      const i = index[position]!;
      const { datum, row, label } = describe(data[i]!, i);
      element.setAttribute("data-datum", datum);
      element.setAttribute("data-row", String(row));
      element.setAttribute("data-label", label);
    });
    return group;
  };
}
