import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { deserialize } from 'node:v8';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { corpusKey, keyOf, loadCorpusSnapshot, readAsKeyed, readSnapshot, snapshotBytes } from '../../src/check/snapshot.ts';
import { generateCorpus } from '../../scripts/bench/corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'corpus-snapshot-'));
const store = join(root, 'store');
const content = join(root, 'content');
for (const f of generateCorpus({ claims: 10, seed: 3 })) {
  mkdirSync(dirname(join(content, f.path)), { recursive: true });
  writeFileSync(join(content, f.path), f.content);
}
const env = process.env.CORPUS_CACHE_DIR;
process.env.CORPUS_CACHE_DIR = store;
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (env === undefined) delete process.env.CORPUS_CACHE_DIR;
  else process.env.CORPUS_CACHE_DIR = env;
});
beforeEach(() => rmSync(store, { recursive: true, force: true }));

describe('loadCorpusSnapshot', () => {
  it('gives what loadCorpus gives, from the folder the first time and from the snapshot the next', () => {
    const fresh = loadCorpus(content, { displayBase: root });
    const first = loadCorpusSnapshot(content, { displayBase: root });
    expect(readdirSync(store)).toEqual([`${corpusKey(content, root)}.bin`]);
    const second = loadCorpusSnapshot(content, { displayBase: root });
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(second).not.toBe(first);
    // Both remember the key they were loaded under, for astro.config's content digest.
    expect(keyOf(first)).toBe(corpusKey(content, root));
    expect(keyOf(second)).toBe(corpusKey(content, root));
    expect(keyOf(fresh)).toBeUndefined();
  });

  it('holds a corpus to the bytes its key was made of: one checked from other bytes is not saved', () => {
    const corpus = loadCorpus(content, { displayBase: root });
    const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    const digests = new Map(
      ['sources', 'claims', 'pages'].flatMap((c) =>
        readdirSync(join(content, c)).map((n): [string, string] => [`${c}/${n}`, sha256(readFileSync(join(content, c, n)))]),
      ),
    );
    expect(digests.size).toBeGreaterThan(10);
    expect(readAsKeyed(corpus, digests)).toBe(true);
    // A file saved between the key's reading and the check's.
    const claim = `claims/${readdirSync(join(content, 'claims'))[0]}`;
    expect(readAsKeyed(corpus, new Map(digests).set(claim, sha256('the bytes the key read')))).toBe(false);
    // A file that was no regular file when the key looked (a link, say), and one when it was read.
    const missing = new Map(digests);
    missing.delete(claim);
    expect(readAsKeyed(corpus, missing)).toBe(false);
  });

  it('reads the folder again when a file changes, and keeps only the latest snapshot', () => {
    loadCorpusSnapshot(content, { displayBase: root });
    const before = corpusKey(content, root);
    const claim = join(content, 'claims', readdirSync(join(content, 'claims'))[0]!);
    const text = readFileSync(claim, 'utf8');
    writeFileSync(claim, text.replace(/^claim: .*$/m, 'claim: A claim the editor just rewrote'));
    try {
      expect(corpusKey(content, root)).not.toBe(before);
      const after = loadCorpusSnapshot(content, { displayBase: root });
      expect([...after.claims.values()].some((c) => c.data.claim === 'A claim the editor just rewrote')).toBe(true);
      expect(readdirSync(store)).toEqual([`${corpusKey(content, root)}.bin`]);
    } finally {
      writeFileSync(claim, text);
    }
  });

  it('stores an excerpt without its text where its ranges give it, and reads the same text back', () => {
    const corpus = loadCorpus(content, { displayBase: root });
    const quoted = [...corpus.excerpts].filter(([, list]) => list.length > 1);
    expect(quoted.length).toBeGreaterThan(0);
    const [slug, list] = quoted[0]!;
    const file = join(root, 'snapshot.bin');
    writeFileSync(file, snapshotBytes(corpus));
    const stored = deserialize(readFileSync(file)) as { excerpts: Map<string, { text?: string }[]> };
    expect([...stored.excerpts.values()].flat().every((e) => e.text === undefined)).toBe(true);
    expect(readSnapshot(file)).toEqual(corpus);
    // A text that is not the stretch its ranges span (no matcher makes one) is kept as it is.
    list[1]!.text = `${list[1]!.text} and more`;
    writeFileSync(file, snapshotBytes(corpus));
    expect((deserialize(readFileSync(file)) as typeof stored).excerpts.get(slug)![1]!.text).toBe(list[1]!.text);
    expect(readSnapshot(file)).toEqual(corpus);
    expect(readSnapshot(file).excerpts.get(slug)![1]!.text).toMatch(/ and more$/);
  });

  it('keys on where problems are reported from, and reads the folder when a snapshot is torn', () => {
    expect(corpusKey(content, root)).not.toBe(corpusKey(content, content));
    loadCorpusSnapshot(content, { displayBase: root });
    writeFileSync(join(store, `${corpusKey(content, root)}.bin`), 'not a snapshot');
    expect(loadCorpusSnapshot(content, { displayBase: root })).toEqual(loadCorpus(content, { displayBase: root }));
  });
});
