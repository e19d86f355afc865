/**
 * The markup of each set of source passages the cases cite (cases.csv's
 * `passages`), as CaseSources.astro writes it: rendered once a set with
 * Astro's container API, never once a case (at 100,000 cases that would take
 * Astro as long as the list itself). The static case pages put it under each
 * case (src/pages/cases/[page].astro), and the case explorer's JSON page files
 * carry it for the cases they hold (src/publish/case-files.ts), so the one
 * component writes every case's disclosure.
 */
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import type { Dataset } from "../data/schema.ts";
import CaseSources from "./CaseSources.astro";

const rendered = new WeakMap<Dataset, Promise<Map<string, string>>>();

/** Markup by passage set (the `passages` cell, space-separated ids), for every set a case cites; built once a dataset. */
export function caseSourcesBySet(data: Dataset): Promise<Map<string, string>> {
  let found = rendered.get(data);
  if (!found) {
    found = (async () => {
      const container = await AstroContainer.create();
      const bySet = new Map<string, string>();
      for (const ids of new Set(data.cases.map((row) => row.passages ?? ""))) {
        if (ids) bySet.set(ids, await container.renderToString(CaseSources, { props: { ids, data } }));
      }
      return bySet;
    })();
    rendered.set(data, found);
  }
  return found;
}
