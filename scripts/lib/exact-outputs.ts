/**
 * Which files of the built site an edit changes, computed rather than
 * guessed: the site is built for the last release (data/release/ in place
 * of data/) and for the working data as `npm run release` would publish it
 * (the real release command, run in the copy), and every file whose bytes
 * differ is listed, grouped by what readers see. site-build.ts makes the
 * copies and keeps each build's file hashes, so a second run is quick.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { TABLE_NAMES } from "../../src/data/schema.ts";
import type { DiffReport } from "./data-diff.ts";
import { BASELINE_FOLDER } from "./baseline.ts";
import { HISTORY_TABLES } from "./release-checks.ts";
import { stageProject } from "./site-build.ts";

export interface OutputChange {
  /** Path of the file in the built site (dist/), such as `og/outcomes.png`. */
  path: string;
  change: "changed" | "added" | "removed";
}

export interface OutputGroup {
  /** What readers see, such as "share images". */
  title: string;
  files: OutputChange[];
}

export interface ExactOutputs {
  /** Every file of the built site whose bytes change, sorted by path. */
  files: OutputChange[];
  groups: OutputGroup[];
  /** How many files the built site has after the release (for "N of M files"). */
  siteFiles: number;
  /** Wall-clock seconds the computation took. */
  seconds: number;
  /** Whether each build came from the cache (.data-diff-cache/) rather than a new build. */
  cached: { release: boolean; edit: boolean };
  /** The release as staged in the copy: `npm run release` and its arguments. */
  staged: string;
}

/** `npm run release` refused the edit: there is no release to build until the editor fixes what it says. */
export class ReleaseRefused extends Error {}

/** Text the staged release writes where the editor's own words will go. */
const STAGED_TEXT = "Staged by npm run data:diff.";

/**
 * The arguments of the `npm run release` that publishes this edit: its kind, a note, and a
 * reason when published values change (the usual release; with --not-a-correction instead
 * no correction would be written). Only the flags live here, so a change of the command's
 * options is made once.
 */
export function releaseArguments(report: DiffReport): string[] {
  if (!report.kind) throw new Error("nothing changed: there is no release to stage");
  return [
    "--kind",
    report.kind,
    "--note",
    STAGED_TEXT,
    // A changed or removed published value needs a correction: the release writes one with these words.
    ...(report.publishedValuesChanged > 0 ||
    report.tables.some((table) => !HISTORY_TABLES.includes(table.table) && table.removed.length > 0)
      ? ["--change", STAGED_TEXT, "--reason", STAGED_TEXT]
      : []),
  ];
}

/** Groups of the built site by what readers see, first match wins. */
const GROUPS: readonly [string, (path: string) => boolean][] = [
  ["story page", (path) => path === "index.html"],
  ["story as text (Markdown)", (path) => path === "story.md"],
  ["case pages", (path) => path.startsWith("cases/")],
  ["share images", (path) => path.startsWith("og/")],
  ["embed pages", (path) => path.startsWith("embed/") || path === "embed.js"],
  ["oEmbed files", (path) => path.startsWith("oembed/")],
  ["chart gallery", (path) => path === "charts/index.html"],
  ["chart downloads (images, text versions, data)", (path) => path.startsWith("data/charts/")],
  ["data page", (path) => path === "data/index.html"],
  ["feed", (path) => path === "data/feed.xml"],
  ["case list data (the story's case explorer)", (path) => path.startsWith("data/cases/")],
  ["table downloads and the data package", (path) => path.startsWith("data/")],
  ["scripts and styles", (path) => path.startsWith("_astro/")],
  ["metadata (security headers, sitemap, robots.txt)", (path) => /^(_headers|sitemap.*\.xml|robots\.txt)$/.test(path)],
  ["other pages", (path) => path.endsWith(".html")],
  ["other files", () => true],
];

/** Files whose bytes differ between two builds' hashes. */
export function compareSites(before: Record<string, string>, after: Record<string, string>): OutputChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((path): OutputChange[] => {
    if (before[path] === after[path]) return [];
    const change = before[path] === undefined ? "added" : after[path] === undefined ? "removed" : "changed";
    return [{ path, change }];
  });
}

/** Changed files grouped by what readers see, in the order of GROUPS. */
export function groupOutputs(files: OutputChange[]): OutputGroup[] {
  const groups = GROUPS.map(([title]) => ({ title, files: [] as OutputChange[] }));
  for (const file of files) groups[GROUPS.findIndex(([, matches]) => matches(file.path))]!.files.push(file);
  return groups.filter((group) => group.files.length > 0);
}

/**
 * Builds the release and the edit (each from the cache when it was built before) and lists
 * the files that differ. `progress` hears what is being done, for a terminal.
 */
export async function exactOutputs(
  root: string,
  report: DiffReport,
  progress: (message: string) => void = () => {},
): Promise<ExactOutputs> {
  const started = performance.now();
  const dataDir = join(root, "data");
  const stage = await stageProject(root);
  try {
    // The edit as it would be released (the copy holds the working data): the release command
    // itself, first, so that an edit it refuses costs no build.
    const args = releaseArguments(report);
    progress("staging the release…");
    const staged = await stage.tsx("scripts/release.ts", args);
    if (staged.status !== 0) throw new ReleaseRefused(staged.stderr.trim());
    progress("building the edit as released…");
    const edit = await stage.build();

    // The last release, as readers see it now: the released tables in place of the working ones
    // and of the staged release's copy, and the project's own CITATION.cff (so that its build is
    // the same input as in any other run, and comes from the cache).
    for (const name of TABLE_NAMES) {
      const released = join(dataDir, BASELINE_FOLDER, `${name}.csv`);
      await copyFile(released, join(stage.root, "data", `${name}.csv`));
      await copyFile(released, join(stage.root, "data", BASELINE_FOLDER, `${name}.csv`));
    }
    await copyFile(join(root, "CITATION.cff"), join(stage.root, "CITATION.cff")).catch(() => {});
    progress("building the last release…");
    const release = await stage.build();

    const files = compareSites(release.files, edit.files);
    return {
      files,
      groups: groupOutputs(files),
      siteFiles: Object.keys(edit.files).length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      cached: { release: release.cached, edit: edit.cached },
      staged: `npm run release -- ${args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(" ")}`,
    };
  } finally {
    await stage.remove();
  }
}

const CHANGE_WORDS: Record<OutputChange["change"], string> = { changed: "", added: " (new)", removed: " (removed)" };

/** The exact list in words, for the terminal. */
export function outputsText(outputs: ExactOutputs): string {
  const cache = (cached: boolean) => (cached ? "from the cache" : "built");
  const lines = [
    `FILES OF THE BUILT SITE THAT CHANGE: ${outputs.files.length} of ${outputs.siteFiles} (computed: the last release and this edit, released as ${outputs.staged}, each built and compared byte by byte)`,
  ];
  for (const group of outputs.groups) {
    lines.push(`  ${group.title} (${group.files.length})`);
    for (const file of group.files) lines.push(`    ${file.path}${CHANGE_WORDS[file.change]}`);
  }
  if (outputs.files.length === 0) lines.push("  none");
  lines.push(
    `  Took ${outputs.seconds} s (release ${cache(outputs.cached.release)}, edit ${cache(outputs.cached.edit)}; builds are kept in .data-diff-cache/).`,
  );
  return `${lines.join("\n")}\n`;
}
