/**
 * `data/cases/page-<n>.json`, `index.json`, `search-words-<n>.json` and
 * `search-<n>.json`: what the case explorer fetches when the list is paged
 * (src/publish/case-files.ts), each page file with its cases' source
 * passages in CaseSources.astro's markup. None with the real data's few cases.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { caseSourcesBySet } from "../../../components/case-sources-markup.ts";
import { dataset } from "../../../data/dataset.ts";
import { isPaged } from "../../../lib/case-scale.ts";
import {
  caseIndexFile,
  casePageFile,
  casePageFiles,
  caseSearchFile,
  caseSearchFiles,
} from "../../../publish/case-files.ts";
import { downloadResponse } from "../../../publish/downloads.ts";

export const getStaticPaths = (() =>
  isPaged(dataset.cases)
    ? ["index", ...caseSearchFiles(dataset), ...casePageFiles(dataset)].map((file) => ({ params: { file } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const file = params.file!;
  if (file === "index") return downloadResponse(caseIndexFile(dataset), "json");
  const search = caseSearchFile(dataset, file);
  if (search) return downloadResponse(search, "json");
  // A page file carries its cases' source passages as CaseSources.astro writes them, so the explorer shows them too.
  return downloadResponse(
    casePageFile(dataset, Number(file.replace(/^page-/, "")), await caseSourcesBySet(dataset)),
    "json",
  );
};
