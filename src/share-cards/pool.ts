/**
 * Draws the cards missing from the cache in worker threads while Astro builds
 * the rest of the site: on a cold cache (a fresh CI runner) drawing is the
 * slowest part of a build, and it needs nothing the build makes. The card
 * route then finds each card in the cache, waiting for any still being drawn;
 * a card the pool fails to draw is drawn by the route itself, so the pool can
 * only make builds faster, never different.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cardHash, cardsInFlight, type ShareCardInput } from './card.ts';

export interface PoolResult {
  /** Cards handed to the workers (those not already cached). */
  queued: number;
  /** Settles when every queued card is in the cache or has failed. */
  done: Promise<{ drawn: number; failed: string[] }>;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export function predrawCards(inputs: ShareCardInput[], options: { cacheDir: string; workers?: number }): PoolResult {
  const inFlight = cardsInFlight();
  const seen = new Set<string>();
  const todo = inputs.filter((input) => {
    const file = join(options.cacheDir, `${cardHash(input)}.png`);
    if (seen.has(file) || existsSync(file) || inFlight.has(file)) return false;
    seen.add(file);
    return true;
  });
  if (!todo.length || !existsSync(WORKER)) return { queued: 0, done: Promise.resolve({ drawn: 0, failed: [] }) };

  // One worker per core, not one fewer: the main thread finishes its pages long before a cold
  // cache's cards are drawn, and then only waits.
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4, todo.length));
  const settle = new Map<string, () => void>();
  const failed: string[] = [];
  let drawn = 0;
  const cards: Promise<void>[] = [];
  for (const input of todo) {
    const file = join(options.cacheDir, `${cardHash(input)}.png`);
    const card = new Promise<void>((resolve) =>
      settle.set(cardHash(input), () => {
        inFlight.delete(file);
        resolve();
      }),
    );
    inFlight.set(file, card);
    cards.push(card);
  }
  for (let w = 0; w < count; w++) {
    // Round robin, so every worker starts with the newest reviews, the first cards the build asks for.
    const mine = todo.filter((_, i) => i % count === w);
    const worker = new Worker(WORKER, { workerData: { inputs: mine, cacheDir: options.cacheDir } });
    // A build that ends (or fails) must not wait for the pool.
    worker.unref();
    worker.on('message', (m: { hash: string; error?: string }) => {
      if (m.error) failed.push(`${m.hash}: ${m.error}`);
      else drawn++;
      settle.get(m.hash)?.();
    });
    // Whatever a worker that stopped did not draw, the route draws.
    const release = () => {
      for (const input of mine) settle.get(cardHash(input))?.();
    };
    worker.on('error', (e) => {
      failed.push(e.message);
      release();
    });
    worker.on('exit', release);
  }
  return { queued: todo.length, done: Promise.all(cards).then(() => ({ drawn, failed })) };
}
