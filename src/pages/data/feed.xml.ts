/** `data/feed.xml`: the Atom feed of corrections and releases (src/publish/feed.ts). */
import type { APIRoute } from "astro";
import { dataset } from "../../data/dataset.ts";
import { atomFeed } from "../../publish/feed.ts";

export const GET: APIRoute = ({ site }) =>
  new Response(atomFeed(dataset, { site, base: import.meta.env.BASE_URL }), {
    headers: { "content-type": "application/atom+xml; charset=utf-8" },
  });
