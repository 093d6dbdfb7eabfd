/**
 * The incremental build's page keys (src/site/page-keys.ts) on a fixture's corpus: the same
 * content and code give the same keys, and the code that renders Markdown is in every key, since
 * no route imports the remark plugins and Astro's own check of a route's code cannot see them.
 * (tests/integration/incremental.test.ts proves the keys against full builds for content edits.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importClosure, RENDERERS, renderCodeDigest } from '../../src/check/code-digest.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { pageKeys } from '../../src/site/page-keys.ts';
import { FIXTURES, ROOT } from '../helpers/build-site.ts';

const corpus = loadCorpus(join(FIXTURES, 'basic'));
const claims = [...corpus.claims.keys()];
const every = (keys: ReturnType<typeof pageKeys>) => [
  ...claims.map((c) => keys.claim(c)),
  ...[...corpus.sources.keys()].map((s) => keys.source(s)),
  ...[...corpus.pages.keys()].map((p) => keys.page(p)),
  keys.list(
    'tag\u0000x',
    claims.map((slug) => ({ slug })),
  ),
  keys.redirect('/claims/x/', corpus.claims.get(claims[0]!)),
];

describe('page keys', () => {
  it('are the same for the same content and code, and differ between pages', () => {
    const a = every(pageKeys(corpus, 'code-1'));
    expect(every(pageKeys(loadCorpus(join(FIXTURES, 'basic')), 'code-1'))).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  it('all change when the code that renders Markdown does', () => {
    const a = every(pageKeys(corpus, 'code-1'));
    const b = every(pageKeys(corpus, 'code-2'));
    expect(a.filter((key, i) => b[i] === key)).toEqual([]);
  });

  it('cover the remark plugins and the collections’ definition with all they import, and are stable within a process', () => {
    expect(renderCodeDigest()).toMatch(/^[0-9a-f]{32}$/);
    expect(renderCodeDigest()).toBe(renderCodeDigest());
    const closure = importClosure(RENDERERS.map((p) => join(ROOT, p)));
    expect(closure).toEqual(
      expect.arrayContaining(
        ['src/remark/parser.ts', 'src/remark/citations.ts', 'src/content.config.ts', 'src/core/schema.ts', 'src/i18n/en.ts'].map(
          (p) => join(ROOT, p),
        ),
      ),
    );
    // Whatever of src/ the config renders Markdown with is part of the digest.
    const config = readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8');
    const renderers = [...config.matchAll(/from '\.\/(src\/remark\/[^']+)'/g)].map((m) => join(ROOT, m[1]!));
    expect(renderers.length).toBeGreaterThan(0);
    expect(closure).toEqual(expect.arrayContaining(renderers));
  });
});
