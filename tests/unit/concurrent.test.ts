import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from '../../src/share-cards/concurrent.ts';

describe('forEachConcurrently', () => {
  it('runs every item once, never more than the limit at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachConcurrently([...Array(50).keys()], 4, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n % 3));
      seen.push(n);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(most).toBe(4);
  });

  it('passes on the first failure', async () => {
    await expect(
      forEachConcurrently([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two');
      }),
    ).rejects.toThrow('two');
  });
});
