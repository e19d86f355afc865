/**
 * The source layout is a stack of floors: src/lib (facts, wording, escaping)
 * at the bottom, src/charts above it, src/publish (embeds, images, downloads,
 * data package) above the charts, and src/scripts (what runs in the reader's
 * browser) at the top. A floor may import from the floors below it, never
 * from those above; and no module imports itself round a circle of imports,
 * however long. This reads every import of the real files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const FLOORS = ["src/lib", "src/charts", "src/publish", "src/scripts"] as const;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mts|astro)$/.test(name))
    .map((name) => join(folder, name));
}

/** Every module specifier a file imports (static, dynamic and type-only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
}

describe("source layout", () => {
  FLOORS.forEach((floor, level) => {
    const above = FLOORS.slice(level + 1);
    it(`${floor} imports nothing from ${above.join(" or ") || "a floor above"}`, () => {
      const files = sourceFiles(floor);
      expect(files.length).toBeGreaterThan(0);
      const upward = files.flatMap((file) =>
        importsOf(file)
          .filter((specifier) => above.some((name) => specifier.includes(name.replace("src/", "/"))))
          .map((specifier) => `${file} imports ${specifier}`),
      );
      expect(upward).toEqual([]);
    });
  });
});

/** The file a relative specifier names (with or without its extension), or null for a package. */
function resolveImport(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = normalize(join(dirname(file), specifier.replace(/\?.*$/, "")));
  const candidates = [base, `${base}.ts`, `${base}.mjs`, join(base, "index.ts")];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/**
 * The circles in an import graph (each as file -> file -> ... -> the same
 * file), found by a depth-first walk that reports an edge back to a file still
 * on the walk's path.
 */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const circles: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string) => {
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) {
      if (onPath.has(next)) circles.push([...path.slice(path.indexOf(next)), next].join(" -> "));
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return circles;
}

describe("import circles", () => {
  it("finds a circle when there is one (the check can fail)", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCircles(graph)).toEqual(["a.ts -> b.ts -> c.ts -> a.ts"]);
  });

  it("no module of src/ or scripts/ imports itself round a circle (static, dynamic or type-only imports)", () => {
    const files = buildFiles().filter((file) => /\.(ts|mts|mjs|astro)$/.test(file));
    const graph = new Map(
      files.map((file) => [
        file,
        importsOf(file)
          .map((specifier) => resolveImport(file, specifier))
          .filter((path): path is string => path !== null),
      ]),
    );
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
    expect(importCircles(graph)).toEqual([]);
  });
});

/** Every file the site's build runs: sources, build scripts and config. */
function buildFiles(): string[] {
  const folders = ["src", "scripts"].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.(ts|mts|mjs|astro|mdx)$/.test(name))
      .map((name) => join(folder, name)),
  );
  return [...folders, "astro.config.mjs"];
}

describe("dependencies", () => {
  it("every runtime dependency in package.json is imported by the build (no unused dependency)", () => {
    const { dependencies } = JSON.parse(readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
    };
    const text = buildFiles()
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const unused = Object.keys(dependencies).filter(
      (name) => !new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?:["'\`/])`).test(text),
    );
    expect(unused).toEqual([]);
  });
});
