import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { loadCorpus } from '../../src/lib/corpus.ts';
import { generateCorpus } from '../../src/lib/bench-corpus.ts';
import remarkParseOnce, { treeFromCorpus } from '../../src/remark/parse-once.ts';

// What Astro's Markdown processor would build from the body it passes (trimmed).
const gfm = unified().use(remarkParse).use(remarkGfm);
const astroParse = (doc: string) => gfm.parse(doc) as Root;

function writeCorpus(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'parse-once-'));
  for (const f of generateCorpus({ claims: 15, seed: 11 })) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  for (const [path, content] of Object.entries(extra)) writeFileSync(join(dir, path), content);
  return dir;
}

describe('parse once: Astro renders the corpus tree instead of parsing again', () => {
  it('gives the tree Astro would parse, positions included, for every file of the demo and a generated corpus', () => {
    const dirs = [resolve(import.meta.dirname, '../../content'), writeCorpus()];
    try {
      let n = 0;
      for (const dir of dirs) {
        const corpus = loadCorpus(dir);
        for (const c of ['claims', 'sources', 'pages'] as const) {
          for (const entry of corpus[c].values()) {
            const doc = entry.body.trim();
            const tree = treeFromCorpus(corpus, dir, doc, join(dir, entry.path));
            if (entry.body.trimStart() === entry.body) {
              expect(tree, entry.path).toEqual(astroParse(doc));
              n++;
            } else expect(tree).toBeUndefined();
          }
        }
      }
      expect(n).toBeGreaterThan(30);
    } finally {
      rmSync(dirs[1]!, { recursive: true, force: true });
    }
  });

  it('returns a copy: changing it leaves the corpus as it was', () => {
    const dir = writeCorpus();
    try {
      const corpus = loadCorpus(dir);
      const entry = [...corpus.claims.values()][0]!;
      const before = JSON.stringify(entry.tree);
      const tree = treeFromCorpus(corpus, dir, entry.body.trim(), join(dir, entry.path))!;
      tree.children.length = 0;
      expect(JSON.stringify(entry.tree)).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves other text, other files and bodies with leading blank lines to the parser', () => {
    const dir = writeCorpus({ 'pages/blank-first.md': '---\ntitle: T\ndescription: D\n---\n\n\nText after blank lines.\n' });
    try {
      const corpus = loadCorpus(dir);
      const entry = [...corpus.claims.values()][0]!;
      expect(treeFromCorpus(corpus, dir, entry.body.trim() + ' changed', join(dir, entry.path))).toBeUndefined();
      expect(treeFromCorpus(corpus, dir, entry.body.trim(), join(dir, 'elsewhere', entry.path))).toBeUndefined();
      expect(treeFromCorpus(corpus, dir, entry.body.trim(), undefined)).toBeUndefined();
      const blank = corpus.pages.get('blank-first')!;
      expect(treeFromCorpus(corpus, dir, blank.body.trim(), join(dir, blank.path))).toBeUndefined();

      // Inside a processor: same result as without the plugin, for a corpus file and for any other text.
      const plain = unified().use(remarkParse).use(remarkGfm);
      const once = unified().use(remarkParse).use(remarkGfm).use(remarkParseOnce, { contentDir: dir });
      const doc = entry.body.trim();
      expect(once.parse({ value: doc, path: join(dir, entry.path) })).toEqual(plain.parse(doc));
      expect(once.parse({ value: blank.body.trim(), path: join(dir, blank.path) })).toEqual(plain.parse(blank.body.trim()));
      expect(once.parse('| a |\n| - |\n| www.x.org |')).toEqual(plain.parse('| a |\n| - |\n| www.x.org |'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
