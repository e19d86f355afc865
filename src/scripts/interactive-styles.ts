/**
 * The enhancements' styles (src/styles/interactive.css: tooltips, focus
 * ring, keys, the case filters and count), as a stylesheet of their own that
 * the set-up scripts add when they first enhance something: the page's HTML
 * does not carry them, and a reader without JavaScript, who never sees what
 * they style, never fetches them.
 */
import href from "../styles/interactive.css?url";

let loading: Promise<void> | null = null;

/** Adds the stylesheet once; resolves when it has loaded (or failed: the enhancements still work). */
export function loadInteractiveStyles(): Promise<void> {
  loading ??= new Promise((done) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.addEventListener("load", () => done(), { once: true });
    link.addEventListener("error", () => done(), { once: true });
    document.head.append(link);
  });
  return loading;
}
