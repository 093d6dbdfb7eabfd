/**
 * Which files of a content folder are content: the `*.md` files directly in
 * sources/, claims/ and pages/. Anything that looks like content but would be
 * skipped (a subfolder, Markdown under another extension) is a problem, so
 * that the site never silently lacks it.
 */
import { createHash } from 'node:crypto';
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/problems.ts';
import type { FileJob } from '../read-file.ts';
import { kindOf, notAFile } from '../regular-file.ts';

export const COLLECTIONS = ['sources', 'claims', 'pages'] as const;

/** Looks like content but would be skipped: a folder, or Markdown under another extension. */
const MARKDOWN_LIKE = /\.(?:markdown|mdown|mkd|mdx|txt)$|\.md$/i;

/** The content files to read, collection by collection and by name; stray entries are reported. */
export function contentFiles(dir: string, display: (abs: string) => string, problems: Problem[]): FileJob[] {
  const jobs: FileJob[] = [];
  for (const collection of COLLECTIONS) {
    const folder = join(dir, collection);
    const kind = kindOf(folder);
    if (kind === 'missing') continue;
    if (kind !== 'folder') {
      // A link to a folder could read anything on the machine into the site: the collections are folders of the content folder.
      problems.push({
        file: display(folder),
        line: 1,
        column: 1,
        message:
          kind === 'symlink'
            ? `${collection} is a symbolic link; ${collection}/ must be a folder in the content folder`
            : `${collection} is not a folder; ${collection}/ must be a folder of .md files`,
      });
      continue;
    }
    // Dirents are lstat's answers: a link is a link here, never what it points to.
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (e) {
      problems.push({
        file: display(folder),
        line: 1,
        column: 1,
        message: `${collection}/ could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); make it a readable folder`,
      });
      continue;
    }
    for (const d of entries) {
      const path = join(folder, d.name);
      const rel = `${collection}/${d.name}`;
      if (d.isDirectory()) {
        if (!d.name.startsWith('.'))
          problems.push({
            file: display(path),
            line: 1,
            column: 1,
            message: `${rel} is a folder; files in ${collection}/ must sit directly in it, not in subfolders`,
          });
      } else if (d.name.endsWith('.md')) {
        if (d.isFile()) jobs.push({ collection, name: d.name });
        // A hidden link is an editor's lock file (Emacs's `.#x.md` points nowhere), never content.
        else if (!d.name.startsWith('.'))
          problems.push({
            file: display(path),
            line: 1,
            column: 1,
            message: notAFile(rel, d.isSymbolicLink() ? 'symlink' : 'other'),
          });
      } else if (MARKDOWN_LIKE.test(d.name) && !d.name.startsWith('.')) {
        problems.push({
          file: display(path),
          line: 1,
          column: 1,
          message: `${rel} is not read: content files end in .md (rename it to ${d.name.replace(/\.[^.]+$/, '')}.md)`,
        });
      }
    }
  }
  return jobs;
}

/** A digest of a list of content files, by which two threads that listed the same folder know they listed the same files in the same order. */
export function listingDigest(jobs: readonly FileJob[]): string {
  const hash = createHash('sha256');
  for (const { collection, name } of jobs) hash.update(`${collection}/${name}\0`);
  return hash.digest('hex');
}
