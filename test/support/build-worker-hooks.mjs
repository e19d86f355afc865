/**
 * Module hooks of a build worker (test/support/build-worker.mjs): every
 * module outside node_modules (the copy's astro.config.mjs and its
 * integrations, and the chunks Astro writes and imports to render the pages)
 * loads as a new module in each build, marked with the build's number,
 * instead of coming from the cache of an earlier build. A copy built twice
 * writes its chunks under the same names, and the second build must render
 * with its own. Packages under node_modules are shared by every build.
 */

/** The current build's number; 0 before the first. */
let build = 0;

/** @param {{ port: import("node:worker_threads").MessagePort }} data */
export function initialize({ port }) {
  port.on("message", (next) => {
    build = next;
    port.postMessage(build);
  });
  port.unref();
}

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (build === 0 || !resolved.url.startsWith("file:") || resolved.url.includes("/node_modules/")) return resolved;
  const url = new URL(resolved.url);
  url.searchParams.set("build", String(build));
  return { ...resolved, url: url.href };
}
