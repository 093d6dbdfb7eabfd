/**
 * What the feeds hand to readers and machines: the published reviews (no
 * drafts), newest first, each with its absolute URL, its ClaimReview (the very
 * object the claim page embeds as JSON-LD), its share card and its embed. The
 * RSS feed, /claims.json, the sitemap filter, robots.txt, the og: tags and the
 * embed pages all read from here, so they cannot disagree on what is published.
 */
import type { Corpus } from '../check/corpus.ts';
import type { ClaimData } from '../core/schema.ts';
import { claimReview } from './jsonld.ts';
import { findVerdict, type Verdict } from '../core/verdicts.ts';
import { absoluteUrl, locationOf, type SiteLocation } from './location.ts';
import { EMBED_PAGE, paths } from './routes.ts';
import type { ShareCardInput } from '../share-cards/card.ts';
import { cachedGitDates, lastUpdated } from './git-dates.ts';
import { uiOf, type Ui } from '../i18n/ui.ts';
import { typesetText } from '../core/typography.ts';

export interface PublishedReview {
  slug: string;
  /** The front matter, typeset as the page shows it (displayData). */
  data: ClaimData;
  verdict: Verdict | undefined;
  /** The verdict's label, or its id if the scale lacks it (the checker refuses that, but never print nothing). */
  verdictLabel: string;
  /** Absolute URL of the claim page. */
  url: string;
  /** "Last updated" (YYYY-MM-DD): the ClaimReview's dateModified. */
  updated: string | undefined;
  /** schema.org ClaimReview, identical to the page's JSON-LD. */
  review: Record<string, unknown>;
  /** The claim's text is the claimant's own words, found in an appearance source: it may be shown as a quotation. */
  quoted: boolean;
}

/** Published reviews, newest first (review date, then slug, so the order never depends on the file system). */
export function publishedReviews(corpus: Corpus, location: SiteLocation = locationOf(corpus)): PublishedReview[] {
  return reviewsOf(corpus, location).list;
}

/** One published review by slug, or undefined for a draft or an unknown slug. */
export function publishedReview(
  corpus: Corpus,
  slug: string,
  location: SiteLocation = locationOf(corpus),
): PublishedReview | undefined {
  return reviewsOf(corpus, location).bySlug.get(slug);
}

// Every claim page, share card and embed asks for its review: the list and an index by slug are built
// once per corpus and location, not once per page (a scan per page made the build quadratic in claims).
const memo = new WeakMap<Corpus, Map<string, { list: PublishedReview[]; bySlug: Map<string, PublishedReview> }>>();

function reviewsOf(corpus: Corpus, location: SiteLocation): { list: PublishedReview[]; bySlug: Map<string, PublishedReview> } {
  let byLocation = memo.get(corpus);
  if (!byLocation) memo.set(corpus, (byLocation = new Map()));
  let reviews = byLocation.get(location.href);
  if (!reviews) {
    const list = buildReviews(corpus, location);
    byLocation.set(location.href, (reviews = { list, bySlug: new Map(list.map((r) => [r.slug, r])) }));
  }
  return reviews;
}

function buildReviews(corpus: Corpus, location: SiteLocation): PublishedReview[] {
  const reviews: PublishedReview[] = [];
  for (const [slug, entry] of corpus.claims) {
    if (entry.data.draft) continue;
    const review = buildReview(corpus, location, slug);
    if (review) reviews.push(review);
  }
  return reviews.sort((a, b) =>
    a.data.reviewed === b.data.reviewed ? a.slug.localeCompare(b.slug) : a.data.reviewed < b.data.reviewed ? 1 : -1,
  );
}

/** When a claim or source was last changed: its newest update or its last commit, whichever is later. */
export function entryUpdated(
  corpus: Corpus,
  entry: { path: string; data: { updates?: { date: string }[] } },
  published?: string,
): string | undefined {
  // Never earlier than the publication itself, whatever git says (a file committed before its review date).
  const updates = [...(entry.data.updates ?? []), ...(published ? [{ date: published }] : [])];
  return lastUpdated(updates, cachedGitDates(corpus.dir).get(entry.path));
}

/**
 * One review with its ClaimReview: the single builder behind the claim page's
 * JSON-LD, /claims.json and the feeds (drafts too, for the dev server's preview).
 */
export function buildReview(corpus: Corpus, location: SiteLocation, slug: string): PublishedReview | undefined {
  const site = corpus.site;
  const entry = corpus.claims.get(slug);
  if (!site || !entry) return undefined;
  const source = (s: string) => {
    const src = corpus.sources.get(s);
    return src && !src.data.draft ? { ...src.data, title: typesetText(src.data.title) } : undefined;
  };
  const data = displayData(entry.data);
  const verdict = findVerdict(corpus.scale, entry.data.verdict);
  const url = absoluteUrl(location, paths.claim(slug));
  const dateModified = entryUpdated(corpus, entry, entry.data.reviewed);
  return {
    slug,
    data,
    verdict,
    verdictLabel: verdict?.label ?? entry.data.verdict,
    url,
    updated: dateModified,
    quoted: corpus.headlines.has(slug),
    review: claimReview({ claim: data, url, site, scale: corpus.scale, source, ...(dateModified ? { dateModified } : {}) }),
  };
}

/**
 * A claim's front matter as readers see it: its claim, claimant, summary and update notes
 * with the body's typography, so that feeds, cards, embeds and JSON-LD print what the page does.
 */
export function displayData(data: ClaimData): ClaimData {
  return {
    ...data,
    claim: typesetText(data.claim),
    claimant: typesetText(data.claimant),
    summary: typesetText(data.summary),
    ...(data.updates ? { updates: data.updates.map((u) => ({ ...u, note: typesetText(u.note) })) } : {}),
  };
}

/** The RSS title of a review: the claim and its verdict, so the ruling travels with the headline. */
export function feedTitle(r: PublishedReview, ui: Ui = uiOf(null)): string {
  const claim = r.data.claim.trim();
  return ui.t('feed.title', { claim: r.quoted ? ui.quote(claim) : claim, verdict: r.verdictLabel });
}

/** A calendar day as a Date at UTC midnight: the same pubDate on every machine. */
export function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** What a claim's share card shows. */
export function shareCardInput(corpus: Corpus, r: PublishedReview): ShareCardInput {
  const ui = uiOf(corpus.site);
  const claimant = r.data.claimant.trim();
  return {
    language: ui.lang,
    attribution: r.quoted ? ui.t('headline.saidBy', { claimant }) : ui.t('headline.claimBy', { claimant }),
    verdictLine: ui.t('verdict.line', { verdict: r.verdictLabel.trim() }),
    kicker: ui.t('embed.kicker'),
    quotedClaim: ui.quote(r.data.claim.trim().replace(/\s+/g, ' ')),
    claim: r.data.claim,
    claimant: r.data.claimant,
    quoted: r.quoted,
    verdictLabel: r.verdictLabel,
    ...(r.verdict?.rating !== undefined ? { verdictRating: r.verdict.rating, verdictBest: corpus.scale.best } : {}),
    siteTitle: corpus.site?.title ?? '',
  };
}

/**
 * A published review's share card: where the site has it and what it shows. Under
 * `share_cards: verdict` that is its verdict's card, the same file for every claim with that verdict.
 */
export function shareCardOf(corpus: Corpus, r: PublishedReview): { path: string; input: ShareCardInput } {
  const input = shareCardInput(corpus, r);
  if (corpus.site?.share_cards !== 'verdict') return { path: paths.card(r.slug), input };
  const { language, verdictLine, kicker, verdictLabel, verdictRating, verdictBest, siteTitle } = input;
  return {
    path: paths.verdictCard(r.data.verdict),
    input: {
      design: 'verdict',
      claim: '',
      claimant: '',
      verdictLabel,
      ...(verdictRating !== undefined ? { verdictRating, verdictBest } : {}),
      siteTitle,
      language,
      verdictLine,
      kicker,
    },
  };
}

/** robots.txt: everything may be crawled; the sitemap is named by its absolute URL (base path included). */
export function robotsTxt(location: SiteLocation): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl(location, paths.sitemap())}`, ''].join('\n');
}

/**
 * Which built pages belong in the sitemap: not embeds (framed cards, noindex),
 * not the 404 page, not the old slugs that only redirect, and never a draft.
 */
export function sitemapFilter(corpus: Corpus, location: SiteLocation = locationOf(corpus)): (page: string) => boolean {
  const excluded = new Set<string>([
    absoluteUrl(location, paths.notFound()),
    absoluteUrl(location, paths.notFound().slice(0, -1)),
  ]);
  const add = (path: string) => excluded.add(absoluteUrl(location, path));
  for (const [slug, e] of corpus.claims) {
    if (e.data.draft) add(paths.claim(slug));
    for (const a of e.data.aliases ?? []) add(paths.claim(a));
  }
  for (const [slug, e] of corpus.sources) {
    if (e.data.draft) add(paths.source(slug));
    for (const a of e.data.aliases ?? []) add(paths.source(a));
  }
  for (const [slug, e] of corpus.pages) {
    if (e.data.draft) add(paths.page(slug));
    for (const a of e.data.aliases ?? []) add(paths.page(a));
  }
  return (page) => {
    const withSlash = page.endsWith('/') ? page : `${page}/`;
    return !excluded.has(page) && !excluded.has(withSlash) && !EMBED_PAGE.test(page);
  };
}

/**
 * The embed's height in CSS pixels: what its card needs at 300px wide with every part at its
 * most lines (tests/e2e/embed.test.ts measures it in Chromium); wider, it only has room to spare.
 */
export const EMBED_HEIGHT = 340;

/**
 * The markup another site pastes to show a claim's card (the embed page, framed). The card is
 * light; a dark host page adds `#dark` to the address (styles/embed.css), as the claim page says.
 */
export function embedSnippet(location: SiteLocation, r: PublishedReview, ui: Ui = uiOf(null)): string {
  const src = absoluteUrl(location, paths.embed(r.slug));
  const title = ui
    .t('embed.frameTitle', { claim: r.data.claim.trim(), verdict: r.verdictLabel })
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
  return `<iframe src="${src}" title="${title}" width="100%" height="${EMBED_HEIGHT}" style="border:0;width:100%;max-width:640px" loading="lazy"></iframe>`;
}
