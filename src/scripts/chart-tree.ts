/**
 * A chart as a tree a keyboard (and a screen reader) can skim, built from
 * what the page already holds: no data of its own, no Plot or D3.
 *
 * - level 0, the chart (its title and takeaway);
 * - level 1, the rows of the chart's "Show the data" table, in table order,
 *   each in spoken words ("Formal action: 208 of the 300 cases, 69.3 per
 *   cent (our calculation). Group 1 of 3."); a row drawn as one mark is
 *   that mark;
 * - then the row's marks (their `data-label`, "Formal action: case 12 of
 *   208"). A row with more marks than a few key presses can cross is split
 *   into runs of consecutive marks ("Formal action: cases 1 to 70 of 208.
 *   Part 1 of 3."),
 *   and runs into smaller runs, as few levels as keep every mark within
 *   MAX_KEYS of the chart (the split is chosen by `splitCost` below).
 *
 * Keys (`navigate`): Enter goes down to the first child, Escape up to the
 * parent; Left/Right move to the previous/next sibling, Home/End to the
 * first/last. At the mark level the siblings are all the marks of the
 * table row, so Left/Right walk a whole group case by case across its runs;
 * Up/Down (in space) are the explorer's, not the tree's.
 */

/** The most key presses any mark may need, from a focused chart. */
export const MAX_KEYS = 12;

export type NavKey = "Enter" | "Escape" | "ArrowLeft" | "ArrowRight" | "Home" | "End";
export const NAV_KEYS: readonly NavKey[] = ["Enter", "Escape", "ArrowLeft", "ArrowRight", "Home", "End"];

export interface NavNode {
  /** 0 the chart, 1 a table row, 2 and deeper runs or marks. */
  level: number;
  label: string;
  parent: NavNode | null;
  children: NavNode[];
  /** The marks (indexes in reading order) the node covers: [first, end). */
  first: number;
  end: number;
  /** The table row, from level 1 down. */
  row: number;
  /** The mark's index, for a mark. */
  mark: number | null;
}

export interface ChartTree {
  root: NavNode;
  /** The mark nodes, by mark index. */
  leaves: NavNode[];
  /** The row nodes, by table row. */
  rows: NavNode[];
}

/** One mark as the page draws it, in reading order (rows ascending). */
export interface TreeMark {
  row: number;
  label: string;
}

const memo = new Map<number, { cost: number; parts: number }>();

/**
 * Worst key presses to reach any of `n` marks once on their parent, and in
 * how many runs to split them (1: the marks themselves are the children).
 * A level of k children costs Enter plus at most floor(k / 2) moves (Home,
 * End and Left/Right meet in the middle).
 */
export function splitCost(n: number): { cost: number; parts: number } {
  const known = memo.get(n);
  if (known) return known;
  let best = { cost: 1 + Math.floor(n / 2), parts: 1 };
  for (let parts = 2; parts <= Math.min(n - 1, 9); parts++) {
    const cost = 1 + Math.floor(parts / 2) + splitCost(Math.ceil(n / parts)).cost;
    if (cost < best.cost) best = { cost, parts };
  }
  memo.set(n, best);
  return best;
}

/** Labels of a run, from its first and last marks: the words they share said once ("case 1 to 70 of 208"). */
export function runLabel(first: string, last: string): string {
  let start = 0;
  while (start < first.length && first[start] === last[start]) start++;
  while (start > 0 && /\d/.test(first[start - 1]!)) start--;
  let tail = 0;
  while (tail < first.length - start && tail < last.length - start && first.at(-1 - tail) === last.at(-1 - tail))
    tail++;
  while (tail > 0 && /\d/.test(first.at(-tail)!)) tail--;
  const cut = (text: string) => text.slice(start, text.length - tail);
  return `${first.slice(0, start)}${cut(first)} to ${cut(last)}${first.slice(first.length - tail)}`;
}

function node(parent: NavNode | null, label: string, first: number, end: number, row: number): NavNode {
  return { level: parent ? parent.level + 1 : 0, label, parent, children: [], first, end, row, mark: null };
}

/** Children of `parent` for the marks [first, end): the marks, or runs of them. */
function fill(parent: NavNode, marks: readonly TreeMark[], leaves: NavNode[]): void {
  const { first, end } = parent;
  const { parts } = splitCost(end - first);
  if (parts === 1) {
    for (let index = first; index < end; index++) {
      const leaf = node(parent, marks[index]!.label, index, index + 1, parent.row);
      leaf.mark = index;
      leaves[index] = leaf;
      parent.children.push(leaf);
    }
    return;
  }
  const size = Math.ceil((end - first) / parts);
  for (let start = first; start < end; start += size) {
    const stop = Math.min(start + size, end);
    const run = node(parent, runLabel(marks[start]!.label, marks[stop - 1]!.label), start, stop, parent.row);
    parent.children.push(run);
    fill(run, marks, leaves);
  }
}

/**
 * The tree of one chart drawing: `rowLabels` (its table's rows in spoken
 * words), `marks` in reading order. A row drawn as one mark is that mark:
 * a leaf at level 1, so the keyboard does not say the same thing twice.
 */
export function buildChartTree(
  chartLabel: string,
  rowLabels: readonly string[],
  marks: readonly TreeMark[],
): ChartTree {
  const root = node(null, chartLabel, 0, marks.length, -1);
  const leaves: NavNode[] = [];
  const rowCount = Math.max(rowLabels.length, ...marks.map((mark) => mark.row + 1));
  let index = 0;
  const rows: NavNode[] = [];
  for (let row = 0; row < rowCount; row++) {
    const first = index;
    while (index < marks.length && marks[index]!.row === row) index++;
    const rowNode = node(root, rowLabels[row] ?? "", first, index, row);
    if (index === first + 1) {
      rowNode.mark = first;
      leaves[first] = rowNode;
    } else if (index > first) fill(rowNode, marks, leaves);
    root.children.push(rowNode);
    rows.push(rowNode);
  }
  return { root, leaves, rows };
}

/** Where `key` takes the focus from `current` (itself when nowhere). */
export function navigate(tree: ChartTree, current: NavNode, key: NavKey): NavNode {
  const { parent } = current;
  if (key === "Enter") return current.children[0] ?? current;
  if (key === "Escape") return parent ?? current;
  if (!parent) return current;
  if (current.mark !== null && current.level > 1) {
    // A mark's siblings are every mark of its table row.
    const row = tree.rows[current.row]!;
    const target = {
      ArrowLeft: current.mark - 1,
      ArrowRight: current.mark + 1,
      Home: row.first,
      End: row.end - 1,
    }[key];
    return target >= row.first && target < row.end ? tree.leaves[target]! : current;
  }
  const siblings = parent.children;
  const at = siblings.indexOf(current);
  const target = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: siblings.length - 1 }[key];
  return siblings[Math.max(0, Math.min(target, siblings.length - 1))]!;
}

/** A label as a sentence: "Formal action: cases 1 to 70 of 208." (a run's first word in the plural). */
export function words(node: NavNode): string {
  const text = node.label.trim().replace(/\b(case|square|example) (\d[\d,]*) to /, "$1s $2 to ");
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * What a listener hears for a node: its words, then for a table row or a
 * run its place among its siblings, with a noun ("Group 1 of 3.", "Part 2
 * of 3."); a mark's words already say where it is ("case 12 of 208").
 */
export function spoken(node: NavNode, rowNoun = "Group"): string {
  if (!node.parent || (node.level > 1 && node.mark !== null)) return words(node);
  const siblings = node.parent.children;
  const noun = node.level === 1 ? rowNoun : "Part";
  return `${words(node)} ${noun} ${siblings.indexOf(node) + 1} of ${siblings.length}.`;
}
