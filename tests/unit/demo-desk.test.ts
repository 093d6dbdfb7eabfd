/**
 * The demo desk's own rules (content/): what a newcomer reads first must practise what the
 * methodology and EDITING.md preach, and a later edit of the demo must not quietly undo it.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/check/load-corpus.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = loadCorpus(join(root, 'content'));

describe('the demo desk', () => {
  it('loads without problems', () => {
    expect(corpus.problems).toEqual([]);
  });

  it('publishes no source in full: the reporting belongs to its outlets', () => {
    const full = [...corpus.sources.values()].filter((s) => s.data.show === 'full').map((s) => s.slug);
    expect(corpus.sources.size).toBeGreaterThan(0);
    expect(full).toEqual([]);
  });
});
