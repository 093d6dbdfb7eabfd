/**
 * The three collections, read from the content folder (CONTENT_DIR or content/)
 * with the same schemas as `npm run check`.
 *
 * Sources are data only: their pages are drawn from the checked corpus (the
 * text split into blocks, excerpts highlighted), never from Astro's rendering
 * of the body. A glob loader rendered every source's Markdown and kept the HTML
 * in the data store and in the bundle, for nothing: a large share of a big
 * desk's Markdown time and of the build's memory.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { join } from 'node:path';
import { contentDir } from './check/content-dir.ts';
import { getCorpus, invalidateCorpus } from './check/cache.ts';
import { claimsShowingSource, renderDependencies, sourceSlugOf } from './check/dependents.ts';
import { renderCodeDigest } from './check/code-digest.ts';
import { claimSchema, pageSchema, sourceSchema } from './core/schema.ts';
import { renderGuard } from './integrations/render-guard.ts';

const dir = contentDir();
// A change to the code that renders an entry (the Markdown processor and its plugins, this file and all they import) renders every entry again.
const RENDER_CODE = renderCodeDigest();
// No page reads an entry's raw body (excerpts and sources come from the corpus): not keeping it
// takes the Markdown of every claim out of the data store and the bundle.
const from = (sub: 'claims' | 'pages') =>
  renderGuard(glob({ pattern: '*.md', base: join(dir, sub), retainBody: false }), {
    dir,
    collection: sub,
    lineOf: (path) => (getCorpus(dir)[sub].get(path.slice(sub.length + 1, -3))?.bodyLineOffset ?? 0) + 1,
    // A claim shows what its sources hold: a source edit renders again every claim that quotes it.
    dependencies:
      sub === 'claims'
        ? (contents: string) => `${RENDER_CODE}\u0000${renderDependencies(getCorpus(dir), contents)}`
        : () => RENDER_CODE,
    ...(sub === 'claims'
      ? {
          dependents: (file: string) => {
            const slug = sourceSlugOf(dir, file);
            if (slug === undefined) return [];
            invalidateCorpus(dir);
            return claimsShowingSource(getCorpus(dir), slug);
          },
        }
      : {}),
  });

export const collections = {
  sources: defineCollection({
    loader: () => Object.fromEntries([...getCorpus(dir).sources.values()].map((s) => [s.slug, s.data])),
    schema: sourceSchema,
  }),
  claims: defineCollection({ loader: from('claims'), schema: claimSchema }),
  pages: defineCollection({ loader: from('pages'), schema: pageSchema }),
};
