/** `data/datapackage.json`: the Frictionless Data Package (v2.0) describing every table's CSV download, with the data's citation. */
import type { APIRoute } from "astro";
import { dataset } from "../../data/dataset.ts";
import { citationSite, packageCitation } from "../../publish/citation.ts";
import { dataPackage } from "../../publish/datapackage.ts";
import { downloadResponse, encodeJson } from "../../publish/downloads.ts";
import { normaliseBase } from "../../publish/embed-urls.ts";

export const GET: APIRoute = ({ site }) => {
  const citation = packageCitation(dataset, citationSite({ site, base: normaliseBase(import.meta.env.BASE_URL) }));
  return downloadResponse(encodeJson(dataPackage(dataset, citation)), "json");
};
