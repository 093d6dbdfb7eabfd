/**
 * Excerpts and verdicts: every quotation that links to a source is matched
 * against that source's text (in claims, pages and sources alike), each claim's
 * verdict must be on the scale and its appearances must be published sources,
 * and each matched excerpt is recorded for its source page and the claim's page.
 */
import { join } from 'node:path';
import { excerptId } from '../../core/excerpt-id.ts';
import {
  type Difference,
  matchExcerpt,
  parseExcerpt,
  type ExcerptPattern,
  type MatchResult,
  type SourceIndex,
} from '../../core/matcher.ts';
import { findVerdict } from '../../core/verdicts.ts';
import type { CheckContext, CitationFound, Corpus, Entry, ResolvedCitation, SourceExcerpt } from '../corpus.ts';

export interface ExcerptInputs {
  /** The citations of each file, by its path (`claims/x.md`). */
  citations: ReadonlyMap<string, CitationFound[]>;
  /** Each source's matching index, by slug. */
  indexes: ReadonlyMap<string, SourceIndex>;
  /** Check everything but the excerpts (for callers that only need the entries). */
  skipExcerpts?: boolean;
}

/** Puts a matched passage on its source page (once, whoever quotes it) and notes who quotes it. */
export function recordExcerpt(
  corpus: Corpus,
  source: string,
  id: string,
  result: MatchResult & { ok: true },
  by: SourceExcerpt['citedBy'][number],
): void {
  const list = corpus.excerpts.get(source) ?? [];
  let ex = list.find((e) => e.id === id);
  if (!ex) {
    ex = { id, ranges: result.ranges, text: result.text, citedBy: [] };
    list.push(ex);
    corpus.excerpts.set(source, list);
  }
  ex.citedBy.push(by);
}

/** The first difference, in words: “the excerpt has X, the source has Y”. */
export function differenceNote(d: Difference | undefined, what: 'excerpt' | 'quotation' = 'excerpt'): string {
  if (!d) return '';
  return `. First difference: the ${what} has ${d.excerpt ? `“${d.excerpt}”` : 'nothing'}, the source has ${d.source ? `“${d.source}”` : 'nothing'}`;
}

export function checkExcerpts(
  { dir, corpus, problems, display, locate }: CheckContext,
  { citations, indexes, skipExcerpts }: ExcerptInputs,
): void {
  const { scale } = corpus;
  /** Reports a citation's own problems and matches its excerpt; the match and the parsed excerpt, when there is one. */
  const verify = (c: CitationFound, file: string): { result: MatchResult; pattern: ExcerptPattern } | undefined => {
    if (c.problem) problems.push({ file, line: c.linkLine, column: c.linkColumn, message: c.problem });
    if (c.badStance !== undefined) {
      problems.push({
        file,
        line: c.linkLine,
        column: c.linkColumn,
        message: `unknown stance "${c.badStance}": the link title must be supports, disputes, context or claim`,
      });
    }
    const source = corpus.sources.get(c.source);
    if (!source || c.excerpt === undefined || skipExcerpts) return undefined;
    const pattern = parseExcerpt(c.excerpt);
    const result = matchExcerpt(indexes.get(c.source)!, pattern);
    if (result.ok) {
      corpus.stats.excerpts++;
      return { result, pattern };
    }
    const short = c.excerpt.replace(/\s+/g, ' ').trim();
    problems.push({
      file,
      line: c.line,
      column: c.column,
      message:
        `excerpt not found in source ${c.source} (${source.path}): ${result.reason}. ` +
        `Excerpt: “${short.length > 120 ? `${short.slice(0, 117)}…` : short}”. ` +
        (result.closest
          ? `Closest passage: “${result.closest}”${differenceNote(result.difference)}`
          : indexes.get(c.source)!.blocks.length > 0
            ? 'No passage of the source shares a word with it.'
            : 'The source has no text.'),
    });
    return { result, pattern };
  };

  // Quotations in content pages and sources are verified too, though only claims feed the matrix.
  for (const collection of ['pages', 'sources'] as const) {
    for (const entry of (corpus[collection] as Map<string, Entry<unknown>>).values()) {
      const file = display(join(dir, entry.path));
      for (const c of citations.get(entry.path)!) verify(c, file);
    }
  }

  for (const claim of corpus.claims.values()) {
    const file = display(join(dir, claim.path));
    if (claim.data.verdict !== undefined && !findVerdict(scale, claim.data.verdict)) {
      problems.push({
        file,
        ...locate(claim.path, ['verdict']),
        message: `unknown verdict \`${claim.data.verdict}\`; the scale has ${scale.verdicts.map((v) => v.id).join(', ')}`,
      });
    }
    // An update that changed the verdict names the one it replaced; the one after it is the next such update's, or the claim's.
    const updates = claim.data.updates ?? [];
    updates.forEach((u, i) => {
      if (u.previous_verdict === undefined) return;
      const at = { file, ...locate(claim.path, ['updates', i, 'previous_verdict']) };
      if (!findVerdict(scale, u.previous_verdict)) {
        problems.push({
          ...at,
          message: `unknown verdict \`${u.previous_verdict}\` in previous_verdict; the scale has ${scale.verdicts.map((v) => v.id).join(', ')}`,
        });
        return;
      }
      const after = updates.slice(i + 1).find((l) => l.previous_verdict !== undefined)?.previous_verdict ?? claim.data.verdict;
      if (after === u.previous_verdict) {
        problems.push({
          ...at,
          message: `previous_verdict \`${u.previous_verdict}\` is the verdict this update left in place; name the verdict it replaced, or remove the line if the verdict did not change`,
        });
      }
    });
    claim.data.appearance?.forEach((slug, i) => {
      const appeared = corpus.sources.get(slug);
      if (!appeared) {
        problems.push({
          file,
          ...locate(claim.path, ['appearance', i]),
          message: `appearance \`${slug}\` is not a source (no sources/${slug}.md)`,
        });
      } else if (appeared.data.draft && !claim.data.draft) {
        problems.push({
          file,
          ...locate(claim.path, ['appearance', i]),
          message: `appearance \`${slug}\` is a draft, which is never published`,
        });
      }
    });
    const resolved: ResolvedCitation[] = [];
    for (const c of citations.get(claim.path)!) {
      const r: ResolvedCitation = { ...c };
      resolved.push(r);
      if (c.stance === 'claim' && !claim.data.appearance?.includes(c.source)) {
        problems.push({
          file,
          line: c.linkLine,
          column: c.linkColumn,
          message: `stance "claim" marks where the claim was made, but \`${c.source}\` is not in \`appearance\`: add it there, or use supports, disputes or context`,
        });
      }
      const verified = verify(c, file);
      if (verified?.result.ok) {
        const { result, pattern } = verified;
        r.id = excerptId(pattern);
        r.ranges = result.ranges;
        recordExcerpt(corpus, c.source, r.id, result, { claim: claim.slug, stance: c.stance, draft: claim.data.draft === true });
      }
    }
    corpus.citations.set(claim.slug, resolved);
  }
}

/** Each source's passages in reading order, as its page shows them. */
export function sortExcerpts(corpus: Corpus): void {
  for (const list of corpus.excerpts.values()) {
    list.sort((a, b) => a.ranges[0]!.block - b.ranges[0]!.block || a.ranges[0]!.start - b.ranges[0]!.start);
  }
}
