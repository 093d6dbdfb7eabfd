/**
 * Content is read from regular files only, and only so much of each. A pull request can put
 * a symbolic link (to a secret outside the folder, or to /dev/zero), a FIFO that never ends,
 * or a folder where a file belongs into the content folder: none of them is followed, opened
 * or hashed, each is a problem at its path. Every read of content goes through here.
 */
import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';

/** The largest content file read (Markdown or site.yml): a long source's text is a fraction of it. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type FileKind = 'file' | 'folder' | 'symlink' | 'other' | 'missing';

function kindOfStats(s: Stats): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'folder' : s.isSymbolicLink() ? 'symlink' : 'other';
}

/** What is at a path, without following a symbolic link. */
export function kindOf(path: string): FileKind {
  try {
    return kindOfStats(lstatSync(path));
  } catch {
    return 'missing';
  }
}

/** Why `name` is not read, for a kind other than a regular file, saying what to put there instead. */
export function notAFile(name: string, kind: Exclude<FileKind, 'file'>): string {
  switch (kind) {
    case 'symlink':
      return `${name} is a symbolic link; content files must be regular files (put the file itself here)`;
    case 'folder':
      return `${name} is a folder where a file belongs; put the file itself here`;
    case 'missing':
      return `${name} could not be found`;
    default:
      return `${name} is not a regular file (a FIFO, socket or device); content files must be regular files`;
  }
}

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** A file's bytes, or why they were not read. */
export type FileRead = { bytes: Buffer } | { problem: string };

/**
 * The bytes of a regular file of at most `max` bytes, or why it is not read. The file is
 * opened without following a link and without waiting for a FIFO's writer, and checked again
 * once open, so that nothing swapped in between a listing and the read is read.
 */
export function readRegularFile(path: string, name: string, max = MAX_FILE_BYTES): FileRead {
  const kind = kindOf(path);
  if (kind !== 'file') return { problem: notAFile(name, kind) };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { problem: notAFile(name, 'symlink') };
    return { problem: `${name} could not be opened (${code ?? (e as Error).message}); make it a readable file` };
  }
  try {
    const stats = fstatSync(fd);
    const opened = kindOfStats(stats);
    if (opened !== 'file') return { problem: notAFile(name, opened) };
    if (stats.size > max)
      return { problem: `${name} is ${megabytes(stats.size)}; a content file may be at most ${megabytes(max)}: split it` };
    // One byte more than allowed is asked for, so that a file grown since fstat is still caught.
    const buf = Buffer.allocUnsafe(Math.min(stats.size, max) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    if (length > max)
      return { problem: `${name} is over ${megabytes(max)}; a content file may be at most ${megabytes(max)}: split it` };
    return { bytes: buf.subarray(0, length) };
  } catch (e) {
    return { problem: `${name} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** One decoder for every file: making one per file cost more than decoding. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A regular file's text, decoded strictly as UTF-8, or why it cannot be read. */
export function readRegularText(path: string, name: string, max = MAX_FILE_BYTES): { text: string } | { problem: string } {
  const read = readRegularFile(path, name, max);
  if ('problem' in read) return read;
  try {
    return { text: UTF8.decode(read.bytes) };
  } catch {
    return { problem: `${name} is not valid UTF-8 text; save it as UTF-8` };
  }
}

/** A folder's entries (never followed), sorted by name; none when it cannot be listed (its listing's problem is reported by files.ts). */
export function listFolder(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** The first bytes of a regular file (a picture's signature), never through a link nor waiting on a FIFO; empty when unreadable. */
export function readHead(path: string, length = 1024): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return Buffer.alloc(0);
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
