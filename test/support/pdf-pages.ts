/**
 * What each page of a PDF that Chromium printed (page.pdf) draws, read
 * from the PDF itself with no PDF library: how many glyph runs and marks it
 * draws and how far down the page its ink reaches. Enough to count pages and
 * to find a blank or nearly empty one; it understands the small part of the
 * PDF content-stream language that Skia writes (q/Q, cm, BT/Tm/Td/Tj/TJ,
 * re, m/l/c, rg), not PDF in general.
 */
import { inflateSync } from "node:zlib";

/** One printed page. */
export interface PdfPage {
  /** Text-showing operations (Tj/TJ) on the page. */
  textRuns: number;
  /** Filled or stroked shapes in a colour other than white (rules, chart marks). */
  marks: number;
  /** Top and bottom of everything drawn, as shares of the page height (0 = top edge). */
  top: number;
  bottom: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied after m2, as PDF's `cm` concatenates (new CTM = m1 x CTM). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function streamOf(object: string): string {
  const start = object.indexOf("stream") + "stream".length;
  const from = start + (object[start] === "\r" ? 2 : 1);
  const raw = Buffer.from(object.slice(from, object.lastIndexOf("endstream")), "latin1");
  try {
    return inflateSync(raw).toString("latin1");
  } catch {
    return raw.toString("latin1");
  }
}

/** Reads one page's content stream. `height` is the page's height in PDF points. */
function readPage(content: string, height: number): PdfPage {
  const tokens = content.match(/<[0-9A-Fa-f\s]*>|\[[^\]]*\]|\/[^\s/<>[\]()]+|[^\s<>[\]/]+/g) ?? [];
  const stack: { ctm: Matrix; white: boolean }[] = [];
  let ctm: Matrix = IDENTITY;
  let white = false;
  let textLine: Matrix = IDENTITY;
  let operands: string[] = [];
  let path: [number, number][] = [];
  let textRuns = 0;
  let marks = 0;
  let top = Infinity;
  let bottom = -Infinity;
  const ink = (points: [number, number][]) => {
    for (const [x, y] of points) {
      const [, pageY] = apply(ctm, x, y);
      // PDF's y grows upwards from the bottom edge.
      const fromTop = Math.min(1, Math.max(0, (height - pageY) / height));
      top = Math.min(top, fromTop);
      bottom = Math.max(bottom, fromTop);
    }
  };
  const numbers = () => operands.map(Number);
  for (const token of tokens) {
    if (/^[-+.\d]/.test(token) || token.startsWith("/") || token.startsWith("<") || token.startsWith("[")) {
      operands.push(token);
      continue;
    }
    switch (token) {
      case "q":
        stack.push({ ctm, white });
        break;
      case "Q":
        ({ ctm, white } = stack.pop() ?? { ctm: IDENTITY, white: false });
        break;
      case "cm":
        ctm = multiply(numbers() as Matrix, ctm);
        break;
      case "rg":
        white = numbers().every((value) => value >= 0.99);
        break;
      case "BT":
        textLine = IDENTITY;
        break;
      case "Tm":
        textLine = numbers() as Matrix;
        break;
      case "Td": {
        const [tx = 0, ty = 0] = numbers();
        textLine = multiply([1, 0, 0, 1, tx, ty], textLine);
        break;
      }
      case "Tj":
      case "TJ": {
        textRuns += 1;
        const [x, y] = apply(textLine, 0, 0);
        ink([[x, y]]);
        break;
      }
      case "re": {
        const [x = 0, y = 0, w = 0, h = 0] = numbers();
        path.push([x, y], [x + w, y + h]);
        break;
      }
      case "m":
      case "l": {
        const [x = 0, y = 0] = numbers();
        path.push([x, y]);
        break;
      }
      case "c": {
        const [, , , , x = 0, y = 0] = numbers();
        path.push([x, y]);
        break;
      }
      // A path counts once it is painted, in a colour other than white; one that only clips ("W n") does not.
      case "f":
      case "F":
      case "f*":
      case "S":
      case "s":
      case "B":
      case "B*":
      case "b":
      case "b*":
        if (!white && path.length) {
          marks += 1;
          ink(path);
        }
        path = [];
        break;
      case "n":
        path = [];
        break;
      default:
        break;
    }
    operands = [];
  }
  return {
    textRuns,
    marks,
    top: Number.isFinite(top) ? top : 1,
    bottom: Number.isFinite(bottom) ? bottom : 0,
  };
}

/** The pages of a PDF, in order. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const text = pdf.toString("latin1");
  const objects = new Map<number, string>();
  for (const match of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(match[1]), match[2]!);
  // Pages in reading order: the page tree's /Kids from its root (the /Pages object with no /Parent).
  const kids = (object: string) => [...(/\/Kids\s*\[([^\]]*)\]/.exec(object)?.[1] ?? "").matchAll(/(\d+) 0 R/g)];
  const ordered = (id: number): string[] => {
    const object = objects.get(id) ?? "";
    return /\/Type\s*\/Pages\b/.test(object) ? kids(object).flatMap(([, kid]) => ordered(Number(kid))) : [object];
  };
  const root = [...objects.entries()].find(
    ([, object]) => /\/Type\s*\/Pages\b/.test(object) && !/\/Parent/.test(object),
  );
  if (!root) throw new Error("The PDF has no page tree");
  return ordered(root[0])
    .filter((object) => /\/Type\s*\/Page\b/.test(object))
    .map((object) => {
      const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(object);
      const height = box ? Number(box[4]) - Number(box[2]) : 842;
      const contents = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(object)?.[1] ?? "").matchAll(/(\d+) 0 R/g)];
      const content = contents.map(([, id]) => streamOf(objects.get(Number(id)) ?? "")).join("\n");
      return readPage(content, height);
    });
}
