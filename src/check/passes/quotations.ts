/**
 * Quotations that are not links, and the headline: every passage in quotation
 * marks in a claim's summary, analysis and updates notes must occur in a source
 * the claim cites (by excerpt, plain link or `appearance`) or in its own
 * `claim` text, under the format's comparison; and a claim is shown as a
 * quotation only when its text occurs in one of its appearance sources.
 */
import { join } from 'node:path';
import { excerptId } from '../../core/excerpt-id.ts';
import {
  closestPassage,
  firstDifference,
  indexSource,
  matchExcerpt,
  parseExcerpt,
  type SourceIndex,
} from '../../core/matcher.ts';
import type { CheckContext, CitationFound, Entry, QuotationFound, ResolvedQuotation, SourceExcerpt } from '../corpus.ts';
import type { ClaimData } from '../../core/schema.ts';
import { differenceNote, recordExcerpt } from './excerpts.ts';

export interface QuotationInputs {
  citations: ReadonlyMap<string, CitationFound[]>;
  /** The quotations that are not links of each claim, by its path (`claims/x.md`). */
  quotations: ReadonlyMap<string, QuotationFound[]>;
  indexes: ReadonlyMap<string, SourceIndex>;
}

const short = (s: string, n = 120) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 3)}…` : t;
};

export function checkQuotations(context: CheckContext, inputs: QuotationInputs): void {
  const { corpus } = context;
  for (const claim of corpus.claims.values() as IterableIterator<Entry<ClaimData>>) {
    const by = { claim: claim.slug, stance: 'context' as const, draft: claim.data.draft === true };
    // The sources a quotation may come from: every source the claim links to, and where the claim appeared.
    const cited = [
      ...new Set([...(inputs.citations.get(claim.path) ?? []).map((c) => c.source), ...(claim.data.appearance ?? [])]),
    ].filter((slug) => inputs.indexes.has(slug));

    if (typeof claim.data.claim === 'string') {
      // A claim written as a sentence ends with its own full stop, wherever the source's sentence went on.
      const pattern = parseExcerpt(claim.data.claim.trim().replace(/[.!?\u2026]+$/u, ''));
      for (const slug of claim.data.appearance ?? []) {
        const index = inputs.indexes.get(slug);
        if (!index || pattern.segments.length === 0) continue;
        const result = matchExcerpt(index, pattern, { explain: false });
        if (!result.ok) continue;
        const id = excerptId(pattern);
        recordExcerpt(corpus, slug, id, result, by);
        corpus.headlines.set(claim.slug, { source: slug, id });
        break;
      }
    }

    corpus.quotations.set(claim.slug, verifyQuotations(context, inputs, claim, cited, claim.data.claim, by));
  }
  // A content page's quotations are verified against the sources it links to; they are not linked
  // to a passage (a source page lists the claims that quote it, and a page is not one).
  for (const page of corpus.pages.values()) {
    const cited = [...new Set((inputs.citations.get(page.path) ?? []).map((c) => c.source))].filter((slug) =>
      inputs.indexes.has(slug),
    );
    verifyQuotations(context, inputs, page, cited, undefined, undefined);
  }
}

/**
 * Matches each quotation of an entry against its cited sources, in order, then its claim text;
 * reports the ones found nowhere; records the passages found for their source pages when `by` says who quotes them.
 */
function verifyQuotations(
  { dir, corpus, problems, display, locate }: CheckContext,
  inputs: QuotationInputs,
  entry: Entry<unknown>,
  cited: readonly string[],
  claimText: string | undefined,
  by: SourceExcerpt['citedBy'][number] | undefined,
): ResolvedQuotation[] {
  const file = display(join(dir, entry.path));
  let claimIndex: SourceIndex | undefined;
  const inClaim = (pattern: ReturnType<typeof parseExcerpt>) =>
    claimText !== undefined &&
    matchExcerpt((claimIndex ??= indexSource([{ kind: 'paragraph', text: claimText }])), pattern, { explain: false }).ok;
  const resolved: ResolvedQuotation[] = [];
  for (const q of inputs.quotations.get(entry.path) ?? []) {
    const at = () =>
      q.line !== undefined
        ? { line: q.line, column: q.column ?? 1 }
        : (() => {
            const field = locate(entry.path, q.field ?? ['summary']);
            return { line: field.line, column: field.column + (q.offset ?? 0) };
          })();
    if (q.problem) {
      problems.push({ file, ...at(), message: q.problem });
      continue;
    }
    const pattern = parseExcerpt(q.text);
    const r: ResolvedQuotation = { where: q.where };
    resolved.push(r);
    if (pattern.segments.length === 0) continue;
    let found = false;
    for (const slug of cited) {
      const result = matchExcerpt(inputs.indexes.get(slug)!, pattern, { explain: false });
      if (!result.ok) continue;
      r.source = slug;
      r.id = excerptId(pattern);
      r.ranges = result.ranges;
      if (by) recordExcerpt(corpus, slug, r.id, result, by);
      found = true;
      break;
    }
    if (!found && inClaim(pattern)) {
      r.inClaim = true;
      found = true;
    }
    if (found) {
      corpus.stats.quotations++;
      continue;
    }
    const closest = bestClosest(cited, inputs.indexes, pattern.segments.join(' '));
    problems.push({
      file,
      ...at(),
      message:
        `quotation not found in the sources this ${claimText === undefined ? 'page cites' : 'claim cites'}` +
        `${cited.length ? ` (${cited.join(', ')})` : ' (it cites none)'}${claimText === undefined ? '' : ' nor in its claim'}: ` +
        `“${short(q.text)}”. ` +
        (closest
          ? `Closest passage, in ${closest.source}: “${closest.text}”${differenceNote(firstDifference(q.text, closest.text), 'quotation')}. `
          : '') +
        'Quote the source word for word and cite it as an excerpt ([“…”](../sources/slug.md)), ' +
        'or, for a word used as a term rather than quoted, write it in italics (*term*)',
    });
  }
  return resolved;
}

/** The closest passage to `probe` among the cited sources: the one sharing the most words with it. */
function bestClosest(
  cited: readonly string[],
  indexes: ReadonlyMap<string, SourceIndex>,
  probe: string,
): { source: string; text: string } | null {
  const wanted = new Set(probe.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  let best: { source: string; text: string; score: number } | null = null;
  for (const source of cited) {
    const { text } = closestPassage(indexes.get(source)!, probe);
    if (!text) continue;
    const score = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => wanted.has(w)).length;
    if (!best || score > best.score) best = { source, text, score };
  }
  return best && { source: best.source, text: best.text };
}
