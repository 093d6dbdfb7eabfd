/**
 * Reads the files of a content folder on every core. Each file is read and
 * checked on its own (readContentFile: front matter, schema, Markdown, the
 * citations in it), which is most of a check; the checks over the whole folder
 * then run on the calling thread. loadCorpus is synchronous (Astro's config
 * needs the corpus before anything is awaited), so the calling thread takes its
 * own share, then blocks until each worker has posted its share.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { readContentFile, type FileJob, type FileReading } from './read-file.ts';
import type { WorkerAnswer } from './worker.ts';

/** Below this many files, starting a worker (a fresh V8 loading the parsers) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 300;
/** A worker that has not answered by then is given up on; its files are read here instead. */
const WORKER_TIMEOUT_MS = 120_000;
/** This thread's share of the files, by number of workers: it starts at once, while a worker first loads the parsers. */
const MAIN_SHARE = [1, 0.6, 0.4, 0.3];
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** `stats.answered` counts the workers whose readings were used (the rest were read here after all). */
export function readContentFiles(
  dir: string,
  jobs: FileJob[],
  displayBase: string,
  workers = defaultWorkers(jobs.length),
  stats: { answered: number } = { answered: 0 },
): FileReading[] {
  const read = (share: FileJob[]) => share.map((j) => readContentFile(dir, j.collection, j.name, displayBase));
  // Inside a bundle (Astro's SSR build) the worker's file is not on disk: read everything here.
  if (workers < 1 || !existsSync(WORKER)) return read(jobs);
  // This thread starts at once; a worker first loads the parsers and its readings are copied back, so it gets less.
  // Jobs are dealt out in turn, not in blocks: sources are longer than claims, and each share should hold its part of both.
  const mainShare = MAIN_SHARE[Math.min(workers, 3)]!;
  const owner = jobs.map((_, i) => (Math.floor((i + 1) * mainShare) > Math.floor(i * mainShare) ? 0 : 1 + (i % workers)));
  const shares: FileJob[][] = Array.from({ length: workers + 1 }, () => []);
  jobs.forEach((job, i) => {
    shares[owner[i]!]!.push(job);
  });
  const signal = new Int32Array(new SharedArrayBuffer(4 * workers));
  const started: { worker: Worker; port: MessagePort }[] = shares.slice(1).map((share, slot) => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER, {
      workerData: { dir, jobs: share, displayBase, port: port2, signal, slot },
      transferList: [port2],
    });
    worker.unref();
    return { worker, port: port1 };
  });
  const results = [read(shares[0]!)];
  started.forEach(({ worker, port }, slot) => {
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    while (Atomics.load(signal, slot) === 0 && Date.now() < deadline) Atomics.wait(signal, slot, 0, 100);
    const answer = receiveMessageOnPort(port)?.message as WorkerAnswer | undefined;
    if (answer && 'readings' in answer) {
      results.push(answer.readings);
      stats.answered++;
    } else results.push(read(shares[slot + 1]!));
    port.close();
    void worker.terminate();
  });
  const next = results.map(() => 0);
  return owner.map((o) => results[o]![next[o]!++]!);
}

function defaultWorkers(files: number): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 3, Math.floor(files / MIN_FILES_PER_WORKER) - 1));
}
