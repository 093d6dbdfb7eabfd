/**
 * Slugs and aliases: every entry in the same URL space must have its own slug,
 * file names and aliases alike, and a page may not take a route the site generates;
 * tags written differently may not share a slug.
 */
import { join } from 'node:path';
import { tagSlug, type Collection } from '../../core/schema.ts';
import { RESERVED_PAGE_SLUGS } from '../../site/routes.ts';
import type { CheckContext, Entry } from '../corpus.ts';
import { COLLECTIONS } from './files.ts';

export function checkSlugs({ dir, corpus, problems, display, locate }: CheckContext): void {
  const claimed = { sources: new Map<string, string>(), claims: new Map<string, string>(), pages: new Map<string, string>() };
  type At = { line: number; column: number };
  const takeSlug = (collection: Collection, slug: string, owner: string, at: At | (() => At), what: string) => {
    const other = claimed[collection].get(slug);
    if (other !== undefined && other !== owner) {
      problems.push({
        file: display(join(dir, owner)),
        ...(typeof at === 'function' ? at() : at),
        message: `${what} \`${slug}\` is already used by ${other}`,
      });
      return;
    }
    claimed[collection].set(slug, owner);
  };
  for (const collection of COLLECTIONS) {
    for (const entry of corpus[collection].values())
      takeSlug(collection, entry.slug, entry.path, { line: 1, column: 1 }, 'the slug');
  }
  // Two tags written differently but with one slug would share one page, under one of their names.
  const tags = new Map<string, { tag: string; path: string }>();
  for (const entry of (corpus.claims as Map<string, Entry<{ tags?: string[] }>>).values()) {
    entry.data.tags?.forEach((tag, i) => {
      const slug = tagSlug(tag);
      const first = tags.get(slug);
      if (!first) tags.set(slug, { tag, path: entry.path });
      else if (first.tag !== tag) {
        problems.push({
          file: display(join(dir, entry.path)),
          ...locate(entry.path, ['tags', i]),
          message: `the tag \`${tag}\` has the same URL (/tags/${slug}/) as the tag \`${first.tag}\` of ${first.path}; write both the same way`,
        });
      }
    });
  }
  // Aliases after all slugs, so the message names the file that holds the slug.
  for (const collection of COLLECTIONS) {
    for (const entry of (corpus[collection] as Map<string, Entry<{ aliases?: string[] }>>).values()) {
      const listed = new Set<string>();
      entry.data.aliases?.forEach((alias, i) => {
        const at = () => locate(entry.path, ['aliases', i]);
        const file = display(join(dir, entry.path));
        // An alias that repeats the slug would put a redirect to itself at the page's own URL.
        if (alias === entry.slug) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is this file's own slug; list only old slugs` });
          return;
        }
        if (listed.has(alias)) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is listed twice` });
          return;
        }
        listed.add(alias);
        if (collection === 'pages' && RESERVED_PAGE_SLUGS.has(alias)) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is reserved for a page the site generates` });
        } else takeSlug(collection, alias, entry.path, at, 'the alias');
      });
    }
  }
}
