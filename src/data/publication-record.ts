/**
 * What is said about a publication record (data/publication.csv), whichever
 * it is: the licence it names, where corrections go, and whether it still
 * holds the placeholders a fresh clone carries. Reads no generated file, so
 * the deploy checks can use it before the data step has run.
 */
import type { Publication } from "./schema.ts";

/** What each licence the record may name is called, and where its text lives. */
export const LICENCES = {
  "CC-BY-4.0": {
    name: "CC-BY-4.0",
    title: "Creative Commons Attribution 4.0 International",
    short: "CC BY 4.0",
    path: "https://creativecommons.org/licenses/by/4.0/",
  },
  "CC-BY-SA-4.0": {
    name: "CC-BY-SA-4.0",
    title: "Creative Commons Attribution-ShareAlike 4.0 International",
    short: "CC BY-SA 4.0",
    path: "https://creativecommons.org/licenses/by-sa/4.0/",
  },
  "CC0-1.0": {
    name: "CC0-1.0",
    title: "Creative Commons Zero 1.0 Universal",
    short: "CC0 1.0",
    path: "https://creativecommons.org/publicdomain/zero/1.0/",
  },
} as const satisfies Record<Publication["licence"], { name: string; title: string; short: string; path: string }>;

/** The licence of a publication's work. */
export const licenceOf = (record: Publication) => LICENCES[record.licence];

/** Where a reader sends a correction, as a link: `mailto:` for an email address, else the address itself. */
export function correctionsHref(record: Publication): string {
  return /^https?:\/\//.test(record.corrections) ? record.corrections : `mailto:${record.corrections}`;
}

/**
 * The address of a page or site without its scheme or final slash
 * ("news.example/interactive"), for link text where an address is shown.
 */
export function addressText(url: string): string {
  return url.replace(/^[a-z]+:\/\//, "").replace(/\/$/, "");
}

/** The host of the committed placeholders (data/publication.csv in a fresh clone), and development hosts. */
const PLACEHOLDER_HOST = /(?:^|\.)publication\.example$|^localhost$|^127\.|^\[::1\]$/i;

/**
 * The fields of a record still holding placeholders, in column order: a name
 * that says "placeholder", or an address or contact on the placeholders'
 * host (publication.example) or a development one. A deployment refuses them (scripts/lib/deploy-checks.ts).
 */
export function placeholderFields(record: Publication): (keyof Publication)[] {
  const host = (value: string) => {
    const email = /^[^@\s]+@([^@\s]+)$/.exec(value);
    if (email) return email[1]!;
    try {
      return new URL(value).hostname;
    } catch {
      return "";
    }
  };
  const fields: (keyof Publication)[] = [];
  if (/placeholder/i.test(record.name)) fields.push("name");
  for (const field of ["url", "corrections", "repository"] as const) {
    if (PLACEHOLDER_HOST.test(host(record[field])) || /placeholder/i.test(record[field])) fields.push(field);
  }
  const order = Object.keys(record) as (keyof Publication)[];
  return fields.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
