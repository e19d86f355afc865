/**
 * Runs one of the editor's TypeScript scripts (scripts/<name>.ts) without
 * paying TypeScript's start-up on every command:
 *
 *   node scripts/run-script.mjs build-data --check   # = tsx scripts/build-data.ts --check
 *   node scripts/run-script.mjs --build               # bundles every script now (npm's postinstall)
 *
 * Each script is bundled once with esbuild (our dependency, also Astro's)
 * into .scripts-build/<name>.cjs (or .mjs, see bundleOf; then its code
 * cache, see runCommonJs), a gitignored folder, next to a list of the
 * source files it was made from with their sizes and modification times.
 * Every run compares that list with the files on disk (a few dozen stats,
 * well under a millisecond each) and bundles again first when any source
 * changed, so an edited script, a fresh clone or a copy of the project runs
 * its current sources without anyone running a build step. The packages
 * the scripts import are bundled too (loading them file by file from
 * node_modules was a third of the start-up); npm rewrites
 * node_modules/.package-lock.json on every install, so a bundle is made
 * again after any install as well.
 *
 * Plain JavaScript on purpose: it must start without TypeScript.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundles go (gitignored). */
const OUT_DIR = join(ROOT, ".scripts-build");
/** The scripts package.json runs, bundled together by --build. */
const SCRIPTS = ["build-data", "data-diff", "release", "build-deploy"];
/** Changes whenever the bundling below changes, so bundles made by an older launcher are made again. */
const BUNDLE_FORMAT = 3;
/** Stands for every package in the bundle: npm rewrites it whenever it installs anything. */
const INSTALLED = "node_modules/.package-lock.json";

/** @param {string} name */
const sourceOf = (name) => join(ROOT, "scripts", `${name}.ts`);
/**
 * A script's bundle: CommonJS (`.cjs`) where the script allows it, run with
 * V8's code cache (runCommonJs); an ES module (`.mjs`) for a script that
 * awaits at its top level, which CommonJS cannot.
 * @param {string} name
 * @param {"cjs" | "esm"} kind
 */
const bundleOf = (name, kind) => join(OUT_DIR, `${name}.${kind === "cjs" ? "cjs" : "mjs"}`);
/** @param {string} name */
const manifestOf = (name) => join(OUT_DIR, `${name}.json`);
/** @param {string} name */
const codeCacheOf = (name) => join(OUT_DIR, `${name}.v8cache`);

/** A source file's size and modification time, as the manifest records them; null when it is gone. */
function stamp(path) {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

/** The kind of the bundle of `name` when it was made from the files now on disk; null when it must be made again. */
function freshKind(name) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestOf(name), "utf8"));
  } catch {
    return null;
  }
  if (manifest.format !== BUNDLE_FORMAT || stamp(bundleOf(name, manifest.kind)) === null) return null;
  const fresh = Object.entries(manifest.inputs).every(([path, recorded]) => stamp(join(ROOT, path)) === recorded);
  return fresh ? manifest.kind : null;
}

/** esbuild's build function, or null when esbuild cannot be loaded (an install without it): the scripts then run under tsx. */
async function loadEsbuild() {
  try {
    return (await import("esbuild")).build;
  } catch {
    return null;
  }
}

/**
 * Bundles the scripts named: a map of each name to its bundle's kind, or
 * null when esbuild is missing. Each file is written under a temporary name
 * and renamed into place, so two commands bundling at once never read half
 * a file.
 * @param {string[]} names
 */
async function bundle(names) {
  const build = await loadEsbuild();
  if (!build) return null;
  mkdirSync(OUT_DIR, { recursive: true });
  /** @type {Map<string, "cjs" | "esm">} */
  const kinds = new Map();
  await Promise.all(
    names.map(async (name) => {
      const options = {
        entryPoints: [sourceOf(name)],
        absWorkingDir: ROOT,
        bundle: true,
        platform: "node",
        target: "node20",
        write: false,
        metafile: true,
      };
      /** @type {"cjs" | "esm"} */
      let kind = "cjs";
      let result;
      try {
        // CommonJS unless the script awaits at its top level (an error) or reads import.meta (left empty).
        result = await build({ ...options, format: "cjs", logLevel: "silent", outfile: bundleOf(name, "cjs") });
        if (result.warnings.some((warning) => warning.text.includes("import.meta"))) throw new Error("import.meta");
      } catch {
        kind = "esm";
        result = await build({
          ...options,
          format: "esm",
          // CommonJS packages (ajv, iconv-lite) call require, which an ES module lacks.
          banner: {
            js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
          },
          logLevel: "error",
          outfile: bundleOf(name, "esm"),
        });
      }
      const sources = Object.keys(result.metafile.inputs).filter((path) => !path.split("/").includes("node_modules"));
      const inputs = Object.fromEntries([...sources, INSTALLED].map((path) => [path, stamp(join(ROOT, path))]));
      const suffix = `.${process.pid}.tmp`;
      writeFileSync(bundleOf(name, kind) + suffix, result.outputFiles[0].contents);
      renameSync(bundleOf(name, kind) + suffix, bundleOf(name, kind));
      writeFileSync(manifestOf(name) + suffix, JSON.stringify({ format: BUNDLE_FORMAT, kind, inputs }));
      renameSync(manifestOf(name) + suffix, manifestOf(name));
      kinds.set(name, kind);
    }),
  );
  return kinds;
}

/**
 * Runs a CommonJS bundle as Node runs a CommonJS file, but compiled from V8's
 * code cache (`<name>.v8cache`) when there is one for this very bundle: the
 * functions the last run compiled are then read, not compiled again, which
 * was a fifth of data:check's processor time. The cache starts with the
 * bundle's size and modification time and is used only when they match:
 * V8 itself checks no more than the length of the source, so a cache of an
 * edited bundle of the same length would run the old code. A run without a
 * usable cache (the first after bundling, or another Node) writes one as it
 * exits, with every function it compiled.
 * @param {string} name
 */
function runCommonJs(name) {
  const file = bundleOf(name, "cjs");
  const source = readFileSync(file, "utf8");
  const bundleStamp = stamp(file);
  let cachedData;
  try {
    const saved = readFileSync(codeCacheOf(name));
    const headerEnd = saved.indexOf(10);
    if (saved.subarray(0, headerEnd).toString() === bundleStamp) cachedData = saved.subarray(headerEnd + 1);
  } catch {
    // No cache yet.
  }
  // The wrapper Node puts around a CommonJS file, on the bundle's first line so that its line numbers stay.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    process.once("exit", () => {
      try {
        const temporary = `${codeCacheOf(name)}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([Buffer.from(`${bundleStamp}\n`), script.createCachedData()]));
        renameSync(temporary, codeCacheOf(name));
      } catch {
        // A cache that cannot be written only makes the next run as slow as this one.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

const [name, ...args] = process.argv.slice(2);
if (name === "--build") {
  if (await bundle(SCRIPTS)) console.error(`scripts bundled into ${relative(process.cwd(), OUT_DIR) || "."}/`);
  else console.error("esbuild is not installed: the scripts will run under tsx, more slowly");
} else if (!name || stamp(sourceOf(name)) === null) {
  console.error(`usage: node scripts/run-script.mjs <${SCRIPTS.join("|")}> [arguments]`);
  process.exitCode = 2;
} else {
  const kind = freshKind(name) ?? (await bundle([name]))?.get(name);
  // The script reads its arguments from process.argv.slice(2), as under tsx.
  process.argv = [process.argv[0], sourceOf(name), ...args];
  if (kind === "cjs") runCommonJs(name);
  else if (kind === "esm") await import(pathToFileURL(bundleOf(name, "esm")).href);
  else {
    // Without esbuild, tsx compiles the sources as it loads them, as before the bundles.
    (await import("tsx/esm/api")).register();
    await import(pathToFileURL(sourceOf(name)).href);
  }
}
