/**
 * Runs one of the editor's TypeScript scripts (scripts/<name>.ts) without
 * paying TypeScript's start-up on every command:
 *
 *   node scripts/run-script.mjs build-data --check   # = tsx scripts/build-data.ts --check
 *   node scripts/run-script.mjs --build               # bundles every script now (npm's postinstall)
 *
 * Each script is bundled once with esbuild (our dependency, also Astro's)
 * into .scripts-build/<name>.mjs, a gitignored folder, next to a list of the
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
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundles go (gitignored). */
const OUT_DIR = join(ROOT, ".scripts-build");
/** The scripts package.json runs, bundled together by --build. */
const SCRIPTS = ["build-data", "data-diff", "release", "build-deploy"];
/** Changes whenever the bundling below changes, so bundles made by an older launcher are made again. */
const BUNDLE_FORMAT = 2;
/** Stands for every package in the bundle: npm rewrites it whenever it installs anything. */
const INSTALLED = "node_modules/.package-lock.json";

/** @param {string} name */
const sourceOf = (name) => join(ROOT, "scripts", `${name}.ts`);
/** @param {string} name */
const bundleOf = (name) => join(OUT_DIR, `${name}.mjs`);
/** @param {string} name */
const manifestOf = (name) => join(OUT_DIR, `${name}.json`);

/** A source file's size and modification time, as the manifest records them; null when it is gone. */
function stamp(path) {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

/** Whether the bundle of `name` was made from the files now on disk. */
function isFresh(name) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestOf(name), "utf8"));
  } catch {
    return false;
  }
  if (manifest.format !== BUNDLE_FORMAT || stamp(bundleOf(name)) === null) return false;
  return Object.entries(manifest.inputs).every(([path, recorded]) => stamp(join(ROOT, path)) === recorded);
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
 * Bundles the scripts named; false when esbuild is missing. Each file is
 * written under a temporary name and renamed into place, so two commands
 * bundling at once never read half a file.
 */
async function bundle(names) {
  const build = await loadEsbuild();
  if (!build) return false;
  mkdirSync(OUT_DIR, { recursive: true });
  await Promise.all(
    names.map(async (name) => {
      const result = await build({
        entryPoints: [sourceOf(name)],
        absWorkingDir: ROOT,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        // CommonJS packages (ajv, iconv-lite) call require, which an ES module lacks.
        banner: {
          js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
        },
        write: false,
        metafile: true,
        logLevel: "error",
        outfile: bundleOf(name),
      });
      const sources = Object.keys(result.metafile.inputs).filter((path) => !path.split("/").includes("node_modules"));
      const inputs = Object.fromEntries([...sources, INSTALLED].map((path) => [path, stamp(join(ROOT, path))]));
      const suffix = `.${process.pid}.tmp`;
      writeFileSync(bundleOf(name) + suffix, result.outputFiles[0].contents);
      renameSync(bundleOf(name) + suffix, bundleOf(name));
      writeFileSync(manifestOf(name) + suffix, JSON.stringify({ format: BUNDLE_FORMAT, inputs }));
      renameSync(manifestOf(name) + suffix, manifestOf(name));
    }),
  );
  return true;
}

const [name, ...args] = process.argv.slice(2);
if (name === "--build") {
  if (await bundle(SCRIPTS)) console.error(`scripts bundled into ${relative(process.cwd(), OUT_DIR) || "."}/`);
  else console.error("esbuild is not installed: the scripts will run under tsx, more slowly");
} else if (!name || stamp(sourceOf(name)) === null) {
  console.error(`usage: node scripts/run-script.mjs <${SCRIPTS.join("|")}> [arguments]`);
  process.exitCode = 2;
} else {
  const bundled = isFresh(name) || (await bundle([name]));
  // The script reads its arguments from process.argv.slice(2), as under tsx.
  process.argv = [process.argv[0], sourceOf(name), ...args];
  if (bundled) await import(pathToFileURL(bundleOf(name)).href);
  else {
    // Without esbuild, tsx compiles the sources as it loads them, as before the bundles.
    (await import("tsx/esm/api")).register();
    await import(pathToFileURL(sourceOf(name)).href);
  }
}
