/**
 * A case's outcome group (src/lib/case-scale.ts: formal action, another
 * outcome stated, not stated) as one character, as the paged explorer's
 * index.json writes it (src/publish/case-files.ts) and the browser reads it
 * (src/scripts/case-pages.ts). Its own module so the browser's scripts take
 * these three letters without case-scale.ts's d3.
 */
import type { OutcomeGroup } from "./case-scale.ts";

/** Each outcome group's character in index.json. */
export const OUTCOME_CODE: Readonly<Record<OutcomeGroup, string>> = { formal: "f", stated: "s", "not-stated": "n" };
