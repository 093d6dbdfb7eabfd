import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { predrawCards } from '../../src/share-cards/pool.ts';
import { cachedShareCard, cardHash, type ShareCardInput } from '../../src/share-cards/card.ts';
import { pngSize } from '../helpers/png-size.ts';

const dir = mkdtempSync(join(tmpdir(), 'card-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inputs: ShareCardInput[] = ['The ferry is free.', 'The pier is closed.', 'The board met twice.'].map((claim) => ({
  claim,
  claimant: 'A ferry operator',
  verdictLabel: 'False',
  verdictRating: 1,
  siteTitle: 'Pool fixture',
}));

describe('predrawCards', () => {
  it('draws the missing cards in worker threads, and the route waits for them instead of drawing', async () => {
    const { queued, done } = predrawCards([...inputs, inputs[0]!], { cacheDir: dir, workers: 2 });
    expect(queued).toBe(3);
    const never = async (): Promise<Buffer> => {
      throw new Error('drew a card the pool was drawing');
    };
    // Asked for at once, as the card route would: the answer waits for the worker.
    const last = await cachedShareCard(inputs[2]!, { cacheDir: dir, render: never });
    expect(last.cached).toBe(true);
    expect(pngSize(last.png)).toEqual({ width: 1200, height: 630 });
    expect(await done).toEqual({ drawn: 3, failed: [] });
    expect(readdirSync(dir).sort()).toEqual(inputs.map((i) => `${cardHash(i)}.png`).sort());
    // Everything cached: a second pool has nothing to do.
    expect(predrawCards(inputs, { cacheDir: dir }).queued).toBe(0);
  });
});
