/** Worker thread of the share-card pool: draws its share of the cards into the cache, one message per card. */
import { parentPort, workerData } from 'node:worker_threads';
import { cachedShareCard, cardHash, type ShareCardInput } from './card.ts';

const { inputs, cacheDir } = workerData as { inputs: ShareCardInput[]; cacheDir: string };
for (const input of inputs) {
  try {
    const { hash } = await cachedShareCard(input, { cacheDir });
    parentPort!.postMessage({ hash });
  } catch (e) {
    parentPort!.postMessage({ hash: cardHash(input), error: e instanceof Error ? e.message : String(e) });
  }
}
