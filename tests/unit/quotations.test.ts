import { describe, expect, it } from 'vitest';
import { collectCitations } from '../../src/core/citations.ts';
import { parseMarkdown } from '../../src/core/markdown.ts';
import { linkTextQuotation, scanQuotations } from '../../src/core/quotations.ts';

const inners = (text: string) => scanQuotations(text).quotations.map((q) => q.inner);
const cite = (md: string) => collectCitations(parseMarkdown(md), 'claims/c.md');

describe('scanQuotations: the marks of every script', () => {
  it.each([
    ['ASCII double', 'He said "the ban is permanent" on Wednesday.'],
    ['ASCII single', "He said 'the ban is permanent' on Wednesday."],
    ['curly double', 'He said “the ban is permanent” on Wednesday.'],
    ['curly single', 'He said ‘the ban is permanent’ on Wednesday.'],
    ['German low-9', 'Er sagte „the ban is permanent“ am Mittwoch.'],
    ['German single low-9', 'Er sagte ‚the ban is permanent‘ am Mittwoch.'],
    ['reversed', 'He said ‟the ban is permanent” on Wednesday.'],
    ['guillemets', 'Il a dit « the ban is permanent » mercredi.'],
    ['German guillemets', 'Er sagte »the ban is permanent« am Mittwoch.'],
    ['single guillemets', 'Il a dit ‹ the ban is permanent › mercredi.'],
    ['Swedish', 'Han sa ”the ban is permanent” i onsdags.'],
    ['CJK corner brackets', '市長は「the ban is permanent」と述べた。'],
    ['CJK white corner brackets', '市長は『the ban is permanent』と述べた。'],
    ['full-width', '市長は＂the ban is permanent＂と述べた。'],
    ['full-width single', '市長は＇the ban is permanent＇と述べた。'],
    ['CJK inside CJK', '市長は「禁止は恒久的だ」と述べた。'],
  ])('%s', (_, text) => {
    expect(inners(text).map((t) => t.trim())).toEqual([text.includes('禁止') ? '禁止は恒久的だ' : 'the ban is permanent']);
    expect(scanQuotations(text).unpaired).toEqual([]);
  });

  it('finds each quotation of a text, in order', () => {
    expect(inners('“One” and then “two”, and ‘three’.')).toEqual(['One', 'two', 'three']);
  });

  it('takes a quotation inside a quotation as one', () => {
    expect(inners('She wrote: “He said ‘no’ to the plan.” Then she left.')).toEqual(['He said ‘no’ to the plan.']);
    expect(inners('She wrote: "He said \'no.\'" Then she left.')).toEqual(["He said 'no.'"]);
  });

  it.each([
    ["ICE's access"],
    ['ICE’s access'],
    ["the officers' union"],
    ['the officers’ union'],
    ["the '90s"],
    ['the ’90s'],
    ["don't"],
    ['rock ’n’ roll'],
    ['’tis the season'],
  ])('an apostrophe is not a mark: %s', (text) => {
    expect(scanQuotations(text)).toEqual({ quotations: [], unpaired: [] });
  });

  it('keeps apostrophes inside a quotation', () => {
    expect(inners('“the officers’ union and ICE’s access”')).toEqual(['the officers’ union and ICE’s access']);
  });

  it('sets invisible characters aside when deciding what is a mark', () => {
    // A zero-width space or a direction mark between a word and a mark changes nothing a reader sees.
    expect(inners('said\u200B “the ban”\u200E today')).toEqual(['the ban']);
    expect(inners('\u200B“the ban”')).toEqual(['the ban']);
    expect(inners('\u2066“the ban”\u2069')).toEqual(['the ban']);
  });

  it.each([
    ['an opening mark never closed', 'He said “the ban is permanent on Wednesday.', [8]],
    ['a closing mark never opened', 'He said the ban is permanent” on Wednesday.', [28]],
    ['a single quotation never closed', "He said 'the ban is permanent on Wednesday.", [8]],
    ['a stray mark between spaces', 'He said " the ban.', [8]],
  ])('reports %s', (_, text, at) => {
    expect(scanQuotations(text).unpaired).toEqual(at);
  });
});

describe('linkTextQuotation', () => {
  it('is an excerpt when the whole text is one quotation, punctuation after it allowed', () => {
    expect(linkTextQuotation('“the ban”')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('“the ban”.')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('\u200B“the ban”')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('\u200E“the ban”\u200E')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('「the ban」')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('＂the ban＂')).toEqual({ excerpt: 'the ban' });
    expect(linkTextQuotation('‟the ban”')).toEqual({ excerpt: 'the ban' });
  });

  it('is plain with no mark at all, apostrophes included', () => {
    expect(linkTextQuotation('the HuffPost story')).toEqual({ plain: true });
    expect(linkTextQuotation('ICE’s statement')).toEqual({ plain: true });
  });

  it.each([
    ['words before the quotation', 'the right “to remain silent”'],
    ['words after the quotation', '“to remain silent” was the right'],
    ['a quotation in parentheses', '(“to remain silent”)'],
  ])('refuses %s', (_, text) => {
    expect(linkTextQuotation(text)).toMatchObject({ problem: expect.stringMatching(/put the whole quotation/) });
  });

  it('takes a text that opens and closes with marks as one excerpt, marks inside included (they are verified with it)', () => {
    expect(linkTextQuotation('“to remain” and “silent”')).toEqual({ excerpt: 'to remain” and “silent' });
    expect(linkTextQuotation('“vote, she said. “Nobody told us”')).toEqual({ excerpt: 'vote, she said. “Nobody told us' });
  });

  it('refuses an unclosed quotation', () => {
    expect(linkTextQuotation('“to remain silent')).toMatchObject({ problem: expect.stringMatching(/not closed/) });
  });
});

describe('what a reader reads of an excerpt is what is checked', () => {
  it.each([
    ['struck-through words', 'See [“make ~~no~~ law”](../sources/a.md).', /struck-through text/],
    ['an image', 'See [“make ![no](images/x.png) law”](../sources/a.md).', /an image/],
    ['a linked image whose alt text is a quotation', 'See [![“make no law”](images/x.png)](../sources/a.md).', /an image/],
  ])('an inline excerpt with %s is refused', (_, md, message) => {
    const [c] = cite(md);
    expect(c!.problem).toMatch(message);
    expect(c!.excerpt).toBeUndefined();
  });

  it.each([
    ['struck-through words', '> We will make ~~no~~ law.\n>\n> — [Outlet](../sources/a.md)\n', /struck-through text/],
    ['a footnote marker', '> We will make no[^1] law.\n>\n> — [Outlet](../sources/a.md)\n\n[^1]: A note.\n', /a footnote marker/],
    ['an image', '> We will make ![no](images/x.png) law.\n>\n> — [Outlet](../sources/a.md)\n', /an image/],
  ])('a block excerpt with %s is refused', (_, md, message) => {
    const [c] = cite(md);
    expect(c!.problem).toMatch(message);
    expect(c!.excerpt).toBeUndefined();
  });

  it('emphasis inside an excerpt is fine', () => {
    const [c] = cite('See [“make *no* law”](../sources/a.md).');
    expect(c).toMatchObject({ kind: 'inline', excerpt: 'make no law' });
    expect(c!.problem).toBeUndefined();
  });

  it('a plain link that is an image is a plain link', () => {
    const [c] = cite('See [![The HuffPost logo](images/x.png)](../sources/a.md).');
    expect(c).toMatchObject({ kind: 'link' });
    expect(c!.problem).toBeUndefined();
  });
});

describe('scanQuotations: nesting across kinds', () => {
  it('a French quotation inside an English one is one quotation', () => {
    expect(inners('“Elle a ajouté que « le budget est respecté »”')).toEqual(['Elle a ajouté que « le budget est respecté »']);
  });
  it('a German quotation inside another is one quotation', () => {
    expect(inners('„Er sagte »nein« dazu“')).toEqual(['Er sagte »nein« dazu']);
  });
});
