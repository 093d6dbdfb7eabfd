import { describe, expect, it } from 'vitest';
import { pagefindSeconds } from '../../scripts/bench/measure.ts';

describe('bench measurements', () => {
  it('reads the Pagefind time from either site’s log line, and nothing from other logs', () => {
    const log =
      '12:00:01 [build] Rearranging\n12:00:09 [search-index] pagefind: indexed 1174 pages in 7.42 s\n12:00:09 [build] Complete!';
    expect(pagefindSeconds(log)).toBe(7.42);
    expect(pagefindSeconds('[baseline-pagefind] pagefind: indexed 1 page in 0.53 s')).toBe(0.53);
    expect(pagefindSeconds('[build] 62 page(s) built in 3.57s')).toBeNull();
  });
});
