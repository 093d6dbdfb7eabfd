/**
 * What a claim's rendering holds of other files: the captions, excerpt ids, links and text
 * fragments of the sources it quotes. A build and the dev server render a claim again when one of
 * them changes; these say which claims, and give a digest that changes with the sources.
 */
import { relative, sep } from 'node:path';
import { fileDigest, fnv1a } from '../core/hash.ts';
import type { ClaimData } from '../core/schema.ts';
import type { Corpus, Entry } from './corpus.ts';

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

/** The sources a claim's page shows something of: its appearances and every source it cites or quotes. */
export function sourcesShownBy(corpus: Corpus, claim: Entry<ClaimData>): Set<string> {
  const shown = new Set<string>(claim.data.appearance ?? []);
  for (const c of corpus.citations.get(claim.slug) ?? []) shown.add(c.source);
  for (const q of corpus.quotations.get(claim.slug) ?? []) if (q.source) shown.add(q.source);
  return shown;
}

const showing = new WeakMap<Corpus, Map<string, Entry<ClaimData>[]>>();

/** For each source, the claims (drafts included) whose page shows something of it: they cite or quote it, or it is an appearance. */
export function claimsShowing(corpus: Corpus): Map<string, Entry<ClaimData>[]> {
  let bySource = showing.get(corpus);
  if (!bySource) {
    bySource = new Map();
    for (const claim of corpus.claims.values()) {
      for (const s of sourcesShownBy(corpus, claim)) {
        let list = bySource.get(s);
        if (!list) bySource.set(s, (list = []));
        list.push(claim);
      }
    }
    showing.set(corpus, bySource);
  }
  return bySource;
}

/** The claims (`claims/x.md`) whose page shows something of the source `slug`. */
export function claimsShowingSource(corpus: Corpus, slug: string): string[] {
  return (claimsShowing(corpus).get(slug) ?? []).map((c) => c.path);
}

const byDigest = new WeakMap<Corpus, Map<string, Entry<ClaimData>>>();

/**
 * What the rendering of a claim file depends on besides its own bytes, given them (`contents`, as
 * Astro's loader read the file): site.yml (the words of captions and links) and each source it
 * shows, by its bytes. A claim edit re-renders that claim, a source edit the claims that show it.
 * A file the corpus did not read as it is now (changed since the check) depends on every source.
 */
export function renderDependencies(corpus: Corpus, contents: string): string {
  let claims = byDigest.get(corpus);
  if (!claims) {
    claims = new Map([...corpus.claims.values()].map((c) => [c.digest, c]));
    byDigest.set(corpus, claims);
  }
  const claim = claims.get(fileDigest(contents));
  if (!claim) return `all\u0000${JSON.stringify(corpus.site)}\u0000${sourcesDigest(corpus)}`;
  const shown = [...sourcesShownBy(corpus, claim)].sort().map((s) => `${s}\u0001${corpus.sources.get(s)?.digest ?? '-'}`);
  return [JSON.stringify(corpus.site), ...shown].join('\u0000');
}

/** The slug of a source file of the content folder `dir`, from its absolute path, or undefined. */
export function sourceSlugOf(dir: string, file: string): string | undefined {
  const rel = relative(dir, file).split(sep).join('/');
  return /^sources\/([^/]+)\.md$/.exec(rel)?.[1];
}
