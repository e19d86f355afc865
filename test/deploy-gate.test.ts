/**
 * Nothing reaches readers untold (issue 20): on a copy of the project, never
 * on data/.
 *
 * - the walkthrough's failure replayed: officers 31000 -> 32000 in
 *   data/workforce.csv, then `npm run build:deploy` with a real SITE_URL
 *   refuses (exit 1), naming the cell (file, line, column, old -> new) and
 *   the release command, and leaves data/ and the last deploy's dist/ as
 *   they were;
 * - `npm run build` of that edit is a preview: every page says so and is
 *   noindex, with no sitemap; the committed data's build (dist/) is neither;
 * - an unset or loopback SITE_URL is refused, and so is a release or a
 *   correction dated after today (embargo), each with its line and day;
 * - the committed data with a real SITE_URL and a real publication record
 *   builds for deploying (the run's shared deploy build,
 *   test/support/deploy-site.ts, which test/publisher.test.ts reads too).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextVersion } from "../scripts/lib/data-diff.ts";
import { isLocalHost } from "../scripts/lib/deploy-checks.ts";
import { folderHash } from "./support/data-fixture.ts";
import { DEPLOY_SITE, deploySite } from "./support/deploy-site.ts";
import { copyProject, type ProjectCopy } from "./support/project-copy.ts";
import { builtHtmlFiles, DIST_DIR } from "./support/site.ts";

const MARKER = "Preview: unreleased data, not for publishing";
const SITE = "https://news.example";
let copy: ProjectCopy;
/** The previous deploy's output in the copy, which a refused deploy build must leave alone. */
let dist: string;
let preview: string;
let refused: { status: number | null; output: string };
let dataBefore: string;
let dataAfter: string;
let distBefore: string;
let distMtime: number;

/** `npm run build:deploy` in the copy, with SITE_URL set as given (undefined: unset). */
const buildDeploy = (siteUrl: string | undefined) => copy.deployBuild(dist, siteUrl);

const documentOf = (file: string) => parseHTML(readFileSync(file, "utf8")).document;
const copyFile = (path: string) => readFileSync(join(copy.root, path), "utf8");

beforeAll(() => {
  copy = copyProject("met-deploy-");
  dist = join(copy.root, "dist");
  // A stand-in for the last good deploy.
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>The last deploy</title>\n");
  distBefore = folderHash(dist);
  distMtime = statSync(join(dist, "index.html")).mtimeMs;

  copy.edit("data/workforce.csv", "officers,Police officers,31000,", "officers,Police officers,32000,");
  dataBefore = folderHash(join(copy.root, "data"));
  refused = buildDeploy(SITE);
  dataAfter = folderHash(join(copy.root, "data"));

  preview = join(copy.root, "preview");
  copy.build({ OUT_DIR: preview });
}, 400_000);

afterAll(() => copy?.remove());

describe("a deploy build of an edit that was never released", () => {
  it("refuses, naming the changed cell with its line and column, old and new value, and the release command", () => {
    expect(refused.status, refused.output).toBe(1);
    // The last release as committed, whichever it is; the line of the officers' row.
    const last = copyFile("data/release/releases.csv").trimEnd().split("\n").at(-1)!.split(",")[0]!;
    const line =
      copyFile("data/workforce.csv")
        .split("\n")
        .findIndex((row) => row.startsWith("officers,")) + 1;
    expect(refused.output).toMatch(
      new RegExp(
        `data/workforce\\.csv:${line}:\\d+ count: officers: 31000 -> 32000 since release ${last.replaceAll(".", "\\.")}, not yet released`,
      ),
    );
    expect(refused.output).toContain('npm run release -- --kind correction --note "…" --change "…" --reason "…"');
    expect(refused.output).toContain("nothing was built");
  });

  it("changes nothing: data/ is byte for byte the same, and the last deploy's dist/ is untouched", () => {
    expect(dataAfter).toBe(dataBefore);
    expect(folderHash(dist)).toBe(distBefore);
    expect(statSync(join(dist, "index.html")).mtimeMs).toBe(distMtime);
  });
});

describe("npm run build of the unreleased edit: a preview", () => {
  it("says so at the top of every page, embeds, gallery, data page and 404 included, and every page is noindex", () => {
    const files = builtHtmlFiles(preview);
    expect(files).toEqual(expect.arrayContaining(["index.html", "404.html", "data/index.html", "charts/index.html"]));
    expect(files.filter((file) => file.startsWith("embed/")).length).toBeGreaterThan(2);
    for (const file of files) {
      const document = documentOf(join(preview, file));
      const first = document.body.firstElementChild;
      expect(first?.textContent, file).toBe(MARKER);
      expect(first?.getAttribute("role"), file).toBe("status");
      expect(document.querySelector('meta[name="robots"]')?.getAttribute("content"), file).toBe("noindex");
      expect(document.querySelector('link[rel="canonical"]'), file).toBeNull();
    }
  });

  it("shows the unreleased figure (it is a preview of the edit), keeps crawlers out and has no sitemap", () => {
    expect(documentOf(join(preview, "index.html")).querySelector('[data-fact="workforce:officers"]')?.textContent).toBe(
      "about 32,000",
    );
    expect(readFileSync(join(preview, "robots.txt"), "utf8")).toBe("User-agent: *\nDisallow: /\n");
    expect(existsSync(join(preview, "sitemap-index.xml"))).toBe(false);
    // Its share images, chart images and text versions carry no marker: static hosts send noindex with every file.
    expect(readFileSync(join(preview, "_headers"), "utf8")).toMatch(/^\/\*\n(?: {2}.+\n)* {2}X-Robots-Tag: noindex$/m);
  });

  it("is not what the committed data builds: dist/ has no marker, and only the 404 and embed pages are noindex", () => {
    for (const file of builtHtmlFiles(DIST_DIR)) {
      const html = readFileSync(join(DIST_DIR, file), "utf8");
      expect(html, file).not.toContain(MARKER);
      expect(html, file).not.toContain("preview-marker");
      const noindex = html.includes('<meta name="robots" content="noindex">');
      expect(noindex, file).toBe(file === "404.html" || file.startsWith("embed/"));
    }
    expect(readFileSync(join(DIST_DIR, "robots.txt"), "utf8")).toMatch(/^Sitemap: /m);
    expect(readFileSync(join(DIST_DIR, "_headers"), "utf8")).not.toContain("X-Robots-Tag");
  });
});

describe("the deploy build's other refusals, on the committed data", () => {
  beforeAll(() =>
    copy.edit("data/workforce.csv", "officers,Police officers,32000,", "officers,Police officers,31000,"),
  );

  it("refuses an unset SITE_URL, saying to set SITE_URL=https://…", () => {
    const { status, output } = buildDeploy(undefined);
    expect(status, output).toBe(1);
    expect(output).toContain("SITE_URL is not set");
    expect(output).toContain("SITE_URL=https://");
    // The data is the release: only the address is wrong (and the committed publication record's placeholders).
    expect(output).not.toMatch(/data\/(?!publication\.csv|README\.md)/);
    expect(folderHash(dist)).toBe(distBefore);
  });

  it("refuses a loopback address", () => {
    const { status, output } = buildDeploy("http://127.0.0.1:4321");
    expect(status, output).toBe(1);
    expect(output).toContain('SITE_URL "http://127.0.0.1:4321" is this machine');
    expect(folderHash(dist)).toBe(distBefore);
  });

  it("tells loopback and development hosts from public ones", () => {
    const local = [
      "http://localhost:4321",
      "http://LOCALHOST./",
      "http://preview.localhost/",
      "http://127.0.0.1/",
      "http://127.45.6.7/",
      "http://2130706433/",
      "http://0.0.0.0:8080/",
      "http://0/",
      "http://[::1]/",
      "http://[0:0:0:0:0:0:0:1]/",
      "http://[::]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:0.0.0.0]/",
    ];
    const public_ = [
      SITE,
      "https://news.example/interactive/",
      "https://localhost.news.example/",
      "https://128.0.0.1/",
      "http://[2001:db8::1]/",
      "http://[::ffff:8.8.8.8]/",
    ];
    for (const url of local) expect(isLocalHost(new URL(url).hostname), url).toBe(true);
    for (const url of public_) expect(isLocalHost(new URL(url).hostname), url).toBe(false);
  });

  it("refuses a release and a correction dated after today (an embargo), with the line and the day it may deploy", () => {
    // As `npm run release -- --embargo` would leave them: in data/ and in the release copy alike.
    const releases = copyFile("data/releases.csv");
    const corrections = copyFile("data/corrections.csv");
    const version = nextVersion(releases.trimEnd().split("\n").at(-1)!.split(",")[0]!, "correction");
    const releaseRow = `${version},2099-01-15,Embargoed until the fifteenth.\n`;
    const correctionRow = "2099-01-10,A figure restated,The source restated it,,,,,,,,\n";
    for (const folder of ["data", "data/release"]) {
      appendFileSync(join(copy.root, folder, "releases.csv"), releaseRow);
      appendFileSync(join(copy.root, folder, "corrections.csv"), correctionRow);
    }
    const releaseLine = releases.trimEnd().split("\n").length + 1;
    const correctionLine = corrections.trimEnd().split("\n").length + 1;
    const before = folderHash(join(copy.root, "data"));
    const { status, output } = buildDeploy(SITE);
    expect(status, output).toBe(1);
    expect(output).toContain(
      `data/releases.csv:${releaseLine}:${version.length + 2} date: release ${version} is dated 2099-01-15, after today (${new Date().toISOString().slice(0, 10)}, UTC): it is embargoed, expected to deploy on or after 2099-01-15`,
    );
    expect(output).toContain(
      `data/corrections.csv:${correctionLine}:1 date: the correction “A figure restated” is dated 2099-01-10`,
    );
    expect(output).toContain("Deploy on or after 2099-01-15 (UTC)");
    expect(output).not.toContain("not yet released");
    expect(folderHash(join(copy.root, "data"))).toBe(before);
    expect(folderHash(dist)).toBe(distBefore);
    for (const folder of ["data", "data/release"]) {
      writeFileSync(join(copy.root, folder, "releases.csv"), releases);
      writeFileSync(join(copy.root, folder, "corrections.csv"), corrections);
    }
  });

  it("refuses the committed placeholders of data/publication.csv, each at its line and column", () => {
    const { status, output } = buildDeploy(SITE);
    expect(status, output).toBe(1);
    const header = copyFile("data/publication.csv").split("\n")[0]!.split(",");
    const row = copyFile("data/publication.csv").split("\n")[1]!;
    for (const field of ["name", "url", "corrections", "repository"]) {
      const value = row.split(",")[header.indexOf(field)]!;
      expect(output).toContain(
        `data/publication.csv:2:${row.indexOf(value) + 1} ${field}: "${value}" is a placeholder`,
      );
    }
    expect(output).not.toContain("licence:");
    expect(folderHash(dist)).toBe(distBefore);
  });

  it("builds the committed data with a real record for deploying with a public SITE_URL: no marker, indexable, with a sitemap", () => {
    // The run's shared deploy build: a copy of the committed project whose only change is a real publication record.
    const { dist: deployed, deploy } = deploySite();
    expect(SITE).toBe(DEPLOY_SITE);
    expect(deploy.status, deploy.output).toBe(0);
    const document = documentOf(join(deployed, "index.html"));
    expect(document.querySelector(".preview-marker")).toBeNull();
    expect(document.querySelector('meta[name="robots"]')).toBeNull();
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${SITE}/`);
    expect(readFileSync(join(deployed, "robots.txt"), "utf8")).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
    expect(existsSync(join(deployed, "sitemap-index.xml"))).toBe(true);
  }, 600_000);
});
