/**
 * The edit an incremental build is timed on: one published claim's analysis gains a
 * sentence, as a one-line correction would. Nothing else of the desk changes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EDITED_SENTENCE = 'This review was corrected after publication to name the agency.';

/** The first published claim (by file name) of the content folder. */
export function claimToEdit(contentDir: string): string {
  const dir = join(contentDir, 'claims');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
    if (!/^draft:\s*true\s*$/m.test(frontMatter)) return join(dir, name);
  }
  throw new Error(`no published claim in ${dir}`);
}

/** Appends a paragraph to the end of one published claim's analysis; returns the file edited. */
export function editOneClaim(contentDir: string): string {
  const file = claimToEdit(contentDir);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `${text.replace(/\s*$/, '')}\n\n${EDITED_SENTENCE}\n`);
  return file;
}
