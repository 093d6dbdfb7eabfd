/**
 * What a claim's rendering holds of other files: the captions, excerpt ids, links and text
 * fragments of the sources it quotes. The dev server renders a claim again when one of them
 * changes; these say which claims, and give a digest that changes with the sources.
 */
import { relative, sep } from 'node:path';
import { fnv1a } from '../core/hash.ts';
import type { Corpus } from './corpus.ts';

const digests = new WeakMap<Corpus, string>();

/** A digest of every source as the corpus read it (its fields and its text). */
export function sourcesDigest(corpus: Corpus): string {
  let d = digests.get(corpus);
  if (d === undefined) {
    let all = '';
    for (const s of corpus.sources.values())
      all += `${s.path}\u0000${JSON.stringify(s.data)}\u0000${corpus.texts.get(s.slug)?.joined ?? ''}\u0001`;
    d = fnv1a(all);
    digests.set(corpus, d);
  }
  return d;
}

/** The claims (`claims/x.md`) whose page shows something of the source `slug`: they cite or quote it, or it is an appearance. */
export function claimsShowingSource(corpus: Corpus, slug: string): string[] {
  const out: string[] = [];
  for (const claim of corpus.claims.values()) {
    const shows =
      claim.data.appearance?.includes(slug) ||
      corpus.citations.get(claim.slug)?.some((c) => c.source === slug) ||
      corpus.quotations.get(claim.slug)?.some((q) => q.source === slug);
    if (shows) out.push(claim.path);
  }
  return out;
}

/** The slug of a source file of the content folder `dir`, from its absolute path, or undefined. */
export function sourceSlugOf(dir: string, file: string): string | undefined {
  const rel = relative(dir, file).split(sep).join('/');
  return /^sources\/([^/]+)\.md$/.exec(rel)?.[1];
}
