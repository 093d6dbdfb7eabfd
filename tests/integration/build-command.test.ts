/**
 * `npm run build` (scripts/build.ts): Astro's build, then the search index once Astro's
 * process has exited. The site it writes must be the one `astro build` writes with the
 * index made inside it, byte for byte, and a failed step must fail the command.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, astroEnv, buildSite, cleanBuilds, FIXTURES } from '../helpers/build-site.ts';
import { listFiles } from '../helpers/demo-build.ts';
import { outDirOf } from '../../scripts/build.ts';

const dirs: string[] = [];
afterAll(async () => {
  await cleanBuilds();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function npmRunBuild(fixture: string, siteUrl: string): Promise<{ code: number; output: string; dist: string }> {
  mkdirSync(join(ROOT, 'tmp', 'site-builds'), { recursive: true });
  const dist = mkdtempSync(join(ROOT, 'tmp', 'site-builds', `npm-build-${fixture}-`));
  dirs.push(dist);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts'), '--outDir', dist], {
      cwd: ROOT,
      env: astroEnv({ CONTENT_DIR: join(FIXTURES, fixture), SITE_URL: siteUrl, FORCE_COLOR: '0', NO_COLOR: '1' }),
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output, dist }));
  });
}

describe('npm run build', () => {
  it('reads --outDir as Astro does', () => {
    expect(outDirOf([], '/p')).toBe('/p/dist');
    expect(outDirOf(['--outDir', 'out/site'], '/p')).toBe('/p/out/site');
    expect(outDirOf(['--outDir=/abs'], '/p')).toBe('/abs');
  });

  it('indexes after Astro has exited, and writes the same site as astro build indexing inside itself', async () => {
    const siteUrl = 'https://example.org/repo/';
    // One after the other: two builds of one content folder share Astro's cache folder.
    const inside = await buildSite('basic', { siteUrl });
    const after = await npmRunBuild('basic', siteUrl);
    expect(after.code, after.output).toBe(0);
    expect(after.output).toMatch(/the site is indexed once this process has exited/);
    expect(after.output).toMatch(/^pagefind: indexed [1-9]\d* pages in [\d.]+ s$/m);
    expect(inside.output).toMatch(/\[search-index\] pagefind: indexed [1-9]\d* pages/);
    const a = listFiles(inside.dist);
    const b = listFiles(after.dist);
    expect(b).toEqual(a);
    expect(a.some((f) => f.startsWith('pagefind/'))).toBe(true);
    const differing = a.filter((f) => !readFileSync(join(inside.dist, f)).equals(readFileSync(join(after.dist, f))));
    expect(differing).toEqual([]);
  }, 300_000);

  it('fails, and writes no index, when Astro fails', async () => {
    const run = await npmRunBuild('broken', 'https://example.org/');
    expect(run.code).not.toBe(0);
    expect(run.output).not.toMatch(/pagefind: indexed/);
    expect(existsSync(join(run.dist, 'pagefind'))).toBe(false);
  }, 300_000);
});
