/**
 * Lets `astro build` render Markdown in worker threads (src/remark/render-pool.ts); once the
 * content is synced, stops them and says how many entries they rendered. Never on the dev server,
 * where an edit changes the corpus a worker would keep. `RENDER_THREADS=0` turns the workers off.
 */
import type { AstroIntegration } from 'astro';
import { allowRenderThreads, renderedInWorkers, renderThreadCount, stopRenderPools } from '../remark/render-pool.ts';

export default function renderThreads(): AstroIntegration {
  return {
    name: 'factcheck:render-threads',
    hooks: {
      'astro:config:setup': ({ command }) => {
        allowRenderThreads(command === 'build' && renderThreadCount() > 0);
      },
      // After the content sync, which renders every entry that changed.
      'astro:build:start': ({ logger }) => {
        const n = renderedInWorkers();
        if (n > 0) logger.info(`${n} entries rendered in ${renderThreadCount()} worker thread(s)`);
        allowRenderThreads(false);
        // Their copies of the corpus are not needed for the pages.
        stopRenderPools();
      },
    },
  };
}
