/**
 * robots.txt, generated so the sitemap's address follows SITE_URL and
 * BASE_PATH wherever the site is hosted.
 */
import type { APIRoute } from "astro";

export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
  const sitemap = new URL(`${base}sitemap-index.xml`, site);
  const body = ["User-agent: *", `Allow: ${base}`, "", `Sitemap: ${sitemap.href}`, ""].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
};
