/**
 * Incremental builds give the site a full build gives. A copy of the demo desk, with a draft
 * added, is built once; then claims, sources, a draft, content pages, git dates and site.yml are
 * edited in turn, and after each edit the site is built again with the caches the last build left
 * (Astro's, the corpus snapshot, the cards), and compared byte for byte with a full build of the
 * same content with no cache (no snapshot, no content store, no cards) and incremental builds
 * off. Each incremental build must also have copied pages from the last build (or it proves
 * nothing) and rendered again the pages that show the edit.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAstro } from '../helpers/build-site.ts';
import { DEMO_CONTENT, listFiles } from '../helpers/demo-build.ts';

const SITE_URL = 'https://incremental.example.org/';
let work: string;
let content: string;
let cache: string;

/** What a build logged of each page: rendered, or copied from the last build. */
function pagesOf(output: string): { rendered: Set<string>; restored: Set<string> } {
  const rendered = new Set<string>();
  const restored = new Set<string>();
  for (const m of output.matchAll(/├─ (\/\S+?\.html)(\s*\((?:restored|cached)\))?/g)) (m[2] ? restored : rendered).add(m[1]!);
  return { rendered, restored };
}

async function build(outDir: string, env: Record<string, string>) {
  const { code, output } = await runAstro(['build', '--outDir', outDir], {
    CONTENT_DIR: content,
    SITE_URL,
    CORPUS_CACHE_DIR: join(work, 'snapshots'),
    CARD_CACHE_DIR: join(work, 'cards'),
    ...env,
  });
  if (code !== 0) throw new Error(`astro build failed (exit ${code}):\n${output}`);
  return pagesOf(output);
}

/** An incremental build with the caches kept, and a full one of the same content with none; their dist/ folders side by side. */
async function bothBuilds(step: string) {
  const incremental = await build(join(work, 'dist'), { ASTRO_CACHE_DIR: cache });
  const fresh = join(work, `cache-${step}`);
  await build(join(work, `full-${step}`), {
    ASTRO_CACHE_DIR: fresh,
    INCREMENTAL_BUILD: '0',
    CORPUS_CACHE_DIR: join(fresh, 'snapshots'),
    // Cards of its own too: a card the incremental build copied from its cache must be the one a new desk draws.
    CARD_CACHE_DIR: join(fresh, 'cards'),
  });
  rmSync(fresh, { recursive: true, force: true });
  const a = join(work, 'dist');
  const b = join(work, `full-${step}`);
  const filesA = listFiles(a);
  const filesB = listFiles(b);
  const differing = filesA.filter((f) => filesB.includes(f) && !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
  expect({
    onlyIncremental: filesA.filter((f) => !filesB.includes(f)),
    onlyFull: filesB.filter((f) => !filesA.includes(f)),
    differing,
  }).toEqual({ onlyIncremental: [], onlyFull: [], differing: [] });
  expect(filesA.some((f) => f.startsWith('pagefind/'))).toBe(true);
  rmSync(b, { recursive: true, force: true });
  return incremental;
}

const edit = (path: string, change: (text: string) => string) =>
  writeFileSync(join(content, path), change(readFileSync(join(content, path), 'utf8')));
const mentioning = (folder: string, word: string) =>
  readdirSync(join(content, folder)).filter((f) => readFileSync(join(content, folder, f), 'utf8').includes(word));
const page = (folder: string, file: string) => `/${folder}/${file.replace(/\.md$/, '')}/index.html`;

beforeAll(async () => {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'tmp', 'incremental-'));
  content = join(work, 'content');
  cache = join(work, 'astro-cache');
  cpSync(DEMO_CONTENT, content, { recursive: true });
  // A draft that quotes a published source, so that its edits reach every page that could show it.
  writeFileSync(
    join(content, 'claims/draft-of-a-review.md'),
    readFileSync(join(content, 'claims/ban-is-permanent.md'), 'utf8').replace(/^---\n/, '---\ndraft: true\n'),
  );
  const first = await build(join(work, 'dist'), { ASTRO_CACHE_DIR: cache });
  expect(first.restored.size).toBe(0);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an incremental build', () => {
  it('after a claim’s analysis gains a sentence: renders that claim again, copies the rest, and equals a full build', async () => {
    edit('claims/ban-not-in-writing.md', (t) => `${t.trimEnd()}\n\nThis sentence was added after the last build.\n`);
    const { rendered, restored } = await bothBuilds('claim');
    expect(rendered).toContain('/claims/ban-not-in-writing/index.html');
    expect(rendered).toContain('/claims/ban-not-in-writing/embed/index.html');
    // A source page it does not cite shows nothing of it.
    const own = readFileSync(join(content, 'claims/ban-not-in-writing.md'), 'utf8');
    const unrelated = readdirSync(join(content, 'sources')).filter((f) => !own.includes(f.replace(/\.md$/, '')));
    expect(unrelated.length).toBeGreaterThan(0);
    for (const f of unrelated) expect(restored).toContain(page('sources', f));
    expect(restored.size).toBeGreaterThan(rendered.size);
  }, 600_000);

  it('after a source’s title changes: renders it and every claim that shows it again, and equals a full build', async () => {
    const slug = 'fox-news-police-will-not-cooperate';
    edit(`sources/${slug}.md`, (t) => t.replace(/^title: "(.*)"$/m, 'title: "$1 (corrected)"'));
    const { rendered, restored } = await bothBuilds('source');
    expect(rendered).toContain(`/sources/${slug}/index.html`);
    const showing = mentioning('claims', slug).filter((f) => !f.startsWith('draft-'));
    expect(showing.length).toBeGreaterThan(0);
    for (const f of showing) expect(rendered).toContain(page('claims', f));
    const others = readdirSync(join(content, 'claims')).filter((f) => !showing.includes(f) && !f.startsWith('draft-'));
    expect(others.some((f) => restored.has(page('claims', f)))).toBe(true);
  }, 600_000);

  it('after a draft is edited: publishes nothing of it, and equals a full build', async () => {
    edit('claims/draft-of-a-review.md', (t) => t.replace(/^claim: .*$/m, 'claim: A draft claim that must not be published.'));
    const { restored } = await bothBuilds('draft');
    const site = listFiles(join(work, 'dist'))
      .filter((f) => /\.(html|xml|json)$/.test(f))
      .map((f) => readFileSync(join(work, 'dist', f), 'utf8'));
    expect(site.some((t) => t.includes('A draft claim that must not be published'))).toBe(false);
    expect(restored).toContain('/claims/raids-set-for-sunday/index.html');
  }, 600_000);

  it('after a review is added, one deleted, one re-rated, given another claimant and an alias, and topics change: equals a full build', async () => {
    // Newest, and citing the sources most reviews cite: it becomes a related review of existing claims.
    writeFileSync(
      join(content, 'claims/a-new-related-review.md'),
      readFileSync(join(content, 'claims/ban-not-in-writing.md'), 'utf8')
        .replace(/^claim: .*$/m, 'claim: A new review that shares its sources with the others.')
        .replace(/^reviewed: .*$/m, 'reviewed: 2026-11-30')
        .replace(/^tags: .*$/m, 'tags: [ice, a-brand-new-topic]'),
    );
    // The only review of its claimant and of one of its topics: their pages go with it.
    rmSync(join(content, 'claims/sanctuary-cities-high-crime.md'));
    edit('claims/raids-set-for-sunday.md', (t) =>
      t
        .replace(/^verdict: .*$/m, 'verdict: misleading')
        .replace(/^claimant: .*$/m, 'claimant: Lori Lightfoot')
        .replace(/^tags: .*$/m, 'tags: [raids, ice, dhs]\naliases: [raids-this-weekend]'),
    );
    edit('claims/ice-data-through-other-agencies.md', (t) => t.replace(/^tags: .*$/m, 'tags: [cpd-databases, ice]'));
    const { rendered, restored } = await bothBuilds('claims');
    expect(rendered).toContain('/claims/a-new-related-review/index.html');
    expect(rendered).toContain('/claims/raids-this-weekend/index.html');
    expect(restored.size).toBeGreaterThan(0);
  }, 600_000);

  it('after content pages are added, renamed and edited, a source gains a url, and a review an update: equals a full build', async () => {
    writeFileSync(join(content, 'pages/press.md'), '---\ntitle: Press\n---\nWrite to the desk for press enquiries.\n');
    writeFileSync(
      join(content, 'pages/fixing-errors.md'),
      readFileSync(join(content, 'pages/corrections-policy.md'), 'utf8').replace(
        /^title: .*$/m,
        'title: Fixing our errors\naliases: [corrections-policy]',
      ),
    );
    rmSync(join(content, 'pages/corrections-policy.md'));
    for (const f of mentioning('pages', 'corrections-policy.md'))
      edit(`pages/${f}`, (t) => t.replaceAll('corrections-policy.md', 'fixing-errors.md'));
    edit('pages/methodology.md', (t) => `${t.trimEnd()}\n\nThis paragraph was added after the last build.\n`);
    edit('sources/the-hill-blocks-ice.md', (t) =>
      t.replace(/^outlet: .*$/m, '$&\nurl: https://thehill.example.com/chicago-blocks-ice'),
    );
    edit('claims/ice-cut-off-from-all-cpd-databases.md', (t) =>
      t.replace(/^updates:\n/m, '$&  - date: 2026-12-01\n    note: A sentence was added after the last build.\n'),
    );
    const { rendered } = await bothBuilds('pages');
    expect(rendered).toContain('/press/index.html');
  }, 600_000);

  it('after the content is committed, and a commit changes a file’s date but not its bytes: equals a full build', async () => {
    // Content in a folder of a repository, as a deploy has it: "last updated" comes from git.
    const git = (args: string[], date: string) =>
      execFileSync('git', args, {
        cwd: work,
        stdio: 'ignore',
        env: { ...process.env, GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` },
      });
    git(['init', '-q'], '2026-12-05');
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', 'content'], '2026-12-05');
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'content'], '2026-12-05');
    const first = await bothBuilds('git');
    expect(first.rendered).toContain(page('sources', 'the-hill-blocks-ice.md'));
    // A mode change: the file's newest commit is later, its bytes are the same.
    chmodSync(join(content, 'sources/the-hill-blocks-ice.md'), 0o755);
    git(
      ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'core.fileMode=true', 'commit', '-qam', 'mode'],
      '2026-12-09',
    );
    const { rendered, restored } = await bothBuilds('git-date');
    expect(rendered).toContain(page('sources', 'the-hill-blocks-ice.md'));
    expect(readFileSync(join(work, 'dist', page('sources', 'the-hill-blocks-ice.md')), 'utf8')).toContain(
      'datetime="2026-12-09"',
    );
    expect(restored.size).toBeGreaterThan(0);
  }, 600_000);

  it('after site.yml changes: renders every page again, and equals a full build', async () => {
    edit('site.yml', (t) => t.replace(/^title: (.*)$/m, 'title: $1 (renamed)'));
    const { rendered, restored } = await bothBuilds('site');
    expect(restored.size).toBe(0);
    expect(rendered.size).toBeGreaterThan(20);
  }, 600_000);

  it('with INCREMENTAL_BUILD=0, renders every page even with the last build’s cache', async () => {
    const again = await build(join(work, 'dist'), { ASTRO_CACHE_DIR: cache });
    expect(again.restored.size).toBeGreaterThan(20);
    const off = await build(join(work, 'dist'), { ASTRO_CACHE_DIR: cache, INCREMENTAL_BUILD: '0' });
    expect(off.restored.size).toBe(0);
  }, 600_000);
});
