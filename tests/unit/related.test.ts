import { describe, expect, it } from 'vitest';
import { rankRelated } from '../../src/site/related.ts';

const claim = (slug: string, sources: string[], tags: string[] = []) => ({ slug, sources, tags });

describe('related reviews', () => {
  it('ranks by shared sources, then shared tags, then the newer first (claims come newest first)', () => {
    const related = rankRelated([
      claim('a', ['s1', 's2'], ['t1']),
      claim('b', ['s1'], ['t1']),
      claim('c', ['s1', 's2']),
      claim('d', [], ['t1']),
      claim('e', ['s1']),
      claim('f', ['s9'], ['t9']),
    ]);
    expect(related.get('a')).toEqual(['c', 'b', 'e', 'd']);
    expect(related.get('d')).toEqual(['a', 'b']);
    expect(related.get('f')).toEqual([]);
  });

  it('lists at most five, and never the claim itself', () => {
    const claims = Array.from({ length: 9 }, (_, i) => claim(`c${i}`, ['shared']));
    const related = rankRelated(claims);
    expect(related.get('c3')).toEqual(['c0', 'c1', 'c2', 'c4', 'c5']);
  });

  it('looks at only the newest reviews sharing each source or tag, so a source every review cites costs each claim a bounded look', () => {
    const claims = Array.from({ length: 2_000 }, (_, i) => claim(`c${i}`, ['everyone'], i === 1_999 ? ['rare'] : []));
    claims.push(claim('late', [], ['rare']));
    const related = rankRelated(claims, 5, 50);
    // The oldest claim still finds the newest ones that share its source...
    expect(related.get('c1999')).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    // ...and a tag shared with it alone still links the two.
    expect(related.get('late')).toEqual(['c1999']);
  });
});
