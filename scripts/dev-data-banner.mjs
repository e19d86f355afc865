/**
 * The dev server's banner of data problems. While `npm run data` reports
 * problems (errors: the site shows the last good data; or warnings), every
 * HTML page `npm run dev` serves carries them at the top, so that a reload
 * or another page never hides them. Dev only: nothing here runs in a build.
 */

export const BANNER_ID = "data-problems-banner";

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char],
  );

/**
 * The banner's HTML for a pipeline report (`npm run data -- --json`), or ""
 * when there is nothing to say.
 * @param {{ ok: boolean, summary: string, problems: { file: string, line: number, column: number, field: string, message: string, severity: string }[] } | null} report
 */
export function renderBanner(report) {
  if (!report || report.problems.length === 0) return "";
  const heading = report.ok
    ? `Data warnings: ${report.summary}. The pages show this data as a preview (nothing is published until npm run release, and the release refuses a changed published value that no correction names); npm run data lists the same.`
    : `Data problems: ${report.summary}. The site shows the last good data until they are fixed.`;
  const items = report.problems
    .map((problem) => {
      const where = `${problem.file}:${problem.line}:${problem.column}`;
      const tag = problem.severity === "warning" ? " (warning)" : "";
      return `<li><code>${escapeHtml(where)}</code> ${escapeHtml(problem.field)}: ${escapeHtml(problem.message)}${tag}</li>`;
    })
    .join("");
  const colour = report.ok ? "#fff4ce;border-color:#8a6100" : "#fde7e9;border-color:#a4262c";
  const style = `#${BANNER_ID}{position:relative;z-index:2147483647;background:${colour};color:#111;border-bottom:4px solid;padding:.75rem 1rem;font:15px/1.4 system-ui,sans-serif;max-height:50vh;overflow:auto}#${BANNER_ID} ul{margin:.5rem 0 0;padding-left:1.25rem}#${BANNER_ID} code{font-size:13px}`;
  return `<style>${style}</style><aside id="${BANNER_ID}" role="alert" data-errors="${report.ok ? 0 : 1}"><strong>${escapeHtml(heading)}</strong><ul>${items}</ul></aside>`;
}

/** The page with the banner as the first thing in its body. */
export function injectBanner(html, banner) {
  if (!banner) return html;
  const body = /<body[^>]*>/i.exec(html);
  if (!body) return banner + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + banner + html.slice(at);
}

/** Whether a content type is an HTML page's. */
const isHtmlType = (type) => /^\s*text\/html\b/i.test(String(Array.isArray(type) ? type[0] : (type ?? "")));

/** The content type among writeHead's headers (an object or a flat [name, value, …] array), if any. */
function contentTypeIn(headers) {
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2)
      if (String(headers[i]).toLowerCase() === "content-type") return headers[i + 1];
    return undefined;
  }
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "content-type");
  return name === undefined ? undefined : headers[name];
}

/**
 * Connect middleware that adds the banner to every HTML response and leaves
 * every other response alone.
 *
 * Whether a response is a page is decided once, when its head is about to be
 * sent: at writeHead (Astro's pages), or at the first write or end when the
 * head is implicit (Vite's scripts, styles and images call end alone, and
 * Node then calls writeHead itself). A response that is not HTML gets the
 * original methods back before anything is sent, so it goes out exactly as
 * it would without this middleware: same status, headers and bytes. An HTML
 * response is held until end, the banner put first in its body, and its
 * length recomputed.
 * @param {() => string} currentBanner
 */
export function bannerMiddleware(currentBanner) {
  return (_req, res, next) => {
    const banner = currentBanner();
    if (!banner) return next();
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    /** null until decided; then whether this response is a page that gets the banner. */
    let html = null;
    /** writeHead's arguments, held for a page until end. */
    let head = null;
    const chunks = [];
    const restore = () => {
      res.writeHead = original.writeHead;
      res.write = original.write;
      res.end = original.end;
    };
    /** Decides from the content type about to be sent; restores the originals for anything but HTML. */
    const decide = (headers) => {
      if (html !== null) return html;
      html = isHtmlType(contentTypeIn(headers) ?? res.getHeader("content-type"));
      if (!html) restore();
      return html;
    };
    res.writeHead = function (status, ...rest) {
      const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
      if (!decide(headers)) return original.writeHead.call(this, status, ...rest);
      head = { status, reason: typeof rest[0] === "string" ? rest[0] : undefined, headers };
      return this;
    };
    res.write = function (chunk, encoding, callback) {
      if (!decide()) return original.write.call(this, chunk, encoding, callback);
      if (chunk != null && typeof chunk !== "function")
        chunks.push(Buffer.from(chunk, typeof encoding === "string" ? encoding : undefined));
      (typeof encoding === "function" ? encoding : callback)?.();
      return true;
    };
    res.end = function (chunk, encoding, callback) {
      if (!decide()) return original.end.call(this, chunk, encoding, callback);
      if (chunk != null && typeof chunk !== "function")
        chunks.push(Buffer.from(chunk, typeof encoding === "string" ? encoding : undefined));
      const done = typeof chunk === "function" ? chunk : typeof encoding === "function" ? encoding : callback;
      restore();
      const body = Buffer.from(injectBanner(Buffer.concat(chunks).toString("utf8"), banner), "utf8");
      // writeHead merges these with its own headers, which lose their Content-Length.
      res.setHeader("content-length", body.length);
      if (head) {
        const headers = withoutContentLength(head.headers);
        if (head.reason === undefined) res.writeHead(head.status, headers);
        else res.writeHead(head.status, head.reason, headers);
      }
      return res.end(body, done);
    };
    next();
  };
}

/** writeHead's headers without Content-Length (the page grew by the banner). */
function withoutContentLength(headers) {
  if (!headers) return headers;
  if (Array.isArray(headers)) {
    const kept = [];
    for (let i = 0; i < headers.length; i += 2)
      if (String(headers[i]).toLowerCase() !== "content-length") kept.push(headers[i], headers[i + 1]);
    return kept;
  }
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "content-length"));
}
