/**
 * One loadCorpus per build. The content-check integration, the remark plugin and
 * the pages run in different module graphs of the same process (Astro's config,
 * the content layer and Vite's SSR bundle each get their own copy of this file),
 * so the cache lives on globalThis, keyed by the content folder.
 */
import { loadCorpus, type Corpus } from './corpus.ts';
import { contentDir } from './content-dir.ts';

const KEY = Symbol.for('factcheck-site.corpus-cache');
type Cache = Map<string, Corpus>;

function cache(): Cache {
  const g = globalThis as unknown as Record<symbol, Cache | undefined>;
  return (g[KEY] ??= new Map());
}

export function getCorpus(dir: string = contentDir()): Corpus {
  const c = cache();
  let corpus = c.get(dir);
  if (!corpus) {
    corpus = loadCorpus(dir);
    c.set(dir, corpus);
  }
  return corpus;
}

/** Forgets a folder's corpus (the dev server calls this when content changes). */
export function invalidateCorpus(dir?: string): void {
  if (dir === undefined) cache().clear();
  else cache().delete(dir);
}
