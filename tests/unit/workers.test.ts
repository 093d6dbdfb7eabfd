import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileJob } from '../../src/check/read-file.ts';
import { readContentFiles } from '../../src/check/workers.ts';
import { generateCorpus } from '../../scripts/bench/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'corpus-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of generateCorpus({ claims: 40, seed: 8 })) {
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
  it('reads the same in worker threads as on one thread, in the same order, problems included', () => {
    const alone = readContentFiles(dir, jobs, dir, 0);
    const stats = { answered: 0 };
    const shared = readContentFiles(dir, jobs, dir, 2, stats);
    expect(stats.answered).toBe(2);
    expect(alone).toHaveLength(jobs.length);
    expect(alone.filter((r) => r.problems.length > 0).length).toBeGreaterThanOrEqual(6);
    expect(alone.filter((r) => r.entry?.citations.length).length).toBeGreaterThan(30);
    expect(shared).toEqual(alone);
  });
});
