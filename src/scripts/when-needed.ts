/**
 * Deferred set-up for the story's enhancements (issue 25: no main-thread
 * task over 50 ms on a slow phone). The page reads and works without them;
 * each part of the page is set up once, when it is first needed:
 *
 * - when it comes near the screen (within `margin` of the viewport), so a
 *   reader scrolling or tabbing towards it finds it ready;
 * - when the reader first points at, touches or focuses into it;
 * - or, failing both, when the browser is idle after the load, one part per
 *   idle period, so every part is set up in the end (and tests can wait for
 *   that).
 *
 * The set-up of one part runs in tasks of its own, after the load has
 * painted, never inside the parser's tasks; `nextTask` and `afterFrame`
 * are the steps the set-ups take between tasks and frames.
 */

/** How far outside the viewport a part starts its set-up (CSS margin). */
const DEFAULT_MARGIN = "50% 0px";
/** Events that mean the reader is reaching for a part. */
const REACH_EVENTS = ["pointerover", "pointerdown", "focusin"] as const;

/** Lets the browser handle input and paint before the next step: a task of its own for each. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((done) => setTimeout(done, 0));
}

/**
 * A task after the browser's next frame, when the page's layout is up to date and reading it costs
 * nothing, and what the step before changed has been styled, laid out and painted.
 */
export function afterFrame(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

/** Waits for an idle period (at most `timeout` ms), or a task where the browser has no idle callbacks. */
export function idle(timeout = 2000): Promise<void> {
  return new Promise((done) =>
    typeof requestIdleCallback === "function" ? requestIdleCallback(() => done(), { timeout }) : setTimeout(done, 0),
  );
}

/** Resolves once the page has loaded (its load event has fired). */
function loaded(): Promise<void> {
  return document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((done) => window.addEventListener("load", () => done(), { once: true }));
}

/**
 * Calls `setUp` once for each of `parts`, when that part is first needed (see the module's
 * comment). Resolves when every part is set up.
 */
export function whenNeeded<Part extends Element>(
  parts: readonly Part[],
  setUp: (part: Part) => Promise<void> | void,
  margin = DEFAULT_MARGIN,
): Promise<void> {
  const pending = new Set(parts);
  const running: Promise<void>[] = [];
  let observer: IntersectionObserver | null = null;

  const start = (part: Part) => {
    if (!pending.delete(part)) return;
    observer?.unobserve(part);
    for (const type of REACH_EVENTS) part.removeEventListener(type, reach, true);
    running.push(Promise.resolve(setUp(part)));
  };
  const reach = (event: Event) => start(event.currentTarget as Part);

  for (const part of parts) {
    for (const type of REACH_EVENTS) part.addEventListener(type, reach, { capture: true, passive: true });
  }
  if (typeof IntersectionObserver === "function") {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) if (entry.isIntersecting) start(entry.target as Part);
      },
      { rootMargin: margin },
    );
    for (const part of parts) observer.observe(part);
  }

  return (async () => {
    await loaded();
    // What no reader has reached yet, in document order, one part per idle period.
    for (const part of parts) {
      if (!pending.has(part)) continue;
      await idle();
      start(part);
      await running.at(-1);
    }
    observer?.disconnect();
    await Promise.all(running);
  })();
}

/**
 * Null when `element` is rendered now; else a promise that resolves once it is: a part of a story
 * section that content-visibility skips until it nears the screen (src/styles/story-sections.css).
 * Measuring the part before, or giving it form controls (which Chromium's autofill measures about
 * 100 ms after they arrive), would lay out its whole section at once: one long task on a slow phone.
 */
export function untilRendered(element: Element): Promise<void> | null {
  if (typeof element.checkVisibility !== "function" || element.checkVisibility({ contentVisibilityAuto: true })) {
    return null;
  }
  return new Promise((done) => {
    const listener = (event: Event) => {
      if ((event as ContentVisibilityAutoStateChangeEvent).skipped) return;
      if (!(event.target instanceof Node && event.target.contains(element))) return;
      document.removeEventListener("contentvisibilityautostatechange", listener, true);
      done();
    };
    document.addEventListener("contentvisibilityautostatechange", listener, true);
  });
}
