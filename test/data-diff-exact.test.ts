/**
 * `npm run data:diff`'s list of changed files is exact (issue 20): for each
 * kind of edit, the files it lists equal the files whose bytes differ
 * between two real builds, the one before the edit and the one after a real
 * `npm run release` of it. One copy of the project serves every scenario;
 * the build as committed is the run's shared one (test/support/shared-build.ts,
 * the same build test/reproducible-build.test.ts checks), then each scenario edits data/, runs
 * data:diff, releases, builds, and puts data/ back. data:diff keeps the
 * release's build in the copy's cache, so only the first scenario builds it.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExactOutputs } from "../scripts/lib/exact-outputs.ts";
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

/** The real `npm run release` (its flags in this one place). */
function release(kind: string, reason: string | null) {
  const result = run(
    "scripts/release.ts",
    "--kind",
    kind,
    "--note",
    "A release made by the data:diff test.",
    ...(reason ? ["--change", reason, "--reason", reason] : []),
  );
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}

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
    kind: "addition",
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
    kind: "addition",
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
    ({ kind, reason, edit, index }) => {
      for (const [path, text] of committed) writeFileSync(join(copy.root, path), text);
      edit();

      const diff = run("scripts/data-diff.ts", "--json");
      expect(diff.status, diff.stderr).toBe(0);
      const { outputs } = JSON.parse(diff.stdout) as { outputs: ExactOutputs };
      const listed = outputs.files.map((file) => file.path);
      expect(outputs.groups.flatMap((group) => group.files.map((file) => file.path)).sort()).toEqual(listed);
      // The release's build is made once, then read from the cache.
      expect(outputs.cached.release).toBe(index > 0);

      release(kind, reason);
      const released = siteHashes(copy.build());
      const differing = [...new Set([...committedBuild.keys(), ...released.keys()])]
        .filter((path) => committedBuild.get(path) !== released.get(path))
        .sort();

      expect(differing.length).toBeGreaterThan(0);
      expect(listed).toEqual(differing);
    },
    600_000,
  );
});

describe("an edit npm run release would refuse", () => {
  it("gets the report and the release's refusal instead of a file list, builds nothing, and exits 0", () => {
    for (const [path, text] of committed) writeFileSync(join(copy.root, path), text);
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
