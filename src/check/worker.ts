/** Worker thread of readContentFiles (workers.ts): takes files from the shared counter until none is left, and posts the readings. */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { FileJob, FileReading } from './read-file.ts';

/** What a worker posts, as many times as it likes: readings of files it took (`indices` into the jobs), or why it could not go on. */
export type WorkerAnswer = { indices: number[]; readings: FileReading[] } | { error: string };

export interface WorkerData {
  dir: string;
  displayBase: string;
  /** Where the files come (`{ jobs }`, once) and the answer goes. */
  port: MessagePort;
  /** `[0]`: the next file to take; `[1 + slot]`: set once this worker has answered; `[loadedAt]`: once it has loaded. */
  shared: Int32Array;
  slot: number;
  loadedAt: number;
  /** Files taken at a time. */
  take: number;
}

const { dir, displayBase, port, shared, slot, loadedAt, take } = workerData as WorkerData;
/** Readings posted at a time. */
const POST_EVERY = 256;

const answered = () => {
  Atomics.store(shared, 1 + slot, 1);
  Atomics.notify(shared, 1 + slot);
};

try {
  // Imported before the files are known: this is what the worker does while the caller lists them.
  // A failure to load is an answer too, and the caller never waits in vain.
  const { readContentFile } = await import('./read-file.ts');
  Atomics.store(shared, loadedAt, 1);
  const { jobs } = await new Promise<{ jobs: FileJob[] }>((resolve) => port.once('message', resolve));
  let indices: number[] = [];
  let readings: FileReading[] = [];
  // Posted as they come, so that copying them out here overlaps the reading instead of following
  // it (the calling thread still copies them in once it has read its own).
  const post = () => {
    port.postMessage({ indices, readings } satisfies WorkerAnswer);
    indices = [];
    readings = [];
  };
  for (let start = Atomics.add(shared, 0, take); start < jobs.length; start = Atomics.add(shared, 0, take)) {
    for (let i = start; i < Math.min(start + take, jobs.length); i++) {
      indices.push(i);
      readings.push(readContentFile(dir, jobs[i]!.collection, jobs[i]!.name, displayBase));
    }
    if (readings.length >= POST_EVERY) post();
  }
  if (readings.length) post();
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies WorkerAnswer);
} finally {
  answered();
}
