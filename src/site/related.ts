/**
 * The reviews a claim page lists after its own: those that cite (or appeared in) the
 * most of the same sources, then those that share the most topics, newest first among equals.
 *
 * Linear in the desk: each claim looks only at the newest `PER_KEY` reviews
 * that share each of its sources and tags, never at every other review, so a
 * source that every review cites costs each claim a bounded look, not a scan of
 * the desk (which would make the build quadratic in its size).
 */
import type { Corpus } from '../check/corpus.ts';
import { tagSlug } from '../core/schema.ts';
import { citedSources, type ClaimEntry, publishedClaims } from './published.ts';

export const RELATED_LIMIT = 5;
/** How many of the reviews sharing one source or tag a claim considers: the newest ones. */
export const PER_KEY = 50;

export interface KeyedClaim {
  slug: string;
  sources: readonly string[];
  tags: readonly string[];
}

/**
 * For each claim (given newest first), up to `limit` related slugs. Pure, so that
 * the ranking is tested on its own; `relatedReviews` feeds it a corpus.
 */
export function rankRelated(claims: readonly KeyedClaim[], limit = RELATED_LIMIT, perKey = PER_KEY): Map<string, string[]> {
  const bySource = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  const add = (index: Map<string, number[]>, key: string, i: number) => {
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    // One more than the look, for the claim itself.
    else if (list.length <= perKey) list.push(i);
  };
  claims.forEach((c, i) => {
    for (const s of new Set(c.sources)) add(bySource, s, i);
    for (const t of new Set(c.tags)) add(byTag, t, i);
  });
  const out = new Map<string, string[]>();
  claims.forEach((c, i) => {
    const scores = new Map<number, { sources: number; tags: number }>();
    const score = (j: number) => {
      let s = scores.get(j);
      if (!s) scores.set(j, (s = { sources: 0, tags: 0 }));
      return s;
    };
    for (const s of new Set(c.sources)) for (const j of bySource.get(s) ?? []) if (j !== i) score(j).sources++;
    for (const t of new Set(c.tags)) for (const j of byTag.get(t) ?? []) if (j !== i) score(j).tags++;
    const ranked = [...scores]
      .sort(([a, x], [b, y]) => y.sources - x.sources || y.tags - x.tags || a - b)
      .slice(0, limit)
      .map(([j]) => claims[j]!.slug);
    out.set(c.slug, ranked);
  });
  return out;
}

const memo = new WeakMap<Corpus, Map<string, string[]>>();

/** Up to five published reviews related to a claim, most related first. */
export function relatedReviews(corpus: Corpus, slug: string): ClaimEntry[] {
  let related = memo.get(corpus);
  if (!related) {
    const claims = publishedClaims(corpus).map((c) => ({
      slug: c.slug,
      // Where a claim appeared is a source it shares as much as one it cites.
      sources: [
        ...citedSources(corpus, c.slug),
        ...(c.data.appearance ?? []).filter((s) => corpus.sources.get(s)?.data.draft === false),
      ],
      tags: (c.data.tags ?? []).map(tagSlug),
    }));
    memo.set(corpus, (related = rankRelated(claims)));
  }
  return (related.get(slug) ?? []).map((s) => corpus.claims.get(s)!);
}
