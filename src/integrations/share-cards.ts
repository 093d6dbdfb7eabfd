/**
 * Starts drawing the share cards that are not cached yet as soon as a build
 * starts, in worker threads, so that drawing overlaps the rest of the build
 * instead of following it (see src/lib/share-card-pool.ts). Builds with every
 * card cached start no worker.
 */
import type { AstroIntegration } from 'astro';
import { getCorpus } from '../lib/corpus-cache.ts';
import { publishedReviews, shareCardInput } from '../lib/feeds.ts';
import { defaultCacheDir } from '../lib/share-card.ts';
import { predrawCards } from '../lib/share-card-pool.ts';

export default function shareCards({ dir }: { dir: string }): AstroIntegration {
  return {
    name: 'factcheck:share-cards',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build') return;
        const corpus = getCorpus(dir);
        // Content with problems never builds (content-check says why); nothing to draw.
        if (corpus.problems.length || !corpus.site) return;
        const inputs = publishedReviews(corpus).map((r) => shareCardInput(corpus, r));
        const { queued, done } = predrawCards(inputs, { cacheDir: defaultCacheDir() });
        if (!queued) return;
        const started = performance.now();
        logger.info(`drawing ${queued} share card${queued === 1 ? '' : 's'} in the background`);
        void done.then(({ drawn, failed }) => {
          logger.info(`${drawn} share card${drawn === 1 ? '' : 's'} drawn in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          // Not fatal: the card route draws these itself, and fails the build if it cannot.
          for (const f of failed) logger.warn(`share card not drawn in the background: ${f}`);
        });
      },
    },
  };
}
