/**
 * The one script every page loads (src/components/PageScript.astro), and all
 * it does at load: wait until the page has painted, then fetch and run the
 * page's set-up (src/scripts/page-setup.ts). Nothing the first paint does not
 * need may be fetched early or run before it (issue 25: a slow phone's first
 * paint waited for our scripts). So this entry imports nothing statically
 * (a static import is fetched at high priority with it), and the build
 * marks its <script> fetchpriority="low" (scripts/astro-script-priority.mjs).
 */

/** Longest wait for a painted frame: a hidden page, or a frame the browser does not render yet (ms). */
const PAINT_WAIT_LIMIT_MS = 1000;

/** A task after the page's next frame (its first paint, at load), or after PAINT_WAIT_LIMIT_MS without one. */
function afterPaint(): Promise<void> {
  return new Promise((done) => {
    // requestAnimationFrame runs just before a frame is painted; the timer's task comes after that paint.
    requestAnimationFrame(() => setTimeout(done, 0));
    // A hidden page or an off-screen frame paints no frames: its set-up must still run.
    setTimeout(done, PAINT_WAIT_LIMIT_MS);
  });
}

void afterPaint()
  .then(() => import("./page-setup.ts"))
  .then(({ setUpPage }) => setUpPage());
