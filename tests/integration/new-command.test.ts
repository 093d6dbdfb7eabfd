/** `npm run new` as an editor runs it: a real process writing into a temporary content folder. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SITE = `title: Test site
description: A site for tests.
url: https://example.org
publisher:
  name: Test Desk
corrections: corrections@example.org
`;

function tempSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scaffold-'));
  writeFileSync(join(dir, 'site.yml'), SITE);
  return dir;
}

describe('npm run new', () => {
  const run = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts/new.ts'), ...args], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: dir, INIT_CWD: dir },
      encoding: 'utf8',
    });

  it('writes a draft under CONTENT_DIR, prints its path, and refuses to overwrite it', () => {
    const dir = tempSite();
    const first = run(dir, 'claim', 'ban is permanent');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(join('claims', 'ban-is-permanent.md'));
    const path = join(dir, 'claims/ban-is-permanent.md');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^claim: ban is permanent$/m);
    expect(text).toMatch(/^draft: true/m);
    expect(text).toMatch(/^reviewed: \d{4}-\d{2}-\d{2} /m);

    writeFileSync(path, text.replace('Who made the claim', 'Edited by hand'));
    const again = run(dir, 'claim', 'Ban is permanent!');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('claims/ban-is-permanent.md already exists');
    expect(readFileSync(path, 'utf8')).toContain('Edited by hand');

    const source = run(dir, 'source', 'Chicago Mayor Bans ICE', '--outlet', 'HuffPost');
    expect(source.status).toBe(0);
    expect(readFileSync(join(dir, 'sources/chicago-mayor-bans-ice.md'), 'utf8')).toMatch(/^outlet: HuffPost$/m);

    const check = spawnSync(process.execPath, [join(root, 'scripts/check.ts')], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: dir, INIT_CWD: dir },
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('2 drafts');
  });

  it('explains its usage when called without arguments', () => {
    const dir = tempSite();
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run new -- claim');
    expect(existsSync(join(dir, 'claims'))).toBe(false);
  });
});
