/** Worker thread of readContentFiles (workers.ts): reads its share of the files and posts the readings. */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { FileJob, FileReading } from './read-file.ts';

/** What a worker posts: its readings, or why it could not. */
export type WorkerAnswer = { readings: FileReading[] } | { error: string };

const { dir, jobs, displayBase, port, signal, slot } = workerData as {
  dir: string;
  jobs: FileJob[];
  displayBase: string;
  port: MessagePort;
  signal: Int32Array;
  slot: number;
};

try {
  // Imported here, not at the top: a failure to load is an answer too, and the caller never waits in vain.
  const { readContentFile } = await import('./read-file.ts');
  const answer: WorkerAnswer = { readings: jobs.map((j) => readContentFile(dir, j.collection, j.name, displayBase)) };
  port.postMessage(answer);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies WorkerAnswer);
} finally {
  Atomics.store(signal, slot, 1);
  Atomics.notify(signal, slot);
}
