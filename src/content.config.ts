/**
 * Content collections. The story's narrative lives in one MDX file; its
 * headline, standfirst and description are templates whose numbers are fact
 * placeholders such as {figures:met-breaches-total}, resolved from the data
 * at build time (src/lib/fact-display.ts).
 */
import { glob } from "astro/loaders";
import { defineCollection, z } from "astro:content";

const story = defineCollection({
  loader: glob({ pattern: "*.mdx", base: "./src/content/story" }),
  schema: z.object({
    /** Headline (template). */
    title: z.string().min(1),
    /** The paragraph under the headline (template). */
    standfirst: z.string().min(1),
    /** Meta and social description, plain text once resolved (template). */
    description: z.string().min(1),
    /** Who the reporting comes from, with its date (template). */
    credit: z.string().min(1),
    /** Id of the chart whose image represents the story when shared. */
    shareChart: z.string().min(1),
  }),
});

export const collections = { story };
