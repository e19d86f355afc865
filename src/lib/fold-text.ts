/**
 * Text folded for searching: lower case, accents dropped, curly quotes and
 * dashes made plain, runs of space collapsed, so "cafe" finds "café" and
 * "met's" finds "Met’s". The build folds each case's text with it
 * (src/publish/case-files.ts) and the browser folds what the reader types
 * (src/scripts/case-filter.ts), so the two always agree.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u201b]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
