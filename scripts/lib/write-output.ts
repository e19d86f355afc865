/**
 * Writes a set of files into a folder all at once: everything goes to a
 * temporary sibling folder first, which then replaces the old folder by
 * rename. A failure part-way leaves the previous output untouched.
 */
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * A file's content: a string, or chunks of it (so a large file is never one
 * string), or a file being written (by another thread), moved into place
 * once written, or else written from `otherwise` (when the thread could not).
 */
export type FileContent = string | Iterable<string> | WrittenElsewhere;

/** A file another thread writes (see FileContent). */
interface WrittenElsewhere {
  writtenAt: Promise<string | null>;
  otherwise: () => Iterable<string>;
}

const writtenElsewhere = (content: FileContent): content is WrittenElsewhere =>
  typeof content === "object" && "writtenAt" in content;

export async function writeFolderAtomically(folder: string, files: Map<string, FileContent>): Promise<void> {
  const staging = `${folder}.tmp-${process.pid}`;
  const previous = `${folder}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    // Sorted so that the folder is written the same way every time; files other threads write, last.
    const names = [...files.keys()].sort();
    const byOthers = (name: string) => writtenElsewhere(files.get(name)!);
    for (const name of [...names.filter((name) => !byOthers(name)), ...names.filter(byOthers)]) {
      const path = join(staging, name);
      await mkdir(dirname(path), { recursive: true });
      const content = files.get(name)!;
      if (writtenElsewhere(content)) {
        const writtenAt = await content.writtenAt;
        if (writtenAt) await rename(writtenAt, path);
        else await writeText(path, content.otherwise());
      } else await writeText(path, content);
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

/** UTF-8 bytes a string of this many UTF-16 units can take at most. */
const MAX_BYTES_PER_UNIT = 3;
/** Bytes gathered before they are written. */
const BUFFER_SIZE = 4 * 2 ** 20;

/**
 * Writes a file's content as UTF-8, its chunks encoded into a buffer that is
 * written when full, while the next chunks fill a second buffer: encoding
 * into a reused buffer is several times quicker than a new Buffer per chunk
 * (as fs.writeFile makes, a second of the data step at a million rows), and
 * the JSON of the next rows is made while the disk takes the last ones.
 * A chunk of bytes is written as it is, and must not change afterwards.
 * The chunks may come as they are made (an async iterable: the JSON of rows
 * another thread sends as it reads them). `append`: the content goes after
 * the file's own.
 */
export async function writeText(
  path: string,
  content: string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  { append = false }: { append?: boolean } = {},
): Promise<void> {
  // A string (every file but a large table's) is written at once: no buffers of BUFFER_SIZE to make for it.
  if (typeof content === "string" && !append) return writeFile(path, content);
  // Appending writes at the file's end by position ("a" would make Linux ignore the positions).
  const file = await open(path, append ? "r+" : "w");
  const buffers = [Buffer.allocUnsafe(BUFFER_SIZE), Buffer.allocUnsafe(BUFFER_SIZE)];
  let current = 0;
  let filled = 0;
  let position = 0;
  /** The write in progress, of the buffer that is not current. */
  let writing: Promise<void> = Promise.resolve();
  const writeAll = async (buffer: Uint8Array, length: number, at: number) => {
    for (let written = 0; written < length;) {
      written += (await file.write(buffer, written, length - written, at + written)).bytesWritten;
    }
  };
  const flush = async () => {
    await writing;
    if (filled === 0) return;
    writing = writeAll(buffers[current]!, filled, position);
    writing.catch(() => {}); // awaited at the next flush, or below; marked handled meanwhile
    position += filled;
    filled = 0;
    current = 1 - current;
  };
  try {
    if (append) position = (await file.stat()).size;
    for await (const chunk of typeof content === "string" ? [content] : content) {
      if (typeof chunk !== "string") {
        // Bytes made for the file (cells-json.ts), written as they are once the text before them is.
        await flush();
        await writing;
        writing = writeAll(chunk, chunk.length, position);
        writing.catch(() => {});
        position += chunk.length;
        continue;
      }
      const most = chunk.length * MAX_BYTES_PER_UNIT;
      if (filled + most > buffers[current]!.length) await flush();
      if (most > buffers[current]!.length) buffers[current] = Buffer.allocUnsafe(most);
      filled += buffers[current]!.write(chunk, filled, "utf8");
    }
    await flush();
    await writing;
  } finally {
    await writing.catch(() => {});
    await file.close();
  }
}
