/**
 * Two clean builds of the same commit give byte-identical sites: nothing may
 * depend on the build clock, random ids, the project's folder or the order
 * a file system lists files in. The second build runs in a fresh copy of the
 * project in another folder (the run's shared build of the committed project,
 * test/support/shared-build.ts), and is compared file by file with DIST_DIR.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { sharedBuild } from "./support/shared-build.ts";
import { builtFiles, DIST_DIR } from "./support/site.ts";

/** sha256 of every file under a folder, by path relative to it. */
function fileHashes(root: string): Map<string, string> {
  return new Map(
    builtFiles(root).map((file) => [
      file,
      createHash("sha256")
        .update(readFileSync(join(root, file)))
        .digest("hex"),
    ]),
  );
}

let secondBuild: string;

beforeAll(() => {
  secondBuild = sharedBuild();
}, 300_000);

describe("a second clean build in another folder", () => {
  it("has the same files", () => {
    expect([...fileHashes(secondBuild).keys()].sort()).toEqual([...fileHashes(DIST_DIR).keys()].sort());
  });

  it("includes the drawn images and text versions in what it compares", () => {
    const files = [...fileHashes(secondBuild).keys()];
    for (const chart of CHARTS) {
      for (const file of [`${chart.id}.png`, `${chart.id}@2x.png`, `${chart.id}.svg`, `${chart.id}.md`]) {
        expect(files).toContain(join("data", "charts", file));
      }
      expect(files).toContain(join("og", `${chart.id}.png`));
      expect(files).toContain(join("og", `${chart.id}-square.png`));
    }
    expect(files).toContain(join("og", "story.png"));
  });

  it("has byte-identical files", () => {
    const first = fileHashes(DIST_DIR);
    const differing = [...fileHashes(secondBuild)]
      .filter(([path, hash]) => first.get(path) !== hash)
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
