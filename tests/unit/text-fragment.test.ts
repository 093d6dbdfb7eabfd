import { describe, expect, it } from 'vitest';
import { encodeTextPart, formatTextDirective, textDirective, textFragmentUrl } from '../../src/site/text-fragment.ts';

const at = (text: string, passage: string) => {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error(`not in text: ${passage}`);
  return [start, start + passage.length] as const;
};

describe('encodeTextPart', () => {
  it('percent-encodes the directive syntax characters - , and &', () => {
    expect(encodeTextPart('a-b, c & d')).toBe('a%2Db%2C%20c%20%26%20d');
  });
  it('encodes non-ASCII text as UTF-8', () => {
    expect(encodeTextPart('ajouté « x »')).toBe('ajout%C3%A9%20%C2%AB%20x%20%C2%BB');
  });
});

describe('textDirective', () => {
  const text = 'The council voted seven to two on Tuesday.\n\nThe plan costs 12 million dollars. It will be finished by 2026.';

  it('writes a short passage whole, with white space collapsed', () => {
    const [s, e] = at(text, 'seven to two');
    expect(textDirective(text, s, e)).toEqual({ start: 'seven to two' });
  });

  it('writes a long passage as start,end', () => {
    const [s, e] = at(text, 'The plan costs 12 million dollars. It will be finished by 2026.');
    expect(textDirective(text, s, e)).toEqual({ start: 'The plan costs 12', end: 'be finished by 2026.' });
  });

  it('always uses start,end for a passage that spans paragraphs', () => {
    const [s] = at(text, 'seven to two');
    const [, e] = at(text, 'The plan costs');
    expect(textDirective(text, s, e)).toEqual({ start: 'seven to two on', end: 'The plan costs' });
  });

  it('adds prefix and suffix when the passage occurs more than once', () => {
    const t = 'He said no. Then she said no to the plan.';
    const second = t.lastIndexOf('said no');
    expect(textDirective(t, second, second + 'said no'.length)).toEqual({
      prefix: 'no. Then she',
      start: 'said no',
      suffix: 'to the plan.',
    });
  });

  it('takes context only from the passage’s own paragraph', () => {
    const t = 'First paragraph ends here.\n\nsaid no, and said no again';
    const s = t.indexOf('said no');
    const d = textDirective(t, s, s + 7);
    expect(d.prefix).toBeUndefined();
    expect(d.suffix).toBe(', and said');
  });
});

describe('formatTextDirective and textFragmentUrl', () => {
  it('follows the WICG syntax text=[prefix-,]start[,end][,-suffix]', () => {
    expect(formatTextDirective({ prefix: 'a-b', start: 'c', end: 'd,e', suffix: 'f' })).toBe('text=a%2Db-,c,d%2Ce,-f');
  });

  it('appends the fragment to a URL with a query string', () => {
    const t = 'Opponents said the cost had doubled.';
    const [s, e] = at(t, 'the cost had doubled');
    expect(textFragmentUrl('https://news.example.com/a?id=7&x=1', t, s, e)).toBe(
      'https://news.example.com/a?id=7&x=1#:~:text=the%20cost%20had%20doubled',
    );
  });

  it('keeps an existing fragment and replaces an existing directive', () => {
    const t = 'one two three';
    expect(textFragmentUrl('https://x.example/p#sec', t, 4, 7)).toBe('https://x.example/p#sec:~:text=two');
    expect(textFragmentUrl('https://x.example/p#:~:text=old', t, 4, 7)).toBe('https://x.example/p#:~:text=two');
  });
});
