import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimTemplate, pageTemplate, parseArgs, planScaffold, slugify, sourceTemplate } from '../../scripts/new/scaffold.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { parseMarkdown } from '../../src/core/markdown.ts';
import { collectCitations } from '../../src/core/citations.ts';
import { DEFAULT_VERDICTS } from '../../src/core/verdicts.ts';

const SITE = `title: Test site
description: A site for tests.
url: https://example.org
publisher:
  name: Test Desk
`;

function tempSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scaffold-'));
  writeFileSync(join(dir, 'site.yml'), SITE);
  return dir;
}

describe('slugify', () => {
  it('makes file names from titles', () => {
    expect(slugify('ban is permanent')).toBe('ban-is-permanent');
    expect(slugify('  Chicago’s Mayor: “Bans” ICE!  ')).toBe('chicagos-mayor-bans-ice');
    expect(slugify('São Paulo à côté')).toBe('sao-paulo-a-cote');
    expect(slugify('Rule 34(b) & the 2019 order')).toBe('rule-34-b-the-2019-order');
    expect(slugify('“…”')).toBe('');
  });

  it('cuts long titles on a word boundary', () => {
    const s = slugify('The mayor said that the city would never again share any police data with any federal immigration agency');
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect('the-mayor-said-that-the-city-would-never-again-share-any-police-data'.startsWith(s)).toBe(true);
  });
});

describe('parseArgs', () => {
  it('reads kind, title and outlet', () => {
    expect(parseArgs(['claim', 'ban is permanent'])).toEqual({ ok: true, kind: 'claim', title: 'ban is permanent' });
    expect(parseArgs(['source', 'Title', '--outlet', 'HuffPost'])).toEqual({
      ok: true,
      kind: 'source',
      title: 'Title',
      outlet: 'HuffPost',
    });
    expect(parseArgs(['source', '--outlet=The Hill', 'A', 'title'])).toEqual({
      ok: true,
      kind: 'source',
      title: 'A title',
      outlet: 'The Hill',
    });
  });
  it('refuses what it does not understand', () => {
    expect(parseArgs([]).ok).toBe(false);
    expect(parseArgs(['post', 'x'])).toMatchObject({ ok: false, message: expect.stringContaining('unknown kind') });
    expect(parseArgs(['claim', 'x', '--outlet', 'y'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('only for a source'),
    });
    expect(parseArgs(['claim', 'x', '--force'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown option --force'),
    });
  });
});

describe('planScaffold', () => {
  const none = () => false;
  it('plans the path under the right folder', () => {
    expect(planScaffold({ kind: 'claim', title: 'ban is permanent', today: '2026-01-02' }, none)).toMatchObject({
      ok: true,
      path: 'claims/ban-is-permanent.md',
    });
    expect(planScaffold({ kind: 'source', title: 'T', outlet: 'O', today: '2026-01-02' }, none)).toMatchObject({
      ok: true,
      path: 'sources/t.md',
    });
    expect(planScaffold({ kind: 'page', title: 'How we work', today: '2026-01-02' }, none)).toMatchObject({
      ok: true,
      path: 'pages/how-we-work.md',
    });
  });
  it('never overwrites, and names the existing file', () => {
    const plan = planScaffold(
      { kind: 'claim', title: 'ban is permanent', today: '2026-01-02' },
      (p) => p === 'claims/ban-is-permanent.md',
    );
    expect(plan).toEqual({ ok: false, message: expect.stringContaining('claims/ban-is-permanent.md already exists') });
  });
  it('refuses an empty slug, a source without outlet, a reserved page slug', () => {
    expect(planScaffold({ kind: 'claim', title: '  ', today: '2026-01-02' }, none).ok).toBe(false);
    expect(planScaffold({ kind: 'claim', title: '!!!', today: '2026-01-02' }, none).ok).toBe(false);
    expect(planScaffold({ kind: 'source', title: 'T', today: '2026-01-02' }, none)).toMatchObject({
      ok: false,
      message: expect.stringContaining('--outlet'),
    });
    expect(planScaffold({ kind: 'page', title: 'Corrections', today: '2026-01-02' }, none)).toMatchObject({
      ok: false,
      message: expect.stringContaining('reserved'),
    });
  });
  it('picks a placeholder verdict from the site scale', () => {
    const scale = [
      { id: 'accurate', label: 'Accurate', rating: 2, description: 'd' },
      { id: 'inaccurate', label: 'Inaccurate', rating: 1, description: 'd' },
      { id: 'cannot-say', label: 'Cannot say', description: 'd' },
    ];
    const text = claimTemplate('x', '2026-01-02', scale);
    expect(text).toMatch(/^verdict: cannot-say +# one of: accurate, inaccurate, cannot-say$/m);
    expect(claimTemplate('x', '2026-01-02')).toMatch(/^verdict: unproven /m);
  });
});

describe('the drafts', () => {
  it('pass the checker as written, as drafts, with the citation notes invisible to it', () => {
    const dir = tempSite();
    mkdirSync(join(dir, 'claims'));
    mkdirSync(join(dir, 'sources'));
    mkdirSync(join(dir, 'pages'));
    // Titles that YAML would misread unless quoted.
    writeFileSync(join(dir, 'claims/a.md'), claimTemplate('Crime: up 50% # says "mayor"', '2026-01-02'));
    writeFileSync(join(dir, 'claims/b.md'), claimTemplate('true', '2026-01-02'));
    writeFileSync(join(dir, 'sources/s.md'), sourceTemplate('- yes: no', '@Outlet', '2026-01-02'));
    writeFileSync(join(dir, 'pages/p.md'), pageTemplate('[About]'));
    const corpus = loadCorpus(dir, { displayBase: dir });
    expect(corpus.problems).toEqual([]);
    expect(corpus.stats).toMatchObject({ claims: 2, sources: 1, pages: 1, drafts: 4 });
    const a = corpus.claims.get('a')!.data;
    expect(a).toMatchObject({ claim: 'Crime: up 50% # says "mayor"', verdict: 'unproven', reviewed: '2026-01-02', draft: true });
    expect(corpus.claims.get('b')!.data.claim).toBe('true');
    expect(corpus.sources.get('s')!.data).toMatchObject({ title: '- yes: no', outlet: '@Outlet', draft: true });
    expect(corpus.pages.get('p')!.data.title).toBe('[About]');
    expect(corpus.citations.get('a')).toEqual([]);
  });

  it('show every citation form in notes that parse as definitions, not as content', () => {
    const body = claimTemplate('x', '2026-01-02').split('---\n')[2]!;
    const tree = parseMarkdown(body);
    const defs = tree.children.filter((n) => n.type === 'definition');
    expect(defs.length).toBeGreaterThanOrEqual(10);
    const notes = defs.map((d) => (d as { title: string }).title).join('\n');
    expect(notes).toContain('> — [Outlet](../sources/source-slug.md "supports")');
    expect(notes).toContain('[“these exact words”](../sources/source-slug.md "disputes")');
    expect(notes).toContain('[the outlet reported](../sources/source-slug.md)');
    expect(tree.children.filter((n) => n.type !== 'definition').map((n) => n.type)).toEqual(['paragraph']);
    expect(collectCitations(tree, 'claims/x.md', 0)).toEqual([]);
  });

  it('render to nothing on the site: Astro’s Markdown drops the notes', async () => {
    const { createMarkdownProcessor } = await import('@astrojs/markdown-remark');
    const body = claimTemplate('x', '2026-01-02').split('---\n')[2]!;
    const html = (await (await createMarkdownProcessor({})).render(body)).code;
    expect(html).toMatch(/^<p>Write the analysis here:[^<]*<\/p>$/);
  });

  it('list the default verdicts', () => {
    const text = claimTemplate('x', '2026-01-02');
    for (const v of DEFAULT_VERDICTS) expect(text).toContain(v.id);
  });
});
