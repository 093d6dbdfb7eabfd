/**
 * Share cards, /og/<slug>.png (under `share_cards: verdict`, /og/verdicts/<id>.png, a card per
 * verdict). As soon as a build starts, the cards not cached yet are drawn in worker threads, so
 * that drawing overlaps the rest of the build instead of following it (see
 * src/share-cards/pool.ts). When the pages are written, every card is copied from the cache into
 * the site: as an Astro route, each card went through a Response and a file write, which made it
 * the most expensive "page" of a large desk. (In dev, the routes serve them.) Then cards that no
 * build has used for a month leave the cache (cache.ts).
 */
import type { AstroIntegration } from 'astro';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCorpus } from '../check/cache.ts';
import { publishedReviews, shareCardOf } from '../site/feeds.ts';
import { cachedShareCardFile, defaultCacheDir, type ShareCardInput } from '../share-cards/card.ts';
import { predrawCards } from '../share-cards/pool.ts';
import { CARD_MAX_AGE_DAYS, pruneCardCache } from '../share-cards/cache.ts';
import { forEachConcurrently } from '../share-cards/concurrent.ts';

export default function shareCards({ dir }: { dir: string }): AstroIntegration {
  return {
    name: 'factcheck:share-cards',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const corpus = getCorpus(dir);
        // Content with problems never builds (content-check says why); nothing to draw.
        if (corpus.problems.length || !corpus.site) return;
        const inputs = publishedReviews(corpus).map((r) => shareCardOf(corpus, r).input);
        const { queued, done } = predrawCards(inputs, { cacheDir: defaultCacheDir() });
        if (!queued) return;
        const started = performance.now();
        logger.info(`drawing ${queued} share card${queued === 1 ? '' : 's'} in the background`);
        void done.then(({ drawn, failed }) => {
          logger.info(
            `${drawn} share card${drawn === 1 ? '' : 's'} drawn in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
          // Not fatal: the card is drawn below instead, and the build fails if it cannot be.
          for (const f of failed) logger.warn(`share card not drawn in the background: ${f}`);
        });
      },
      'astro:build:done': async ({ dir: out, logger }) => {
        const corpus = getCorpus(dir);
        if (corpus.problems.length || !corpus.site) return;
        const site = fileURLToPath(out);
        // A card per path: under `share_cards: verdict` the claims with one verdict share one.
        const cards = new Map<string, ShareCardInput>();
        for (const review of publishedReviews(corpus)) {
          const { path, input } = shareCardOf(corpus, review);
          cards.set(path, input);
        }
        for (const folder of new Set([...cards.keys()].map((path) => dirname(join(site, path)))))
          await mkdir(folder, { recursive: true });
        // Sixteen copies in flight: one at a time left the disk and the thread idle in turn.
        const used: string[] = [];
        await forEachConcurrently([...cards], 16, async ([path, input]) => {
          const copy = async () => {
            const { file } = await cachedShareCardFile(input);
            await copyFile(file, join(site, path));
            return file;
          };
          // A build of another content folder sharing the cache may just have pruned an old card: draw it again.
          used.push(await copy().catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? copy() : Promise.reject(e))));
        });
        const { removed } = await pruneCardCache(defaultCacheDir(), used);
        if (removed)
          logger.info(
            `removed ${removed} cached share card${removed === 1 ? '' : 's'} no build has used for ${CARD_MAX_AGE_DAYS} days`,
          );
      },
    },
  };
}
