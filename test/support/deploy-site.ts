/**
 * The committed project with a real publication record (as an editor fills
 * data/publication.csv in before deploying), built with `npm run
 * build:deploy` for a real address: once per test run, shared by the files
 * that read a deployable build (test/publisher.test.ts,
 * test/deploy-gate.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Publication } from "../../src/data/schema.ts";
import { sharedVariantBuild } from "./shared-build.ts";

/** The public address the site is built for. */
export const DEPLOY_SITE = "https://news.example";

/** A publication record with no placeholder. */
export const REAL_PUBLICATION: Publication = {
  name: "The Newsroom Trust",
  url: "https://trust.news.example/",
  corrections: "corrections@news.example",
  licence: "CC-BY-4.0",
  repository: "https://git.news.example/met-breaches",
};

/** REAL_PUBLICATION as data/publication.csv holds it. */
export const REAL_PUBLICATION_CSV = `name,url,corrections,licence,repository\n${[
  REAL_PUBLICATION.name,
  REAL_PUBLICATION.url,
  REAL_PUBLICATION.corrections,
  REAL_PUBLICATION.licence,
  REAL_PUBLICATION.repository,
].join(",")}\n`;

/**
 * The deploy build's output folder (dist/ of its copy), and its exit code and
 * what it printed. Read it; never write into it.
 */
export function deploySite(): { dist: string; deploy: { status: number | null; output: string } } {
  const built = sharedVariantBuild(
    "a real publication record",
    { SITE_URL: DEPLOY_SITE },
    (root) => writeFileSync(join(root, "data", "publication.csv"), REAL_PUBLICATION_CSV),
    "build:deploy",
  );
  return { dist: built.outDir, deploy: built.deploy! };
}
