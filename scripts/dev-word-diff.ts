/**
 * Which words of a sentence an edit changes, for `/_data-diff/`
 * (dev-data-diff.astro): the editor sees the sentence whole, with only the
 * changed words marked, rather than one sentence struck through and another
 * one to compare it with by eye.
 */

/** A run of text that both versions share, or that only the old or only the new one has. */
export interface WordRun {
  text: string;
  kind: "same" | "removed" | "added";
}

/** Words (letters and digits, with the apostrophes, hyphens, points and commas inside them), spaces, and single marks. */
const TOKEN = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu;

const tokens = (text: string): string[] => text.match(TOKEN) ?? [];

/**
 * The two texts as one sequence of runs: the words they share (a longest
 * common subsequence of their tokens), and between them what only the old
 * text has, then what only the new one has. A figure such as "31,000" or
 * "2.5" is one word, so it changes whole.
 */
export function wordDiff(before: string, after: string): WordRun[] {
  const a = tokens(before);
  const b = tokens(after);
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const runs: WordRun[] = [];
  const push = (text: string, kind: WordRun["kind"]) => {
    const last = runs.at(-1);
    if (last?.kind === kind) last.text += text;
    else runs.push({ text, kind });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(a[i++]!, "same");
      j++;
    } else if (j >= b.length || (i < a.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) push(a[i++]!, "removed");
    else push(b[j++]!, "added");
  }
  return tidy(runs);
}

/**
 * A space alone between two changes reads as part of the change: "<del>208
 * cases</del>" rather than "<del>208</del> <del>cases</del>". Runs of the
 * same kind that this joins are merged, removals before additions.
 */
function tidy(runs: WordRun[]): WordRun[] {
  const out: WordRun[] = [];
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index]!;
    const changedAround = index > 0 && index < runs.length - 1 && runs[index - 1]!.kind !== "same";
    if (run.kind === "same" && /^\s+$/.test(run.text) && changedAround && runs[index + 1]!.kind !== "same") {
      // The space belongs to both sides: once removed, once added.
      out.push({ text: run.text, kind: "removed" }, { text: run.text, kind: "added" });
      continue;
    }
    out.push({ ...run });
  }
  // Gather each stretch of changes into its removed text, then its added text.
  const merged: WordRun[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) merged.push({ text: removed, kind: "removed" });
    if (added) merged.push({ text: added, kind: "added" });
    removed = added = "";
  };
  for (const run of out) {
    if (run.kind === "removed") removed += run.text;
    else if (run.kind === "added") added += run.text;
    else {
      flush();
      merged.push(run);
    }
  }
  flush();
  return merged;
}

/** The old text's runs (what it shares, what the edit removes) and the new text's (what it shares, what the edit adds). */
export function sides(before: string, after: string): { before: WordRun[]; after: WordRun[] } {
  const runs = wordDiff(before, after);
  return { before: runs.filter((run) => run.kind !== "added"), after: runs.filter((run) => run.kind !== "removed") };
}
