/**
 * What `npm run build:deploy` checks before it builds anything: a list of
 * independent checks, each returning its problems, located (a file's line
 * and column, or the setting at fault) and each with what to do. Any
 * problem refuses the deploy build. To add a check, write one more
 * DeployCheck and put it in DEPLOY_CHECKS.
 *
 * - the data is valid (the pipeline's errors);
 * - SITE_URL is the public address readers will use, not unset or a
 *   loopback or development address (every absolute link, canonical URL,
 *   share image, feed and embed code is written from it);
 * - data/ is the last release (data/release/): every changed value, row
 *   added or removed and changed history row is listed, with the release
 *   command to run;
 * - no release or correction is dated after today (UTC): an embargo;
 * - the publication record (data/publication.csv) names a real publisher:
 *   no placeholder name, address, contact or repository.
 */
import { isIP } from "node:net";
import { placeholderFields } from "../../src/data/publication-record.ts";
import { join } from "node:path";
import type { Baseline } from "./baseline.ts";
import { loadBaseline } from "./baseline.ts";
import type { ParsedTable } from "./parse-table.ts";
import { runPipeline, type PipelineResult } from "./pipeline.ts";
import type { Problem } from "./problem.ts";

export interface DeployContext {
  /** The project's root folder. */
  root: string;
  /** The environment the build runs with (SITE_URL, BASE_PATH). */
  env: Readonly<Record<string, string | undefined>>;
  /** Today in UTC, YYYY-MM-DD. */
  today: string;
  /** data/ read and checked by the pipeline (nothing written), with its release status. */
  data: PipelineResult;
  /** The last release (data/release/), or null when there is none. */
  release: Baseline | null;
}

export interface DeployProblem {
  /** Where it is: `data/workforce.csv:2:26` (file:line:column), or the setting (`SITE_URL`). */
  where: string;
  /** What is wrong. */
  message: string;
  /** What to do about it: printed once after the problems, however many share it. */
  fix: string;
}

export interface DeployCheck {
  /** What it checks, in a few words. */
  name: string;
  check(context: DeployContext): DeployProblem[] | Promise<DeployProblem[]>;
}

/** Reads the project as a deploy build would see it. Writes nothing. */
export async function deployContext(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  now = new Date(),
): Promise<DeployContext> {
  const dataDir = join(root, "data");
  const release = await loadBaseline(dataDir, root);
  const data = await runPipeline({
    dataDir,
    outDir: join(root, "src/generated"),
    checkOnly: true,
    cwd: root,
    baseline: release?.dataset ?? null,
    baselineVersion: release?.version ?? null,
    release,
  });
  return { root, env, today: now.toISOString().slice(0, 10), data, release };
}

/** A problem of the data, where an editor finds it. */
const located = (problem: Problem, fix: string): DeployProblem => ({
  where: `${problem.file}:${problem.line}:${problem.column}`,
  message: `${problem.field}: ${problem.message}`,
  fix,
});

export const dataIsValid: DeployCheck = {
  name: "the data is valid",
  check: ({ data }) =>
    data.problems
      .filter((problem) => problem.severity === "error")
      .map((problem) => located(problem, "Fix the data: npm run data:check lists every problem.")),
};

/**
 * Whether a host name (as `new URL()` gives it: IPv6 in brackets and shortest form, IPv4 in
 * dotted decimal) only ever reaches the machine itself, or no machine: localhost and
 * *.localhost, 127.0.0.0/8, 0.0.0.0, ::1, :: and the IPv4 ones mapped into IPv6.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.") || host === "0.0.0.0";
  if (isIP(host) !== 6) return false;
  if (host === "::1" || host === "::") return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return false;
  const high = parseInt(mapped[1]!, 16);
  return high >> 8 === 127 || (high === 0 && parseInt(mapped[2]!, 16) === 0);
}

const SET_SITE_URL =
  "Set SITE_URL to the public address readers will use: SITE_URL=https://news.example npm run build:deploy (with BASE_PATH=/path/ when the site lives under a sub-path).";

export const siteAddress: DeployCheck = {
  name: "SITE_URL is a public address",
  check: ({ env }) => {
    const value = env.SITE_URL?.trim() ?? "";
    const problem = (message: string) => [{ where: "SITE_URL", message, fix: SET_SITE_URL }];
    if (value === "")
      return problem(
        "is not set, so every absolute address (canonical links, share images, the feed, the embed code) would point to http://localhost:4321, expected SITE_URL=https://…",
      );
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return problem(`"${value}" is not an address, expected SITE_URL=https://…`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      return problem(`"${value}" is not a web address (${url.protocol}), expected SITE_URL=https://…`);
    if (isLocalHost(url.hostname))
      return problem(
        `"${value}" is this machine (a loopback or development address), which no reader can reach, expected SITE_URL=https://…`,
      );
    return [];
  },
};

export const dataIsReleased: DeployCheck = {
  name: "data/ is the last release",
  check: async ({ data, root }) => {
    const status = data.releaseStatus;
    // Invalid data is dataIsValid's to report; its changes cannot be listed reliably.
    if (!data.ok || !status || status.released) return [];
    const fix = await releaseCommand(root);
    const listed = status.changes.map((change) =>
      located({ ...change, message: `${change.message}, not yet released` }, fix),
    );
    // Past LISTED_CHANGES (never on real-size data) the rest are counted, not listed.
    const unlisted = status.changeCount - status.changes.length;
    if (unlisted <= 0) return listed;
    const where = status.changes.at(-1);
    const more = {
      where: where ? `${where.file}:${where.line}:${where.column}` : "data/",
      message: `and ${unlisted} more changes since the last release, not yet released (npm run data:diff lists them)`,
      fix,
    };
    return [...listed, more];
  },
};

/** What to run to release the edit, by the version rule (data-diff.ts); loaded only when needed. */
async function releaseCommand(root: string): Promise<string> {
  const { diffData, nextVersion } = await import("./data-diff.ts");
  const diff = await diffData({ root });
  const report = diff.report;
  const kind = report?.kind ?? "correction";
  const version = report?.release.version ? ` (it would be version ${nextVersion(report.release.version, kind)})` : "";
  const reason = report && report.publishedValuesChanged > 0 ? ` --change "…" --reason "…"` : "";
  return `Release the edit first, then build again: npm run data:diff shows what readers will see, then npm run release -- --kind ${kind} --note "…"${reason}${version}, then commit data/ and CITATION.cff. Only a build of released data may be deployed; npm run build makes a preview of this one.`;
}

/** The rows of a table dated after today, with where their date is. */
function datedAfter(table: ParsedTable | undefined, today: string) {
  return (table?.rows ?? []).flatMap((row, index) =>
    typeof row.date === "string" && row.date > today ? [{ row, date: row.date, at: table!.locate(index, "date") }] : [],
  );
}

export const noEmbargo: DeployCheck = {
  name: "nothing is dated after today",
  check: ({ data, today }) => {
    const { releases, corrections } = data.tables;
    const rows = [
      ...datedAfter(releases, today).map(({ row, date, at }) => ({
        file: releases!.file,
        at,
        what: `release ${String(row.version)}`,
        date,
      })),
      ...datedAfter(corrections, today).map(({ row, date, at }) => ({
        file: corrections!.file,
        at,
        what: `the correction “${String(row.change)}”`,
        date,
      })),
    ];
    const last = rows
      .map((row) => row.date)
      .sort()
      .at(-1);
    return rows.map(({ file, at, what, date }) => ({
      where: `${file}:${at.line}:${at.column}`,
      message: `date: ${what} is dated ${date}, after today (${today}, UTC): it is embargoed, expected to deploy on or after ${date}`,
      fix: `Deploy on or after ${last} (UTC), when nothing is dated in the future; if a date is wrong, correct it before deploying.`,
    }));
  },
};

export const publicationIsReal: DeployCheck = {
  name: "the publication record names a real publisher",
  check: ({ data }) => {
    const record = data.publication;
    const table = data.publicationTable;
    // An invalid or missing record is dataIsValid's to report.
    if (!record || !table) return [];
    return placeholderFields(record).map((field) => {
      const at = table.locate(0, field);
      return {
        where: `${table.file}:${at.line}:${at.column}`,
        message: `${field}: "${record[field]}" is a placeholder, expected the publisher's own ${FIELD_WORDS[field]}`,
        fix: "Fill in data/publication.csv with the publisher's name, address, corrections contact and source repository (data/README.md, publication.csv): every credit, citation and footer names them.",
      };
    });
  },
};

const FIELD_WORDS: Record<string, string> = {
  name: "name",
  url: "address",
  corrections: "corrections contact (an email or web address)",
  licence: "licence",
  repository: "source repository address",
};

/** Every check, in the order their problems are printed. */
export const DEPLOY_CHECKS: DeployCheck[] = [siteAddress, dataIsValid, dataIsReleased, noEmbargo, publicationIsReal];

/** Runs every check; the problems of all of them (none: the build may be deployed). */
export async function runDeployChecks(
  context: DeployContext,
  checks: readonly DeployCheck[] = DEPLOY_CHECKS,
): Promise<DeployProblem[]> {
  const problems: DeployProblem[] = [];
  for (const check of checks) problems.push(...(await check.check(context)));
  return problems;
}

/** The refusal in words: each problem on its line, then what to do, each once. */
export function refusalText(problems: readonly DeployProblem[], outDir: string): string {
  const lines = [`build:deploy refused: nothing was built, and ${outDir} is unchanged.`, ""];
  for (const problem of problems) lines.push(`${problem.where} ${problem.message}`);
  lines.push("");
  for (const fix of new Set(problems.map((problem) => problem.fix))) lines.push(fix);
  return `${lines.join("\n")}\n`;
}
