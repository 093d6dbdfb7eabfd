/**
 * One loadCorpus per build. The content-check integration, the remark plugin and
 * the pages run in different module graphs of the same process (Astro's config,
 * the content layer and Vite's SSR bundle each get their own copy of this file),
 * so the cache lives on globalThis, keyed by the content folder.
 */
import type { Corpus } from './corpus.ts';
import { loadCorpusSnapshot } from './snapshot.ts';
import { contentDir } from './content-dir.ts';

const KEY = Symbol.for('factcheck-site.corpus-cache');
type Cache = Map<string, { corpus: Corpus; loadedAt: number }>;

function cache(): Cache {
  const g = globalThis as unknown as Record<symbol, Cache | undefined>;
  return (g[KEY] ??= new Map());
}

/**
 * The corpus of a content folder, read once. `changedAt` (a file's mtime, in ms)
 * asks for a corpus read after that moment: the dev server re-renders a file
 * as soon as it changes, possibly before anything invalidated the cache.
 */
export function getCorpus(dir: string = contentDir(), changedAt = 0): Corpus {
  const c = cache();
  let hit = c.get(dir);
  if (!hit || hit.loadedAt < changedAt) {
    hit = { loadedAt: Date.now(), corpus: loadCorpusSnapshot(dir) };
    c.set(dir, hit);
  }
  return hit.corpus;
}

/** When the folder's corpus in this process was read (Date.now()), if it has been. */
export function corpusLoadedAt(dir: string): number | undefined {
  return cache().get(dir)?.loadedAt;
}

/**
 * Makes `corpus` the folder's, read at `loadedAt`: getCorpus reads the folder again only for a
 * file changed after that (a render worker, given its parent's corpus, passes Infinity: never).
 */
export function keepCorpus(dir: string, corpus: Corpus, loadedAt: number): void {
  cache().set(dir, { loadedAt, corpus });
}

/** Forgets a folder's corpus (the dev server calls this when content changes). */
export function invalidateCorpus(dir?: string): void {
  if (dir === undefined) cache().clear();
  else cache().delete(dir);
}
