/**
 * The raw text of every Markdown file of the demo content and of the test
 * fixtures, then of a generated desk: the real-world inputs on which the
 * parser and front-matter tests hold two readings to be the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../scripts/bench/corpus.ts';

export function contentTexts(generated: { claims: number; seed: number }): string[] {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      // Only regular files: the fixtures' symbolic links are there to be refused, not read.
      else if (e.isFile() && e.name.endsWith('.md')) texts.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(join(import.meta.dirname, '../../content'));
  walk(join(import.meta.dirname, '../fixtures'));
  for (const f of generateCorpus(generated)) if (f.path.endsWith('.md')) texts.push(f.content);
  return texts;
}
