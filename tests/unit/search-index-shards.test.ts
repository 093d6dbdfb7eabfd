/**
 * Which pages the search index's shards are made of (src/search-index/shards.ts): a page is
 * indexed when a tag of it carries `data-pagefind-body`, and the quick test must answer as the
 * pattern run over the whole page does.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/bench/prng.ts';
import { isIndexed } from '../../src/search-index/shards.ts';

const WHOLE = /<[^>]*\sdata-pagefind-body[\s>=]/;

describe('isIndexed', () => {
  const pages = {
    marked: '<html><body><main data-pagefind-body><p>x</p></main></body></html>',
    'marked with a value': '<main class="a" data-pagefind-body="">x</main>',
    'marked on a later line': '<main\n\tclass="a"\ndata-pagefind-body\n>x</main>',
    'named in the text only': '<p>Pagefind reads data-pagefind-body from a tag.</p>',
    'named in the text, then marked': '<p>data-pagefind-body </p><div id="x" data-pagefind-body>y</div>',
    'named after a closed tag': '<p class="x">a data-pagefind-body b</p>',
    'part of a longer attribute': '<main data-pagefind-body-extra>x</main>',
    'a prefix of another name': '<main xdata-pagefind-body>x</main>',
    'inside a value': '<a title="see data-pagefind-body">x</a>',
    'inside a value, spaced': '<a title="see data-pagefind-body ">x</a>',
    'a < in the text before it': '<p>1 < 2 data-pagefind-body </p>',
    'the name at the very start': 'data-pagefind-body <main>',
    'the name at the very end': '<main data-pagefind-body',
    'a non-breaking space before it': '<main\u00a0data-pagefind-body>x</main>',
    'a mark in another script around it': '<main title="ü" data-pagefind-body>é</main>',
  };
  for (const [name, html] of Object.entries(pages)) {
    it(`answers as the whole-page pattern: ${name}`, () => {
      const bytes = Buffer.from(html, 'utf8');
      expect(isIndexed(bytes)).toBe(WHOLE.test(bytes.toString('latin1')));
    });
  }

  it('answers as the whole-page pattern on pages made of the characters that matter', () => {
    // Seeded, so that a failure names a case that can be made again.
    const random = mulberry32(20191);
    const next = (n: number) => Math.floor(random() * n);
    const pieces = ['<', '>', ' ', '\n', '=', '"', 'a', 'data-pagefind-body', 'data-pagefind-body', '\u00a0', 'é', '<main', '>x'];
    for (let n = 0; n < 3000; n++) {
      let html = '';
      for (let k = 1 + next(12); k > 0; k--) html += pieces[next(pieces.length)];
      const bytes = Buffer.from(html, 'utf8');
      expect(isIndexed(bytes), JSON.stringify(html)).toBe(WHOLE.test(bytes.toString('latin1')));
    }
  });

  it('reads a page that names the attribute many times in its text in one pass', () => {
    const text = `<p>${'data-pagefind-body x '.repeat(200_000)}</p>`;
    expect(isIndexed(Buffer.from(text))).toBe(false);
    expect(isIndexed(Buffer.from(`${text}<main data-pagefind-body>`))).toBe(true);
  });

  it('tells a marked page from an unmarked one', () => {
    expect(isIndexed(Buffer.from(pages.marked))).toBe(true);
    expect(isIndexed(Buffer.from(pages['named in the text only']))).toBe(false);
    expect(isIndexed(Buffer.from(pages['named in the text, then marked']))).toBe(true);
  });
});
