/**
 * `npm run data:diff`'s list of changed files is exact (issue 20): for each
 * kind of edit, the files it lists equal the files whose bytes differ
 * between two real builds, the one before the edit and the one after a real
 * `npm run release` of it. One copy of the project serves every scenario;
 * the build as committed is the run's shared one (test/support/shared-build.ts,
 * the same build test/reproducible-build.test.ts checks), then each scenario
 * edits data/, releases it for real with the arguments data:diff stages
 * (read from its quick report), builds the release, and puts the edit back.
 * Each release is built once: its file hashes go into the copy's
 * .data-diff-cache/ under the key of its inputs (scripts/lib/site-build.ts),
 * and data:diff, run next on the edit, must find them there, which it does
 * only when the release it stages is byte for byte the real one. data:diff
 * builds the last release itself, in the first scenario, then reads it
 * from the cache.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../scripts/lib/data-diff.ts";
import { releaseArguments, type ExactOutputs } from "../scripts/lib/exact-outputs.ts";
import { BUILD_CACHE_FOLDER, inputsKey, stageProject } from "../scripts/lib/site-build.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { sharedBuild } from "./support/shared-build.ts";

let copy: ProjectCopy;
/** sha256 of every file of the copy's build as committed (the release readers see now). */
let committedBuild: Map<string, string>;
/** data/ (with data/release/) and CITATION.cff as committed, to put back between scenarios. */
const committed = new Map<string, string>();

/** sha256 of every file under a built site, by path relative to it. */
function siteHashes(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex")];
      }),
  );
}

const run = (script: string, ...args: string[]) => copy.script(script, args, 300_000);

/**
 * The real `npm run release` of the edit in the copy, with the arguments data:diff stages
 * for it (its kind, and a reason when published values change, as the scenario expects).
 */
function release(kind: string, reason: string | null) {
  const quick = run("scripts/data-diff.ts", "--json", "--quick");
  expect(quick.status, quick.stderr).toBe(0);
  const args = releaseArguments((JSON.parse(quick.stdout) as { report: DiffReport }).report);
  expect(args.slice(0, 2)).toEqual(["--kind", kind]);
  expect(args.includes("--reason")).toBe(reason !== null);
  const result = run("scripts/release.ts", ...args);
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}

/**
 * Keeps the file hashes of the copy's build as it is now in its .data-diff-cache/, in the
 * format and under the key data:diff gives a build of the same inputs (its staged copy of
 * the project).
 */
async function cacheBuild(files: Map<string, string>): Promise<void> {
  const stage = await stageProject(copy.root);
  try {
    const cache = join(copy.root, BUILD_CACHE_FOLDER);
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, `${await inputsKey(stage.root)}.json`), JSON.stringify(Object.fromEntries(files)));
  } finally {
    await stage.remove();
  }
}

/** Puts data/ and CITATION.cff back as committed. */
const restoreCommitted = () => {
  for (const [path, text] of committed) writeFileSync(join(copy.root, path), text);
};

const dataFile = (name: string) => join(copy.root, "data", name);
const append = (name: string, line: string) =>
  writeFileSync(dataFile(name), `${readFileSync(dataFile(name), "utf8").trimEnd()}\n${line}\n`);
const replace = (name: string, from: string, to: string) => {
  const text = readFileSync(dataFile(name), "utf8");
  expect(text.split(from).length, `${name} holds ${from} once`).toBe(2);
  writeFileSync(dataFile(name), text.replace(from, to));
};

beforeAll(() => {
  copy = copyProject("met-diff-exact-");
  committedBuild = siteHashes(sharedBuild());
  for (const path of [
    "CITATION.cff",
    ...readdirSync(join(copy.root, "data"), { recursive: true, encoding: "utf8" }).map((name) => join("data", name)),
  ]) {
    if (path.endsWith(".csv") || path === "CITATION.cff")
      committed.set(path, readFileSync(join(copy.root, path), "utf8"));
  }
}, 600_000);
afterAll(() => copy?.remove());

const scenarios: { name: string; kind: string; reason: string | null; edit: () => void }[] = [
  {
    name: "a value correction (outcomes 208 -> 207, 92 -> 93)",
    kind: "correction",
    reason: "The Met restated the outcome of one case.",
    edit: () => {
      replace("outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
      replace("outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    },
  },
  {
    name: "an added case citing existing ids",
    kind: "rows",
    reason: null,
    edit: () =>
      append(
        "cases.csv",
        "case-99,An employee looked up a neighbour’s record (a case added by a test).,personal-misuse,Employee,not stated,single,met-sensitive-data,,pa-2014,pa-case-cab",
      ),
  },
  {
    name: "a changed quote (its words and its context, consistently)",
    kind: "correction",
    reason: "We had mistranscribed the Met’s words.",
    edit: () => {
      replace("quotes.csv", "the Met,obtain data from police indices", "the Met,obtain data from police indexes");
      replace("quotes.csv", "“obtain data from police indices", "“obtain data from police indexes");
    },
  },
  {
    name: "a new category, with a case in it",
    kind: "rows",
    reason: null,
    edit: () => {
      append(
        "categories.csv",
        'unlawful-access,Unlawful access,"Our group for looking at records without a policing purpose.",6',
      );
      append(
        "cases.csv",
        "case-98,A member of staff looked at records without a policing purpose (a case added by a test).,unlawful-access,Staff,not stated,single,,,pa-2014,pa-case-email-porn-pcso",
      );
    },
  },
];

describe("data:diff lists exactly the files a release of the edit changes", () => {
  it.each(scenarios.map((scenario, index) => ({ ...scenario, index })))(
    "$name",
    async ({ kind, reason, edit, index }) => {
      restoreCommitted();
      edit();
      release(kind, reason);
      const released = siteHashes(copy.build());
      await cacheBuild(released);
      const differing = [...new Set([...committedBuild.keys(), ...released.keys()])]
        .filter((path) => committedBuild.get(path) !== released.get(path))
        .sort();

      // The edit again, unreleased, as data:diff sees it.
      restoreCommitted();
      edit();
      const diff = run("scripts/data-diff.ts", "--json");
      expect(diff.status, diff.stderr).toBe(0);
      const { outputs } = JSON.parse(diff.stdout) as { outputs: ExactOutputs };
      const listed = outputs.files.map((file) => file.path);
      expect(outputs.groups.flatMap((group) => group.files.map((file) => file.path)).sort()).toEqual(listed);
      // The release it stages is the real one, input for input: it takes that release's build from the cache.
      expect(outputs.cached.edit).toBe(true);
      // The last release's build is made once, then read from the cache.
      expect(outputs.cached.release).toBe(index > 0);

      expect(differing.length).toBeGreaterThan(0);
      expect(listed).toEqual(differing);
    },
    600_000,
  );
});

describe("an edit npm run release would refuse", () => {
  it("gets the report and the release's refusal instead of a file list, builds nothing, and exits 0", () => {
    restoreCommitted();
    replace("outcomes.csv", "formal-action,Formal action,208,", "formal-action,Formal action,207,");
    replace("outcomes.csv", "other-outcomes,Other outcomes,92,", "other-outcomes,Other outcomes,93,");
    // A correction dated before first publication (2026-11-24): the release refuses it.
    // (Every column of corrections.csv's header, the optional ones left empty.)
    append("corrections.csv", "2026-11-01,Outcome counts,The Met restated one case.,,,,,,,,");
    const cache = join(copy.root, ".data-diff-cache");
    const cached = () => (existsSync(cache) ? readdirSync(cache).length : 0);
    const before = cached();
    const diff = run("scripts/data-diff.ts");
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("outcomes.csv formal-action count: 208 -> 207");
    expect(diff.stdout).not.toContain("FILES OF THE BUILT SITE THAT CHANGE");
    expect(diff.stderr).toContain("is before the data was first published");
    expect(diff.stderr).toContain("npm run release would refuse it: fix what it says");
    // Nothing was built: no build's hashes were added to the cache.
    expect(cached()).toBe(before);
  });
});
