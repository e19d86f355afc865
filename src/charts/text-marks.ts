/**
 * Direct labels placed in pixels: charts lay their text out themselves (so
 * labels wrap and stack to fit a narrow phone as well as a desktop column)
 * and Plot draws it, escaping every string. Charts using these marks set
 * identity x and y scales.
 */
import * as Plot from "@observablehq/plot";
import { group } from "d3";
import { LINE_HEIGHT } from "./chart-frame.ts";
import { textWidth, wrapText } from "./text-metrics.ts";

/** One line of text, positioned by the vertical middle of its line box. */
export interface TextLine {
  x: number;
  /** Middle of the line box, in px. */
  y: number;
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  anchor?: "start" | "middle" | "end";
  /** Secondary text: the page's text colour, a little lighter (still over 7:1 on both themes). */
  muted?: boolean;
  /** A value set in bold right after the text, on the same line ("Police staff about 13,000"). */
  value?: string;
  /** What the line is when it labels no marks: a heading over a run of them, or a note (TEXT_ROLE_CLASS). */
  role?: keyof typeof TEXT_ROLE_CLASS;
}

/**
 * Classes on the text marks that label no marks of their own: a heading
 * over a run of bars, and an intro or note. A share card reads the chart's
 * words by them (src/publish/share-marks.ts); every other line labels the
 * marks drawn under it.
 */
export const TEXT_ROLE_CLASS = { heading: "met-chart-heading", note: "met-chart-note" } as const;

/** Opacity of muted text over the page colour. */
const MUTED_OPACITY = 0.75;

/** Plot text marks for the lines, one mark per combination of styles. */
export function textMarks(lines: readonly TextLine[]): Plot.Markish[] {
  const byStyle = group(lines, (line) =>
    [line.size, line.bold, line.italic, line.anchor ?? "start", line.muted, line.role].join("|"),
  );
  return Array.from(byStyle.values(), (styled) => {
    const [first] = styled as [TextLine];
    return Plot.text(styled, {
      x: "x",
      y: "y",
      text: "text",
      fontSize: first.size,
      fontWeight: first.bold ? "bold" : undefined,
      fontStyle: first.italic ? "italic" : undefined,
      textAnchor: first.anchor ?? "start",
      lineAnchor: "middle",
      fill: "currentColor",
      fillOpacity: first.muted ? MUTED_OPACITY : undefined,
      className: first.role ? TEXT_ROLE_CLASS[first.role] : undefined,
      render: withValues(styled),
    });
  });
}

/**
 * A Plot render transform that sets each line's value (if it has one) after
 * its text as a bold <tspan>, so the browser places it exactly where the
 * text ends, whatever the font. Text is set with textContent (escaped).
 */
function withValues(lines: readonly TextLine[]): Plot.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const group = next!(index, scales, values, dimensions, context);
    if (!group) return group;
    Array.from(group.children).forEach((element, position) => {
      const value = lines[index[position]!]?.value;
      if (value === undefined) return;
      const tspan = context.document.createElementNS("http://www.w3.org/2000/svg", "tspan");
      tspan.setAttribute("font-weight", "bold");
      // A space in the words, so the line reads (and copies) as two words; dx widens it a little.
      tspan.setAttribute("dx", `${VALUE_GAP - SPACE_EM}em`);
      tspan.textContent = ` ${value}`;
      element.append(tspan);
    });
    return group;
  };
}

/** Where a paragraph starts and how it is set. */
export interface ParagraphStyle {
  x: number;
  /** Top of the first line box, in px. */
  top: number;
  /** Wrap width in px. */
  width: number;
  size: number;
  bold?: boolean;
  italic?: boolean;
  anchor?: "start" | "middle" | "end";
  muted?: boolean;
  role?: TextLine["role"];
}

/** Text wrapped into lines from `top` down; `bottom` is where the last line box ends. */
export function paragraph(text: string, style: ParagraphStyle): { lines: TextLine[]; bottom: number } {
  const { x, top, width, size, ...rest } = style;
  const lineBox = size * LINE_HEIGHT;
  const lines = wrapText(text, width, size, style.bold).map((line, i) => ({
    ...rest,
    x,
    y: top + lineBox * (i + 0.5),
    text: line,
    size,
  }));
  return { lines, bottom: top + lineBox * lines.length };
}

/** Where a label and its value start, how wide they may run, and their size. */
export interface LabelledValueStyle {
  x: number;
  top: number;
  width: number;
  size: number;
}

/**
 * A label in regular type with its value in bold after it ("Police staff
 * about 13,000"): on the label's last line when both fit the width, else on
 * a line of its own. `bottom` is where the last line box ends.
 */
export function labelledValue(
  label: string,
  value: string,
  style: LabelledValueStyle,
): { lines: TextLine[]; bottom: number } {
  const { x, top, width, size } = style;
  const name = paragraph(label, { x, top, width, size });
  const last = name.lines.at(-1)!;
  const after = textWidth(last.text, size) + VALUE_GAP * size;
  if (after + textWidth(value, size, true) <= width) {
    return { lines: [...name.lines.slice(0, -1), { ...last, value }], bottom: name.bottom };
  }
  const own = paragraph(value, { x, top: name.bottom, width, size, bold: true });
  return { lines: [...name.lines, ...own.lines], bottom: own.bottom };
}

/** Space between a label and its value on one line, in ems; a space is about SPACE_EM of it. */
const VALUE_GAP = 0.45;
const SPACE_EM = 0.29;
