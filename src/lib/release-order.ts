/**
 * Which release is the latest, and the order releases are listed in: by
 * date, then, on the same day, by version, compared number by number
 * (1.10.0 comes after 1.9.0; as strings it would not). `npm run release`
 * appends rows, so the last row is normally the latest; ordering by date and
 * version keeps every surface (the "Data updated" line, a chart's "Updated"
 * note, the data version, the feed, the changelog) agreeing on it, however
 * many releases share a day.
 */

/** What ordering needs of a release row. */
export interface ReleaseLike {
  /** YYYY-MM-DD */
  date: string;
  /** major.minor.patch */
  version: string;
}

/** Negative when version a comes before b, compared part by part as numbers (a missing part is 0). */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return 0;
}

/** Negative when release a is older than b: earlier date, or the same date and a lower version. */
export function compareReleases(a: ReleaseLike, b: ReleaseLike): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : compareVersions(a.version, b.version);
}

/** The latest release (of equal ones, the later row), or undefined when there is none. */
export function latestRelease<T extends ReleaseLike>(releases: readonly T[]): T | undefined {
  return releases.reduce<T | undefined>(
    (latest, release) => (!latest || compareReleases(release, latest) >= 0 ? release : latest),
    undefined,
  );
}

/** The releases, newest first (of equal ones, the later row first). */
export function releasesNewestFirst<T extends ReleaseLike>(releases: readonly T[]): T[] {
  return releases
    .map((release, index) => ({ release, index }))
    .sort((a, b) => compareReleases(b.release, a.release) || b.index - a.index)
    .map(({ release }) => release);
}
