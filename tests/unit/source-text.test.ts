import { describe, expect, it } from 'vitest';
import { highlightBlock, publishBlocks } from '../../src/site/source-text.ts';

describe('highlightBlock', () => {
  it('marks a range and names it with the excerpt id', () => {
    expect(highlightBlock('a <b> c', [{ id: 'q-1', start: 2, end: 5, first: true }])).toBe('a <mark id="q-1">&lt;b&gt;</mark> c');
  });

  it('merges overlapping excerpts into one mark and keeps an anchor for each id', () => {
    const html = highlightBlock('one two three four', [
      { id: 'q-a', start: 0, end: 7, first: true },
      { id: 'q-b', start: 4, end: 13, first: true },
    ]);
    expect(html).toBe('<mark id="q-a">one <span class="excerpt-anchor" id="q-b"></span>two three</mark> four');
  });

  it('gives two excerpts that start at the same place one id each', () => {
    const html = highlightBlock('one two', [
      { id: 'q-a', start: 0, end: 3, first: true },
      { id: 'q-b', start: 0, end: 7, first: true },
    ]);
    expect(html.match(/id="q-a"/g)).toHaveLength(1);
    expect(html.match(/id="q-b"/g)).toHaveLength(1);
    expect(html.match(/<mark/g)).toHaveLength(1);
  });

  it('puts no id on the continuation of an excerpt in a later paragraph', () => {
    expect(highlightBlock('xy', [{ id: 'q-a', start: 0, end: 1, first: false }])).toBe('<mark>x</mark>y');
  });
});

describe('publishBlocks', () => {
  const blocks = ['zero', 'one', 'two', 'three'].map((text) => ({ kind: 'paragraph' as const, text }));
  const excerpts = [
    { id: 'q-x', ranges: [{ block: 1, start: 0, end: 3 }] },
    { id: 'q-y', ranges: [{ block: 3, start: 0, end: 5 }] },
  ];

  it('publishes only the cited paragraphs for show: excerpts, marking the gaps', () => {
    const out = publishBlocks(blocks, excerpts, 'excerpts');
    expect(out.map((b) => [b.index, b.gapBefore, b.starts])).toEqual([
      [1, true, ['q-x']],
      [3, true, ['q-y']],
    ]);
  });

  it('publishes everything for show: full', () => {
    const out = publishBlocks(blocks, excerpts, 'full');
    expect(out.map((b) => b.index)).toEqual([0, 1, 2, 3]);
    expect(out.every((b) => !b.gapBefore)).toBe(true);
  });
});
