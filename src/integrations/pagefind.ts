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
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { contentDir } from '../check/content-dir.ts';
import { assertNoErrors, buildSharded, shardPages } from '../search-index/shards.ts';
import { UNINDEXED_SELECTORS } from '../site/routes.ts';
import { astroCacheDir } from './astro-cache.ts';

/** The installed Pagefind's version: part of every kept shard's key. */
const pagefindVersion = () =>
  (JSON.parse(readFileSync(new URL('../../node_modules/pagefind/package.json', import.meta.url), 'utf8')) as { version: string })
    .version;

export interface IndexResult {
  /** Pages in the index (those with data-pagefind-body), over all languages. */
  pages: number;
  /** HTML files the index was chosen among, indexed or not. */
  files: number;
  /** Shards the index was merged from (src/search-index/shards.ts). */
  shards: number;
  /** Of those, the shards this build indexed; the rest were kept from an earlier build. */
  indexedShards: number;
  seconds: number;
  outputPath: string;
}

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

/**
 * Where the search index's shards are kept between builds: beside the content folder's Astro
 * cache (astro-cache.ts), so that fixture builds never share them and the Deploy workflow's
 * cache of ASTRO_CACHE_ROOT keeps them; `SEARCH_CACHE_DIR` overrides it.
 */
export function searchCacheDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return path.resolve(root, env.SEARCH_CACHE_DIR?.trim() || `${astroCacheDir(contentDir(root, env), env)}-search`);
}

/**
 * Indexes the claim, source and content pages under `siteDir` and writes one Pagefind bundle to
 * `<siteDir>/pagefind/`, merged from shards (src/search-index/shards.ts) kept in `cacheDir`.
 */
export async function buildSearchIndex(
  siteDir: string,
  options: { shardPages?: number; cacheDir?: string } = {},
): Promise<IndexResult> {
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
    const result = await buildSharded(siteDir, bundle, {
      cacheDir: options.cacheDir ?? searchCacheDir(),
      pagesPerShard: options.shardPages ?? shardPages(),
      pagefindVersion: pagefindVersion(),
      createIndex: async () => {
        // The first call launches the binary: see withPagefindMalloc.
        const created = await withPagefindMalloc(() => pagefind.createIndex({ excludeSelectors: UNINDEXED_SELECTORS }));
        assertNoErrors('createIndex', created);
        if (!created.index) throw new Error('pagefind createIndex returned no index');
        return created.index;
      },
    });
    return {
      pages: result.pages,
      files: result.files,
      shards: result.shards,
      indexedShards: result.indexed,
      seconds: (performance.now() - started) / 1000,
      outputPath: bundle,
    };
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

/** How the index was made: how many shards, and how many of them this build indexed. */
export const shardsLine = (result: IndexResult) =>
  `pagefind: merged ${result.shards} shard${result.shards === 1 ? '' : 's'}, ${result.indexedShards} indexed by this build, ${result.shards - result.indexedShards} kept`;

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
        logger.info(shardsLine(result));
        if (result.pages === 0) {
          logger.warn('pagefind: no page was indexed; search will find nothing');
        }
      },
    },
  };
}
