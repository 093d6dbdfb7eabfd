// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir } from './src/lib/content-dir.ts';
import { getCorpus } from './src/lib/corpus-cache.ts';
import { resolveSiteUrl, siteLocation } from './src/lib/site-url.ts';
import { fnv1a } from './src/lib/hash.ts';
import contentCheck from './src/integrations/content-check.ts';
import pagefind from './src/integrations/pagefind.ts';
import remarkCitations from './src/remark/citations.ts';
import remarkCheckerParser from './src/remark/parser.ts';
import sitemap from '@astrojs/sitemap';
import { sitemapFilter } from './src/lib/feeds.ts';
import shareCards from './src/integrations/share-cards.ts';

const dir = contentDir();
const corpus = getCorpus(dir);
const location = siteLocation(resolveSiteUrl(corpus.site?.url));

/**
 * A digest of the whole content folder. Astro caches rendered Markdown per file,
 * but a claim's excerpts also depend on its sources (links, captions), so any
 * content change must re-render everything: the digest is part of the config,
 * and a changed config clears Astro's content cache.
 */
function contentDigest() {
  let all = dir;
  /** @param {string} file */
  const add = (file) => {
    if (existsSync(file) && statSync(file).isFile()) all += `\0${file}\0${readFileSync(file, 'utf8')}`;
  };
  add(join(dir, 'site.yml'));
  for (const sub of ['sources', 'claims', 'pages']) {
    const d = join(dir, sub);
    if (existsSync(d)) for (const f of readdirSync(d).sort()) add(join(d, f));
  }
  // The code that renders excerpts (ids, links, captions) is part of the output too: a changed
  // matcher or plugin must not be served from a cache filled by the old one.
  for (const code of ['src/lib', 'src/remark']) {
    const d = fileURLToPath(new URL(code, import.meta.url));
    for (const f of readdirSync(d).sort()) add(join(d, f));
  }
  return fnv1a(all);
}

export default defineConfig({
  site: location.origin,
  // One cache per content folder: fixture builds in tests must not share (or race on) the demo's.
  cacheDir: `./node_modules/.astro/${fnv1a(dir)}`,
  base: location.base,
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 16 },
  devToolbar: { enabled: false },
  // Test and bench builds land in tmp/: the dev server has no reason to watch them.
  vite: { server: { watch: { ignored: ['**/tmp/**'] } } },
  // Astro writes a CSP <meta> on every page: hashes for its own scripts and styles, 'self' otherwise.
  security: { csp: true },
  markdown: {
    // Content is prose: a code block stays plain text (Shiki's inline styles would break the CSP).
    syntaxHighlight: false,
    // Typography (SmartyPants) is done by remarkCheckerParser's parser, at a fraction of the cost.
    processor: unified({
      smartypants: false,
      // remarkCheckerParser first: Astro renders the tree the content check verified, parsed by the same parser.
      remarkPlugins: [
        remarkCheckerParser,
        [remarkCitations, { contentDir: dir, base: location.base, digest: contentDigest() }],
      ],
    }),
  },
  integrations: [contentCheck({ dir }), shareCards({ dir }), sitemap({ filter: sitemapFilter(corpus, location) }), pagefind()],
});
