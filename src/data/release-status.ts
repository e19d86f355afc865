/**
 * Whether this build is of released data. `npm run data` writes
 * src/generated/release-status.json (scripts/lib/release-status.ts): when
 * data/ differs from the last release (data/release/), every page of the
 * build says it is a preview and asks search engines not to index it, so a
 * preview can never pass for what readers were given.
 */
import status from "../generated/release-status.json";

/** True when the data differs from the last release: every page is marked and noindex. */
export const PREVIEW: boolean = status.released !== true;

/** The words every page of a preview shows at its top. */
export const PREVIEW_TEXT = "Preview: unreleased data, not for publishing";
