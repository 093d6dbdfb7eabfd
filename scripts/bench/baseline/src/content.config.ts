/** The same three folders as the real site, read with no schema: whatever the front matter says is passed through. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const env = process.env.CONTENT_DIR?.trim();
const dir = env ? (isAbsolute(env) ? env : resolve(root, env)) : join(root, 'content');
const from = (sub: string) => glob({ pattern: '*.md', base: join(dir, sub) });

export const collections = {
  sources: defineCollection({ loader: from('sources') }),
  claims: defineCollection({ loader: from('claims') }),
  pages: defineCollection({ loader: from('pages') }),
};
