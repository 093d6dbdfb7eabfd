/**
 * Reads the files of a content folder on every core. Each file is read and
 * checked on its own (readContentFile: front matter, schema, Markdown, the
 * citations in it), which is most of a check; the checks over the whole folder
 * then run on the calling thread. loadCorpus is synchronous (Astro's config
 * needs the corpus before anything is awaited), so the calling thread reads
 * too, takes in what the workers have posted between its own takes, then
 * blocks until each worker has posted the rest.
 *
 * The threads take the files a few at a time from one shared counter, so each
 * reads as many as it gets through: a worker still loading its parsers takes
 * none, and no thread idles while another has a long share left. A worker lists
 * the folder itself and starts taking files once loaded, before the calling
 * thread has listed them (worker.ts); its readings count only if it listed the
 * same files in the same order.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { listingDigest } from './passes/files.ts';
import { type FileJob, type FileReading, type PreRead, readContentFile } from './read-file.ts';
import type { WorkerAnswer, WorkerData } from './worker.ts';

/** Below this many files, starting a worker (a fresh V8 loading the parsers) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 300;
/** Files taken from the counter at a time: enough that taking them costs nothing, few enough that the threads end together. */
export const FILES_PER_TAKE = 16;
/** Workers that have not answered by then, once this thread has read its own, are given up on; what they took is read here instead. */
const WORKER_TIMEOUT_MS = 120_000;
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Worker threads started for one folder: each loads its parsers, lists the folder and reads from the shared counter. */
export interface Readers {
  dir: string;
  displayBase: string;
  /** `[0]`: the next file to take; `[1 + slot]`: set once worker `slot` has answered; `[1 + workers + slot]`: once it has loaded. */
  shared: Int32Array;
  started: { worker: Worker; port: MessagePort }[];
  /** Whether every worker has loaded its parsers, and so takes files as soon as it is given them. */
  loaded(): boolean;
  /** Ends the workers (when the files are read, or when they turn out not to be needed). */
  stop(): void;
}

export interface StartOptions {
  /** How many (default: by the number of files and cores). */
  workers?: number;
  /**
   * Whether each starts reading as soon as it has loaded, or only once readContentFiles is called
   * (default: eager). On a snapshot's hit, what an eager worker read is thrown away, and its
   * reading slowed the calling thread's load of the snapshot.
   */
  eager?: boolean;
}

/**
 * Starts the workers for a folder of about `files` content files (none below MIN_FILES_PER_WORKER
 * each), before the calling thread lists them: each loads its parsers meanwhile, and an eager one
 * starts reading. Null when no worker helps, or inside a bundle (Astro's SSR build), where the
 * worker's file is not on disk.
 */
export function startReaders(dir: string, displayBase: string, files: number, options: StartOptions = {}): Readers | null {
  const { workers = defaultWorkers(files), eager = true } = options;
  if (workers < 1 || !existsSync(WORKER)) return null;
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + 2 * workers)));
  const started = Array.from({ length: workers }, (_, slot) => {
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = {
      dir,
      displayBase,
      port: port2,
      shared,
      slot,
      loadedAt: 1 + workers + slot,
      take: FILES_PER_TAKE,
      eager,
    };
    const worker = new Worker(WORKER, { workerData, transferList: [port2] });
    worker.unref();
    // A worker that dies (out of memory, its module unreadable) never answers, and what it took is
    // read on the calling thread; its error must not also end the process once the loop runs.
    worker.on('error', () => {});
    return { worker, port: port1 };
  });
  return {
    dir,
    displayBase,
    shared,
    started,
    loaded: () => started.every((_, slot) => Atomics.load(shared, 1 + workers + slot) === 1),
    stop() {
      for (const { worker, port } of started) {
        port.close();
        void worker.terminate();
      }
    },
  };
}

export interface ReadOptions {
  /** Worker threads to start when `readers` is not given (default: by the number of files and cores). */
  workers?: number;
  /** Workers started beforehand for the same folder (startReaders); they are stopped once the files are read. */
  readers?: Readers | null;
  /**
   * Files already read (the snapshot's key reads every one), by `<collection>/<name>`: the calling
   * thread reads those it takes from here, and drops each once read. Workers read from the disk.
   */
  preread?: PreRead;
  /** `answered` counts the workers whose readings were used (the rest were read here after all). */
  stats?: { answered: number };
}

/** The readings of `jobs`, in their order, read on this thread and on the workers alike. */
export function readContentFiles(dir: string, jobs: FileJob[], displayBase: string, options: ReadOptions = {}): FileReading[] {
  const { preread, stats } = options;
  const out: (FileReading | undefined)[] = new Array(jobs.length);
  const readOne = (i: number) => {
    const { collection, name } = jobs[i]!;
    const rel = `${collection}/${name}`;
    const given = preread?.get(rel);
    preread?.delete(rel);
    out[i] = readContentFile(dir, collection, name, displayBase, given);
  };
  let readers = options.readers;
  if (readers && (readers.dir !== dir || readers.displayBase !== displayBase)) {
    readers.stop();
    readers = undefined;
  }
  readers ??= startReaders(dir, displayBase, jobs.length, { workers: options.workers });
  if (!readers) {
    for (let i = 0; i < jobs.length; i++) readOne(i);
    return out as FileReading[];
  }
  const { shared, started } = readers;
  const answered = started.map(() => false);
  // A worker's indices are into its own list: a file added or removed between the two listings
  // would put its readings at the wrong files. Its first answer says what it listed.
  const listed = listingDigest(jobs);
  const same = started.map(() => false);
  // Copying a worker's readings in is this thread's work: done between its own takes, it leaves
  // the counter to the workers meanwhile instead of following the reading.
  const takeIn = () =>
    started.forEach(({ port }, slot) => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const answer = m.message as WorkerAnswer;
        if ('listed' in answer) same[slot] = answer.listed === listed;
        if (!('readings' in answer) || !same[slot]) continue;
        answer.indices.forEach((index, k) => {
          out[index] = answer.readings[k];
        });
        answered[slot] = true;
      }
    });
  try {
    for (const { port } of started) port.postMessage({ read: true });
    for (
      let start = Atomics.add(shared, 0, FILES_PER_TAKE);
      start < jobs.length;
      start = Atomics.add(shared, 0, FILES_PER_TAKE)
    ) {
      for (let i = start; i < Math.min(start + FILES_PER_TAKE, jobs.length); i++) readOne(i);
      takeIn();
    }
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    started.forEach((_, slot) => {
      // The counter is spent: a worker that has not loaded yet can take nothing, and is not waited for.
      if (Atomics.load(shared, 1 + started.length + slot) === 0) return;
      while (Atomics.load(shared, 1 + slot) === 0 && Date.now() < deadline) Atomics.wait(shared, 1 + slot, 0, 100);
    });
    takeIn();
    if (stats) stats.answered += answered.filter(Boolean).length;
  } finally {
    readers.stop();
  }
  // What a worker took but never posted (it failed, or ran out of time) or listed otherwise is read here.
  for (let i = 0; i < jobs.length; i++) if (!out[i]) readOne(i);
  return out as FileReading[];
}

function defaultWorkers(files: number): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 3, Math.floor(files / MIN_FILES_PER_WORKER) - 1));
}
