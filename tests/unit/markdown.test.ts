import { describe, expect, it } from 'vitest';
import { lede, LEDE_LENGTH, parseMarkdown, plainText, rawHtml, sourceBlocks } from '../../src/core/markdown.ts';
import { indexSource, matchExcerpt } from '../../src/core/matcher.ts';
import { collectCitations } from '../../src/core/citations.ts';

describe('sourceBlocks', () => {
  it('gives paragraphs and headings as plain text with their lines', () => {
    const blocks = sourceBlocks(
      parseMarkdown('# Title\n\nA *formatted* [link](https://example.org).\n\n- item one\n- item two\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Title', line: 1 },
      { kind: 'paragraph', text: 'A formatted link.', line: 3 },
      { kind: 'paragraph', text: 'item one', line: 5 },
      { kind: 'paragraph', text: 'item two', line: 6 },
    ]);
  });

  it('keeps a hard line break as white space, so the words on either side stay apart', () => {
    const blocks = sourceBlocks(parseMarkdown('Signed by the mayor  \nand the council\\\non Friday.'));
    expect(blocks.map((b) => b.text)).toEqual(['Signed by the mayor\nand the council\non Friday.']);
    const r = matchExcerpt(indexSource(blocks), 'the mayor and the council on Friday');
    expect(r.ok).toBe(true);
  });
});

describe('plainText', () => {
  it('separates quoted paragraphs, list items and hard breaks', () => {
    const tree = parseMarkdown('> one  \n> two\n>\n> - three\n> - four\n');
    expect(plainText(tree.children)).toBe('one\ntwo\n\nthree\n\nfour');
  });

  it('a block excerpt with a hard break matches the source', () => {
    const tree = parseMarkdown('> We have also cut off ICE  \n> from any access.\n>\n> — [S](../sources/a.md)\n');
    const [c] = collectCitations(tree, 'claims/x.md');
    expect(c!.excerpt).toBe('We have also cut off ICE\nfrom any access.');
  });

  it('uses the alt text of images', () => {
    expect(plainText(parseMarkdown('See ![a chart of arrests](chart.png).'))).toBe('See a chart of arrests.');
  });
});

describe('rawHtml', () => {
  it('finds block and inline HTML, comments included, with positions', () => {
    const found = rawHtml(parseMarkdown('Text <b>bold</b>.\n\n<!-- note -->\n\n<script>x()</script>\n'));
    expect(found.map((h) => [h.line, h.column, h.value])).toEqual([
      [1, 6, '<b>'],
      [1, 13, '</b>'],
      [3, 1, '<!-- note -->'],
      [5, 1, '<script>x()</script>'],
    ]);
  });

  it('does not take autolinks or escaped angle brackets for HTML', () => {
    expect(rawHtml(parseMarkdown('<https://example.org> and 3 \\< 4 and a < b'))).toEqual([]);
  });
});

describe('lede: a page description from its first paragraph', () => {
  it('skips headings and takes the first paragraph as one line of plain text', () => {
    expect(lede(parseMarkdown('# How we work\n\nWe *quote* our\nsources; see [the review](x.md).\n\nMore.'))).toBe(
      'We quote our sources; see the review.',
    );
  });
  it('shortens a long paragraph at a word, with an ellipsis, to at most LEDE_LENGTH characters', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const got = lede(parseMarkdown(words))!;
    expect(got.length).toBeLessThanOrEqual(LEDE_LENGTH);
    expect(got).toMatch(/ word\d+…$/);
    expect(words.startsWith(got.slice(0, -1))).toBe(true);
  });
  it('cuts a paragraph without spaces too', () => {
    expect(lede(parseMarkdown('x'.repeat(500)))).toBe(`${'x'.repeat(LEDE_LENGTH - 1)}…`);
  });
  it('finds a paragraph inside a list, and is undefined when there is none', () => {
    expect(lede(parseMarkdown('# Only a heading\n\n- a list item? no, list items hold paragraphs'))).toBe(
      'a list item? no, list items hold paragraphs',
    );
    expect(lede(parseMarkdown('# Only a heading\n'))).toBeUndefined();
  });
});
