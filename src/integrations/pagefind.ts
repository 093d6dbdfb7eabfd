/**
 * Builds the Pagefind search index over the finished site, so that no build can ship
 * a search page without an index. `astro build` alone indexes at its end, in its own
 * process; `npm run build` (scripts/build.ts) tells it not to and indexes once Astro's
 * process has exited, so that Astro's memory and Pagefind's are never held at once
 * (on a large desk each is gigabytes). Which pages and which parts of them are indexed
 * is decided by `data-pagefind-*` attributes in the pages (claim, source and content
 * pages carry `data-pagefind-body`; nothing else does).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fnv1a } from '../core/hash.ts';
import { INDEXED_PAGES, UNINDEXED_SELECTORS } from '../site/routes.ts';

/** Throws when a Pagefind response reports errors: a half-built index must fail the build. */
function assertNoErrors(step: string, response: { errors: string[] }): void {
  if (response.errors.length > 0) {
    throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  }
}

export interface IndexResult {
  /** Pages in the index (those with data-pagefind-body), over all languages and shards. */
  pages: number;
  /** HTML files Pagefind read, indexed or not. */
  files: number;
  /** Indexes written: 1, or more when the site has more pages than one shard holds. */
  shards: number;
  seconds: number;
  outputPath: string;
}

/**
 * Pagefind holds a whole index in memory while it builds it, in proportion to its pages. With
 * `SEARCH_SHARD_PAGES=n`, a site with more than n candidate pages is indexed in shards of about
 * n, one after the other, each freed before the next, and the search page merges them
 * (mergeIndex). Off by default: merged shards do not search exactly as one index does (relevance
 * order, date sorting, and queries of several words differ; tests/e2e/search-shards.test.ts and
 * docs/performance.md say how). On a large desk they could lower the build's peak to Astro's
 * process's (not measured at 25,000 claims), at the price of those differences.
 */
export const SHARD_PAGES = Number.POSITIVE_INFINITY;

/** The list of shard folders the search page merges into the first, relative to the bundle: `pagefind/shards.json`. */
export const SHARDS_FILE = 'shards.json';

export function shardPages(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.SEARCH_SHARD_PAGES);
  return Number.isInteger(n) && n > 0 ? n : SHARD_PAGES;
}

/**
 * The HTML files INDEXED_PAGES names (`claims/*\/index.html`, `sources/*\/index.html`,
 * `*\/index.html`), relative to the site, sorted: the files a shard is chosen among.
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
export const shardOf = (page: string, shards: number) => parseInt(fnv1a(page), 16) % shards;

/** The folder of shard `i` under the bundle, until the first shard with pages moves up to the bundle itself. */
export const shardDir = (i: number) => `shard-${i}/`;

/** What a shard's folder keeps: its index, not a copy of the scripts and styles the bundle already has. */
const SHARD_KEEPS = /^(pagefind-entry\.json|pagefind\.[^.]+\.pf_meta|index|fragment|filter)$/;

type PagefindModule = typeof import('pagefind');

/**
 * The Pagefind binary allocates with jemalloc, which keeps the pages it frees for ten seconds
 * before it gives them back; writing the index builds and drops large structures in quick
 * succession, so part of the binary's resident memory was freed pages. Returning them at once
 * lowered its peak by a sixth on a 5,000-claim desk and by less on larger ones, and leaves the
 * index byte for byte the same (docs/performance.md). The variable is the one Pagefind's
 * jemalloc reads (`_RJEM_` is its symbol prefix); one already set is left as it is.
 */
export const PAGEFIND_MALLOC = { name: '_RJEM_MALLOC_CONF', value: 'dirty_decay_ms:0,muzzy_decay_ms:0' } as const;

/**
 * Calls `start` with PAGEFIND_MALLOC in the environment and takes it out again as soon as
 * `start` returns: Pagefind's Node API spawns its binary synchronously, inside the call, and the
 * binary inherits the environment at that moment; nothing started later is given it.
 */
export function withPagefindMalloc<T>(start: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env[PAGEFIND_MALLOC.name] !== undefined) return start();
  env[PAGEFIND_MALLOC.name] = PAGEFIND_MALLOC.value;
  try {
    return start();
  } finally {
    delete env[PAGEFIND_MALLOC.name];
  }
}

/** The first call launches the binary: see withPagefindMalloc. */
const createIndex = (pagefind: PagefindModule) =>
  withPagefindMalloc(() => pagefind.createIndex({ excludeSelectors: UNINDEXED_SELECTORS }));

async function indexOnce(pagefind: PagefindModule, siteDir: string, outputPath: string) {
  const created = await createIndex(pagefind);
  assertNoErrors('createIndex', created);
  const index = created.index;
  if (!index) throw new Error('pagefind createIndex returned no index');
  const added = await index.addDirectory({ path: siteDir, glob: INDEXED_PAGES });
  assertNoErrors('addDirectory', added);
  const written = await index.writeFiles({ outputPath });
  assertNoErrors('writeFiles', written);
  return { files: added.page_count, outputPath: written.outputPath };
}

async function indexShard(pagefind: PagefindModule, siteDir: string, pages: string[], outputPath: string) {
  const created = await createIndex(pagefind);
  assertNoErrors('createIndex', created);
  const index = created.index;
  if (!index) throw new Error('pagefind createIndex returned no index');
  try {
    for (const page of pages) {
      const content = await readFile(path.join(siteDir, page), 'utf8');
      // addDirectory skips a page without data-pagefind-body once any page has one; a shard cannot
      // know that of the other shards' pages, and would index a shard of such pages whole.
      if (!/<[^>]*\sdata-pagefind-body[\s>=]/.test(content)) continue;
      // The URL as addDirectory makes it: the path without index.html.
      assertNoErrors(`addHTMLFile ${page}`, await index.addHTMLFile({ url: `/${page.replace(/index\.html$/, '')}`, content }));
    }
    assertNoErrors('writeFiles', await index.writeFiles({ outputPath }));
  } finally {
    // Frees the shard's memory in the binary before the next one is built.
    await index.deleteIndex();
  }
}

async function pageCount(bundle: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

/**
 * Indexes the claim, source and content pages under `siteDir` and writes the bundle to
 * `<siteDir>/pagefind/`, in shards (see SHARD_PAGES) on a large site, with `shards.json`
 * naming the shards to merge (none on a site of one index).
 */
export async function buildSearchIndex(siteDir: string, options: { shardPages?: number } = {}): Promise<IndexResult> {
  // Imported lazily so that loading astro.config does not start the Pagefind binary.
  const pagefind = await import('pagefind');
  const started = performance.now();
  // If the Pagefind binary dies (it panics on some I/O errors), the Node API never
  // answers and, its child process being unref'd, Node would simply run out of work
  // and exit 0: a "successful" build without an index. Node emits beforeExit exactly
  // then; make that exit a failure.
  let answered = false;
  const onBeforeExit = () => {
    if (answered) return;
    console.error('pagefind: the indexer stopped without answering (its output is above); no search index was written');
    process.exitCode = 1;
  };
  process.once('beforeExit', onBeforeExit);
  const bundle = path.join(siteDir, 'pagefind');
  try {
    const candidates = existsSync(siteDir) ? candidatePages(siteDir) : [];
    const perShard = options.shardPages ?? shardPages();
    const shards = Math.max(1, Math.ceil(candidates.length / perShard));
    let files: number;
    const merged: string[] = [];
    let pages = 0;
    if (shards === 1) {
      files = (await indexOnce(pagefind, siteDir, bundle)).files;
      pages = await pageCount(bundle);
    } else {
      files = candidates.length;
      const written: { dir: string; pages: number }[] = [];
      for (let i = 0; i < shards; i++) {
        const dir = shardDir(i);
        const pagesOf = candidates.filter((p) => shardOf(p, shards) === i);
        await indexShard(pagefind, siteDir, pagesOf, path.join(bundle, dir));
        written.push({ dir, pages: await pageCount(path.join(bundle, dir)) });
      }
      // The first shard with pages is the bundle itself (the search page loads it first); a shard
      // without any (none of its pages carries data-pagefind-body) is left out: Pagefind refuses to merge it.
      const [primary, ...rest] = written.filter((w) => w.pages > 0);
      for (const w of written) {
        const dir = path.join(bundle, w.dir);
        if (w === primary) {
          for (const name of readdirSync(dir)) renameSync(path.join(dir, name), path.join(bundle, name));
          rmSync(dir, { recursive: true });
        } else if (w.pages === 0) rmSync(dir, { recursive: true });
        else for (const name of readdirSync(dir)) if (!SHARD_KEEPS.test(name)) rmSync(path.join(dir, name), { recursive: true });
      }
      if (!primary) await indexOnce(pagefind, siteDir, bundle);
      merged.push(...rest.map((w) => w.dir));
      pages = written.reduce((n, w) => n + w.pages, 0);
    }
    await writeFile(path.join(bundle, SHARDS_FILE), `${JSON.stringify({ shards: merged })}\n`);
    return { pages, files, shards, seconds: (performance.now() - started) / 1000, outputPath: bundle };
  } finally {
    answered = true;
    process.off('beforeExit', onBeforeExit);
    // The Node API drives a child process; leaving it running would keep the build alive.
    await pagefind.close();
  }
}

/** Set by scripts/build.ts: the index is written after Astro's process has exited, not inside it. */
export const INDEX_AFTER_ASTRO = 'FACTCHECK_INDEX_AFTER_ASTRO';

/** One line, stable wording: scripts/bench.ts parses it (scripts/bench/measure.ts). */
export const indexedLine = (result: IndexResult) => `pagefind: indexed ${result.pages} pages in ${result.seconds.toFixed(2)} s`;

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env[INDEX_AFTER_ASTRO] === '1') {
          logger.info('pagefind: the site is indexed once this process has exited');
          return;
        }
        const result = await buildSearchIndex(fileURLToPath(dir));
        logger.info(indexedLine(result));
        if (result.pages === 0) {
          logger.warn('pagefind: no page was indexed; search will find nothing');
        }
      },
    },
  };
}
