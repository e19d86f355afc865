/**
 * Where the built site is. `npm test` builds into dist/; a parallel build
 * can use another folder (OUT_DIR=dist-x npm run build; DIST_DIR=dist-x vitest).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const DIST_DIR = resolve(process.env.DIST_DIR ?? "dist");

/** The HTML of a built page, by its path under the site (e.g. "data/"). */
export function builtPage(path = ""): string {
  const file = path.endsWith(".html") ? path : join(path, "index.html");
  return readFileSync(join(DIST_DIR, file), "utf8");
}
