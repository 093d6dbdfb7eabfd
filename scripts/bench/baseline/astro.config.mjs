// @ts-check
/**
 * The baseline of `npm run bench`: a bare Astro site that renders the same
 * Markdown to the same routes as the real one, with Astro's default Markdown
 * processor, no verification, no extras, plus a Pagefind index. Its build time
 * is the denominator of `baseline_ratio`.
 */
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export default defineConfig({
  site: 'https://bench.example.org',
  // The bench gives each run its own cache, so every build is a cold one.
  cacheDir: process.env.BENCH_CACHE_DIR || './node_modules/.astro',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  integrations: [
    {
      name: 'baseline-pagefind',
      hooks: {
        'astro:build:done': async ({ dir, logger }) => {
          const pagefind = await import('pagefind');
          const started = performance.now();
          const site = fileURLToPath(dir);
          try {
            const { index, errors } = await pagefind.createIndex({});
            if (!index) throw new Error(errors.join('\n'));
            const added = await index.addDirectory({ path: site });
            await index.writeFiles({ outputPath: join(site, 'pagefind') });
            // Same wording as the real site's integration: scripts/bench.ts parses it.
            logger.info(`pagefind: indexed ${added.page_count} pages in ${((performance.now() - started) / 1000).toFixed(2)} s`);
          } finally {
            await pagefind.close();
          }
        },
      },
    },
  ],
});
