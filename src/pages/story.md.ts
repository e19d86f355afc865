/** `/story.md`: the story as Markdown, every figure in place (src/publish/story-markdown.ts). */
import type { APIRoute } from "astro";
import { getEntry } from "astro:content";
import storySource from "../content/story/story.mdx?raw";
import { dataset } from "../data/dataset.ts";
import { normaliseBase } from "../publish/embed-urls.ts";
import { storyMarkdown } from "../publish/story-markdown.ts";

export const GET: APIRoute = async ({ site }) => {
  const entry = await getEntry("story", "story");
  if (!entry) throw new Error("src/content/story/story.mdx is missing");
  // The body after the front matter (read from the file itself, as the story page does).
  const body = storySource.replace(/^---\n[\s\S]*?\n---\n/, "");
  const markdown = storyMarkdown(entry.data, body, dataset, { site, base: normaliseBase(import.meta.env.BASE_URL) });
  return new Response(markdown, { headers: { "Content-Type": "text/markdown; charset=utf-8" } });
};
