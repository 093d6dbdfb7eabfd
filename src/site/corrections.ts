/**
 * The site-wide corrections log for `/corrections/`: every `updates` entry of
 * every published claim, newest first, so a reader sees what changed lately
 * without opening each review.
 */
import type { ClaimData } from '../core/schema.ts';

export interface CorrectionEntry {
  /** `YYYY-MM-DD` of the update. */
  date: string;
  note: string;
  /** The claim's slug: the page is `/claims/<slug>/`. */
  slug: string;
  /** The claim under review, for the link text. */
  claim: string;
}

/**
 * Newest first; entries of one day are ordered by claim slug, and within one
 * claim the later entry of its log (written newest last) comes first. Drafts
 * are left out: they are never published.
 */
export function collectCorrections(
  claims: Iterable<{ slug: string; data: Pick<ClaimData, 'claim' | 'updates' | 'draft'> }>,
): CorrectionEntry[] {
  const rows: (CorrectionEntry & { order: number })[] = [];
  for (const { slug, data } of claims) {
    if (data.draft) continue;
    (data.updates ?? []).forEach((u, order) => {
      rows.push({ date: u.date, note: u.note, slug, claim: data.claim, order });
    });
  }
  rows.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.slug !== b.slug ? (a.slug < b.slug ? -1 : 1) : b.order - a.order,
  );
  return rows.map(({ order: _order, ...row }) => row);
}
