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
  /** Set when this update changed the verdict (`previous_verdict`). */
  change?: VerdictChange;
}

/**
 * Newest first; entries of one day are ordered by claim slug, and within one
 * claim the later entry of its log (written newest last) comes first. Drafts
 * are left out: they are never published.
 */
export function collectCorrections(
  claims: Iterable<{ slug: string; data: Pick<ClaimData, 'claim' | 'updates' | 'draft' | 'verdict'> }>,
): CorrectionEntry[] {
  const rows: (CorrectionEntry & { order: number })[] = [];
  for (const { slug, data } of claims) {
    if (data.draft) continue;
    const changes = verdictChanges(data);
    (data.updates ?? []).forEach((u, order) => {
      const change = changes[order];
      rows.push({ date: u.date, note: u.note, slug, claim: data.claim, order, ...(change ? { change } : {}) });
    });
  }
  rows.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.slug !== b.slug ? (a.slug < b.slug ? -1 : 1) : b.order - a.order,
  );
  return rows.map(({ order: _order, ...row }) => row);
}

/** An update that changed the verdict: the verdict ids before and after it. */
export interface VerdictChange {
  from: string;
  to: string;
}

/**
 * For each update of a claim (in the log's order), the verdict change it made,
 * if any: an update with `previous_verdict` replaced that verdict with the one
 * the next such update replaced, or with the claim's verdict if none follows.
 */
export function verdictChanges(data: Pick<ClaimData, 'verdict' | 'updates'>): (VerdictChange | undefined)[] {
  const updates = data.updates ?? [];
  const out: (VerdictChange | undefined)[] = new Array(updates.length).fill(undefined);
  let after = data.verdict;
  for (let i = updates.length - 1; i >= 0; i--) {
    const from = updates[i]!.previous_verdict;
    if (from === undefined) continue;
    out[i] = { from, to: after };
    after = from;
  }
  return out;
}

/** What the notice under a claim's headline says: the latest update, and the latest change of verdict if there was one. */
export interface UpdateNotice {
  latest: { date: string; note: string };
  count: number;
  /** The most recent update that changed the verdict (it may be the latest itself). */
  change?: VerdictChange & { date: string };
}

export function updateNotice(data: Pick<ClaimData, 'verdict' | 'updates'>): UpdateNotice | undefined {
  const updates = data.updates ?? [];
  if (updates.length === 0) return undefined;
  // The log is written newest last; of two updates of one day the later line is the later one.
  let latest = 0;
  updates.forEach((u, i) => {
    if (u.date >= updates[latest]!.date) latest = i;
  });
  const changes = verdictChanges(data);
  let change: UpdateNotice['change'];
  changes.forEach((c, i) => {
    if (c && (!change || updates[i]!.date >= change.date)) change = { ...c, date: updates[i]!.date };
  });
  const { date, note } = updates[latest]!;
  return { latest: { date, note }, count: updates.length, ...(change ? { change } : {}) };
}
