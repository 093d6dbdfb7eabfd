import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CARD_MAX_AGE_DAYS, pruneCardCache } from '../../src/share-cards/cache.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const card = (n: number) => `${n.toString(16).padStart(20, '0')}.png`;

/** A cache folder with each file last modified `age` days before NOW. */
function cache(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'card-cache-'));
  dirs.push(dir);
  for (const [name, age] of Object.entries(files)) {
    writeFileSync(join(dir, name), 'png');
    const t = new Date(NOW - age * DAY);
    utimesSync(join(dir, name), t, t);
  }
  return dir;
}

describe('pruneCardCache', () => {
  it('removes the cards no build has used for a month, and marks the ones this build used', async () => {
    const dir = cache({
      [card(1)]: 90, // used by this build: kept, however old
      [card(2)]: CARD_MAX_AGE_DAYS + 1, // unused for longer than the limit
      [card(3)]: CARD_MAX_AGE_DAYS - 1, // another folder's card, built last within the month
      [`${card(4)}.1234.tmp`]: 40, // a write killed before its rename
      'README.md': 400, // not the cache's own: never touched
    });
    const result = await pruneCardCache(dir, [join(dir, card(1))], { now: NOW });
    expect(result).toEqual({ touched: 1, removed: 2 });
    expect(readdirSync(dir).sort()).toEqual([card(1), card(3), 'README.md'].sort());
    expect(statSync(join(dir, card(1))).mtimeMs).toBe(NOW);
    // A month later, without this build: the card it used goes too.
    expect(await pruneCardCache(dir, [], { now: NOW + (CARD_MAX_AGE_DAYS + 1) * DAY })).toEqual({ touched: 0, removed: 2 });
    expect(readdirSync(dir)).toEqual(['README.md']);
  });

  it('does nothing when there is no cache yet', async () => {
    expect(await pruneCardCache(join(tmpdir(), 'no-such-card-cache'), [], { now: NOW })).toEqual({ touched: 0, removed: 0 });
  });
});
