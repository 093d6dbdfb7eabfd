import { describe, expect, it } from 'vitest';
import { fold, normalize, splitsWord } from '../../src/core/normalize.ts';

describe('normalize: the comparison form of docs/content-format.md', () => {
  it('applies NFKC: ligatures and full-width letters become plain letters', () => {
    expect(fold('\uFB01ne')).toBe('fine');
    expect(fold('\uFF21\uFF22\uFF23 \uFF11\uFF12')).toBe('abc 12');
  });

  it('makes composed and decomposed accents the same', () => {
    const composed = 'caf\u00E9 S\u00E3o Paulo';
    const decomposed = 'cafe\u0301 Sa\u0303o Paulo';
    expect(composed).not.toBe(decomposed);
    expect(fold(decomposed)).toBe(fold(composed));
    expect(fold(composed)).toBe('caf\u00E9 s\u00E3o paulo');
  });

  it('straightens curly quotes and apostrophes', () => {
    expect(fold('\u201CHi,\u201D she said. \u2018It\u2019s\u2019 \u201Elow\u201C')).toBe(`"hi," she said. 'it's' "low"`);
  });

  it('turns every dash into -', () => {
    expect(fold('a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g')).toBe('a-b-c-d-e-f-g');
    expect(fold('raids \u2015 whether')).toBe(fold('raids - whether'));
  });

  it('collapses runs of white space, including non-breaking spaces and line breaks, and trims', () => {
    expect(fold('  one\u00A0\u00A0two\n\nthree\t\r\n four\u202Ffive\u2009six  ')).toBe('one two three four five six');
  });

  it('ignores letter case, also in other scripts', () => {
    expect(fold('ICE Chicago')).toBe('ice chicago');
    expect(fold('\u041C\u041E\u0421\u041A\u0412\u0410')).toBe(fold('\u041C\u043E\u0441\u043A\u0432\u0430')); // МОСКВА / Москва
    // Greek final sigma: ΟΔΥΣΣΕΎΣ and Οδυσσεύς compare equal.
    expect(fold('\u039F\u0394\u03A5\u03A3\u03A3\u0395\u038E\u03A3')).toBe(
      fold('\u039F\u03B4\u03C5\u03C3\u03C3\u03B5\u03CD\u03C2'),
    );
  });

  it('maps every normalised character back to its offset in the original', () => {
    const original = '  \u201CCaf\u0065\u0301\u201D\u00A0\u00A0\u2014 \uFB01n';
    const { text, map } = normalize(original);
    expect(text).toBe('"caf\u00E9" - fin');
    expect(map.length).toBe(text.length + 1);
    expect(map[text.length]).toBe(original.length);
    // the opening quote is original offset 2; "é" comes from "e" + combining acute at 6
    expect(map[0]).toBe(2);
    expect(map[4]).toBe(6);
    expect(original.slice(map[4]!, map[5]!)).toBe('e\u0301');
    // the space stands for the run of two NBSPs, which starts at 9
    expect(text[6]).toBe(' ');
    expect(map[6]).toBe(9);
    // both letters of the ligature point at the ligature
    const f = text.indexOf('fin');
    expect(map[f]).toBe(map[f + 1]);
    expect(original[map[f]!]).toBe('\uFB01');
    // slicing the original between mapped offsets gives the original words
    const at = text.indexOf('caf\u00E9');
    expect(original.slice(map[at]!, map[at + 4]!)).toBe('Cafe\u0301');
  });

  it('maps astral characters (two UTF-16 units) correctly', () => {
    const original = 'a \u{1D400}b c'; // MATHEMATICAL BOLD CAPITAL A, NFKC → "A"
    const { text, map } = normalize(original);
    expect(text).toBe('a ab c');
    expect(map[2]).toBe(2);
    expect(map[3]).toBe(4);
  });
});

describe('splitsWord', () => {
  it('is true between two letters of a spaced script and false around spaces and punctuation', () => {
    expect(splitsWord('a', 'b')).toBe(true);
    expect(splitsWord('a', ' ')).toBe(false);
    expect(splitsWord('.', 'b')).toBe(false);
    expect(splitsWord(undefined, 'b')).toBe(false);
  });
  it('is false in scripts written without spaces', () => {
    expect(splitsWord('\u662F', '\u4E2D')).toBe(false); // 是中
  });
});

describe('normalize: growth', () => {
  it('keeps every character when expansions push the text past the original length', () => {
    const original = 'ﬁ'.repeat(50) + ' Tail'.repeat(200);
    const { text, map } = normalize(original);
    expect(text).toBe('fi'.repeat(50) + ' tail'.repeat(200));
    expect(map.length).toBe(text.length + 1);
    expect(map[text.length]).toBe(original.length);
    expect(original[map[text.length - 1]!]).toBe('l');
  });

  it('keeps a lone surrogate as it is', () => {
    expect(normalize('a\uD800b').text).toBe('a\uD800b');
  });
});

describe('fold: the comparison form alone', () => {
  it('is normalize’s text for every ASCII string, white space and control characters included', () => {
    const alphabet = ' \t\n\r\v\fAZaz09"\'-.,[]\u0000\u001f\u007f';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join('');
      expect(fold(s), JSON.stringify(s)).toBe(normalize(s).text);
    }
    // Past ASCII, normalize decides: a curly quote, a dash, a non-breaking space.
    expect(fold('  It\u2019s \u2014 A\u00A0b ')).toBe(normalize('  It\u2019s \u2014 A\u00A0b ').text);
  });
});
