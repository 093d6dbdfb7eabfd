/**
 * Indexes a large site in shards, one after the other, and merges them into one index
 * (merge.ts). Pagefind holds all of an index's pages in memory, several times over while it
 * writes them, with no limit; a shard of a few thousand pages bounds that, and the merge reads
 * the shards' files a chunk at a time.
 *
 * Each shard is kept between builds under its key: the Pagefind version, what it leaves out of
 * pages, and every page it holds with a digest of its HTML. A build re-indexes only the shards
 * whose pages changed (after an edit to one claim, the shard that holds its page) and merges
 * the kept ones with them; the merged index is the same either way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fnv1a } from '../core/hash.ts';
import { INDEXED_PAGES, UNINDEXED_SELECTORS } from '../site/routes.ts';
import { type BundlePages, describeBundle, linkOrCopy, type MergeInput, mergeBundles } from './merge.ts';

/**
 * Pages per shard. After an edit, the shards that hold the changed pages are indexed again, so
 * the smaller a shard, the less a one-line correction costs; Pagefind's memory grows with a
 * shard's pages too. A shard costs a little of its own (its bundle's scripts in the cache, one
 * more stream for the merge), which at this size did not show in a first build's indexing
 * (docs/performance.md). `SEARCH_SHARD_PAGES` overrides it (tests cut a small site into shards
 * of a few pages).
 */
export const SHARD_PAGES = 500;

export function shardPages(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.SEARCH_SHARD_PAGES);
  return Number.isInteger(n) && n > 0 ? n : SHARD_PAGES;
}

/** The folder of the cache where the merge keeps the files it compressed (merge.ts). */
const COMPRESSED = 'compressed';

/** Bumped when what a kept shard holds (its bundle, its description) changes shape. */
const SHARD_FORMAT = 1;

/**
 * The HTML files INDEXED_PAGES names (`claims/*\/index.html`, `sources/*\/index.html`,
 * `*\/index.html`), relative to the site, sorted: the files the shards are made of.
 */
export function candidatePages(siteDir: string): string[] {
  const out: string[] = [];
  const dirs = (p: string) =>
    readdirSync(p, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  for (const top of dirs(siteDir)) {
    if (existsSync(path.join(siteDir, top, 'index.html'))) out.push(`${top}/index.html`);
    if (top === 'claims' || top === 'sources') {
      for (const slug of dirs(path.join(siteDir, top)))
        if (existsSync(path.join(siteDir, top, slug, 'index.html'))) out.push(`${top}/${slug}/index.html`);
    }
  }
  return out.sort();
}

/**
 * Which shard a page goes to: by a hash of its path, so a page stays in its shard as the desk
 * grows or changes (until the number of shards does).
 */
export const shardOf = (page: string, shards: number) => parseInt(fnv1a(page), 36) % shards;

/** A page Pagefind indexes: it marks its body (a page without one is left out once any page has one). */
const MARK = Buffer.from('data-pagefind-body');
/** The bytes JavaScript's `\s` matches in a page read as Latin-1. */
const SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

/**
 * Whether a page's HTML, read as Latin-1, matches `/<[^>]*\sdata-pagefind-body[\s>=]/`: an
 * occurrence of the name with a space before it, a space, `>` or `=` after it, and a `<` before
 * it with no `>` between. Each byte before the last occurrence is looked at once (the pattern run
 * over every page whole was a large part of an unchanged rebuild, and a page naming the attribute
 * many times in its text must not cost the square of its length).
 */
export function isIndexed(html: Buffer): boolean {
  let from = 0;
  let open = false;
  for (let at = html.indexOf(MARK); at >= 0; at = html.indexOf(MARK, at + 1)) {
    if (at < 2) continue;
    // The bytes not yet looked at before the one that must be a space: the last < or > among them decides.
    const seen = html.subarray(from, at - 1);
    const lt = seen.lastIndexOf(0x3c);
    const gt = seen.lastIndexOf(0x3e);
    if (lt >= 0 || gt >= 0) open = lt > gt;
    from = at - 1;
    const after = html[at + MARK.length];
    if (open && SPACE.has(html[at - 1]!) && after !== undefined && (SPACE.has(after) || after === 0x3e || after === 0x3d))
      return true;
  }
  return false;
}

type PagefindModule = typeof import('pagefind');
type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindModule['createIndex']>>['index']>;

export interface ShardOptions {
  /** Where shards are kept between builds. */
  cacheDir: string;
  pagesPerShard: number;
  /** Starts an index (in Pagefind's binary, with the environment it needs). */
  createIndex: () => Promise<PagefindIndex>;
  pagefindVersion: string;
}

export interface ShardedResult {
  pages: number;
  files: number;
  shards: number;
  /** Shards indexed by this build; the others were kept from an earlier one. */
  indexed: number;
}

/** Throws when a Pagefind response reports errors: a half-built index must fail the build. */
export function assertNoErrors(step: string, response: { errors: string[] }): void {
  if (response.errors.length > 0) throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
}

/** Places `pages` of the site under `dir`, for Pagefind to read as a folder. */
function linkPages(siteDir: string, pages: readonly string[], dir: string): void {
  for (const page of pages) {
    const to = path.join(dir, page);
    mkdirSync(path.dirname(to), { recursive: true });
    linkOrCopy(path.join(siteDir, page), to);
  }
}

async function indexShard(siteDir: string, pages: readonly string[], work: string, options: ShardOptions): Promise<void> {
  const input = path.join(work, 'pages');
  mkdirSync(input, { recursive: true });
  linkPages(siteDir, pages, input);
  const index = await options.createIndex();
  try {
    // addDirectory reads the pages on every core; the URL of each is its path in the folder.
    assertNoErrors('addDirectory', await index.addDirectory({ path: input, glob: INDEXED_PAGES }));
    assertNoErrors('writeFiles', await index.writeFiles({ outputPath: path.join(work, 'bundle') }));
  } finally {
    // Frees the shard's memory in the binary before the next one is built.
    await index.deleteIndex();
    rmSync(input, { recursive: true, force: true });
  }
}

/**
 * Indexes the site's pages into `outDir` as one Pagefind bundle, by shards kept in
 * `options.cacheDir`, and removes the kept shards this build did not use.
 */
export async function buildSharded(siteDir: string, outDir: string, options: ShardOptions): Promise<ShardedResult> {
  const attempt = { kept: 0 };
  try {
    return await buildFromShards(siteDir, outDir, options, attempt);
  } catch (error) {
    // A kept shard left damaged (a killed build, a full disk, a cache restored half-way) must cost
    // one full indexing, never a failed deploy; an error with no kept shard in play is the site's own.
    if (attempt.kept === 0) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(
      `search index: the ${attempt.kept} kept shard(s) in ${options.cacheDir} could not be used (${reason}); indexing every page again`,
    );
    rmSync(options.cacheDir, { recursive: true, force: true });
    return await buildFromShards(siteDir, outDir, options, { kept: 0 });
  }
}

async function buildFromShards(
  siteDir: string,
  outDir: string,
  options: ShardOptions,
  attempt: { kept: number },
): Promise<ShardedResult> {
  const candidates = existsSync(siteDir) ? candidatePages(siteDir) : [];
  const digests = new Map<string, string>();
  for (const page of candidates) {
    const html = readFileSync(path.join(siteDir, page));
    if (isIndexed(html)) digests.set(page, createHash('sha256').update(html).digest('hex'));
  }
  const pages = [...digests.keys()];
  const shards = Math.max(1, Math.ceil(pages.length / options.pagesPerShard));
  // Each page's shard once: asking every page for every shard grew with their product.
  const byShard = Array.from({ length: shards }, (): string[] => []);
  for (const p of pages) byShard[shardOf(p, shards)]!.push(p);
  mkdirSync(options.cacheDir, { recursive: true });
  const used = new Set<string>([COMPRESSED]);
  const inputs: MergeInput[] = [];
  let indexed = 0;
  for (let i = 0; i < shards; i++) {
    const mine = byShard[i]!;
    if (mine.length === 0) continue;
    const key = createHash('sha256')
      .update(JSON.stringify([SHARD_FORMAT, options.pagefindVersion, UNINDEXED_SELECTORS, mine.map((p) => [p, digests.get(p)])]))
      .digest('hex')
      .slice(0, 20);
    const name = `shard-${key}`;
    const dir = path.join(options.cacheDir, name);
    used.add(name);
    const described = path.join(dir, 'pages.json');
    if (!existsSync(described)) {
      const work = path.join(options.cacheDir, `${name}.tmp`);
      rmSync(work, { recursive: true, force: true });
      await indexShard(siteDir, mine, work, options);
      writeFileSync(path.join(work, 'pages.json'), JSON.stringify(describeBundle(path.join(work, 'bundle'))));
      rmSync(dir, { recursive: true, force: true });
      renameSync(work, dir);
      indexed++;
    } else attempt.kept++;
    inputs.push({ dir: path.join(dir, 'bundle'), pages: JSON.parse(readFileSync(described, 'utf8')) as BundlePages });
  }
  rmSync(outDir, { recursive: true, force: true });
  let indexedPages = 0;
  if (inputs.length > 0) {
    const counts = await mergeBundles(inputs, outDir, { compressedCache: path.join(options.cacheDir, COMPRESSED) });
    indexedPages = Object.values(counts).reduce((a, b) => a + b, 0);
    // Pagefind leaves out a marked page only when it finds no word in it; a page lost between shards would be a search that silently misses it.
    const given = inputs.reduce((n, input) => n + Object.values(input.pages).reduce((m, l) => m + l.length, 0), 0);
    if (indexedPages !== given) throw new Error(`the merged search index holds ${indexedPages} pages of the shards' ${given}`);
  } else {
    // No page to index: Pagefind's own empty bundle, so the search page loads and finds nothing.
    const work = path.join(options.cacheDir, 'empty.tmp');
    rmSync(work, { recursive: true, force: true });
    await indexShard(siteDir, [], work, options);
    renameSync(path.join(work, 'bundle'), outDir);
    rmSync(work, { recursive: true, force: true });
  }
  for (const name of readdirSync(options.cacheDir))
    if (!used.has(name)) rmSync(path.join(options.cacheDir, name), { recursive: true, force: true });
  return { pages: indexedPages, files: candidates.length, shards: inputs.length, indexed };
}
