/**
 * Where an excerpt points: its place on our source page and, when the source has
 * a URL, the passage in the original (text fragment). Shared by the remark
 * plugin and the pages so both link the same way.
 */
import type { Corpus, ResolvedCitation } from '../check/corpus.ts';
import { excerptId } from '../core/excerpt-id.ts';
import { internalHref } from './location.ts';
import { paths } from './routes.ts';
import { textFragmentUrl } from './text-fragment.ts';
import { type BlockRange, joinedSpan } from '../core/matcher.ts';
import type { Citation } from '../core/citations.ts';

export interface ExcerptLinks {
  id: string;
  /** `/<base>/sources/<slug>/#<id>` */
  sourceHref: string;
  /** The original with a text fragment, when the source has a `url`. */
  originalHref?: string;
}

export function excerptLinks(corpus: Corpus, base: string, source: string, id: string, ranges: BlockRange[]): ExcerptLinks {
  const links: ExcerptLinks = { id, sourceHref: internalHref(base, paths.excerpt(source, id)) };
  const url = corpus.sources.get(source)?.data.url;
  const text = corpus.texts.get(source);
  const span = text && joinedSpan(text, ranges);
  if (url && text && span) links.originalHref = textFragmentUrl(url, text.joined, span.start, span.end);
  return links;
}

/**
 * Pairs the citations found in a rendered tree with the corpus's resolved ones.
 * Both come from collectCitations in reading order; Astro's pipeline curls quotes
 * first, which changes no structure, so they pair by position. If they ever
 * disagree, the excerpt id (which ignores quote style) decides.
 */
export function resolveCitations(corpus: Corpus, claimSlug: string, found: Citation[]): (ResolvedCitation | undefined)[] {
  const resolved = corpus.citations.get(claimSlug) ?? [];
  const aligned =
    resolved.length === found.length && found.every((c, i) => c.kind === resolved[i]!.kind && c.source === resolved[i]!.source);
  return found.map((c, i) => {
    if (aligned) return resolved[i];
    if (c.excerpt === undefined) return resolved.find((r) => r.kind === c.kind && r.source === c.source);
    const id = excerptId(c.excerpt);
    return resolved.find((r) => r.id === id && r.source === c.source);
  });
}
