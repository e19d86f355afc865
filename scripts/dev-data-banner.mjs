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
    ? `Data warnings: ${report.summary}. The data was published; npm run data lists the same.`
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

/**
 * Connect middleware that adds the banner to every HTML response. Astro's
 * dev server writes a page with writeHead, write and end, so the page is
 * held until end and its length recomputed.
 * @param {() => string} currentBanner
 */
export function bannerMiddleware(currentBanner) {
  return (_req, res, next) => {
    const banner = currentBanner();
    if (!banner) return next();
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    let head = null;
    const chunks = [];
    const isHtml = () => {
      const type = head?.headers?.["content-type"] ?? head?.headers?.["Content-Type"] ?? res.getHeader("content-type");
      return String(type ?? "").includes("text/html");
    };
    res.writeHead = (status, ...rest) => {
      const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
      head = { status, headers: { ...(headers ?? {}) } };
      return res;
    };
    const flushHead = () => {
      if (!head) return;
      original.writeHead.call(res, head.status, head.headers);
      head = null;
    };
    res.write = (chunk, encoding, callback) => {
      if (!isHtml()) {
        flushHead();
        return original.write.call(res, chunk, encoding, callback);
      }
      chunks.push(Buffer.from(chunk, typeof encoding === "string" ? encoding : undefined));
      (typeof encoding === "function" ? encoding : callback)?.();
      return true;
    };
    res.end = (chunk, encoding, callback) => {
      if (!isHtml()) {
        flushHead();
        return original.end.call(res, chunk, encoding, callback);
      }
      if (chunk && typeof chunk !== "function") {
        chunks.push(Buffer.from(chunk, typeof encoding === "string" ? encoding : undefined));
      }
      const html = injectBanner(Buffer.concat(chunks).toString("utf8"), banner);
      if (head) {
        for (const name of Object.keys(head.headers))
          if (name.toLowerCase() === "content-length") delete head.headers[name];
      }
      res.removeHeader("content-length");
      flushHead();
      return original.end.call(
        res,
        html,
        "utf8",
        typeof chunk === "function" ? chunk : typeof encoding === "function" ? encoding : callback,
      );
    };
    next();
  };
}
