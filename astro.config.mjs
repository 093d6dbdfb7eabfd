// @ts-check
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { join, resolve, sep } from 'node:path';
import { contentDir } from './src/check/content-dir.ts';
import { getCorpus } from './src/check/cache.ts';
import { locationOf } from './src/site/location.ts';
import { astroCacheDir } from './src/integrations/astro-cache.ts';
import contentCheck from './src/integrations/content-check.ts';
import dataStore from './src/integrations/data-store.ts';
import pagefind from './src/integrations/pagefind.ts';
import renderThreads from './src/integrations/render-threads.ts';
import { factcheckMarkdown } from './src/remark/processor.ts';
import sitemap from '@astrojs/sitemap';
import { sitemapFilter } from './src/site/feeds.ts';
import shareCards from './src/integrations/share-cards.ts';

const dir = contentDir();
const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const readPaths = [
  ...['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'].map((p) => join(projectRoot, p)),
  dir,
];
/**
 * A path the site reads, or a folder on the way to one.
 * @param {string} path
 */
function watched(path) {
  const p = resolve(path);
  return readPaths.some((r) => p === r || p.startsWith(r + sep) || r.startsWith(p + sep) || p === sep);
}
const corpus = getCorpus(dir);
const location = locationOf(corpus);

/**
 * Incremental builds (Astro's experimental.incrementalBuild): a page whose key
 * (src/site/page-keys.ts), route code and config are unchanged is copied from the
 * last build instead of rendered. INCREMENTAL_BUILD=0 turns it off, every page rendered.
 */
const incremental = process.env.INCREMENTAL_BUILD?.trim() !== '0';

export default defineConfig({
  site: location.origin,
  cacheDir: astroCacheDir(dir),
  experimental: { incrementalBuild: incremental },
  base: location.base,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 16 },
  devToolbar: { enabled: false },
  // The dev server watches what the site reads, and nothing else: the code, the public files and
  // the content folder (wherever it is, a folder named tmp included). Test and bench builds, dist/
  // and the caches are never watched.
  vite: { server: { watch: { ignored: (path) => !watched(path) } } },
  // Astro writes a CSP <meta> on every page: hashes for its own scripts and styles, 'self' otherwise.
  // Pictures come only from the site itself (the check refuses any from another host).
  security: { csp: { directives: ["img-src 'self'"] } },
  markdown: {
    // Content is prose: a code block stays plain text (Shiki's inline styles would break the CSP).
    syntaxHighlight: false,
    // Astro's unified pipeline with the checker's parser (Astro would parse every body again, twenty
    // times slower) and the citations, less the steps that cannot change what it renders here:
    // src/remark/pipeline.ts.
    processor: factcheckMarkdown({ contentDir: dir, base: location.base }),
  },
  integrations: [
    contentCheck({ dir }),
    renderThreads(),
    dataStore(),
    shareCards({ dir }),
    sitemap({ filter: sitemapFilter(corpus, location) }),
    pagefind(),
  ],
});
