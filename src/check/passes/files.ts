/**
 * Which files of a content folder are content: the `*.md` files directly in
 * sources/, claims/ and pages/. Anything that looks like content but would be
 * skipped (a subfolder, Markdown under another extension) is a problem, so
 * that the site never silently lacks it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/problems.ts';
import type { FileJob } from '../read-file.ts';

export const COLLECTIONS = ['sources', 'claims', 'pages'] as const;

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (d) => d.name.endsWith('.md') && !d.isDirectory() && (!d.isSymbolicLink() || !statSync(join(dir, d.name)).isDirectory()),
    )
    .map((d) => d.name)
    .sort();
}

/** Looks like content but would be skipped: a folder, or Markdown under another extension. */
const MARKDOWN_LIKE = /\.(?:markdown|mdown|mkd|mdx|txt)$|\.md$/i;
function strayEntries(dir: string): { name: string; folder: boolean }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .filter((d) => d.isDirectory() || (MARKDOWN_LIKE.test(d.name) && !d.name.endsWith('.md')))
    .map((d) => ({ name: d.name, folder: d.isDirectory() }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The content files to read, collection by collection and by name; stray entries are reported. */
export function contentFiles(dir: string, display: (abs: string) => string, problems: Problem[]): FileJob[] {
  const jobs: FileJob[] = [];
  for (const collection of COLLECTIONS) {
    for (const stray of strayEntries(join(dir, collection))) {
      problems.push({
        file: display(join(dir, collection, stray.name)),
        line: 1,
        column: 1,
        message: stray.folder
          ? `${collection}/${stray.name} is a folder; files in ${collection}/ must sit directly in it, not in subfolders`
          : `${collection}/${stray.name} is not read: content files end in .md (rename it to ${stray.name.replace(/\.[^.]+$/, '')}.md)`,
      });
    }
    jobs.push(...listMarkdown(join(dir, collection)).map((name) => ({ collection, name })));
  }
  return jobs;
}
