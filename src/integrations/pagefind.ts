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
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { INDEXED_PAGES } from '../site/routes.ts';

/** Throws when a Pagefind response reports errors: a half-built index must fail the build. */
function assertNoErrors(step: string, response: { errors: string[] }): void {
  if (response.errors.length > 0) {
    throw new Error(`pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  }
}

export interface IndexResult {
  /** Pages in the index (those with data-pagefind-body), over all languages. */
  pages: number;
  /** HTML files Pagefind read, indexed or not. */
  files: number;
  seconds: number;
  outputPath: string;
}

/** Indexes the claim, source and content pages under `siteDir` and writes the bundle to `<siteDir>/pagefind/`. */
export async function buildSearchIndex(siteDir: string): Promise<IndexResult> {
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
  try {
    const created = await pagefind.createIndex({});
    assertNoErrors('createIndex', created);
    const index = created.index;
    if (!index) throw new Error('pagefind createIndex returned no index');
    const added = await index.addDirectory({ path: siteDir, glob: INDEXED_PAGES });
    assertNoErrors('addDirectory', added);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    assertNoErrors('writeFiles', written);
    // addDirectory counts every HTML file it read; the entry file counts what was indexed.
    const entry = JSON.parse(await readFile(path.join(written.outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return {
      pages: Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0),
      files: added.page_count,
      seconds: (performance.now() - started) / 1000,
      outputPath: written.outputPath,
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
