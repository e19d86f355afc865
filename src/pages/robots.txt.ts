/**
 * robots.txt, generated so the sitemap's address follows SITE_URL and
 * BASE_PATH wherever the site is hosted. A preview (data not released:
 * src/data/release-status.ts) has no sitemap and asks crawlers to keep out.
 */
import type { APIRoute } from "astro";
import { PREVIEW } from "../data/release-status.ts";

export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
  const sitemap = new URL(`${base}sitemap-index.xml`, site);
  const body = PREVIEW
    ? ["User-agent: *", `Disallow: ${base}`, ""].join("\n")
    : ["User-agent: *", `Allow: ${base}`, "", `Sitemap: ${sitemap.href}`, ""].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
};
