/**
 * `data/cases/page-<n>.json`, `index.json`, `search-words-<n>.json` and
 * `search-<n>.json`: what the case explorer fetches when the list is paged
 * (src/publish/case-files.ts). None with the real data's few cases.
 */
import type { APIRoute, GetStaticPaths } from "astro";
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

export const GET: APIRoute = ({ params }) => {
  const file = params.file!;
  if (file === "index") return downloadResponse(caseIndexFile(dataset), "json");
  const search = caseSearchFile(dataset, file);
  if (search) return downloadResponse(search, "json");
  return downloadResponse(casePageFile(dataset, Number(file.replace(/^page-/, ""))), "json");
};
