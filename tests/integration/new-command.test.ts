/** `npm run new` as an editor runs it: a real process writing into a temporary content folder. */
import { describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
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

  const check = (dir: string) =>
    spawnSync(process.execPath, [join(root, 'scripts/check.ts')], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: dir, INIT_CWD: dir },
      encoding: 'utf8',
    });
  const fixturePage = (name: string) => join(root, 'tests/fixtures/pages', name);

  it('imports a saved page: prints the path and what it found, writes a draft the check accepts, never overwrites', () => {
    const dir = tempSite();
    const r = run(dir, 'source', '--from', fixturePage('news-site.html'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(join('sources', 'council-votes-to-reopen-the-old-mill-bridge.md'));
    expect(lines).toContain('  title      Council Votes to Reopen the Old Mill Bridge  ← JSON-LD NewsArticle headline');
    expect(lines).toContain(
      '  retrieved  ' +
        /^retrieved: (\S+)/m.exec(readFileSync(join(dir, 'sources/council-votes-to-reopen-the-old-mill-bridge.md'), 'utf8'))![1] +
        '  ← today',
    );
    const written = readFileSync(join(dir, 'sources/council-votes-to-reopen-the-old-mill-bridge.md'), 'utf8');
    expect(written).toMatch(/^draft: true/m);
    expect(written).toMatch(/^show: excerpts/m);

    const ok = check(dir);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('1 draft ');

    // A claim can quote it straight away: the imported text is what the check matches against.
    mkdirSync(join(dir, 'claims'));
    writeFileSync(
      join(dir, 'claims/bridge.md'),
      `---\nclaim: The bridge reopens.\nclaimant: The council\nverdict: true\nsummary: It does.\nreviewed: 2026-12-01\ndraft: true\n---\n` +
        `> We are opening a bridge that nobody has signed off on.\n>\n> — [Gazette](../sources/council-votes-to-reopen-the-old-mill-bridge.md)\n`,
      { flag: 'w' },
    );
    expect(check(dir).status).toBe(0);

    writeFileSync(join(dir, 'sources/council-votes-to-reopen-the-old-mill-bridge.md'), 'edited by hand');
    const again = run(dir, 'source', '--from', fixturePage('news-site.html'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('sources/council-votes-to-reopen-the-old-mill-bridge.md already exists');
    expect(readFileSync(join(dir, 'sources/council-votes-to-reopen-the-old-mill-bridge.md'), 'utf8')).toBe('edited by hand');
  });

  it('refuses a file that is not a page, and a page whose outlet it does not state, writing nothing', () => {
    const dir = tempSite();
    const notPage = run(dir, 'source', '--from', join(root, 'package.json'));
    expect(notPage.status).toBe(1);
    expect(notPage.stderr).toContain('package.json is not an HTML page');
    const bare = run(dir, 'source', '--from', fixturePage('no-metadata.html'));
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('Give --title "…" and --outlet "…"');
    expect(existsSync(join(dir, 'sources'))).toBe(false);
    const given = run(
      dir,
      'source',
      '--from',
      fixturePage('no-metadata.html'),
      '--title',
      'Pool opens in June',
      '--outlet',
      'Elm Street News',
      '--publish',
    );
    expect(given.status).toBe(0);
    expect(readFileSync(join(dir, 'sources/pool-opens-in-june.md'), 'utf8')).not.toMatch(/^draft:/m);
    expect(check(dir).status).toBe(0);
  });

  describe('from an address', () => {
    const runAsync = (dir: string, ...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
        execFile(
          process.execPath,
          [join(root, 'scripts/new.ts'), ...args],
          { cwd: root, env: { ...process.env, CONTENT_DIR: dir, INIT_CWD: dir, NEW_FETCH_TIMEOUT_MS: '1500' }, encoding: 'utf8' },
          (err, stdout, stderr) => done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const serve = async (handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> => {
      const server = createServer(handler);
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    };

    it('fetches the page, follows a redirect, and takes the page address when the page states none', async () => {
      const { server, base } = await serve((req, res) => {
        if (req.url === '/old') {
          res.writeHead(301, { location: '/story' });
          res.end();
        } else if (req.url === '/story') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(readFileSync(fixturePage('malformed.html')));
        } else if (req.url === '/photo') {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end('png');
        } else if (req.url === '/slow') {
          // Never answers: the fetch must give up.
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      try {
        const dir = tempSite();
        const r = await runAsync(dir, 'source', '--from', `${base}/old`);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(readFileSync(join(dir, 'sources/harbour-ferry-fares-to-rise-in-may.md'), 'utf8')).toMatch(
          new RegExp(`^url: ${base}/story$`, 'm'),
        );
        expect(r.stdout).toContain(`  url        ${base}/story  ← the address it was fetched from`);

        const photo = await runAsync(dir, 'source', '--from', `${base}/photo`);
        expect(photo.status).toBe(1);
        expect(photo.stderr).toContain('is not an HTML page (the server says image/png)');
        const missing = await runAsync(dir, 'source', '--from', `${base}/gone`);
        expect(missing.stderr).toContain('the server answered 404');
        const slow = await runAsync(dir, 'source', '--from', `${base}/slow`);
        expect(slow.status).toBe(1);
        expect(slow.stderr).toContain(`${base}/slow: no answer within 2 s; nothing was written`);
        expect(readdirSync(join(dir, 'sources'))).toEqual(['harbour-ferry-fares-to-rise-in-may.md']);
      } finally {
        server.closeAllConnections();
        await new Promise((ok) => server.close(ok));
      }
    });

    it('says plainly when the address cannot be reached', async () => {
      const { server, base } = await serve(() => {});
      await new Promise((ok) => server.close(ok));
      const dir = tempSite();
      const r = await runAsync(dir, 'source', '--from', `${base}/story`);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('(ECONNREFUSED); are you offline? Nothing was written.');
      expect(existsSync(join(dir, 'sources'))).toBe(false);
    });
  });
});
