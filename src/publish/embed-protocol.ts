/**
 * The messages an embed page and its host exchange, shared by the embed
 * page's script (src/scripts/embed-height.ts) and the tests. public/embed.js
 * is plain JavaScript served as it is, so it repeats these values; a test
 * checks that it agrees.
 */

/** Attribute that marks our iframes in a host page; its value is the chart id. */
export const EMBED_ATTRIBUTE = "data-met-breaches-embed";

/** `type` of our height message: `{ type, chart, height }`. */
export const HEIGHT_MESSAGE = "met-breaches:height";

/** `type` of the message embed.js sends to ask an embed for its height again. */
export const HEIGHT_REQUEST_MESSAGE = "met-breaches:request-height";

/** Heights embed.js accepts, in CSS px; anything outside is ignored as forged or broken. */
export const HEIGHT_BOUNDS = { min: 50, max: 10_000 } as const;

/** Our own height message. */
export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  /** Chart id (the registry's). */
  chart: string;
  /** Content height of the embed document in CSS px, rounded up. */
  height: number;
}

/** Pym.js joins the parts of a message with this. */
export const PYM_SEPARATOR = "xPYMx";

/**
 * Pym.js message text: `pymxPYMx<id>xPYMx<type>xPYMx<value>` (pym.js's
 * `_makeMessage`), e.g. `pymxPYMxchart-1xPYMxheightxPYMx640`.
 */
export function pymMessage(childId: string, type: "height" | "width", value: number): string {
  return ["pym", childId, type, String(value)].join(PYM_SEPARATOR);
}

/**
 * Pym ids are the ids of the host's container elements. Only plain ids are
 * used, so a crafted `childId` in the iframe's address cannot inject extra
 * message parts into what we post.
 */
export const PYM_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Datawrapper's height message: `{"datawrapper-height": {"<chart-id>": <px>}}`. */
export function datawrapperMessage(chart: string, height: number): { "datawrapper-height": Record<string, number> } {
  return { "datawrapper-height": { [chart]: height } };
}
