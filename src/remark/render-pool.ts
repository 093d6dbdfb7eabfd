/**
 * Renders Markdown in worker threads while Astro's build syncs the content. Astro's glob loader
 * renders each entry on its own thread, one after another, while its other work (reading,
 * digesting, validating and storing each entry) waits in between: on a large desk the rendering
 * is half of the content sync, and every other core idles. Here it goes to workers that run the
 * same pipeline over the same checked corpus (the snapshot file the calling thread read), so the
 * HTML is the same wherever it was rendered (tests/unit/render-pool.test.ts,
 * tests/integration/render-threads.test.ts).
 *
 * A worker only speeds the build up: a job it has not answered when it stops, all of them when it
 * cannot start, and one whose file changed after the corpus was read, are rendered on the calling
 * thread; an error it reports for an entry is that entry's error, as it would have been on the
 * calling thread. Only `astro build` uses workers (allowRenderThreads): on the dev server an edit
 * changes the corpus a worker would keep.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderJob, Rendered } from './pipeline.ts';
import type { RenderAnswer, RenderWorkerData } from './render-worker.ts';

/**
 * Entries (claims and pages) a desk has before its build starts a worker, at the first entry it
 * renders: a small site never starts one. The worker then loads while the first entries render
 * here, and takes jobs once it is ready. A build that renders few entries of a large desk (an
 * incremental one) starts it for little, on a core that is otherwise idle then.
 */
export const ENTRIES_FOR_THREADS = 200;
/**
 * Jobs a worker holds at once; beyond them the calling thread renders the entry itself rather than
 * wait. Astro's glob loader has ten entries in flight: with eight in a worker the calling thread
 * renders only when nearly all of them wait on it, and is otherwise free for the loader's own work
 * (docs/performance.md compares other lengths).
 */
const QUEUE_PER_WORKER = 8;
/** A worker with nothing to do for this long is stopped: a build renders its entries at its start, then needs its memory for pages. */
const IDLE_MS = 1_000;
/** A worker not ready by then (its snapshot unreadable, its modules hung) is given up on; the calling thread renders everything. */
const READY_MS = 120_000;
const WORKER = fileURLToPath(new URL('./render-worker.ts', import.meta.url));

/**
 * Worker threads to render in: `RENDER_THREADS` (0 turns them off), else one fewer than the cores,
 * at most two (each holds a copy of the corpus).
 */
export function renderThreadCount(env: Record<string, string | undefined> = process.env): number {
  const set = env.RENDER_THREADS?.trim();
  if (set) {
    const n = Number(set);
    if (Number.isInteger(n) && n >= 0) return n;
  }
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

let allowed = false;
/** Whether workers may be used: set by the render-threads integration for `astro build` only. */
export function allowRenderThreads(allow: boolean): void {
  allowed = allow;
}
export const renderThreadsAllowed = () => allowed;

/** Entries rendered in workers, and workers started, since the process started: the build reports the first. */
let inWorkers = 0;
let started = 0;
export const renderedInWorkers = () => inWorkers;
export const workersStarted = () => started;

interface Pending {
  job: RenderJob;
  resolve: (r: Rendered) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  pending: Map<number, Pending>;
}

export interface RenderPool {
  /** The job's rendering in a worker, or null when none is ready with room: render it here. */
  render(job: RenderJob): Promise<Rendered> | null;
  /** Running; stopped (it idled, or was told to: a new pool may render more); or failed (no worker could start, or each stopped on its own). */
  state(): 'running' | 'stopped' | 'failed';
  /** Stops the workers now, as when idle; what they held is rendered on the calling thread. */
  stop(): void;
}

/**
 * Starts `threads` workers rendering with `data.options` against the corpus in `data.snapshot`.
 * `inThread` renders what a worker leaves: jobs it held when it stopped, or handed back.
 */
export function startRenderPool(
  data: RenderWorkerData,
  threads: number,
  inThread: (job: RenderJob) => Promise<Rendered>,
): RenderPool | null {
  if (threads < 1 || !existsSync(WORKER)) return null;
  let nextId = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const slots: Slot[] = [];

  const here = (p: Pending) => inThread(p.job).then(p.resolve, p.reject);
  // A worker that stops, whatever the reason, hands its jobs back to the calling thread.
  const handBack = (slot: Slot) => {
    const left = [...slot.pending.values()];
    slot.pending.clear();
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    for (const p of left) here(p);
  };
  const stopAll = () => {
    stopped = true;
    clearTimeout(idle);
    for (const slot of slots.splice(0)) void slot.worker.terminate();
  };
  const whenIdle = () => {
    clearTimeout(idle);
    if (slots.some((s) => s.pending.size > 0)) return;
    idle = setTimeout(stopAll, IDLE_MS);
    idle.unref();
  };

  for (let i = 0; i < threads; i++) {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: data });
    } catch {
      break;
    }
    started++;
    // Not unref'd: while it holds jobs, the build waits on it; the idle timer and the deadline end it.
    const slot: Slot = { worker, ready: false, pending: new Map() };
    slots.push(slot);
    const deadline = setTimeout(() => {
      if (!slot.ready) void worker.terminate();
    }, READY_MS);
    deadline.unref();
    worker.on('message', (answer: RenderAnswer) => {
      if ('ready' in answer) {
        clearTimeout(deadline);
        slot.ready = true;
        whenIdle();
        return;
      }
      if ('failed' in answer) {
        void worker.terminate();
        return;
      }
      const p = slot.pending.get(answer.id);
      if (!p) return;
      slot.pending.delete(answer.id);
      if ('rendered' in answer) {
        inWorkers++;
        p.resolve(answer.rendered);
      } else if ('handBack' in answer) {
        here(p);
      } else {
        const e = new Error(answer.error.message);
        if (answer.error.stack) e.stack = answer.error.stack;
        p.reject(e);
      }
      whenIdle();
    });
    // An error the worker could not answer for (out of memory, a module it could not load) ends it, and 'exit' follows.
    worker.on('error', () => {});
    worker.on('exit', () => {
      clearTimeout(deadline);
      handBack(slot);
    });
  }
  if (slots.length === 0) return null;

  return {
    render(job) {
      const slot = slots
        .filter((s) => s.ready && s.pending.size < QUEUE_PER_WORKER)
        .sort((a, b) => a.pending.size - b.pending.size)[0];
      if (!slot) return null;
      clearTimeout(idle);
      const id = nextId++;
      return new Promise<Rendered>((resolve, reject) => {
        const p = { job, resolve, reject };
        slot.pending.set(id, p);
        try {
          slot.worker.postMessage({ id, job });
        } catch {
          // A front matter that cannot be copied to a thread (the format has none): rendered here.
          slot.pending.delete(id);
          here(p);
          whenIdle();
        }
      });
    },
    state: () => (slots.length > 0 ? 'running' : stopped ? 'stopped' : 'failed'),
    stop: stopAll,
  };
}

// One pool for the process, whichever collection's renderer asks: each collection gets a renderer of its own.
const pools = new Map<string, RenderPool | null>();

/**
 * The pool rendering with `data`, started when there is none or it has stopped; null when none
 * can run (no worker, or a pool with the same data failed: not tried again).
 */
export function renderPoolFor(data: RenderWorkerData, inThread: (job: RenderJob) => Promise<Rendered>): RenderPool | null {
  const key = JSON.stringify([data.snapshot, data.loadedAt, data.options]);
  let pool = pools.get(key);
  if (pool === undefined || pool?.state() === 'stopped') {
    pool = startRenderPool(data, renderThreadCount(), inThread);
    pools.set(key, pool);
  }
  return pool?.state() === 'running' ? pool : null;
}

/** Stops every pool (the build, once its content is synced). */
export function stopRenderPools(): void {
  for (const pool of pools.values()) pool?.stop();
}
