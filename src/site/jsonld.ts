/**
 * schema.org ClaimReview for one claim page (and for /claims.json): the fields
 * search engines and fact-check aggregators read. Pure: no Astro, no file system.
 */
import type { ClaimData, SiteConfig, SourceData } from '../core/schema.ts';
import { findVerdict, type Scale } from '../core/verdicts.ts';

export interface ClaimReviewInput {
  claim: ClaimData;
  /** The canonical absolute URL of the claim page. */
  url: string;
  site: Pick<SiteConfig, 'publisher' | 'language'>;
  scale: Scale;
  /** Looks up a source by slug (appearance sources); drafts should be left out by the caller. */
  source: (slug: string) => SourceData | undefined;
  /** "Last updated": the later of the newest update and the file's last commit (src/site/git-dates.ts). */
  dateModified?: string;
}

type Json = { [k: string]: unknown };

function creativeWork(s: SourceData): Json {
  const work: Json = { '@type': 'CreativeWork' };
  if (s.url) work.url = s.url;
  work.headline = s.title;
  if (s.published) work.datePublished = s.published;
  if (s.author?.length) work.author = s.author.map((name) => ({ '@type': 'Person', name }));
  work.publisher = { '@type': 'Organization', name: s.outlet };
  if (s.archive) work.archivedAt = s.archive;
  return work;
}

export function claimReview({ claim, url, site, scale, source, dateModified }: ClaimReviewInput): Json {
  const verdict = findVerdict(scale, claim.verdict);
  const rating: Json = { '@type': 'Rating', alternateName: verdict?.label ?? claim.verdict };
  if (verdict?.rating !== undefined) {
    rating.ratingValue = verdict.rating;
    rating.bestRating = scale.best;
    rating.worstRating = scale.worst;
  }
  const publisher: Json = { '@type': 'Organization', name: site.publisher.name };
  if (site.publisher.url) publisher.url = site.publisher.url;
  if (site.publisher.logo) publisher.logo = { '@type': 'ImageObject', url: site.publisher.logo };

  // A group ("Social media posts") has no single author schema.org could name.
  const item: Json = { '@type': 'Claim' };
  if (claim.claimant_type !== 'group')
    item.author = { '@type': claim.claimant_type === 'organization' ? 'Organization' : 'Person', name: claim.claimant };
  if (claim.claimed) item.datePublished = claim.claimed;
  const appearances = (claim.appearance ?? []).map(source).filter((s): s is SourceData => s !== undefined);
  if (appearances.length) {
    item.appearance = appearances.map(creativeWork);
    item.firstAppearance = creativeWork(appearances[0]!);
  }

  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.claim,
    datePublished: claim.reviewed,
    ...(dateModified ? { dateModified } : {}),
    inLanguage: site.language,
    author: publisher,
    reviewRating: rating,
    itemReviewed: item,
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so content cannot close the script. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
