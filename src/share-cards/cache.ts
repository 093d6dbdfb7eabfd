/**
 * Keeps the share-card cache from growing without end. A card is cached under a
 * hash of what it shows, so every edited claim, verdict or site title, and every
 * new card design, leaves an old card behind for good. After a build, the cards
 * it used are marked as used (their modification time is set to now), and a card
 * that no build has used for `maxAgeDays` is removed. One cache may serve several
 * content folders (the demo, test fixtures, a bench), so another folder's cards
 * stay as long as that folder is still built now and then.
 */
import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { forEachConcurrently } from './concurrent.ts';

/** How long a card no build has used is kept. */
export const CARD_MAX_AGE_DAYS = 30;

/** The files the cache holds: `<hash>.png`, and the `.tmp` a build killed mid-write leaves behind. */
const CACHE_FILE = /^[0-9a-f]{20}\.png(?:\.\d+\.tmp)?$/;

export interface PruneResult {
  /** Cards this build used, marked as used now. */
  touched: number;
  /** Cards (and leftovers) unused for longer than the limit, removed. */
  removed: number;
}

export async function pruneCardCache(
  dir: string,
  used: Iterable<string>,
  options: { maxAgeDays?: number; now?: number } = {},
): Promise<PruneResult> {
  const now = options.now ?? Date.now();
  const cutoff = now - (options.maxAgeDays ?? CARD_MAX_AGE_DAYS) * 86_400_000;
  const keep = new Set([...used].map((file) => basename(file)));
  const result: PruneResult = { touched: 0, removed: 0 };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return result; // no cache yet
  }
  const when = new Date(now);
  // Sixteen at a time, as the cards are copied.
  await forEachConcurrently(names, 16, async (name) => {
    const file = join(dir, name);
    try {
      if (keep.has(name)) {
        await utimes(file, when, when);
        result.touched++;
      } else if (CACHE_FILE.test(name) && (await stat(file)).mtimeMs < cutoff) {
        await unlink(file);
        result.removed++;
      }
    } catch {
      // Another build removed or replaced it meanwhile: nothing to keep or remove.
    }
  });
  return result;
}
