/**
 * Bad content stops the build: for every error kind of the format (a fixture under
 * tests/fixtures/check/), `npm run check` and `npm run build` stop with the same
 * path:line:column lines, and no page is written.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { corpusKey, snapshotBytes } from '../../src/check/snapshot.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds, ROOT, type BuiltSite } from '../helpers/build-site.ts';

const CHECK_FIXTURES = join(ROOT, 'tests', 'fixtures', 'check');
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

/** The `path:line:column: message` lines of a command's output. */
function problemLines(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[^\s:][^:]*:\d+:\d+: /.test(l));
}

describe('bad content stops the build', () => {
  const kinds = readdirSync(CHECK_FIXTURES).filter((k) => k !== 'good');
  const builds = new Map<string, Promise<BuiltSite>>();

  beforeAll(async () => {
    // Three at a time: a failing build is mostly Astro starting up, which leaves cores idle.
    const queue = [...kinds];
    const worker = async () => {
      for (let kind = queue.shift(); kind; kind = queue.shift()) {
        const pending = buildSite(join(CHECK_FIXTURES, kind), { allowFailure: true });
        builds.set(kind, pending);
        await pending;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  });

  it('there is a fixture per error kind of the format', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(15);
  });

  it.each(kinds)('%s: check and build both stop with the same path:line:column messages', async (kind) => {
    const dir = join(CHECK_FIXTURES, kind);
    const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: dir };
    delete env.INIT_CWD;
    delete env.GITHUB_ACTIONS;
    const check = spawnSync(NODE, [join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env, encoding: 'utf8' });
    expect(check.status).toBe(1);
    const expected = problemLines(check.stderr);
    expect(expected.length).toBeGreaterThan(0);
    for (const line of expected) expect(line.startsWith(`${relative(ROOT, dir)}/`), line).toBe(true);

    const build = await builds.get(kind)!;
    expect(build.code).not.toBe(0);
    expect(problemLines(build.output)).toEqual(expected);
    expect(build.files().filter((f) => f.endsWith('.html'))).toEqual([]);
    // Only what is wrong: the same summary line as the check's, and nothing of Astro's error report.
    const summary = check.stderr.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(/^✗ \d+ problems? in /);
    expect(build.output.trimEnd().split('\n').at(-1)).toBe(summary);
    expect(build.output).not.toMatch(/Stack trace|unhandled error|^\s+at /im);
  });
});

describe('a malformed SITE_URL', () => {
  afterAll(cleanBuilds);

  it('stops the build with one clear message, not a TypeError from loading the config', async () => {
    const build = await buildSite(join(CHECK_FIXTURES, 'good'), { siteUrl: 'http://[bad', allowFailure: true });
    expect(build.code).toBe(1);
    expect(build.output.trim().split('\n')).toEqual([
      'SITE_URL `http://[bad` is not an absolute http(s) URL; set it to the address the site is served at, such as https://example.org/ or https://owner.github.io/repository/',
      '',
      '✗ SITE_URL is not a URL; nothing was published.',
    ]);
    expect(build.files().filter((f) => f.endsWith('.html'))).toEqual([]);
  });
});

describe('an error while Astro renders an entry', () => {
  const made: string[] = [];
  afterAll(async () => {
    await cleanBuilds();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('fails the build at the entry, even when the check found nothing wrong, and publishes no page of it', async () => {
    // A picture whose path has a malformed %-escape makes Astro's renderer throw, which its loader
    // only logs. The check refuses it, so the check is made to miss it: the corpus snapshot the
    // build reads (keyed by the folder, as the build computes it) is written without problems.
    const tmp = join(ROOT, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const dir = mkdtempSync(join(tmp, 'render-error-'));
    const cache = mkdtempSync(join(tmp, 'render-error-cache-'));
    made.push(dir, cache);
    cpSync(join(CHECK_FIXTURES, 'good'), dir, { recursive: true });
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'dot.png'), '');
    appendFileSync(join(dir, 'claims', 'bridge-repair-cost.md'), '\n![A dot](../images/dot%zz.png)\n');
    const corpus = loadCorpus(dir, { displayBase: ROOT });
    expect(corpus.problems.map((p) => p.message)).toEqual([expect.stringMatching(/malformed %-escape/)]);
    corpus.problems = [];
    writeFileSync(join(cache, `${corpusKey(dir, ROOT)}.bin`), snapshotBytes(corpus));

    const build = await buildSite(dir, { allowFailure: true, env: { CORPUS_CACHE_DIR: cache } });
    expect(build.code).toBe(1);
    const rel = relative(ROOT, dir);
    expect(problemLines(build.output)).toEqual([
      expect.stringMatching(new RegExp(`^${rel}/claims/bridge-repair-cost\\.md:9:1: the site could not render this file: `)),
    ]);
    expect(build.output.trimEnd().split('\n').at(-1)).toBe(`✗ 1 problem in ${rel}; nothing was published.`);
    expect(build.files().filter((f) => f.endsWith('.html'))).toEqual([]);
  });
});
