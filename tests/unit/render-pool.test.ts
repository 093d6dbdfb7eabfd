/**
 * Markdown rendered in a worker thread (src/remark/render-pool.ts) must be what the calling thread
 * renders: the same HTML, headings and pictures for every content file of the demo and of every
 * fixture site, and the same error for a file that cannot be rendered. A worker that cannot start,
 * or stops holding jobs, leaves them to the calling thread.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { corpusLoadedAt, getCorpus, invalidateCorpus } from '../../src/check/cache.ts';
import { snapshotFileOf } from '../../src/check/snapshot.ts';
import { createProcessor, type RenderJob, type Rendered, renderWith } from '../../src/remark/pipeline.ts';
import { factcheckMarkdown } from '../../src/remark/processor.ts';
import {
  allowRenderThreads,
  ENTRIES_FOR_THREADS,
  renderedInWorkers,
  renderThreadCount,
  type RenderPool,
  startRenderPool,
  stopRenderPools,
  workersStarted,
} from '../../src/remark/render-pool.ts';
import { FIXTURES, ROOT } from '../helpers/build-site.ts';

const SITES = [join(ROOT, 'content'), ...readdirSync(FIXTURES).map((s) => join(FIXTURES, s))];
const image = {};
let store: string;
// Desks written here, not in the snapshot store, which the check empties before it writes a snapshot.
let sites: string;
const previous = process.env.CORPUS_CACHE_DIR;

beforeAll(() => {
  store = mkdtempSync(join(tmpdir(), 'render-pool-'));
  sites = mkdtempSync(join(tmpdir(), 'render-pool-sites-'));
  process.env.CORPUS_CACHE_DIR = store;
});
afterAll(() => {
  if (previous === undefined) delete process.env.CORPUS_CACHE_DIR;
  else process.env.CORPUS_CACHE_DIR = previous;
  invalidateCorpus();
  rmSync(store, { recursive: true, force: true });
  rmSync(sites, { recursive: true, force: true });
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

type Pipeline = Awaited<ReturnType<typeof createProcessor>>;

/**
 * One worker over `site`'s corpus, read afresh (its snapshot in the test's store), and the calling
 * thread's pipeline beside it; null for a folder with no snapshot. `inThread` is given that pipeline.
 */
async function poolOver(site: string, base: string, inThread: (job: RenderJob, here: Pipeline) => Promise<Rendered>) {
  invalidateCorpus();
  const snapshot = snapshotFileOf(getCorpus(site));
  if (!snapshot) return null;
  const options = { contentDir: site, base };
  const here = await createProcessor(options, image);
  const pool = startRenderPool({ options, image, snapshot, loadedAt: corpusLoadedAt(site)! }, 1, (job) => inThread(job, here))!;
  return { here, pool };
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
      const started = await poolOver(site, '/repo/', () => {
        throw new Error('nothing is handed back while the worker runs');
      });
      // A folder whose front matter cannot be read has no corpus worth a snapshot: nothing to render.
      if (!started) continue;
      const { here, pool } = started;
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
    const { here, pool } = (await poolOver(site, '/', () => Promise.reject(new Error('not here'))))!;
    const [job] = jobsOf(site).filter((j) => j.path!.includes(`${join('content', 'claims')}`));
    // One more quotation than the check verified.
    const edited = { ...job!, content: `${job!.content}\n\nShe said “a sentence no source holds”.\n` };
    try {
      const threaded = await settle(inWorker(pool, edited));
      expect(threaded).toEqual(await settle(renderWith(here, edited)));
      expect(threaded).toMatchObject({ error: expect.stringMatching(/quotations were found while rendering/) });
    } finally {
      pool.stop();
    }
  }, 60_000);

  it('leaves every job to the calling thread when no worker can start', async () => {
    const options = { contentDir: join(ROOT, 'content'), base: '/' };
    const pool = startRenderPool({ options, image, snapshot: join(store, 'missing.bin'), loadedAt: Date.now() }, 1, () =>
      Promise.reject(new Error('unused')),
    )!;
    for (let i = 0; i < 500 && pool.state() === 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(pool.state()).toBe('failed');
    expect(pool.render({ content: 'x', path: undefined, frontmatter: {} })).toBeNull();
  }, 20_000);

  it('renders on the calling thread what a stopped worker held', async () => {
    const site = join(ROOT, 'content');
    let handedBack = 0;
    const { here, pool } = (await poolOver(site, '/', (job, pipeline) => {
      handedBack++;
      return renderWith(pipeline, job);
    }))!;
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
    expect(pool.state()).toBe('stopped');
  }, 60_000);

  it('hands back to the calling thread an entry whose file changed after the corpus was read', async () => {
    const site = join(sites, 'changed');
    cpSync(join(ROOT, 'content'), site, { recursive: true });
    const handed: string[] = [];
    const { here, pool } = (await poolOver(site, '/', (job, pipeline) => {
      handed.push(job.path!);
      return renderWith(pipeline, job);
    }))!;
    try {
      const [unchanged, changed] = jobsOf(site).filter((j) => j.path!.includes(`${join('changed', 'claims')}`));
      await inWorker(pool, unchanged!);
      expect(handed).toEqual([]);
      // Saved again, after the corpus was read: the calling thread reads the corpus again for it.
      const later = new Date(Date.now() + 60_000);
      utimesSync(changed!.path!, later, later);
      const rendered = await inWorker(pool, changed!);
      expect(handed).toEqual([changed!.path]);
      expect(rendered).toEqual(await renderWith(here, changed!));
    } finally {
      pool.stop();
    }
  }, 60_000);

  it('starts one pool for the renderers of all collections, in a build of a large desk only', async () => {
    const site = join(sites, 'large');
    for (const f of generateCorpus({ claims: ENTRIES_FOR_THREADS + 10, seed: 3 })) {
      mkdirSync(dirname(join(site, f.path)), { recursive: true });
      writeFileSync(join(site, f.path), f.content);
    }
    invalidateCorpus();
    getCorpus(site);
    const threads = process.env.RENDER_THREADS;
    process.env.RENDER_THREADS = '1';
    const markdown = factcheckMarkdown({ contentDir: site, base: '/' });
    const claims = await markdown.createRenderer({ image });
    const pages = await markdown.createRenderer({ image });
    const jobs = jobsOf(site).filter((j) => j.path!.includes(`${join('large', 'claims')}`));
    const render = (r: typeof claims, j: RenderJob) =>
      r.render(j.content, { fileURL: pathToFileURL(j.path!), frontmatter: j.frontmatter });
    try {
      // Not allowed (the dev server, astro sync): no worker, whatever the desk.
      const before = workersStarted();
      await Promise.all(jobs.slice(0, 20).map((j) => render(claims, j)));
      expect(workersStarted()).toBe(before);
      allowRenderThreads(true);
      const rendered = renderedInWorkers();
      for (let round = 0; round < 50 && renderedInWorkers() === rendered; round++) {
        await Promise.all(jobs.slice(0, 16).map((j, i) => render(i % 2 ? claims : pages, j)));
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(renderedInWorkers()).toBeGreaterThan(rendered);
      expect(workersStarted()).toBe(before + 1);
    } finally {
      allowRenderThreads(false);
      stopRenderPools();
      if (threads === undefined) delete process.env.RENDER_THREADS;
      else process.env.RENDER_THREADS = threads;
    }
  }, 120_000);
});
