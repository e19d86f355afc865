/**
 * The Atom feed (RFC 4287) of corrections and releases, `data/feed.xml`,
 * announced with <link rel="alternate" type="application/atom+xml"> on the
 * story and the data page. Written by the `feed` library, which builds and
 * the XML (titles and summaries are escaped as HTML first: the library marks
 * them type="html"); every entry links to its anchor on the data page.
 */
import { Feed } from "feed";
import { licenceOf, publication as thePublication } from "../data/publication.ts";
import type { Dataset, Publication } from "../data/schema.ts";
import { carryingRelease, correctionAnchor, releaseAnchor } from "../lib/chart-updates.ts";
import { compareReleases, latestRelease, type ReleaseLike } from "../lib/release-order.ts";
import { correctionText, fullSentence } from "../lib/correction-text.ts";
import { PACKAGE_TITLE } from "./datapackage.ts";
import { escapeHtml } from "./embed-snippet.ts";
import { absoluteUrl, type SiteAddress } from "./embed-urls.ts";

/** Where the feed is published, under the base. */
export const FEED_PATH = "data/feed.xml";
export const FEED_TITLE = `${PACKAGE_TITLE}: corrections and releases`;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The feed's XML. Dates are the data's own (never the build clock), so a
 * rebuild writes the same bytes. Its author is the publication.
 */
export function atomFeed(data: Dataset, address: SiteAddress, publisher: Publication = thePublication): string {
  const page = (anchor: string) => absoluteUrl(`data/#${anchor}`, address);
  const latest = latestRelease(data.releases);
  if (!latest) throw new Error("releases.csv has no rows: the feed's date comes from its latest release.");
  const feed = new Feed({
    id: absoluteUrl(FEED_PATH, address),
    title: FEED_TITLE,
    description: "Every correction to the published data and every release of it, newest first.",
    link: absoluteUrl("data/", address),
    feedLinks: { atom: absoluteUrl(FEED_PATH, address) },
    updated: day(latest.date),
    author: { name: publisher.name, link: publisher.url },
    copyright: `${licenceOf(publisher).short}, ${publisher.name}`,
    language: "en-GB",
    generator: false,
  });
  // Each entry sorts under its release (a correction under the release that carries it): releases newest
  // first by date, then version (two can share a day), each followed by its corrections, newest first.
  const entries: {
    /** The release it sorts under, and that release's row. */
    release: ReleaseLike;
    releaseRow: number;
    /** The correction's row; a release's own entry comes first (Infinity). */
    row: number;
    item: Parameters<Feed["addItem"]>[0];
  }[] = [];
  data.releases.forEach((release, index) => {
    const charts = (release.charts ?? "").split(" ").filter(Boolean);
    entries.push({
      release,
      releaseRow: index,
      row: Infinity,
      item: {
        title: `Release ${release.version}: ${release.note}`,
        id: page(releaseAnchor(release.version)),
        link: page(releaseAnchor(release.version)),
        date: day(release.date),
        description:
          `Version ${release.version} of the data, of ${release.date}. ${fullSentence(release.note)}` +
          (charts.length > 0 ? ` Charts changed: ${charts.join(", ")}.` : ""),
      },
    });
  });
  data.corrections.forEach((correction, index) => {
    const release = carryingRelease(correction, data);
    entries.push({
      release: release ?? { date: correction.date, version: "" },
      releaseRow: release ? data.releases.indexOf(release) : -1,
      row: index,
      item: {
        title: `Correction: ${correction.change}`,
        id: page(correctionAnchor(index)),
        link: page(correctionAnchor(index)),
        // Updated when the release that carries it was published; dated as the correction.
        date: day(release && release.date > correction.date ? release.date : correction.date),
        published: day(correction.date),
        description: correctionText(correction, data),
      },
    });
  });
  // The library writes titles and summaries as type="html": escaped, a data string stays text in any reader
  // (and can never close the CDATA section it is written in).
  const order = (a: (typeof entries)[number], b: (typeof entries)[number]) =>
    compareReleases(b.release, a.release) ||
    b.releaseRow - a.releaseRow ||
    (b.row > a.row ? 1 : b.row < a.row ? -1 : 0);
  for (const { item } of entries.sort(order))
    feed.addItem({ ...item, title: escapeHtml(item.title), description: escapeHtml(item.description ?? "") });
  return feed.atom1();
}
