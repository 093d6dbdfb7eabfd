/**
 * The corpus: a content folder once it has been read and checked. The checker
 * prints its problems, the build refuses to start with any, and the pages read
 * its entries, resolved citations and source texts (load-corpus.ts makes it).
 */
import type { Citation } from '../core/citations.ts';
import type { BlockRange, SourceText } from '../core/matcher.ts';
import type { Problem } from '../core/problems.ts';
import type { ClaimData, Collection, PageData, SiteConfig, SourceData } from '../core/schema.ts';
import type { Scale } from '../core/verdicts.ts';

export interface Entry<D> {
  collection: Collection;
  slug: string;
  /** Path relative to the content folder, e.g. `claims/x.md`. */
  path: string;
  data: D;
  /** Lines before the body: add to a body line to get a file line. (The body itself is not kept: pages render from Astro's collections and `texts`.) */
  bodyLineOffset: number;
  /** The digest of the file's bytes (core/hash.ts fileDigest): its page's key for incremental builds. */
  digest: string;
  /** A page's first paragraph, shortened: its description when the front matter gives none. */
  lede?: string;
}

/** A citation without its tree nodes: what the checks keep once a body's tree is dropped. */
export type CitationFound = Omit<Citation, 'link' | 'blockquote' | 'quote'>;

export interface ResolvedCitation extends CitationFound {
  /** Id of the excerpt on the source page, for block and inline excerpts that matched. */
  id?: string;
  ranges?: BlockRange[];
}

/** A quotation that is not a link, in a claim's summary, analysis or updates notes, as the file gives it. */
export interface QuotationFound {
  where: 'summary' | 'analysis' | 'update';
  /** The words between the marks. */
  text: string;
  /** Where the opening mark is, for the analysis; for a field, the field's path and the mark's offset in its value. */
  line?: number;
  column?: number;
  field?: (string | number)[];
  offset?: number;
  /** Why it cannot be verified as written. */
  problem?: string;
}

/** Where a quotation that is not a link was found: a passage of a source the claim cites, or the claim's own text. */
export interface ResolvedQuotation {
  where: QuotationFound['where'];
  source?: string;
  /** Id of the passage on the source page. */
  id?: string;
  ranges?: BlockRange[];
  inClaim?: boolean;
}

/** One excerpt as it appears on its source page, with every claim that quotes it. */
export interface SourceExcerpt {
  id: string;
  ranges: BlockRange[];
  text: string;
  citedBy: { claim: string; stance: Citation['stance']; draft: boolean }[];
}

export interface Corpus {
  dir: string;
  site: SiteConfig | null;
  scale: Scale;
  sources: Map<string, Entry<SourceData>>;
  claims: Map<string, Entry<ClaimData>>;
  pages: Map<string, Entry<PageData>>;
  /** Citations per claim slug, in reading order. */
  citations: Map<string, ResolvedCitation[]>;
  /** Quotations that are not links, per claim slug: the summary's, the analysis's in reading order, then the updates'. */
  quotations: Map<string, ResolvedQuotation[]>;
  /** The passage of an appearance source where a claim's own text occurs, per claim slug: only those claims are quotations. */
  headlines: Map<string, { source: string; id: string }>;
  /** Excerpts per source slug, in source order. */
  excerpts: Map<string, SourceExcerpt[]>;
  /** Each source's text, as its page shows it and match offsets refer to. */
  texts: Map<string, SourceText>;
  problems: Problem[];
  /** What is publishable but breaks the fact-check guidelines ClaimReview readers apply (check/guidelines.ts). */
  warnings: Problem[];
  stats: { claims: number; sources: number; pages: number; drafts: number; excerpts: number; quotations: number };
}

export interface LoadOptions {
  /** Problems name files relative to this folder (default: the current folder). */
  displayBase?: string;
  /** Skip matching excerpts (for callers that only need the entries). */
  skipExcerpts?: boolean;
}

/** What the checks over the whole folder share: the corpus being made, and how problems name and place things. */
export interface CheckContext {
  dir: string;
  corpus: Corpus;
  /** Every problem found so far; the checks add to it. */
  problems: Problem[];
  /** How a problem names a file, from its absolute path. */
  display: (abs: string) => string;
  /** Where a front-matter field of a file (`claims/x.md`) is. */
  locate: (rel: string, path: readonly PropertyKey[]) => { line: number; column: number };
}
