/**
 * Direct labels placed in pixels: charts lay their text out themselves (so
 * labels wrap and stack to fit a narrow phone as well as a desktop column)
 * and Plot draws it, escaping every string. Charts using these marks set
 * identity x and y scales.
 */
import * as Plot from "@observablehq/plot";
import { group } from "d3";
import { LINE_HEIGHT } from "./chart-frame.ts";
import { wrapText } from "./text-metrics.ts";

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
}

/** Opacity of muted text over the page colour. */
const MUTED_OPACITY = 0.75;

/** Plot text marks for the lines, one mark per combination of styles. */
export function textMarks(lines: readonly TextLine[]): Plot.Markish[] {
  const byStyle = group(lines, (line) =>
    [line.size, line.bold, line.italic, line.anchor ?? "start", line.muted].join("|"),
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
    });
  });
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
