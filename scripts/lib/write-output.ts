/**
 * Writes a set of files into a folder all at once: everything goes to a
 * temporary sibling folder first, which then replaces the old folder by
 * rename. A failure part-way leaves the previous output untouched.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** A file's content: a string, or chunks of it (so a large file is never one string). */
export type FileContent = string | Iterable<string>;

export async function writeFolderAtomically(folder: string, files: Map<string, FileContent>): Promise<void> {
  const staging = `${folder}.tmp-${process.pid}`;
  const previous = `${folder}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    // Sorted so that the folder is written the same way every time.
    for (const name of [...files.keys()].sort()) {
      const path = join(staging, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, files.get(name)!);
    }
    await mkdir(dirname(folder), { recursive: true });
    await rename(folder, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, folder);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
  }
}
