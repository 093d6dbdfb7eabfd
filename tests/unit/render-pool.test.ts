/**
 * Markdown rendered in a worker thread (src/remark/render-pool.ts) must be what the calling thread
 * renders: the same HTML, headings and pictures for every content file of the demo and of every
 * fixture site, and the same error for a file that cannot be rendered. A worker that cannot start,
 * or stops holding jobs, leaves them to the calling thread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCorpus, invalidateCorpus } from '../../src/check/cache.ts';
import { snapshotFileOf } from '../../src/check/snapshot.ts';
import { createProcessor, renderWith } from '../../src/remark/processor.ts';
import {
  renderThreadCount,
  startRenderPool,
  type RenderJob,
  type RenderPool,
  type Rendered,
} from '../../src/remark/render-pool.ts';
import { FIXTURES, ROOT } from '../helpers/build-site.ts';

const SITES = [join(ROOT, 'content'), ...readdirSync(FIXTURES).map((s) => join(FIXTURES, s))];
const image = {};
let store: string;
const previous = process.env.CORPUS_CACHE_DIR;

beforeAll(() => {
  store = mkdtempSync(join(tmpdir(), 'render-pool-'));
  process.env.CORPUS_CACHE_DIR = store;
});
afterAll(() => {
  if (previous === undefined) delete process.env.CORPUS_CACHE_DIR;
  else process.env.CORPUS_CACHE_DIR = previous;
  invalidateCorpus();
  rmSync(store, { recursive: true, force: true });
});

function jobsOf(site: string): RenderJob[] {
  return ['claims', 'pages', 'sources'].flatMap((collection) => {
    let names: string[];
    try {
      names = readdirSync(join(site, collection)).filter((n) => n.endsWith('.md'));
    } catch {
      return [];
    }
    return names.map((name) => {
      const path = join(site, collection, name);
      const { content, data } = matter(readFileSync(path, 'utf8'));
      return { content, path, frontmatter: data };
    });
  });
}

const settle = (p: Promise<Rendered>) =>
  p.then(
    (r) => ({ r }),
    (e: Error) => ({ error: e.message }),
  );

/** The job given to a ready worker: render() is null until one is ready, and is asked again. */
async function inWorker(pool: RenderPool, job: RenderJob): Promise<Rendered> {
  for (let i = 0; i < 600; i++) {
    const p = pool.render(job);
    if (p) return p;
    expect(pool.state()).toBe('running');
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no worker was ready after 12 s');
}

describe('rendering in a worker thread', () => {
  it('uses one worker fewer than the cores, at most two, unless RENDER_THREADS says', () => {
    expect(renderThreadCount({ RENDER_THREADS: '0' })).toBe(0);
    expect(renderThreadCount({ RENDER_THREADS: '3' })).toBe(3);
    const auto = renderThreadCount({});
    expect(auto).toBeGreaterThanOrEqual(0);
    expect(auto).toBeLessThanOrEqual(2);
    expect(renderThreadCount({ RENDER_THREADS: 'many' })).toBe(auto);
  });

  it('renders every content file of the demo and the fixtures as the calling thread does', async () => {
    let compared = 0;
    let errors = 0;
    for (const site of SITES) {
      invalidateCorpus();
      const snapshot = snapshotFileOf(getCorpus(site));
      // A folder whose front matter cannot be read has no corpus worth a snapshot: nothing to render.
      if (!snapshot) continue;
      const options = { contentDir: site, base: '/repo/' };
      const here = await createProcessor(options, image);
      const pool = startRenderPool({ options, image, snapshot }, 1, () => {
        throw new Error('nothing is handed back while the worker runs');
      })!;
      try {
        for (const job of jobsOf(site)) {
          const threaded = await settle(inWorker(pool, job));
          expect(threaded, job.path).toEqual(await settle(renderWith(here, job)));
          compared++;
          if ('error' in threaded) errors++;
        }
      } finally {
        pool.stop();
      }
    }
    expect(compared).toBeGreaterThan(50);
    // The broken fixtures hold files that cannot be rendered: their errors were compared too.
    expect(errors).toBeGreaterThan(0);
  }, 120_000);

  it('gives a claim that differs from what was checked the error the calling thread gives', async () => {
    const site = join(ROOT, 'content');
    invalidateCorpus();
    const snapshot = snapshotFileOf(getCorpus(site))!;
    const options = { contentDir: site, base: '/' };
    const [job] = jobsOf(site).filter((j) => j.path!.includes(`${join('content', 'claims')}`));
    // One more quotation than the check verified.
    const edited = { ...job!, content: `${job!.content}\n\nShe said “a sentence no source holds”.\n` };
    const pool = startRenderPool({ options, image, snapshot }, 1, () => Promise.reject(new Error('not here')))!;
    try {
      const threaded = await settle(inWorker(pool, edited));
      expect(threaded).toEqual(await settle(renderWith(await createProcessor(options, image), edited)));
      expect(threaded).toMatchObject({ error: expect.stringMatching(/quotations were found while rendering/) });
    } finally {
      pool.stop();
    }
  }, 60_000);

  it('leaves every job to the calling thread when no worker can start', async () => {
    const options = { contentDir: join(ROOT, 'content'), base: '/' };
    const pool = startRenderPool({ options, image, snapshot: join(store, 'missing.bin') }, 1, () =>
      Promise.reject(new Error('unused')),
    )!;
    for (let i = 0; i < 500 && pool.state() === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(pool.state()).toBe('failed');
    expect(pool.render({ content: 'x', path: undefined, frontmatter: {} })).toBeNull();
  }, 20_000);

  it('renders on the calling thread what a stopped worker held', async () => {
    const site = join(ROOT, 'content');
    invalidateCorpus();
    const snapshot = snapshotFileOf(getCorpus(site))!;
    const options = { contentDir: site, base: '/' };
    const here = await createProcessor(options, image);
    let handedBack = 0;
    const pool = startRenderPool({ options, image, snapshot }, 1, (job) => {
      handedBack++;
      return renderWith(here, job);
    })!;
    const jobs = jobsOf(site)
      .filter((j) => j.path!.includes(`${join('content', 'claims')}`))
      .slice(0, 8);
    const first = await inWorker(pool, jobs[0]!);
    expect(first).toEqual(await renderWith(here, jobs[0]!));
    const held = jobs.slice(1).map((j) => pool.render(j));
    expect(held.every((p) => p !== null)).toBe(true);
    pool.stop();
    const results = await Promise.all(held as Promise<Rendered>[]);
    for (const [i, r] of results.entries()) expect(r).toEqual(await renderWith(here, jobs[i + 1]!));
    expect(handedBack).toBeGreaterThan(0);
    expect(pool.state()).toBe('idle');
  }, 60_000);
});
