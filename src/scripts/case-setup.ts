/**
 * The story's case explorers (src/scripts/case-explorer.ts), set up when
 * each is first needed (src/scripts/when-needed.ts: near the screen, reached
 * for, or when the browser is idle), with their code and styles
 * (src/scripts/interactive-styles.ts) fetched only then, and its controls placed once its section
 * is rendered; all at once when the address carries a filter, so a shared filtered list opens
 * filtered. Without JavaScript the whole list shows.
 */
import { loadInteractiveStyles } from "./interactive-styles.ts";
import { untilRendered, whenNeeded } from "./when-needed.ts";

/** Sets up every case explorer in `root` when it is needed; resolves when all are. */
export async function enhanceCaseExplorersWhenNeeded(root: ParentNode = document): Promise<void> {
  const explorers = Array.from(root.querySelectorAll<HTMLElement>("[data-case-explorer]"));
  const setUp = async (explorer: HTMLElement, atOnce = false) => {
    const [{ enhanceCaseExplorer }] = await Promise.all([import("./case-explorer.ts"), loadInteractiveStyles()]);
    // Its controls arrive once its section is rendered: Chromium's autofill measures new form
    // controls, and in a section content-visibility still skips that laid out the whole section,
    // a task of about 50-60 ms on a slow phone (bench:main-thread).
    if (!atOnce) await untilRendered(explorer);
    enhanceCaseExplorer(explorer);
  };
  if (location.search) await Promise.all(explorers.map((explorer) => setUp(explorer, true)));
  else await whenNeeded(explorers, (explorer) => setUp(explorer));
}
