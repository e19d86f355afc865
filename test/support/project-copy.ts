/**
 * A throwaway copy of the project (tracked and untracked-but-not-ignored
 * files, sharing node_modules) in a temporary folder: for builds that must
 * not touch the working tree (reproducibility, hostile data, synthetic
 * benchmarks).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export interface ProjectCopy {
  root: string;
  /** Runs `npm run build` in the copy; returns the output folder. */
  build(env?: Record<string, string>): string;
  remove(): void;
}

export function copyProject(prefix = "met-copy-"): ProjectCopy {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" }).split("\n");
  for (const file of files.filter(Boolean)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(file, join(root, file));
  }
  symlinkSync(resolve("node_modules"), join(root, "node_modules"));
  return {
    root,
    build(env = {}) {
      const outDir = join(root, "dist");
      execFileSync("npm", ["run", "build"], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, OUT_DIR: outDir, ...env },
      });
      return outDir;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
