/**
 * Every path the site generates, in one place: pages, feeds, the sitemap filter,
 * the Pagefind glob and the checker (which keeps page slugs off these routes)
 * all read them from here. Paths are relative to the site's base (see
 * location.ts), so a site served under `/repo/` needs no other change.
 *
 * This module imports nothing: the checker reads the reserved slugs from it
 * without depending on anything else of the site.
 */

/** Site paths (relative to the base) of each kind of page. */
export const paths = {
  home: () => '',
  claims: () => 'claims/',
  claim: (slug: string) => `claims/${slug}/`,
  /** A claim's embeddable card. */
  embed: (slug: string) => `claims/${slug}/embed/`,
  /** A claim's share card (1200×630 PNG). */
  card: (slug: string) => `og/${slug}.png`,
  /** A verdict's share card, every claim's with that verdict under `share_cards: verdict`. */
  verdictCard: (id: string) => `og/verdicts/${id}.png`,
  sources: () => 'sources/',
  source: (slug: string) => `sources/${slug}/`,
  excerpt: (source: string, id: string) => `sources/${source}/#${id}`,
  page: (slug: string) => `${slug}/`,
  verdicts: () => 'verdicts/',
  verdict: (id: string) => `verdicts/${id}/`,
  tags: () => 'tags/',
  corrections: () => 'corrections/',
  tag: (slug: string) => `tags/${slug}/`,
  claimants: () => 'claimants/',
  /** A claimant's reviews (slug: published.ts, claimantSlug). */
  claimant: (slug: string) => `claimants/${slug}/`,
  matrix: () => 'matrix/',
  search: () => 'search/',
  notFound: () => '404/',
  rss: () => 'rss.xml',
  claimsJson: () => 'claims.json',
  sitemap: () => 'sitemap-index.xml',
} as const;

/** Top-level routes that a page slug or alias must not take. */
export const RESERVED_PAGE_SLUGS = new Set([
  'claims',
  'sources',
  'verdicts',
  'tags',
  'claimants',
  'search',
  'matrix',
  'coverage',
  'corrections',
  'outlets',
  'pagefind',
  '404',
  'rss.xml',
  'claims.json',
  'robots.txt',
  'sitemap-index.xml',
  'og',
  '_astro',
  'schemas',
]);

/**
 * The only built files that can carry `data-pagefind-body`: claim, source and
 * content pages. Pagefind would otherwise read and parse every HTML file of the
 * site (embeds, tags, verdicts: half of a large desk's pages) only to skip it.
 */
export const INDEXED_PAGES = '{claims/*/index.html,sources/*/index.html,*/index.html}';

/**
 * What Pagefind leaves out of every page it indexes: the words the site adds around each
 * excerpt and quotation (captions, stance tags, "In the source" links, a quotation's hidden
 * source), repeated on every claim page. Classes rather than a `data-pagefind-ignore` on each.
 */
export const UNINDEXED_SELECTORS = [
  '.excerpt-from',
  '.stance-tag',
  '.excerpt-link',
  '.excerpt-original-inline',
  '.quotation-source',
];

/** Built pages that only frame or redirect, never listed in the sitemap: embeds. */
export const EMBED_PAGE = /\/embed\/?$/;
