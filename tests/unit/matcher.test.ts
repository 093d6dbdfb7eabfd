import { describe, expect, it } from 'vitest';
import {
  closestPassage,
  indexSource,
  matchExcerpt,
  parseExcerpt,
  INSERTION_MAX_WORDS,
  type MatchResult,
  type SourceIndex,
} from '../../src/core/matcher.ts';
import { firstDifference } from '../../src/core/matcher.ts';
import { parseMarkdown, sourceBlocks } from '../../src/core/markdown.ts';

const fromMarkdown = (md: string): SourceIndex => indexSource(sourceBlocks(parseMarkdown(md)));

/** The original words each highlight range covers. */
function highlighted(index: SourceIndex, r: MatchResult): string[] {
  if (!r.ok) throw new Error(`expected a match, got: ${r.reason}; closest “${r.closest}”`);
  return r.ranges.map((x) => index.blocks[x.block]!.text.slice(x.start, x.end));
}

// Paragraphs of the HuffPost report the demo content quotes (content/sources/huffpost-permanent-ban.md).
const HUFFPOST = [
  'Chicago Mayor Lori Lightfoot said Wednesday that her city has permanently banned U.S. Immigration and Customs Enforcement from accessing the Chicago Police Department’s databases ahead of looming ICE raids to detain undocumented immigrants.',
  'Chicago police “will not team up with ICE to detain any resident,” the mayor said after meeting with business leaders and immigration rights advocates at Lurie Children’s Hospital. “They’re not going to be facilitating or otherwise providing any assistance in any raids ― whether it’s traffic stops [or] additional support. … We have also cut off ICE from any access from any CPD databases and that will remain permanent.”',
  'While Lightfoot has continued to voice opposition to ICE-police cooperation, city council members and immigration rights activists remain frustrated because the mayor refuses to put such a ban in writing.',
].join('\n\n');

describe('matchExcerpt: exact quotations', () => {
  const index = fromMarkdown(HUFFPOST);

  it('finds a quotation and returns its block and offsets in that block’s text', () => {
    const r = matchExcerpt(index, 'refuses to put such a ban in writing');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ranges).toHaveLength(1);
    expect(r.ranges[0]!.block).toBe(2);
    expect(highlighted(index, r)).toEqual(['refuses to put such a ban in writing']);
    expect(r.text).toBe('refuses to put such a ban in writing');
    expect(index.joined.slice(r.start, r.end)).toBe(r.text);
  });

  it('matches across quotes, dashes, case and spacing differences, highlighting the original text', () => {
    const r = matchExcerpt(index, "ANY raids - whether it's \n  traffic STOPS");
    expect(highlighted(index, r)).toEqual(['any raids ― whether it’s traffic stops']);
    const r2 = matchExcerpt(index, "Chicago Police Department's databases");
    expect(highlighted(index, r2)).toEqual(['Chicago Police Department’s databases']);
  });

  it('matches across Markdown formatting in the source', () => {
    const md = fromMarkdown('The mayor *said* it was **permanent**, see [the release](https://example.org/x).');
    const r = matchExcerpt(md, 'the mayor said it was permanent, see the release');
    expect(highlighted(md, r)).toEqual(['The mayor said it was permanent, see the release']);
  });

  it('spans paragraphs: one range per block', () => {
    const r = matchExcerpt(index, 'will remain permanent.” While Lightfoot has continued');
    expect(r.ok && r.ranges.map((x) => x.block)).toEqual([1, 2]);
    expect(highlighted(index, r)).toEqual(['will remain permanent.”', 'While Lightfoot has continued']);
  });

  it('does not match a segment inside a word', () => {
    expect(matchExcerpt(index, 'ce from any access').ok).toBe(false); // "ICE from any access"
    expect(matchExcerpt(index, 'CPD database').ok).toBe(false); // "databases"
    expect(matchExcerpt(index, 'ICE from any access').ok).toBe(true);
  });

  it('fails on a changed word', () => {
    const r = matchExcerpt(index, 'refuses to put the ban in writing');
    expect(r.ok).toBe(false);
  });
});

describe('matchExcerpt: elisions', () => {
  const index = fromMarkdown(HUFFPOST);

  it.each(['…', '...', '[…]', '[...]', '[ … ]'])('accepts %s as an elision, parts in order, one range per part', (mark) => {
    const r = matchExcerpt(index, `Chicago Mayor Lori Lightfoot said ${mark} ahead of looming ICE raids`);
    expect(highlighted(index, r)).toEqual(['Chicago Mayor Lori Lightfoot said', 'ahead of looming ICE raids']);
    if (r.ok) expect(r.text.startsWith('Chicago Mayor Lori Lightfoot said Wednesday that')).toBe(true);
  });

  it('lets the parts of an elision lie in later paragraphs', () => {
    const r = matchExcerpt(index, 'permanently banned … will not team up with ICE … refuses to put such a ban in writing');
    expect(r.ok && r.ranges.map((x) => x.block)).toEqual([0, 1, 2]);
    expect(highlighted(index, r)).toEqual([
      'permanently banned',
      'will not team up with ICE',
      'refuses to put such a ban in writing',
    ]);
  });

  it('fails when the parts are out of order and says so', () => {
    const r = matchExcerpt(index, 'refuses to put such a ban in writing … permanently banned');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/not in this order/);
  });

  it('names the part that does not occur', () => {
    const r = matchExcerpt(index, 'permanently banned … the Moon’s\nlight');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('“the Moon’s light” does not occur in the source');
  });

  it('tries later occurrences of a part when an [insertion] follows it', () => {
    const src = fromMarkdown(
      'alpha beta one two three four five six seven eight nine ten eleven twelve thirteen gamma.\n\nThen beta and gamma.',
    );
    const r = matchExcerpt(src, 'alpha … beta [and] gamma');
    expect(highlighted(src, r)).toEqual(['alpha', 'beta and gamma']);
  });
});

describe('matchExcerpt: insertions', () => {
  const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
  const index = indexSource([{ kind: 'paragraph', text: `${words.join(' ')}.` }]);

  it(`lets one [insertion] stand for 0 to ${INSERTION_MAX_WORDS} words of the source`, () => {
    for (let k = 0; k <= INSERTION_MAX_WORDS; k++) {
      const r = matchExcerpt(index, `w0 [something] w${k + 1}`);
      expect(r.ok, `${k} words`).toBe(true);
      // an insertion is part of one contiguous highlight
      if (r.ok) expect(r.ranges).toHaveLength(1);
    }
  });

  it(`fails at ${INSERTION_MAX_WORDS + 1} words`, () => {
    const r = matchExcerpt(index, `w0 [something] w${INSERTION_MAX_WORDS + 2}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/at most 12 words/);
  });

  it('accepts an insertion at the start or the end of the excerpt', () => {
    expect(highlighted(index, matchExcerpt(index, '[The list] w5 w6'))).toEqual(['w5 w6']);
    expect(highlighted(index, matchExcerpt(index, 'w5 w6 [and so on]'))).toEqual(['w5 w6']);
  });

  it('replaces words, as editors do: [Lightfoot’s] for "her"', () => {
    const src = fromMarkdown('“I think there needs to be a clarification around what her plans are,” Rey Wences said.');
    expect(highlighted(src, matchExcerpt(src, 'a clarification around what [Lightfoot’s] plans are'))).toEqual([
      'a clarification around what her plans are',
    ]);
  });

  it('stands for nothing: an added word in brackets', () => {
    const src = fromMarkdown('Chicago police will not team up with ICE.');
    expect(highlighted(src, matchExcerpt(src, '[the] Chicago police will not team up with ICE'))).toEqual([
      'Chicago police will not team up with ICE',
    ]);
  });
});

describe('matchExcerpt: repetitive sources', () => {
  // Many near-misses before the one real match: every bounded search must still find it.
  const text = `${'the police said the city would act. '.repeat(2000)}Then the police said the city zzz.`;
  const index = indexSource([{ kind: 'paragraph', text }]);

  it('finds the match after thousands of near-misses', () => {
    const r = matchExcerpt(index, 'then [the mayor] city zzz');
    expect(highlighted(index, r)).toEqual(['Then the police said the city zzz']);
    if (r.ok) expect(r.start).toBe(text.length - 'Then the police said the city zzz.'.length);
    // the earliest start wins: a "the" eleven words back may stand before the insertion
    expect(highlighted(index, matchExcerpt(index, 'the [mayor] city zzz'))).toEqual([
      'the police said the city would act. Then the police said the city zzz',
    ]);
    expect(highlighted(index, matchExcerpt(index, 'would act … then [x] zzz'))).toEqual([
      'would act',
      'Then the police said the city zzz',
    ]);
  });

  it('fails cleanly when nothing matches', () => {
    expect(matchExcerpt(index, 'the [x] the police said the city yyy').ok).toBe(false);
  });
});

describe('matchExcerpt: source text with its own brackets and ellipses', () => {
  const index = fromMarkdown(HUFFPOST);

  it('matches a quotation that repeats the source’s “[or]”', () => {
    const r = matchExcerpt(index, 'whether it’s traffic stops [or] additional support');
    expect(highlighted(index, r)).toEqual(['whether it’s traffic stops [or] additional support']);
  });

  it('matches across the source’s own “…” with an elision', () => {
    const r = matchExcerpt(index, 'additional support. … We have also cut off ICE from any access');
    expect(highlighted(index, r)).toEqual(['additional support.', 'We have also cut off ICE from any access']);
    if (r.ok) expect(r.text).toBe('additional support. … We have also cut off ICE from any access');
  });

  it('does not take "or" for the source’s "[or]" without the brackets', () => {
    expect(matchExcerpt(index, 'traffic stops or additional support').ok).toBe(false);
  });
});

describe('matchExcerpt: non-Latin and accented text', () => {
  const index = fromMarkdown(
    [
      'Ο Οδυσσεύς επέστρεψε στην Ιθάκη.',
      'Москва — столица России.',
      '北京是中国的首都。',
      'مرحبا بالعالم الجميل',
      'A prefeitura de São Paulo não comentou a decisão.',
      'Le maire a déclaré : « nous n’avons rien à cacher ».',
    ].join('\n\n'),
  );

  it('matches Greek regardless of case, final sigma included', () => {
    expect(highlighted(index, matchExcerpt(index, 'ΟΔΥΣΣΕΎΣ ΕΠΈΣΤΡΕΨΕ'))).toEqual(['Οδυσσεύς επέστρεψε']);
  });

  it('matches Cyrillic with the dash folded', () => {
    expect(highlighted(index, matchExcerpt(index, 'москва - столица'))).toEqual(['Москва — столица']);
  });

  it('matches Chinese, which has no spaces between words', () => {
    const r = matchExcerpt(index, '中国的首都');
    expect(r.ok && r.ranges[0]!.block).toBe(2);
    expect(highlighted(index, r)).toEqual(['中国的首都']);
  });

  it('matches Arabic, but not inside a word', () => {
    expect(highlighted(index, matchExcerpt(index, 'بالعالم الجميل'))).toEqual(['بالعالم الجميل']);
    expect(matchExcerpt(index, 'العالم الجميل').ok).toBe(false); // a suffix of بالعالم
  });

  it('matches Portuguese and French written with decomposed accents', () => {
    const pt = 'Sa\u0303o Paulo na\u0303o comentou a decisa\u0303o';
    expect(highlighted(index, matchExcerpt(index, pt))).toEqual(['São Paulo não comentou a decisão']);
    const fr = '« nous n’avons rien a\u0300 cacher »';
    expect(highlighted(index, matchExcerpt(index, fr))).toEqual(['« nous n’avons rien à cacher »']);
  });

  it('does not ignore accents: they are part of the words', () => {
    expect(matchExcerpt(index, 'Sao Paulo nao comentou').ok).toBe(false);
  });

  it('highlights the original decomposed text when the source is decomposed', () => {
    const src = indexSource([{ kind: 'paragraph', text: 'A decisa\u0303o foi adiada.' }]);
    expect(highlighted(src, matchExcerpt(src, 'decisão foi'))).toEqual(['decisa\u0303o foi']);
  });
});

describe('closest passage', () => {
  const index = fromMarkdown(HUFFPOST);

  it('points at the passage the editor meant when a word is wrong', () => {
    const r = matchExcerpt(index, 'the mayor refuses to put the ban into writing');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('the excerpt does not occur in the source');
    expect(r.closest).toContain('refuses to put such a ban in writing');
    expect(r.closestBlock).toBe(2);
  });

  it('points at the missing part of an elided excerpt', () => {
    const r = matchExcerpt(index, 'permanently banned … cut ICE off from every CPD database');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.closestBlock).toBe(1);
    expect(r.closest).toMatch(/cut off ICE from any access from any CPD databases/);
  });

  it('offers no passage when none shares a word with the excerpt', () => {
    const r = matchExcerpt(index, 'xyzzy plugh');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.closest).toBe('');
  });

  it('can be asked directly', () => {
    const c = closestPassage(index, 'looming raids to detain immigrants');
    expect(c.block).toBe(0);
    expect(c.text).toContain('looming ICE raids to detain');
  });

  it('finds Chinese passages character by character', () => {
    const zh = fromMarkdown('今天天气很好。\n\n北京是中国的首都。');
    const c = closestPassage(zh, '上海是中国的首都');
    expect(c.block).toBe(1);
    expect(c.text).toContain('中国的首都');
  });
});

describe('parseExcerpt', () => {
  it('splits literal parts, elisions and insertions', () => {
    expect(parseExcerpt('A “b” […] c [d] e ... f')).toEqual({
      segments: ['a "b"', 'c', 'e', 'f'],
      gaps: ['elision', 'insertion', 'elision'],
      insertions: [0, 1, 0],
      written: ['A “b”', 'c', 'e', 'f'],
    });
  });
  it('an empty excerpt has no parts and never matches', () => {
    expect(parseExcerpt(' … ').segments).toEqual([]);
    expect(matchExcerpt(indexSource([{ kind: 'paragraph', text: 'x' }]), '…').ok).toBe(false);
  });
});

describe('matchExcerpt: bounded on adversarial excerpts', () => {
  // A source of one word repeated: every [insertion] window holds a dozen places to continue from,
  // so a search that retries each of them for every earlier choice takes exponential time.
  // The timeout is no speed target: an exponential search of these runs for hours, a bounded one
  // ends well inside it even on a loaded machine.
  const BOUND = { timeout: 20_000 };
  const repetitive = indexSource([{ kind: 'paragraph', text: Array.from({ length: 1000 }, () => 'ban').join(' ') }]);
  const chain = (links: number, gap: string, last: string) =>
    `${Array.from({ length: links }, () => 'ban').join(` ${gap} `)} ${gap} ${last}`;

  it('a chain of insertions that cannot end finishes at once, as a miss', BOUND, () => {
    const r = matchExcerpt(repetitive, chain(40, '[the city]', 'permanent'));
    expect(r.ok).toBe(false);
  });

  it('a chain of insertions and elisions that cannot end finishes at once, as a miss', BOUND, () => {
    const excerpt = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? 'ban …' : 'ban [a] [b]')).join(' ');
    expect(matchExcerpt(repetitive, `${excerpt} permanent`).ok).toBe(false);
  });

  it('and one that can end still matches', BOUND, () => {
    const r = matchExcerpt(repetitive, chain(40, '[the city]', 'ban'));
    expect(r.ok).toBe(true);
  });
});

describe('firstDifference: what the excerpt has, what the source has', () => {
  it('marks a changed word, with a word of context on each side', () => {
    expect(
      firstDifference(
        'We have also cut off ICE from any access from any CPD databases and that will stay permanent.',
        'or] additional support. … We have also cut off ICE from any access from any CPD databases and that will remain permanent',
      ),
    ).toEqual({ excerpt: 'will stay permanent', source: 'will remain permanent' });
  });
  it('marks a changed comma and a trailing full stop as differences of their own', () => {
    expect(firstDifference('will remain permanent.', 'that will remain permanent, she said')).toEqual({
      excerpt: 'permanent.',
      source: 'permanent,',
    });
    expect(firstDifference('the bridge is not safe, for cars', 'The bridge is not safe for cars, trucks')).toEqual({
      excerpt: 'safe, for',
      source: 'safe for',
    });
  });
  it('marks words left out and words added', () => {
    expect(firstDifference('the bridge is safe', 'The bridge is not safe for')).toEqual({
      excerpt: 'is safe',
      source: 'is not safe',
    });
    expect(firstDifference('safe for all cars', 'bridge is not safe for cars, trucks or buses')).toEqual({
      excerpt: 'for all cars',
      source: 'for cars',
    });
  });
  it('ignores what the comparison ignores, and passages that are no version of the excerpt', () => {
    expect(firstDifference('ICE’s “access”', 'ICE\'s "access"')).toBeUndefined();
    expect(firstDifference('closed for good', 'is not safe for cars, trucks or')).toBeUndefined();
  });
});
