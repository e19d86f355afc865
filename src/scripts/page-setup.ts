/**
 * Every page's enhancements, set up after its first paint
 * (src/scripts/page-entry.ts), each in a task of its own so that none keeps
 * a slow phone from answering a tap for long (issue 25: no main-thread task
 * over 50 ms at 6x CPU slowdown). What a page has decides what it gets:
 *
 * - the site's pages (src/layouts/Base.astro): a fact's source on a tap,
 *   the story's sentence notes, copy buttons, and the case explorers and
 *   charts, which are set up when each is first needed
 *   (src/scripts/when-needed.ts);
 * - an embed page (src/layouts/Embed.astro, `data-embed-chart` on <body>):
 *   its height for the host page, and its copy buttons. Its chart stays a
 *   picture, as on a host's page.
 *
 * The cheap set-ups come first, so a page whose charts are ready
 * (`data-charts-ready`, src/scripts/charts-ready.ts) has every other
 * enhancement in place too.
 */
import { enhanceCaseExplorersWhenNeeded } from "./case-setup.ts";
import { enhanceChartsWhenNeeded } from "./chart-setup.ts";
import { enableCopyButtons } from "./embed-copy.ts";
import { reportEmbedHeight } from "./embed-height.ts";
import { enableFactSources } from "./fact-source.ts";
import { enableSentenceNotes } from "./sentence-notes.ts";
import { nextTask } from "./when-needed.ts";

/** Sets up what this page has, a step per task; resolves when every step has started. */
export async function setUpPage(): Promise<void> {
  const embed = document.body.dataset.embedChart !== undefined;
  const steps: (() => unknown)[] = embed
    ? [reportEmbedHeight, enableCopyButtons]
    : [
        enableFactSources,
        enableSentenceNotes,
        enableCopyButtons,
        () => void enhanceCaseExplorersWhenNeeded(),
        () => void enhanceChartsWhenNeeded(),
      ];
  for (const step of steps) {
    step();
    await nextTask();
  }
}
