/**
 * A second origin for the host pages that embed our charts (a newspaper
 * article on another site): it serves the pages a test puts in `pages`, by
 * path, and 404 for anything else.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A running host-page server. */
export interface HostServer {
  /** `http://127.0.0.1:<port>`, an origin other than the site's. */
  origin: string;
  /** The HTML of each page it serves, by path (`/article.html`). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

/** Starts a host-page server on a free port. */
export async function hostServer(): Promise<HostServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? "/", "http://x").pathname);
    response.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(page ?? "Not found");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pages,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
