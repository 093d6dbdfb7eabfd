/**
 * What a build publishes: everything in the corpus except drafts, in the order
 * readers see it. Pure functions over a loaded corpus.
 */
import type { Corpus, Entry, ResolvedCitation, SourceExcerpt } from '../check/corpus.ts';
import type { ClaimData, PageData, SourceData } from '../core/schema.ts';
import { MAX_SLUG, tagSlug } from '../core/schema.ts';
import { fnv1a } from '../core/hash.ts';
import type { Verdict } from '../core/verdicts.ts';
import { paths } from './routes.ts';

export type ClaimEntry = Entry<ClaimData>;
export type SourceEntry = Entry<SourceData>;
export type PageEntry = Entry<PageData>;

/**
 * `drafts: true` lists drafts too, for the dev server's previews (its indexes mark them); a build
 * never passes it (pages pass `import.meta.env.DEV`).
 */
export interface Listing {
  drafts?: boolean;
}

/** Newest review first; ties by slug so the order never depends on the file system. */
export function publishedClaims(corpus: Corpus, { drafts = false }: Listing = {}): ClaimEntry[] {
  return [...corpus.claims.values()]
    .filter((c) => drafts || !c.data.draft)
    .sort((a, b) => (a.data.reviewed < b.data.reviewed ? 1 : a.data.reviewed > b.data.reviewed ? -1 : a.slug < b.slug ? -1 : 1));
}

/** By outlet, then title. */
export function publishedSources(corpus: Corpus, { drafts = false }: Listing = {}): SourceEntry[] {
  return [...corpus.sources.values()]
    .filter((s) => drafts || !s.data.draft)
    .sort(
      (a, b) =>
        a.data.outlet.localeCompare(b.data.outlet, 'en') ||
        a.data.title.localeCompare(b.data.title, 'en') ||
        (a.slug < b.slug ? -1 : 1),
    );
}

export function publishedPages(corpus: Corpus): PageEntry[] {
  return [...corpus.pages.values()].filter((p) => !p.data.draft).sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/** A claim's citations as published: only to sources that are published. */
export function claimCitations(corpus: Corpus, slug: string): ResolvedCitation[] {
  return (corpus.citations.get(slug) ?? []).filter((c) => corpus.sources.get(c.source)?.data.draft === false);
}

/** The sources a claim cites, in order of first citation. */
export function citedSources(corpus: Corpus, slug: string): string[] {
  return [...new Set(claimCitations(corpus, slug).map((c) => c.source))];
}

/** A source's excerpts with their published citers only; excerpts quoted only by drafts are left out. */
export function publishedExcerpts(corpus: Corpus, source: string, { drafts = false }: Listing = {}): SourceExcerpt[] {
  return (corpus.excerpts.get(source) ?? [])
    .map((e) => ({ ...e, citedBy: e.citedBy.filter((c) => drafts || !c.draft) }))
    .filter((e) => e.citedBy.length > 0);
}

/** Published claims that cite a source in any form (excerpt or plain link), newest first. */
export function claimsCiting(corpus: Corpus, source: string, { drafts = false }: Listing = {}): ClaimEntry[] {
  // Every source page and the sources index ask: index all sources once per corpus, rather than
  // sorting and scanning every claim for every source (quadratic in the size of the site).
  const memo = drafts ? draftCiters : citers;
  let index = memo.get(corpus);
  if (!index) {
    index = new Map();
    for (const c of publishedClaims(corpus, { drafts })) {
      const cited = drafts ? (corpus.citations.get(c.slug) ?? []) : claimCitations(corpus, c.slug);
      for (const s of new Set(cited.map((r) => r.source))) {
        const list = index.get(s);
        if (list) list.push(c);
        else index.set(s, [c]);
      }
    }
    memo.set(corpus, index);
  }
  return [...(index.get(source) ?? [])];
}

const citers = new WeakMap<Corpus, Map<string, ClaimEntry[]>>();
const draftCiters = new WeakMap<Corpus, Map<string, ClaimEntry[]>>();

export interface TagGroup {
  slug: string;
  /** The tag as first written. */
  label: string;
  claims: ClaimEntry[];
}

export function tagGroups(corpus: Corpus): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const claim of publishedClaims(corpus)) {
    for (const tag of claim.data.tags ?? []) {
      const slug = tagSlug(tag);
      const g = groups.get(slug) ?? { slug, label: tag, claims: [] };
      if (!g.claims.includes(claim)) g.claims.push(claim);
      groups.set(slug, g);
    }
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/** Every verdict of the scale with the published claims that have it, in scale order. */
export function verdictDistribution(corpus: Corpus): { verdict: Verdict; claims: ClaimEntry[] }[] {
  const claims = publishedClaims(corpus);
  return corpus.scale.verdicts.map((verdict) => ({ verdict, claims: claims.filter((c) => c.data.verdict === verdict.id) }));
}

/** Outlets of the published sources, each with its sources. */
export function outlets(corpus: Corpus, listing: Listing = {}): { outlet: string; sources: SourceEntry[] }[] {
  const by = new Map<string, SourceEntry[]>();
  for (const s of publishedSources(corpus, listing)) by.set(s.data.outlet, [...(by.get(s.data.outlet) ?? []), s]);
  return [...by].map(([outlet, sources]) => ({ outlet, sources }));
}

/** Old slug → current slug, for the redirect pages. Drafts have no redirects. */
export function aliases<D extends { aliases?: string[]; draft: boolean }>(
  entries: Iterable<Entry<D>>,
): { alias: string; slug: string }[] {
  const out: { alias: string; slug: string }[] = [];
  for (const e of entries) if (!e.data.draft) for (const alias of e.data.aliases ?? []) out.push({ alias, slug: e.slug });
  return out;
}

/**
 * A claimant's URL slug: the name as a tag's slug would be. A name whose slug would
 * be empty or longer than a folder name may be keeps a short slug and a hash of the
 * whole name, so two such names never share a page.
 */
export function claimantSlug(name: string): string {
  const slug = tagSlug(name.trim());
  const fits = slug !== 'tag' && new TextEncoder().encode(slug).length <= MAX_SLUG;
  if (fits) return slug;
  const head = slug === 'tag' ? 'claimant' : [...slug].slice(0, 40).join('').replace(/-+$/, '');
  return `${head}-${fnv1a(name.trim())}`;
}

export interface Claimant {
  slug: string;
  /** The name as first written (newest review first). */
  name: string;
  type: ClaimData['claimant_type'];
  /** Newest first. */
  claims: ClaimEntry[];
}

/** Every claimant of the published reviews, by name; one slug is one claimant, as with tags. */
export function claimants(corpus: Corpus): Claimant[] {
  let list = claimantMemo.get(corpus);
  if (!list) {
    const by = new Map<string, Claimant>();
    for (const claim of publishedClaims(corpus)) {
      const slug = claimantSlug(claim.data.claimant);
      const c = by.get(slug);
      if (c) c.claims.push(claim);
      else by.set(slug, { slug, name: claim.data.claimant.trim(), type: claim.data.claimant_type, claims: [claim] });
    }
    list = [...by.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.slug < b.slug ? -1 : 1));
    claimantMemo.set(corpus, list);
  }
  return list;
}

const claimantMemo = new WeakMap<Corpus, Claimant[]>();

/** Every verdict of the scale with how many of these claims have it, in scale order. */
export function verdictCounts(scale: Corpus['scale'], claims: readonly ClaimEntry[]): { verdict: Verdict; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of claims) counts.set(c.data.verdict, (counts.get(c.data.verdict) ?? 0) + 1);
  return scale.verdicts.map((verdict) => ({ verdict, count: counts.get(verdict.id) ?? 0 }));
}

/**
 * The HTML files, relative to the build's output folder, that a build of the corpus must have
 * written and those it must not have: each published claim's page and embed, each published
 * source's and page's page, each alias's redirect; no draft's page, unless a published entry's
 * alias takes its path. The build holds dist/ to this once it is written (content-check.ts), so
 * that a step failing quietly (a store read as empty, a route that lists too few or too many
 * entries) cannot publish a site without its reviews or with a draft.
 */
export function pageFiles(corpus: Corpus): { required: string[]; forbidden: string[] } {
  const file = (path: string) => `${path}index.html`;
  const required = publishedClaims(corpus).map((c) => file(paths.embed(c.slug)));
  const drafts: string[] = [];
  const collections = [
    [corpus.claims, paths.claim],
    [corpus.sources, paths.source],
    [corpus.pages, paths.page],
  ] as const;
  for (const [entries, path] of collections) {
    for (const e of entries.values()) (e.data.draft ? drafts : required).push(file(path(e.slug)));
    for (const a of aliases<{ aliases?: string[]; draft: boolean }>(entries.values())) required.push(file(path(a.alias)));
  }
  const taken = new Set(required);
  return { required, forbidden: drafts.filter((f) => !taken.has(f)) };
}
