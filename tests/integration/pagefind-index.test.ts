/**
 * The indexing step of the build on its own: what it indexes and counts, and that
 * a Pagefind failure fails the process instead of letting the build end "green".
 */
import childProcess, { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PAGEFIND_MALLOC, buildSearchIndex, withPagefindMalloc } from '../../src/integrations/pagefind.ts';

const realSpawn = childProcess.spawn;
const INTEGRATION = new URL('../../src/integrations/pagefind.ts', import.meta.url).href;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pagefind-index-'));
  dirs.push(dir);
  for (const [path, html] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

describe('buildSearchIndex', () => {
  it('indexes only pages with data-pagefind-body, and counts them', async () => {
    const dir = site({
      'index.html': '<html lang="en"><body><nav>Menu</nav><h1>Home</h1></body></html>',
      'matrix/index.html': '<html lang="en"><body><nav>Menu</nav><h1>Matrix</h1></body></html>',
      'about/index.html': '<html lang="en"><body><article data-pagefind-body><h1>About</h1><p>Words.</p></article></body></html>',
      'claims/a/index.html':
        '<html lang="en"><body><nav>Menu</nav><article data-pagefind-body><h1>A claim</h1><p>Words.</p></article></body></html>',
    });
    const result = await buildSearchIndex(dir, { cacheDir: join(dir, '.cache') });
    expect(result.pages).toBe(2);
    expect(result.files).toBe(3);
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(existsSync(join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('does not read the pages that never carry data-pagefind-body: embeds, tags, verdicts', async () => {
    const body = '<html lang="en"><body><article data-pagefind-body><h1>T</h1><p>Words.</p></article></body></html>';
    const dir = site({
      'claims/a/index.html': body,
      'sources/s/index.html': body,
      'claims/a/embed/index.html': body,
      'tags/t/index.html': body,
      'verdicts/false/index.html': body,
    });
    const result = await buildSearchIndex(dir, { cacheDir: join(dir, '.cache') });
    expect(result.files).toBe(2);
    expect(result.pages).toBe(2);
  });

  /** Runs buildSearchIndex on a one-page site in a Node process of its own, with `binary` standing in for Pagefind's. */
  function runWith(binary: string) {
    const dir = site({
      'claims/a/index.html': '<html lang="en"><body><main data-pagefind-body><p>Words.</p></main></body></html>',
    });
    const fake = join(dir, 'pagefind.sh');
    writeFileSync(fake, `#!/bin/sh\n${binary}\n`, { mode: 0o755 });
    // No top-level await: the point is that Node must not end its work and exit 0.
    const script = `import(${JSON.stringify(INTEGRATION)}).then((m) => m.buildSearchIndex(${JSON.stringify(dir)}, { cacheDir: ${JSON.stringify(join(dir, 'cache'))} })).then(() => console.log('resolved'));`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, PAGEFIND_BINARY_PATH: fake },
    });
  }

  it('fails the process when the Pagefind binary dies', () => {
    // As Pagefind's binary does when it panics (on some I/O errors): it exits, answering nothing.
    const run = runWith('head -c 1 > /dev/null; exit 101');
    expect(run.stdout).not.toContain('resolved');
    expect(run.stderr).toContain('no search index was written');
    expect(run.status).toBe(1);
  });

  it('starts the Pagefind binary with its allocator told to return freed memory, a setting that binary reads', async () => {
    // Pagefind's Node API spawns its binary through child_process.spawn, inheriting the
    // environment as it is at that call: record it there, for a real index build.
    const spawned: { command: string; setting: string | undefined }[] = [];
    const spawn = vi.spyOn(childProcess, 'spawn').mockImplementation(((command: string, ...rest: [never, never]) => {
      spawned.push({ command, setting: process.env[PAGEFIND_MALLOC.name] });
      return realSpawn(command, ...rest);
    }) as typeof childProcess.spawn);
    try {
      const dir = site({
        'claims/a/index.html': '<html lang="en"><body><main data-pagefind-body><p>Words.</p></main></body></html>',
      });
      expect((await buildSearchIndex(dir, { cacheDir: join(dir, '.cache') })).pages).toBe(1);
    } finally {
      spawn.mockRestore();
    }
    const binary = spawned.find((s) => /pagefind/.test(s.command));
    expect(binary?.setting).toBe(PAGEFIND_MALLOC.value);
    // Only the binary was given it.
    expect(process.env[PAGEFIND_MALLOC.name]).toBeUndefined();
    // The same executable, asked to print its allocator's options, shows the setting in force:
    // an unread variable or a misspelt option would leave jemalloc's defaults.
    const stats = spawnSync(binary!.command, ['--version'], {
      encoding: 'utf8',
      env: { [PAGEFIND_MALLOC.name]: `${PAGEFIND_MALLOC.value},stats_print:true` },
    }).stderr;
    expect(stats).not.toContain('Invalid conf');
    expect(stats).toMatch(/opt\.dirty_decay_ms: 0\b/);
    expect(stats).toMatch(/opt\.muzzy_decay_ms: 0\b/);
  });

  it('leaves an allocator setting someone already made as it is, and takes its own out even on failure', () => {
    const env: NodeJS.ProcessEnv = { [PAGEFIND_MALLOC.name]: 'narenas:1' };
    expect(withPagefindMalloc(() => env[PAGEFIND_MALLOC.name], env)).toBe('narenas:1');
    expect(env[PAGEFIND_MALLOC.name]).toBe('narenas:1');
    const unset: NodeJS.ProcessEnv = {};
    expect(() =>
      withPagefindMalloc(() => {
        expect(unset[PAGEFIND_MALLOC.name]).toBe(PAGEFIND_MALLOC.value);
        throw new Error('the binary did not start');
      }, unset),
    ).toThrow('did not start');
    expect(unset).toEqual({});
  });
});
