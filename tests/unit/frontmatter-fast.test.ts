import { describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { parseFile, plainLocate } from '../../src/core/frontmatter.ts';
import { contentTexts } from '../helpers/content-texts.ts';

// The check reads front matter with js-yaml (`fast`) and keeps that reading when the
// schema accepts it; `yaml` reads it otherwise. Whatever js-yaml reads must be
// exactly what `yaml` reads, or a file could pass the check with other data.

const contentFiles = () => contentTexts({ claims: 40, seed: 7 });

const fm = (yaml: string) => `---\n${yaml}\n---\nBody.\n`;

/** Plain scalars whose type YAML 1.2's core schema decides, and scalars js-yaml's own schemas would read otherwise. */
const SCALARS = [
  'null',
  'Null',
  'NULL',
  '~',
  '',
  'nil',
  'None',
  'true',
  'True',
  'TRUE',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0',
  '12',
  '-12',
  '+12',
  '012',
  '0o17',
  '0O17',
  '0x1F',
  '0X1F',
  '0b101',
  '1_000',
  '1,000',
  '190:20:30',
  '1.5',
  '-.5',
  '+.5',
  '.5',
  '1.',
  '1e3',
  '1E-3',
  '.1e2',
  '1.5e+3',
  '1_000.5',
  '.inf',
  '-.inf',
  '+.inf',
  '.Inf',
  '.INF',
  '.nan',
  '.NaN',
  '.NAN',
  '-.nan',
  '2019-07-03',
  '2019-02-30',
  '2019-07-03T10:00:00Z',
  '2019-07-03 10:00',
  'a plain string',
  "it's",
  'https://example.org/a?b=c#d',
  '"quoted 12"',
  "'single 12'",
];

describe('front matter: the fast reading', () => {
  it('reads every scalar as the core schema does', () => {
    for (const v of SCALARS) {
      const fast = parseFile(fm(`v: ${v}`), { fast: true });
      const exact = parseFile(fm(`v: ${v}`));
      expect(fast.data, v).toEqual(exact.data);
    }
  });

  it('reads every content file, fixture and generated file as yaml does', () => {
    let fastReadings = 0;
    for (const text of contentFiles()) {
      const fast = parseFile(text, { fast: true });
      const exact = parseFile(text);
      expect(fast.body).toBe(exact.body);
      expect(fast.bodyLineOffset).toBe(exact.bodyLineOffset);
      if (!fast.fast) continue;
      fastReadings++;
      expect(exact.errors).toEqual([]);
      expect(fast.data).toEqual(exact.data);
    }
    expect(fastReadings).toBeGreaterThan(100);
  });

  it('reads block scalars, flow lists, quoting and comments as yaml does', () => {
    const yaml = [
      'title: "A \\"quoted\\" title with \\u00e9 and \\\\"',
      "claim: 'It''s permanent'",
      'summary: >-\n  Folded\n  text\n\n  with a paragraph',
      'analysis: |\n  Kept\n    indented\n  lines\n',
      'tags: [a, "b, c", \'d\']',
      'author:\n  - One\n  - Two # a comment',
      'nested:\n  name: Desk\n  url: https://example.org',
      'multi: plain text\n  continued on a second line',
      'empty:',
      'colon: "a: b"',
      'hash: a#b',
    ].join('\n');
    const fast = parseFile(fm(yaml), { fast: true });
    expect(fast.fast).toBe(true);
    expect(fast.data).toEqual(parseFile(fm(yaml)).data);
  });

  it('leaves to yaml what parsers read differently, and what yaml reports', () => {
    for (const yaml of [
      'a: &x 1\nb: *x',
      'a: !!str 12',
      '%YAML 1.2\n---\na: 1',
      '? complex\n: key',
      'a:\n  <<: {b: 1}',
      'a: 1\na: 2',
      'a:\t1',
      '- a list',
      'just a string',
      'a: [unclosed',
    ]) {
      expect(parseFile(fm(yaml), { fast: true }).fast, yaml).toBe(false);
    }
  });

  it('finds fields in a fast reading through yaml', () => {
    const text = fm('title: T\npublisher:\n  name: Desk');
    const fast = parseFile(text, { fast: true });
    expect(fast.fast).toBe(true);
    expect(fast.locate(['publisher', 'name'])).toEqual(parseFile(text).locate(['publisher', 'name']));
    expect(fast.locate(['publisher', 'name'])).toEqual({ line: 4, column: 9 });
  });
});

describe('front matter: positions in a fast reading', () => {
  /** Every top-level field and every item of a top-level list: the paths warnings point at. */
  const paths = (data: Record<string, unknown>) =>
    Object.entries(data).flatMap(([k, v]) => [[k], ...(Array.isArray(v) ? v.map((_, i) => [k, i]) : [])]);

  it('are where yaml finds them, in every content file, fixture and generated file', () => {
    let answered = 0;
    for (const text of contentFiles()) {
      const fast = parseFile(text, { fast: true });
      if (!fast.fast) continue;
      const exact = parseFile(text);
      for (const path of paths(fast.data)) {
        expect(fast.locate(path), `${path.join('.')} in ${text.slice(0, 80)}`).toEqual(exact.locate(path));
        // plainLocate is what answers without yaml; the fixtures exercise it, not only the fallback.
        const yaml = text
          .replace(/\r\n?/g, '\n')
          .slice(3)
          .split(/\n---[ \t]*(?:\n|$)/)[0]!;
        if (plainLocate(yaml, fast.data, path, 1)) answered++;
      }
    }
    expect(answered).toBeGreaterThan(500);
  });

  it('are left to yaml where a line only looks like the field', () => {
    const cases: [string, PropertyKey[]][] = [
      ['summary: |\n  text\nclaim: A', ['claim']],
      ['claim: >-\n  Folded\n  text', ['claim']],
      ['claim: plain\n  continued', ['claim']],
      ['claim: "two\n  lines"', ['claim']],
      ['claim: "A" # comment', ['claim']],
      ['claim: [a, b]', ['claim', 0]],
      ['tags:\n  - a\n\n  - b', ['tags', 1]],
      ['tags:\n  - a\n  # note\n  - b', ['tags', 1]],
      ['tags:\n  - a\n    continued\n  - b', ['tags', 1]],
      ['tags:\n  - name: x', ['tags', 0]],
      ['tags:\n- a\n- b', ['tags', 1]],
      ['tags:\n  -   spaced\n  - "q"', ['tags', 1]],
      ['claim: 12', ['claim']],
      ['claim:', ['claim']],
      ['nested:\n  claim: x', ['nested', 'claim']],
    ];
    for (const [yaml, path] of cases) {
      const text = fm(yaml);
      const fast = parseFile(text, { fast: true });
      expect(fast.locate(path), yaml).toEqual(parseFile(text).locate(path));
    }
    // Not guessed: the line after a block scalar's header, a continued value, a comment after a quote.
    const data = { summary: 'text\n', claim: 'A' };
    expect(plainLocate('\nsummary: |\n  claim: B\nclaim: A', data, ['claim'], 1)).toEqual({ line: 4, column: 8 });
    expect(plainLocate('\nclaim: plain\n  continued', { claim: 'plain continued' }, ['claim'], 1)).toBeUndefined();
    expect(plainLocate('\nclaim: "A" # c', { claim: 'A' }, ['claim'], 1)).toBeUndefined();
    expect(plainLocate('\nclaim: A\nclaim: B', { claim: 'B' }, ['claim'], 1)).toBeUndefined();
  });

  it('are read once per file, however many are asked for', () => {
    // A claim whose tags alternate in spelling gets a problem, and a position, per tag: asking
    // for each must not read the whole list again (it did, and 4,000 tags took most of a minute).
    const n = 20_000;
    const text = fm(`title: T\ntags:\n${Array.from({ length: n }, (_, i) => `  - ${i % 2 ? 'Tag' : 'tag'}`).join('\n')}`);
    const fast = parseFile(text, { fast: true });
    expect(fast.fast).toBe(true);
    const found = Array.from({ length: n }, (_, i) => fast.locate(['tags', i]));
    expect(found[0]).toEqual({ line: 4, column: 5 });
    expect(found[n - 1]).toEqual({ line: n + 3, column: 5 });
    const exact = parseFile(text);
    for (const i of [1, 777, n - 2]) expect(found[i]).toEqual(exact.locate(['tags', i]));
  });
});

describe('front matter: the body', () => {
  it('is what gray-matter leaves of the whole file', () => {
    const cases = [
      '---\ntitle: T\n---\nBody.\n',
      '---\ntitle: T\n---   \n\n\nBody after blank lines.\n',
      '---\ntitle: T\n---',
      '---\ntitle: T\n---\n',
      '---\n---\nNo fields.\n',
      '---\ntitle: T\nnote: |\n  ---x\n---\nBody.\n',
      '---\ntitle: T\n---\n---\nA rule first.\n',
    ];
    for (const text of [...cases, ...contentFiles()]) {
      const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      if (!/^---[ \t]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/.test(src)) continue;
      // A fresh options object: gray-matter caches by text when none is given.
      expect(parseFile(text).body, JSON.stringify(text.slice(0, 60))).toBe(
        matter(src, { engines: { yaml: () => ({}) } }).content,
      );
    }
  });
});
