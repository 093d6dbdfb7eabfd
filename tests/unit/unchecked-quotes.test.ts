/**
 * Nothing that reads as a quotation may reach the site unchecked: mismatched
 * quotation marks, punctuation after the closing mark, an unclosed quote, a
 * blockquote whose attribution is not the format's, quotations in pages. And
 * aliases or appearances that would publish something broken are refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectCitations, unquote } from '../../src/core/citations.ts';
import { parseMarkdown } from '../../src/core/markdown.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';

const cite = (md: string) => collectCitations(parseMarkdown(md), 'claims/c.md');

describe('inline quotations', () => {
  it.each([
    ['“invented one"', 'invented one'],
    ['"invented two”', 'invented two'],
    ["'invented three’", 'invented three'],
    ['»invented four«', 'invented four'],
    ['”invented five”', 'invented five'],
    ['‚invented six‘', 'invented six'],
    ['“invented seven”.', 'invented seven'],
    ['“Lightfoot’s plan”', 'Lightfoot’s plan'],
  ])('%s is an excerpt', (text, excerpt) => {
    expect(unquote(text)).toBe(excerpt);
    const [c] = cite(`See [${text}](../sources/a.md).`);
    expect(c).toMatchObject({ kind: 'inline', excerpt });
  });

  it('reports a quotation that is never closed', () => {
    const [c] = cite('See [“invented nine](../sources/a.md).');
    expect(c!.problem).toMatch(/not closed/);
  });

  it('keeps a plain link plain', () => {
    expect(cite('See [the HuffPost story](../sources/a.md).')[0]).toMatchObject({ kind: 'link' });
    expect(cite('See [the HuffPost story](../sources/a.md).')[0]!.problem).toBeUndefined();
  });
});

describe('block quotations', () => {
  it('accepts a name before the outlet on the attribution line', () => {
    const [c] = cite('> We will never succumb.\n>\n> — Lori Lightfoot, in [Outlet A](../sources/a.md "supports")\n');
    expect(c).toMatchObject({ kind: 'block', excerpt: 'We will never succumb.', stance: 'supports' });
  });

  it('accepts the attribution on the last line of the quotation', () => {
    const [c] = cite('> We will never succumb.\n> — [Outlet A](../sources/a.md)\n');
    expect(c).toMatchObject({ kind: 'block', excerpt: 'We will never succumb.' });
  });

  it.each([
    ['a hyphen (a list)', '> We will never succumb.\n>\n> - [Outlet A](../sources/a.md)\n'],
    ['an emphasised link', '> We will never succumb.\n>\n> — *[Outlet A](../sources/a.md)*\n'],
  ])('reports a blockquote attributed with %s', (_, md) => {
    const cs = cite(md);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.problem).toMatch(/not a block excerpt/);
  });

  it('reports an attribution left outside its blockquote', () => {
    const cs = cite('> We will never succumb.\n\n— [Outlet A](../sources/a.md)\n');
    expect(cs).toHaveLength(1);
    expect(cs[0]!.problem).toMatch(/outside the blockquote/);
  });
});

describe('the checker', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function site(files: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), 'unchecked-'));
    const all: Record<string, string> = {
      'site.yml': 'title: T\ndescription: D\nurl: https://example.org\npublisher:\n  name: P\n',
      'sources/a.md': '---\ntitle: A\noutlet: Outlet A\n---\nThe council voted to close the bridge.\n',
      ...files,
    };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return loadCorpus(dir, { displayBase: dir }).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  }
  // A published review must quote a source: the default body does, so that each test sees only its own problem.
  const claim = (extra: string, body = 'They said [“the council voted”](../sources/a.md).') =>
    `---\nclaim: C\nclaimant: X\nverdict: unproven\nsummary: S\nreviewed: 2024-01-01\n${extra}---\n${body}\n`;

  it('reports a misquote with mismatched marks at its line', () => {
    const problems = site({ 'claims/c.md': claim('', 'They said [“the council kept the bridge open"](../sources/a.md).') });
    expect(problems).toEqual([expect.stringMatching(/^claims\/c\.md:8:11: excerpt not found in source a/)]);
  });

  it('verifies quotations in content pages', () => {
    const problems = site({
      'pages/about.md': '---\ntitle: About\ndescription: D\n---\nWe quote [“an invented line”](../sources/a.md).\n',
    });
    expect(problems).toEqual([expect.stringMatching(/^pages\/about\.md:5:10: excerpt not found in source a/)]);
  });

  it('refuses an alias that is the file’s own slug, or one listed twice', () => {
    const problems = site({ 'claims/c.md': claim('aliases: [c, old, old]\n') });
    expect(problems).toEqual([
      expect.stringMatching(/^claims\/c\.md:7:\d+: the alias `c` is this file's own slug/),
      expect.stringMatching(/^claims\/c\.md:7:\d+: the alias `old` is listed twice/),
    ]);
  });

  it('lists the problems of the good fields beside a bad one', () => {
    const problems = site({
      'claims/old.md': claim(''),
      'claims/c.md':
        '---\nclaim: C\nclaimant: X\nverdit: x\nverdict: mostly-false\nsummary: S\nreviewed: 2024-02-30\naliases: [old]\n---\nThey said [“the council voted”](../sources/a.md).\n',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^claims\/c\.md:4:\d+: unknown field `verdit` \(did you mean `verdict`\?\)/),
      expect.stringMatching(/^claims\/c\.md:5:10: unknown verdict `mostly-false`/),
      expect.stringMatching(/^claims\/c\.md:7:11: `reviewed` “2024-02-30” is not a real date/),
      expect.stringMatching(/^claims\/c\.md:8:\d+: the alias `old` is already used by claims\/old\.md/),
    ]);
  });

  it('refuses a published claim whose appearance is a draft source', () => {
    const problems = site({
      'sources/d.md': '---\ntitle: D\noutlet: Outlet D\ndraft: true\n---\nText.\n',
      'claims/c.md': claim('appearance: [d, a]\n'),
    });
    expect(problems).toEqual([expect.stringMatching(/^claims\/c\.md:7:\d+: appearance `d` is a draft/)]);
  });
});

describe('excerpt ids', () => {
  it('tell an insertion from an elision between the same words', async () => {
    const { excerptId } = await import('../../src/core/excerpt-id.ts');
    expect(excerptId('the council [members] voted')).not.toBe(excerptId('the council … voted'));
    expect(excerptId('the council … voted')).toBe(excerptId('The council ... voted'));
  });
});

describe('source text', () => {
  it('includes the rows of a table, so a figure quoted from one can be verified', async () => {
    const { sourceBlocks } = await import('../../src/core/markdown.ts');
    const { indexSource, matchExcerpt } = await import('../../src/core/matcher.ts');
    const blocks = sourceBlocks(
      parseMarkdown('Intro.\n\n| Year | Spending |\n| --- | --- |\n| 2019 | Police spent 1.2 billion dollars on overtime |\n'),
    );
    expect(blocks.map((b) => b.text)).toEqual(['Intro.', 'Year Spending', '2019 Police spent 1.2 billion dollars on overtime']);
    expect(matchExcerpt(indexSource(blocks), 'Police spent 1.2 billion dollars on overtime').ok).toBe(true);
  });
});
