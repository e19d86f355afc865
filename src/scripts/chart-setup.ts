/**
 * The story's charts, made interactive when each is first needed
 * (src/scripts/when-needed.ts: near the screen, reached for, or when the
 * browser is idle), with the code that does it (src/scripts/chart-explorer.ts)
 * and its styles (src/scripts/interactive-styles.ts) fetched only then, so the page's load runs none of it. Sets
 * CHARTS_READY_ATTRIBUTE on <html> once every chart is interactive.
 */
import { CHARTS_READY_ATTRIBUTE } from "./charts-ready.ts";
import { loadInteractiveStyles } from "./interactive-styles.ts";
import { whenNeeded } from "./when-needed.ts";

/** Sets up every chart figure in `root` when it is needed; resolves when all are interactive. */
export async function enhanceChartsWhenNeeded(root: ParentNode = document): Promise<void> {
  const figures = Array.from(root.querySelectorAll<HTMLElement>("figure[data-chart]"));
  await whenNeeded(figures, async (figure) => {
    const [{ enhanceFigure }] = await Promise.all([import("./chart-explorer.ts"), loadInteractiveStyles()]);
    await enhanceFigure(figure);
  });
  document.documentElement.setAttribute(CHARTS_READY_ATTRIBUTE, "");
}
