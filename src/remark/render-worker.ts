/**
 * Worker thread of render-pool.ts: the site's Markdown pipeline over the corpus of the snapshot
 * its parent read. An entry whose file changed after the parent read its corpus is handed back:
 * the parent reads the corpus again before it renders such a file (citations.ts), and a worker
 * must not render it against the corpus it was given, nor read the folder itself.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { keepCorpus } from '../check/cache.ts';
import { readSnapshot } from '../check/snapshot.ts';
import type { RemarkCitationsOptions } from './citations.ts';
import { createProcessor, type RenderJob, type Rendered, renderWith } from './pipeline.ts';

export interface RenderWorkerData {
  options: RemarkCitationsOptions;
  /** Astro's image settings, as the calling thread's pipeline is given them. */
  image: unknown;
  /** The snapshot of the corpus the calling thread renders with. */
  snapshot: string;
  /** When the calling thread read that corpus (Date.now()). */
  loadedAt: number;
}

/** What a worker posts: that it is ready or could not start, or one job's answer. */
export type RenderAnswer =
  | { ready: true }
  | { failed: string }
  | { id: number; rendered: Rendered }
  | { id: number; error: { message: string; stack?: string } }
  | { id: number; handBack: true };

const { options, image, snapshot, loadedAt } = workerData as RenderWorkerData;
const post = (answer: RenderAnswer) => parentPort!.postMessage(answer);

function changedSince(path: string | undefined, at: number): boolean {
  if (path === undefined) return false;
  try {
    return statSync(path).mtimeMs > at;
  } catch {
    return false;
  }
}

try {
  // Never read again here: a job the corpus is too old for goes back to the parent.
  keepCorpus(options.contentDir, readSnapshot(snapshot), Number.POSITIVE_INFINITY);
  const processor = await createProcessor(options, image);
  parentPort!.on('message', ({ id, job }: { id: number; job: RenderJob }) => {
    if (changedSince(job.path, loadedAt)) {
      post({ id, handBack: true });
      return;
    }
    renderWith(processor, job).then(
      (rendered) => post({ id, rendered }),
      (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        post({ id, error: { message: error.message, ...(error.stack ? { stack: error.stack } : {}) } });
      },
    );
  });
  post({ ready: true });
} catch (e) {
  post({ failed: e instanceof Error ? e.message : String(e) });
}
