import { describe, expect, it } from 'vitest';
import { collectCorrections } from '../../src/site/corrections.ts';

const claim = (
  slug: string,
  updates: { date: string; note: string; previous_verdict?: string }[] | undefined,
  draft = false,
) => ({
  slug,
  data: { claim: `Claim ${slug}`, updates, draft, verdict: 'false' },
});

describe('collectCorrections', () => {
  it('lists every update of every published claim, newest first', () => {
    const list = collectCorrections([
      claim('b', [
        { date: '2024-01-05', note: 'b first' },
        { date: '2024-03-01', note: 'b second' },
      ]),
      claim('a', [{ date: '2024-02-01', note: 'a only' }]),
      claim('c', undefined),
      claim('draft', [{ date: '2025-01-01', note: 'never shown' }], true),
    ]);
    expect(list).toEqual([
      { date: '2024-03-01', note: 'b second', slug: 'b', claim: 'Claim b' },
      { date: '2024-02-01', note: 'a only', slug: 'a', claim: 'Claim a' },
      { date: '2024-01-05', note: 'b first', slug: 'b', claim: 'Claim b' },
    ]);
  });

  it('orders one day by claim slug, and within a claim puts its later entry first', () => {
    const day = '2024-05-05';
    const list = collectCorrections([
      claim('zeta', [{ date: day, note: 'z' }]),
      claim('alpha', [
        { date: day, note: 'alpha earlier' },
        { date: day, note: 'alpha later' },
      ]),
    ]);
    expect(list.map((e) => e.note)).toEqual(['alpha later', 'alpha earlier', 'z']);
  });

  it('is empty when nothing was ever corrected', () => {
    expect(collectCorrections([claim('a', undefined), claim('b', [])])).toEqual([]);
  });

  it('says which updates changed the verdict, and from what to what', () => {
    const list = collectCorrections([
      claim('a', [
        { date: '2024-01-01', note: 'Rated.', previous_verdict: 'true' },
        { date: '2024-01-02', note: 'Typo.' },
      ]),
    ]);
    expect(list.map((r) => r.change)).toEqual([undefined, { from: 'true', to: 'false' }]);
  });
});
