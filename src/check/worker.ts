/**
 * Worker thread of readContentFiles (workers.ts): lists the folder's content files itself, takes
 * files from the shared counter until none is left, and posts the readings. An eager worker starts
 * as soon as its parsers are loaded, without waiting for the calling thread's list (the snapshot
 * starts one before computing its key when no snapshot could match); the others wait to be told.
 * It posts its list's digest first; the calling thread uses its readings only if its own list is
 * the same.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { FileReading } from './read-file.ts';

/**
 * What a worker posts: first the digest of the files it listed (listingDigest), then, as many times
 * as it likes, readings of files it took (`indices` into that list), or why it could not go on.
 */
export type WorkerAnswer = { listed: string } | { indices: number[]; readings: FileReading[] } | { error: string };

export interface WorkerData {
  dir: string;
  displayBase: string;
  /** Where the answers go. */
  port: MessagePort;
  /** `[0]`: the next file to take; `[1 + slot]`: set once this worker has answered; `[loadedAt]`: once it has loaded. */
  shared: Int32Array;
  slot: number;
  loadedAt: number;
  /** Files taken at a time. */
  take: number;
  /** Whether to start reading once loaded, or only once a message says so. */
  eager: boolean;
}

const { dir, displayBase, port, shared, slot, loadedAt, take, eager } = workerData as WorkerData;
/** Readings posted at a time. */
const POST_EVERY = 256;

const answered = () => {
  Atomics.store(shared, 1 + slot, 1);
  Atomics.notify(shared, 1 + slot);
};

try {
  // A failure to load is an answer too, and the caller never waits in vain.
  const { readContentFile } = await import('./read-file.ts');
  const { contentFiles, listingDigest } = await import('./passes/files.ts');
  Atomics.store(shared, loadedAt, 1);
  if (!eager) await new Promise((resolve) => port.once('message', resolve));
  // The calling thread reports what the listing finds wrong; here only the list matters.
  const jobs = contentFiles(dir, (abs) => abs, []);
  port.postMessage({ listed: listingDigest(jobs) } satisfies WorkerAnswer);
  let indices: number[] = [];
  let readings: FileReading[] = [];
  // Posted as they come, so that copying them out here overlaps the reading instead of following
  // it (the calling thread copies them in between its own takes).
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
