/**
 * The indexing step of the build on its own: what it indexes and counts, and that
 * a Pagefind failure fails the process instead of letting the build end "green".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/integrations/pagefind.ts';

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
    const result = await buildSearchIndex(dir);
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
    const result = await buildSearchIndex(dir);
    expect(result.files).toBe(2);
    expect(result.pages).toBe(2);
  });

  it('fails the process when the Pagefind binary dies without answering', () => {
    // Writing under /proc makes Pagefind panic. No top-level await here: the point is
    // that Node, left with nothing to do, must not exit 0.
    const script = `import(${JSON.stringify(INTEGRATION)}).then((m) => m.buildSearchIndex('/proc/no-such-site')).then(() => console.log('resolved'));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stdout).not.toContain('resolved');
    expect(run.stderr).toContain('no search index was written');
    expect(run.status).toBe(1);
  });
});
