/**
 * Runs in an embed page: tells the host page how tall the content is, on
 * load and whenever it changes (a narrower iframe, the data table opened),
 * in three dialects so the iframe sizes itself wherever it is pasted:
 *
 * - ours, read by public/embed.js: `{ type: "met-breaches:height", chart, height }`;
 * - Pym.js, when the iframe's address carries Pym's `childId`:
 *   `pymxPYMx<childId>xPYMxheightxPYMx<height>`, re-sent when Pym's parent
 *   sends its `width` message;
 * - Datawrapper: `{ "datawrapper-height": { "<chart>": <height> } }`, which
 *   many newsroom CMSes already listen for.
 */
import {
  HEIGHT_MESSAGE,
  HEIGHT_REQUEST_MESSAGE,
  PYM_ID_PATTERN,
  PYM_SEPARATOR,
  datawrapperMessage,
  pymMessage,
  type HeightMessage,
} from "../publish/embed-protocol.ts";

/**
 * The height the iframe needs: the root element's box. The layout keeps every margin inside it
 * (body is a flow-root) and never sets a height on it, so unlike scrollHeight it can shrink below the
 * iframe's current height.
 */
function contentHeight(): number {
  return Math.ceil(document.documentElement.getBoundingClientRect().height);
}

/** Whether a message asks for the height again: embed.js starting late, or Pym's parent sending its width. */
function isHeightRequest(data: unknown, childId: string | null): boolean {
  if (typeof data === "string") {
    const parts = data.split(PYM_SEPARATOR);
    return childId !== null && parts.length === 4 && parts[0] === "pym" && parts[1] === childId && parts[2] === "width";
  }
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === HEIGHT_REQUEST_MESSAGE;
}

/**
 * Tells the host page the content height now and whenever it changes; call once, in an embed page
 * (src/scripts/page-setup.ts). Only when framed: a reader who opens the embed page on its own has no
 * parent to tell.
 */
export function reportEmbedHeight(): void {
  if (window.parent === window) return;
  const chart = document.body.dataset.embedChart ?? "";
  const pymId = new URLSearchParams(location.search).get("childId");
  const childId = pymId !== null && PYM_ID_PATTERN.test(pymId) ? pymId : null;
  let lastSent = -1;

  const send = (force: boolean) => {
    const height = contentHeight();
    if (!force && height === lastSent) return;
    lastSent = height;
    // Target origin "*": the host can be any site, and a height is public information (anyone may load
    // this page and measure it), so there is nothing to keep from an unexpected listener. Hosts, in
    // turn, check where a height comes from before they use it (public/embed.js).
    const message: HeightMessage = { type: HEIGHT_MESSAGE, chart, height };
    window.parent.postMessage(message, "*");
    window.parent.postMessage(datawrapperMessage(chart, height), "*");
    if (childId) window.parent.postMessage(pymMessage(childId, "height", height), "*");
  };

  // A ResizeObserver callback runs after layout, once per rendered frame, so bursts of changes
  // arrive as one message; send() skips heights already sent.
  new ResizeObserver(() => send(false)).observe(document.documentElement);
  window.addEventListener("load", () => send(false));
  window.addEventListener("message", (event) => {
    // Only the page that frames us may ask; the answer is the same public height for everyone.
    if (event.source === window.parent && isHeightRequest(event.data, childId)) send(true);
  });
  send(true);
}
