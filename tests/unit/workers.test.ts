import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileJob } from '../../src/check/read-file.ts';
import { readContentFiles, startReaders } from '../../src/check/workers.ts';
import { generateCorpus } from '../../scripts/bench/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'corpus-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Enough files that each thread takes some of them from the shared counter.
for (const f of generateCorpus({ claims: 300, seed: 8 })) {
  mkdirSync(dirname(join(dir, f.path)), { recursive: true });
  writeFileSync(join(dir, f.path), f.content);
}
// Files with problems of every kind a file can have on its own.
writeFileSync(join(dir, 'claims', 'Bad Name.md'), '---\nclaim: x\n---\nText.\n');
writeFileSync(join(dir, 'claims', 'no-front-matter.md'), 'Just text.\n');
writeFileSync(join(dir, 'claims', 'bad-yaml.md'), '---\nclaim: [unclosed\n---\nText.\n');
writeFileSync(
  join(dir, 'claims', 'missing-fields.md'),
  '---\nclaim: Only a claim.\n---\nSee <b>this</b> and [a “quote” here](../sources/nowhere.md).\n',
);
writeFileSync(join(dir, 'claims', 'not-utf8.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
writeFileSync(join(dir, 'pages', 'deep.md'), `---\ntitle: T\ndescription: D\n---\n${'> '.repeat(150)}deep\n`);

const jobs: FileJob[] = (['sources', 'claims', 'pages'] as const).flatMap((collection) =>
  readdirSync(join(dir, collection))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((name) => ({ collection, name })),
);

describe('readContentFiles', () => {
  const alone = readContentFiles(dir, jobs, dir, { workers: 0 });

  it('reads the same in worker threads as on one thread, in the same order, problems included', async () => {
    // Started beforehand, as the snapshot starts them while it computes its key when a snapshot
    // could hit, and told to read once loaded: they then take files from the first, beside this thread.
    const readers = startReaders(dir, dir, jobs.length, { workers: 2, eager: false })!;
    expect(readers.started).toHaveLength(2);
    await vi.waitFor(() => expect(readers.loaded()).toBe(true), { timeout: 30_000, interval: 20 });
    // Not eager: loaded, they wait to be told, and have taken nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Atomics.load(readers.shared, 0)).toBe(0);
    const stats = { answered: 0 };
    const shared = readContentFiles(dir, jobs, dir, { readers, stats });
    expect(stats.answered).toBeGreaterThanOrEqual(1);
    expect(alone).toHaveLength(jobs.length);
    expect(alone.filter((r) => r.problems.length > 0).length).toBeGreaterThanOrEqual(6);
    expect(alone.filter((r) => r.entry?.citations.length).length).toBeGreaterThan(250);
    expect(shared).toEqual(alone);
  });

  it('reads a file on the calling thread from the bytes it is given, not again from the disk, and lets them go', () => {
    const at = jobs.findIndex((j, i) => j.collection === 'claims' && alone[i]!.entry && alone[i]!.problems.length === 0);
    const rel = `claims/${jobs[at]!.name}`;
    const bytes = Buffer.from(readFileSync(join(dir, rel), 'utf8').replace(/^claim: .*$/m, 'claim: Given, not read.'));
    const preread = new Map([[rel, { bytes }]]);
    const read = readContentFiles(dir, jobs, dir, { workers: 0, preread });
    expect(preread.size).toBe(0);
    expect((read[at]!.entry!.data as { claim: string }).claim).toBe('Given, not read.');
    expect((alone[at]!.entry!.data as { claim: string }).claim).not.toBe('Given, not read.');
    expect(read.filter((_, i) => i !== at)).toEqual(alone.filter((_, i) => i !== at));
  });

  it('has a worker read the folder before the calling thread has listed it, so a miss of the snapshot key finds it done', async () => {
    const readers = startReaders(dir, dir, jobs.length, { workers: 1 })!;
    // The worker has answered, having taken every file: nothing was asked of it yet.
    await vi.waitFor(() => expect(Atomics.load(readers.shared, 1)).toBe(1), { timeout: 60_000, interval: 20 });
    const preread = new Map(
      jobs.map((j) => [`${j.collection}/${j.name}`, { bytes: readFileSync(join(dir, j.collection, j.name)) }]),
    );
    const stats = { answered: 0 };
    expect(readContentFiles(dir, jobs, dir, { readers, stats, preread })).toEqual(alone);
    expect(stats.answered).toBe(1);
    // The calling thread read none of them itself (each read drops its bytes).
    expect(preread.size).toBe(jobs.length);
  });

  it("leaves a worker's readings out when it listed other files than the calling thread", async () => {
    // A file gone between the two listings: the worker's indices would name the files after it wrongly.
    const fewer = jobs.filter((_, i) => i !== 3);
    const readers = startReaders(dir, dir, fewer.length, { workers: 1 })!;
    await vi.waitFor(() => expect(Atomics.load(readers.shared, 1)).toBe(1), { timeout: 60_000, interval: 20 });
    const stats = { answered: 0 };
    expect(readContentFiles(dir, fewer, dir, { readers, stats })).toEqual(alone.filter((_, i) => i !== 3));
    expect(stats.answered).toBe(0);
  });

  it('reads everything on this thread when the workers were started for another folder', async () => {
    const readers = startReaders(tmpdir(), dir, jobs.length, { workers: 1 })!;
    await vi.waitFor(() => expect(readers.loaded()).toBe(true), { timeout: 30_000, interval: 20 });
    const stats = { answered: 0 };
    expect(readContentFiles(dir, jobs, dir, { readers, stats, workers: 0 })).toEqual(alone);
    expect(stats.answered).toBe(0);
  });
});
