/**
 * The incremental build's key for each page of a dynamic route (Astro's
 * `experimental.incrementalBuild`, the `cacheKey` of getStaticPaths): a page is copied from the
 * last build, not rendered, when its key, its route's code and the config are as they were.
 *
 * So a key must change whenever anything the page shows does. Each key covers the site-wide
 * inputs every page shows (site.yml, the verdict scale, the pages in the navigation), the page's
 * own file by its bytes and its git date, and the file of every entry the page shows anything
 * of: a claim page, the sources it quotes and its related reviews; a source page, every claim
 * that cites or quotes it, drafts included; a list page (tag, verdict, claimant), its claims.
 * Including more than a page shows only costs a render; including less publishes a stale page,
 * which tests/integration/incremental.test.ts would see as a difference from a full build.
 *
 * The route's code (its module graph, CSS included) and the config (site address, base,
 * Markdown settings) are Astro's part of the check, not the key's.
 */
import { createHash } from 'node:crypto';
import type { Corpus, Entry } from '../check/corpus.ts';
import { renderCodeDigest } from '../check/code-digest.ts';
import { claimsShowing, sourcesShownBy } from '../check/dependents.ts';
import { cachedGitDates } from './git-dates.ts';
import { publishedPages } from './published.ts';
import { relatedReviews } from './related.ts';

export interface PageKeys {
  /** A claim's page, its embed. */
  claim(slug: string): string;
  /** A source's page. */
  source(slug: string): string;
  /** A content page. */
  page(slug: string): string;
  /** A page listing claims (a tag, a verdict, a claimant). */
  list(kind: string, claims: readonly { slug: string }[]): string;
  /** An old address's redirect page, to the page of `to` (it shows its title). */
  redirect(to: string, entry: Entry<unknown> | undefined): string;
}

const memo = new WeakMap<Corpus, Map<string, PageKeys>>();

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The keys of a corpus's pages; `renderCode` is the digest of the code that renders Markdown (given in tests). */
export function pageKeys(corpus: Corpus, renderCode: string = renderCodeDigest()): PageKeys {
  let byCode = memo.get(corpus);
  if (!byCode) memo.set(corpus, (byCode = new Map()));
  let keys = byCode.get(renderCode);
  if (keys) return keys;
  const dates = cachedGitDates(corpus.dir);
  // What the header, the footer, the verdict badges and every label of every page come from; and the
  // code that renders Markdown (the remark plugins), which is no part of a route's module graph:
  // without it, a change to a plugin renders every entry again but copies the pages that show them.
  const siteWide = digest([
    renderCode,
    JSON.stringify(corpus.site),
    ...publishedPages(corpus).map((p) => `${p.slug}\u0001${p.digest}`),
  ]);
  const file = (e: Entry<unknown> | undefined) => (e ? `${e.path}\u0001${e.digest}\u0001${dates.get(e.path) ?? ''}` : '-');
  // The claims that show something of each source: what its page lists beside its text.
  const citing = claimsShowing(corpus);
  // A claim's page and its embed ask for the same key.
  const claimKeys = new Map<string, string>();
  keys = {
    claim: (slug) => {
      let key = claimKeys.get(slug);
      if (key !== undefined) return key;
      const claim = corpus.claims.get(slug);
      const shown = claim ? [...sourcesShownBy(corpus, claim)].sort() : [];
      const related = claim && !claim.data.draft ? relatedReviews(corpus, slug) : [];
      key = digest([
        siteWide,
        'claim',
        file(claim),
        ...shown.map((s) => file(corpus.sources.get(s))),
        'related',
        ...related.map((r) => file(corpus.claims.get(r.slug))),
      ]);
      claimKeys.set(slug, key);
      return key;
    },
    source: (slug) => digest([siteWide, 'source', file(corpus.sources.get(slug)), ...(citing.get(slug) ?? []).map(file)]),
    page: (slug) => digest([siteWide, 'page', file(corpus.pages.get(slug))]),
    list: (kind, claims) => digest([siteWide, kind, ...claims.map((c) => file(corpus.claims.get(c.slug)))]),
    redirect: (to, entry) => digest([siteWide, 'redirect', to, file(entry)]),
  };
  byCode.set(renderCode, keys);
  return keys;
}
