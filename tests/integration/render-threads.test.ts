/**
 * `astro build` renders Markdown in a worker thread once it has many entries to render
 * (src/remark/render-pool.ts): a generated desk of 250 claims is built with the worker and without
 * it, and the two sites must be the same byte for byte. The worker starts at the first entry
 * rendered (the desk has more than ENTRIES_FOR_THREADS) and is given entries once it has loaded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { buildSite, cleanBuilds, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { ENTRIES_FOR_THREADS } from '../../src/remark/render-pool.ts';

const CLAIMS = 250;
let work: string;

beforeAll(() => {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'tmp', 'render-threads-'));
  for (const f of generateCorpus({ claims: CLAIMS, seed: 11 })) {
    mkdirSync(dirname(join(work, 'content', f.path)), { recursive: true });
    writeFileSync(join(work, 'content', f.path), f.content);
  }
});
afterAll(async () => {
  await cleanBuilds();
  rmSync(work, { recursive: true, force: true });
});

const build = (threads: string): Promise<BuiltSite> =>
  buildSite(join(work, 'content'), {
    siteUrl: 'https://threads.example.org/',
    env: { RENDER_THREADS: threads, CORPUS_CACHE_DIR: join(work, `snapshots-${threads}`), CARD_CACHE_DIR: join(work, 'cards') },
  });

describe('Markdown rendered in a worker thread during the build', () => {
  it('gives the site the calling thread alone gives', async () => {
    const threaded = await build('1');
    const alone = await build('0');
    const rendered = /(\d+) entries rendered in 1 worker thread/.exec(threaded.output);
    expect(rendered, threaded.output).not.toBeNull();
    expect(CLAIMS).toBeGreaterThan(ENTRIES_FOR_THREADS);
    expect(Number(rendered![1])).toBeGreaterThan(0);
    expect(Number(rendered![1])).toBeLessThanOrEqual(CLAIMS);
    expect(alone.output).not.toMatch(/rendered in \d+ worker thread/);
    const files = threaded.files();
    expect(alone.files()).toEqual(files);
    expect(files.filter((f) => f.startsWith('claims/') && f.endsWith('/index.html')).length).toBeGreaterThan(CLAIMS);
    const differing = files.filter((f) => !readFileSync(join(threaded.dist, f)).equals(readFileSync(join(alone.dist, f))));
    expect(differing).toEqual([]);
  }, 400_000);
});
