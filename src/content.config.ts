/**
 * The three collections, read from the content folder (CONTENT_DIR or content/)
 * with the same schemas as `npm run check`.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { join } from 'node:path';
import { contentDir } from './lib/content-dir.ts';
import { claimSchema, pageSchema, sourceSchema } from './lib/schema.ts';

const dir = contentDir();
const from = (sub: string) => glob({ pattern: '*.md', base: join(dir, sub) });

export const collections = {
  sources: defineCollection({ loader: from('sources'), schema: sourceSchema }),
  claims: defineCollection({ loader: from('claims'), schema: claimSchema }),
  pages: defineCollection({ loader: from('pages'), schema: pageSchema }),
};
