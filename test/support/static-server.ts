/**
 * A small static file server for the built site, mounted under the site's
 * base path, on a free loopback port. Used by browser tests and benches.
 * With `gzip`, text files go gzipped to a client that accepts it, as static
 * hosts send them (bench/lighthouse.ts); tests get the files as they are.
 */
import { createReadStream } from "node:fs";
import { createGzip } from "node:zlib";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:53211 */
  origin: string;
  /** Origin plus base path, ending in a slash. */
  url: string;
  close(): Promise<void>;
}

/** Types a host compresses: text, not images or fonts that are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml)|image\/svg)/;

export async function serveStatic(
  root: string,
  base = "/",
  port = 0,
  { gzip = false }: { gzip?: boolean } = {},
): Promise<StaticServer> {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (!pathname.startsWith(prefix)) return notFound(response);
    let path = normalize(join(root, pathname.slice(prefix.length)));
    if (!path.startsWith(normalize(root))) return notFound(response);
    try {
      let info = await stat(path);
      if (info.isDirectory()) {
        path = join(path, "index.html");
        info = await stat(path);
      }
      const type = TYPES[extname(path)] ?? "application/octet-stream";
      if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
        response.writeHead(200, { "content-type": type, "content-encoding": "gzip", vary: "Accept-Encoding" });
        createReadStream(path).pipe(createGzip()).pipe(response);
        return;
      }
      response.writeHead(200, { "content-type": type, "content-length": info.size });
      createReadStream(path).pipe(response);
    } catch {
      notFound(response);
    }
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}${prefix}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function notFound(response: import("node:http").ServerResponse) {
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("Not found");
}
