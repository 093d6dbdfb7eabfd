/**
 * The editors' loop as readers see it: "Last updated" from the updates log and
 * from git (in a temporary repository with fixed commit dates), dateModified in
 * the JSON-LD and /claims.json, Edit / History / Report links, the site-wide
 * corrections log, and drafts previewed by the dev server but never built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASTRO, astroEnv, buildSite, cleanBuilds, FIXTURES, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { decodeEntities, description, scripts } from '../helpers/html.ts';
import { freePort } from '../helpers/dev-server.ts';

const FIXTURE = join(FIXTURES, 'editing');

function jsonLd(html: string): Record<string, unknown> {
  const s = scripts(html).find((x) => x.attrs.includes('application/ld+json'));
  if (!s) throw new Error('no JSON-LD');
  return JSON.parse(s.body) as Record<string, unknown>;
}

function lastUpdated(html: string): string | undefined {
  return /Last updated <time datetime="([^"]+)"/.exec(html)?.[1];
}

function hrefOf(html: string, text: string): string | undefined {
  const m = new RegExp(`<a href="([^"]*)"[^>]*>${text}</a>`).exec(html);
  return m ? decodeEntities(m[1]!) : undefined;
}

/** Commits every file of `dir` in a new repository, then `later` alone in a second commit, at fixed dates. */
function gitRepoWithDates(dir: string, later: string): void {
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Editor',
        GIT_AUTHOR_EMAIL: 'editor@example.org',
        GIT_COMMITTER_NAME: 'Editor',
        GIT_COMMITTER_EMAIL: 'editor@example.org',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
      stdio: 'pipe',
    });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'first'], '2024-06-15T12:00:00+00:00');
  execFileSync('sh', ['-c', `printf '\\nOne more sentence.\\n' >> ${JSON.stringify(later)}`], { cwd: dir });
  git(['commit', '-q', '-am', 'second'], '2024-07-01T09:30:00+00:00');
}

describe('pages of a site in git', () => {
  let site: BuiltSite;
  let repo: string;

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'factcheck-git-'));
    cpSync(FIXTURE, repo, { recursive: true });
    gitRepoWithDates(repo, 'claims/traffic-diverted.md');
    site = await buildSite(repo, { siteUrl: 'https://editing.example.org/desk/' });
  });
  afterAll(async () => {
    await cleanBuilds();
    rmSync(repo, { recursive: true, force: true });
  });

  it('shows the later of the newest update and the last commit as Last updated and dateModified', () => {
    // bridge-closed: updates up to 2024-05-20, committed 2024-06-15 → the commit wins.
    const bridge = site.read('claims/bridge-closed/index.html');
    expect(lastUpdated(bridge)).toBe('2024-06-15');
    expect(jsonLd(bridge).dateModified).toBe('2024-06-15');
    expect(jsonLd(bridge).datePublished).toBe('2024-05-02');
    // traffic-diverted was changed again in a second commit.
    const traffic = site.read('claims/traffic-diverted/index.html');
    expect(lastUpdated(traffic)).toBe('2024-07-01');
    expect(jsonLd(traffic).dateModified).toBe('2024-07-01');
    // Sources get theirs from git alone.
    expect(lastUpdated(site.read('sources/council-minutes/index.html'))).toBe('2024-06-15');
  });

  it('puts the same dateModified in /claims.json as in the page', () => {
    const all = JSON.parse(site.read('claims.json')) as Record<string, unknown>[];
    for (const slug of ['bridge-closed', 'traffic-diverted']) {
      const page = jsonLd(site.read(`claims/${slug}/index.html`));
      expect(all.find((r) => r.url === page.url)).toEqual(page);
    }
  });

  it('links each page to its file in the repository and each claim to an error report', () => {
    const bridge = site.read('claims/bridge-closed/index.html');
    expect(hrefOf(bridge, 'Edit this page')).toBe(
      'https://github.com/example/factcheck/edit/main/tests/fixtures/sites/editing/claims/bridge-closed.md',
    );
    expect(hrefOf(bridge, 'History')).toBe(
      'https://github.com/example/factcheck/commits/main/tests/fixtures/sites/editing/claims/bridge-closed.md',
    );
    const report = hrefOf(bridge, 'Report an error')!;
    expect(report.startsWith('mailto:corrections@editing.example.org?subject=')).toBe(true);
    expect(decodeURIComponent(report)).toContain('The old bridge is closed for good.');
    expect(decodeURIComponent(report)).toContain('https://editing.example.org/desk/claims/bridge-closed/');
    const source = site.read('sources/council-minutes/index.html');
    expect(hrefOf(source, 'Edit this page')).toContain('/sources/council-minutes.md');
    expect(hrefOf(source, 'Report an error')).toBeUndefined();
    expect(hrefOf(site.read('about/index.html'), 'History')).toContain('/pages/about.md');
  });

  it('lists every published update, newest first, on /corrections/', () => {
    const html = site.read('corrections/index.html');
    const rows = [...html.matchAll(/<li><time datetime="([^"]+)"[^>]*>[^<]*<\/time>:\s*<a href="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ['2024-05-20', '/desk/claims/bridge-closed/'],
      ['2024-05-11', '/desk/claims/traffic-diverted/'],
      ['2024-05-03', '/desk/claims/bridge-closed/'],
    ]);
    expect(html).not.toContain('never be listed');
  });

  it('builds a scale of its own whose verdicts have no description', () => {
    const index = site.read('verdicts/index.html');
    for (const label of ['Accurate', 'Inaccurate', 'Cannot say']) expect(index).toContain(label);
    // No default scale's description leaks in for ids it shares, and no empty paragraph stands in for one.
    expect(index).not.toContain('The claim is accurate');
    expect(index).not.toMatch(/<p>\s*<\/p>/);
    const page = site.read('verdicts/false/index.html');
    expect(description(page)).toBe('The reviews rated Inaccurate.');
    expect(site.read('claims/bridge-closed/index.html')).toContain('Inaccurate');
  });

  it('never builds a draft', () => {
    expect(site.exists('claims/unfinished/index.html')).toBe(false);
    expect(site.files().some((f) => f.includes('unfinished'))).toBe(false);
  });
});

describe('pages of a site outside git (a tarball)', () => {
  afterAll(() => cleanBuilds());

  it('falls back quietly to the updates log', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'factcheck-nogit-'));
    try {
      cpSync(FIXTURE, copy, { recursive: true });
      const site = await buildSite(copy);
      expect(site.output).not.toMatch(/fatal|not a git repository/i);
      const bridge = site.read('claims/bridge-closed/index.html');
      expect(lastUpdated(bridge)).toBe('2024-05-20');
      expect(jsonLd(bridge).dateModified).toBe('2024-05-20');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('npm run dev', () => {
  let dev: ChildProcess | undefined;
  let port = 0;
  let log = '';

  beforeAll(async () => {
    port = await freePort();
    dev = spawn(process.execPath, [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: ROOT,
      env: astroEnv({ CONTENT_DIR: FIXTURE, SITE_URL: '', FORCE_COLOR: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout!.on('data', (d) => (log += d));
    dev.stderr!.on('data', (d) => (log += d));
    const until = Date.now() + 120_000;
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`);
        if (r.status < 500) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > until) throw new Error(`the dev server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  afterAll(() => {
    dev?.kill('SIGTERM');
  });

  it('previews a draft with a visible Draft banner, and a published claim without one', async () => {
    const draft = await fetch(`http://127.0.0.1:${port}/claims/unfinished/`);
    expect(draft.status, log).toBe(200);
    const html = await draft.text();
    expect(html).toMatch(/class="draft-banner"[^>]*><strong>Draft<\/strong>/);
    expect(html).toContain('<meta name="robots" content="noindex"');
    const published = await (await fetch(`http://127.0.0.1:${port}/claims/bridge-closed/`)).text();
    expect(published).toContain('The old bridge is closed for good.');
    expect(published).not.toContain('class="draft-banner"');
  });
});
