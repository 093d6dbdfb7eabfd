/** Worker thread of render-pool.ts: the site's Markdown processor, over the corpus of the snapshot its parent read. */
import { parentPort, workerData } from 'node:worker_threads';
import { keepCorpus } from '../check/cache.ts';
import { readSnapshot } from '../check/snapshot.ts';
import { createProcessor, renderWith } from './processor.ts';
import type { RenderAnswer, RenderJob, RenderWorkerData } from './render-pool.ts';

const { options, image, snapshot } = workerData as RenderWorkerData;
const post = (answer: RenderAnswer) => parentPort!.postMessage(answer);

try {
  keepCorpus(options.contentDir, readSnapshot(snapshot));
  const processor = await createProcessor(options, image);
  parentPort!.on('message', ({ id, job }: { id: number; job: RenderJob }) => {
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
