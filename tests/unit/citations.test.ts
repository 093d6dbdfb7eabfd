import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCitations, resolveContentLink, unquote, type Citation } from '../../src/core/citations.ts';
import { parseMarkdown } from '../../src/core/markdown.ts';

const cite = (md: string, lineOffset = 0): Omit<Citation, 'link' | 'blockquote' | 'quote'>[] =>
  collectCitations(parseMarkdown(md), 'claims/x.md', lineOffset).map(({ link: _l, blockquote: _b, quote: _q, ...rest }) => rest);

describe('collectCitations: block excerpts', () => {
  it('reads a blockquote whose last paragraph is an em dash and a source link', () => {
    const [c, ...rest] = cite(
      [
        'Intro.',
        '',
        '> We have also cut off ICE from any access',
        '> from any CPD databases.',
        '>',
        '> — [HuffPost](../sources/a.md "supports")',
        '',
      ].join('\n'),
    );
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      kind: 'block',
      source: 'a',
      stance: 'supports',
      excerpt: 'We have also cut off ICE from any access\nfrom any CPD databases.',
      line: 3,
      column: 1,
      linkLine: 6,
      linkColumn: 5,
    });
  });

  it('accepts -- for the dash, and the attribution on the last line of the quoted paragraph', () => {
    const [c] = cite(['> Second quote here', '> and here', "> -- [The Hill](../sources/b.md#p3 'disputes')"].join('\n'));
    expect(c).toMatchObject({
      kind: 'block',
      source: 'b',
      hash: '#p3',
      stance: 'disputes',
      excerpt: 'Second quote here\nand here',
      line: 1,
      linkLine: 3,
    });
  });

  it('keeps several quoted paragraphs in the excerpt', () => {
    const [c] = cite(['> One.', '>', '> Two.', '>', '> ― [S](../sources/a.md)'].join('\n'));
    expect(c).toMatchObject({ kind: 'block', excerpt: 'One.\n\nTwo.', stance: 'context' });
  });

  it('a blockquote without the dash line is not a block excerpt; its link is a plain link', () => {
    const cs = cite('> Just a quote with a [link](../sources/a.md) in it.');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ kind: 'link', source: 'a' });
    expect(cs[0]!.excerpt).toBeUndefined();
  });
});

describe('collectCitations: inline excerpts', () => {
  it.each([
    ['"', '"'],
    ['\u201C', '\u201D'],
    ['\u2018', '\u2019'],
    ["'", "'"],
    ['\u00AB', '\u00BB'],
    ['\u201E', '\u201C'],
  ])('takes %s…%s around the link text as an excerpt', (open, close) => {
    const [c] = cite(`The mayor [${open}refuses to put it in writing${close}](../sources/a.md "disputes") said.`);
    expect(c).toMatchObject({
      kind: 'inline',
      source: 'a',
      stance: 'disputes',
      excerpt: 'refuses to put it in writing',
      line: 1,
      column: 11,
    });
  });

  it('keeps formatting out of the excerpt', () => {
    const [c] = cite('[“refuses to *put* it”](../sources/a.md)');
    expect(c!.excerpt).toBe('refuses to put it');
  });
});

describe('collectCitations: plain links and stances', () => {
  it('a source link with unquoted text is a plain link with no excerpt', () => {
    const [c] = cite('See [the HuffPost report](../sources/a.md).');
    expect(c).toMatchObject({ kind: 'link', source: 'a', stance: 'context' });
    expect(c!.excerpt).toBeUndefined();
  });

  it('the stance defaults to context and is case-insensitive', () => {
    const cs = cite('[“a b”](../sources/a.md) [“c d”](../sources/a.md "Supports") [“e f”](../sources/a.md "")');
    expect(cs.map((c) => c.stance)).toEqual(['context', 'supports', 'context']);
    expect(cs.every((c) => c.badStance === undefined)).toBe(true);
  });

  it('reports an unknown stance as written', () => {
    const [c] = cite('[“a b”](../sources/a.md "agrees")');
    expect(c!.badStance).toBe('agrees');
  });

  it('ignores links that are not to sources', () => {
    expect(cite('[c](../claims/y.md) [p](../pages/about.md) [w](https://example.org/sources/a.md) [#](#top)')).toEqual([]);
  });

  it('adds lineOffset to every line, in reading order', () => {
    const cs = cite(
      ['[one](../sources/a.md)', '', '> q', '>', '> — [two](../sources/b.md)', '', 'x [“three”](../sources/a.md)'].join('\n'),
      7,
    );
    expect(cs.map((c) => [c.kind, c.line, c.column, c.linkLine, c.linkColumn])).toEqual([
      ['link', 8, 1, 8, 1],
      ['block', 10, 1, 12, 5],
      ['inline', 14, 3, 14, 3],
    ]);
  });
});

describe('unquote', () => {
  it('returns the inside of a quoted text and null otherwise', () => {
    expect(unquote(' “x y” ')).toBe('x y');
    expect(unquote('x y')).toBeNull();
    expect(unquote('“x y')).toBeNull();
    expect(unquote('""')).toBeNull();
  });
});

describe('resolveContentLink', () => {
  it('resolves relative links against the file’s folder', () => {
    expect(resolveContentLink('claims/x.md', '../sources/a.md')).toEqual({
      collection: 'sources',
      slug: 'a',
      hash: '',
      path: 'sources/a.md',
    });
    expect(resolveContentLink('claims/x.md', 'y.md#why')).toEqual({
      collection: 'claims',
      slug: 'y',
      hash: '#why',
      path: 'claims/y.md',
    });
    expect(resolveContentLink('pages/about.md', '../claims/some-claim.md?x=1')).toMatchObject({
      collection: 'claims',
      slug: 'some-claim',
    });
    expect(resolveContentLink('claims/x.md', '/sources/a.md')).toMatchObject({
      collection: 'sources',
      slug: 'a',
      path: 'sources/a.md',
    });
    expect(resolveContentLink('claims/x.md', '../sources/caf%C3%A9.md')).toMatchObject({ slug: 'café' });
  });

  it('resolves `../<collection>/<name>.md` as path arithmetic does, odd names included', () => {
    const names = ['a', '..', '.', 'a.b', 'a%2F', ' ', '...'];
    for (const from of ['claims/x.md', 'sources/x.md', 'pages/x.md', 'x.md', 'claims/sub/x.md'])
      for (const collection of ['sources', 'claims', 'pages', 'other'])
        for (const name of names) {
          const url = `../${collection}/${name}.md#q`;
          const path = posix.normalize(posix.join(posix.dirname(from), decodeURIComponent(`../${collection}/${name}.md`)));
          expect(resolveContentLink(from, url)?.path, `${from} -> ${url}`).toBe(path);
        }
  });

  it('marks links that leave the three collections', () => {
    expect(resolveContentLink('claims/x.md', '../README.md')).toMatchObject({ collection: 'other', path: 'README.md' });
    expect(resolveContentLink('claims/x.md', '../../outside/a.md')).toMatchObject({ collection: 'other' });
  });

  it('ignores absolute URLs, fragments and non-Markdown files', () => {
    expect(resolveContentLink('claims/x.md', 'https://example.org/a.md')).toBeNull();
    expect(resolveContentLink('claims/x.md', 'mailto:desk@example.org')).toBeNull();
    expect(resolveContentLink('claims/x.md', '#section')).toBeNull();
    expect(resolveContentLink('claims/x.md', '//cdn.example.org/a.md')).toBeNull();
    expect(resolveContentLink('claims/x.md', '../sources/a.pdf')).toBeNull();
  });
});

describe('collectCitations: reference-style links', () => {
  it('treats [“text”][id] with [id]: ../sources/x.md as the same citation as an inline link', () => {
    const cs = cite(
      [
        'The mayor [“refuses to put it in writing”][hp] and [the report][HP].',
        '',
        '> Quoted words.',
        '>',
        '> — [HuffPost][hp]',
        '',
        '[hp]: ../sources/a.md "disputes"',
      ].join('\n'),
    );
    expect(cs.map((c) => [c.kind, c.source, c.stance, c.excerpt, c.line, c.column])).toEqual([
      ['inline', 'a', 'disputes', 'refuses to put it in writing', 1, 11],
      ['link', 'a', 'disputes', undefined, 1, 52],
      ['block', 'a', 'disputes', 'Quoted words.', 3, 1],
    ]);
  });

  it('leaves references to other files alone', () => {
    expect(cite('[“x”][c]\n\n[c]: ../claims/y.md')).toEqual([]);
  });
});
