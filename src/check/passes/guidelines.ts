/**
 * The fact-check guidelines that readers of ClaimReview apply (Google's Fact
 * Check Explorer and Data Commons read the markup under Google's ClaimReview
 * guidelines, https://developers.google.com/search/docs/appearance/structured-data/factcheck):
 * what a published review should have beyond what the format requires. Breaking
 * one is a warning, never an error: the review is still sound, and `npm run
 * check -- --strict` makes them fail.
 */
import { join } from 'node:path';
import type { Problem } from '../../core/problems.ts';
import type { CheckContext } from '../corpus.ts';

/** Google's guidelines suggest a `claimReviewed` of at most this many characters. */
export const CLAIM_REVIEWED_MAX = 75;

/** A claim's length as the guidelines count it (characters, not UTF-16 units). */
const claimLength = (claim: unknown) => (typeof claim === 'string' ? [...claim.trim()].length : 0);

/**
 * The front-matter fields of a published claim that checkGuidelines will point at, as far as the
 * claim alone tells: its `claim`, when too long. The file's reader finds their positions while it
 * has the file parsed; parsing each such file again for them was a large part of a big desk's
 * check, where a long claim is common. (Whether the first appearance is the earliest takes the
 * sources' dates, and is rarely not: that position is found when it is asked for.)
 */
export function guidelineFields(data: { claim?: unknown; draft?: unknown }): (string | number)[][] {
  return !data.draft && claimLength(data.claim) > CLAIM_REVIEWED_MAX ? [['claim']] : [];
}

export function checkGuidelines({ dir, corpus, display, locate }: CheckContext): Problem[] {
  const warnings: Problem[] = [];
  for (const claim of corpus.claims.values()) {
    const { data } = claim;
    if (data.draft || (data as { invalid?: boolean }).invalid) continue;
    const file = display(join(dir, claim.path));
    const length = claimLength(data.claim);
    if (length > CLAIM_REVIEWED_MAX) {
      warnings.push({
        file,
        ...locate(claim.path, ['claim']),
        message:
          `the claim is ${length} characters long; the fact-check guidelines suggest at most ${CLAIM_REVIEWED_MAX} ` +
          'for claimReviewed: state the claim more briefly',
      });
    }
    const appearance = data.appearance ?? [];
    if (appearance.length === 0) {
      warnings.push({
        file,
        line: 1,
        column: 1,
        message:
          'the claim has no `appearance`: the fact-check guidelines ask that a claim be traced to where it was made; list the source it appeared in',
      });
    }
    // The first appearance should be the earliest, where the sources say when they were published.
    const dated = appearance
      .map((slug) => ({ slug, published: corpus.sources.get(slug)?.data.published }))
      .filter((a): a is { slug: string; published: string } => typeof a.published === 'string');
    const first = dated.find((a) => a.slug === appearance[0]);
    const earliest = dated.reduce<{ slug: string; published: string } | undefined>(
      (e, a) => (!e || a.published < e.published ? a : e),
      undefined,
    );
    if (first && earliest && earliest.published < first.published) {
      warnings.push({
        file,
        ...locate(claim.path, ['appearance', 0]),
        message:
          `the first appearance, \`${first.slug}\` (${first.published}), is not the earliest: \`${earliest.slug}\` was published ` +
          `${earliest.published}; list the earliest first, as ClaimReview's firstAppearance`,
      });
    }
  }
  const site = corpus.site;
  const policy = [...corpus.pages.values()].some((p) => /correction/.test(p.slug) && !p.data.draft);
  if (site && !site.corrections && !policy) {
    warnings.push({
      file: display(join(dir, 'site.yml')),
      line: 1,
      column: 1,
      message:
        'the site has no corrections policy and no way to report an error: the fact-check guidelines ask for one; ' +
        'add a page such as pages/corrections-policy.md, or `corrections:` (an email address or URL) to site.yml',
    });
  }
  return warnings;
}
