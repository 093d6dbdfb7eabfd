import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { Worker } from 'node:worker_threads';
import { dump } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { MAX_FRONT_MATTER_NESTING, parseFile } from '../../src/core/frontmatter.ts';
import { contentTexts } from '../helpers/content-texts.ts';

const SOURCE = [
  '---', //                                  1
  'title: Chicago bans ICE', //               2
  'outlet: HuffPost', //                      3
  'author: [Jane Doe, John Roe]', //          4
  'published: 2019-07-11', //                 5
  '---', //                                   6
  'First paragraph.', //                      7
  '',
].join('\n');

describe('parseFile: front matter with positions', () => {
  it('reads the fields, the body and how many lines precede the body', () => {
    const p = parseFile(SOURCE);
    expect(p.errors).toEqual([]);
    expect(p.data).toEqual({
      title: 'Chicago bans ICE',
      outlet: 'HuffPost',
      author: ['Jane Doe', 'John Roe'],
      published: '2019-07-11',
    });
    expect(p.body).toBe('First paragraph.\n');
    expect(p.bodyLineOffset).toBe(6);
  });

  it('locates a field’s value by its path, in file lines', () => {
    const p = parseFile(SOURCE);
    expect(p.locate(['title'])).toEqual({ line: 2, column: 8 });
    expect(p.locate(['published'])).toEqual({ line: 5, column: 12 });
    expect(p.locate(['author', 1])).toEqual({ line: 4, column: 20 }); // the J of John
  });

  it('falls back to the nearest existing node for a missing path', () => {
    const p = parseFile(SOURCE);
    expect(p.locate(['author', 5])).toEqual({ line: 4, column: 9 });
  });

  it('keeps dates as strings, so unreal dates are not rolled over', () => {
    expect(parseFile('---\nreviewed: 2019-02-30\n---\n').data.reviewed).toBe('2019-02-30');
  });

  it('reads unquoted true and false as booleans (the schema turns them into verdict ids)', () => {
    expect(parseFile('---\nverdict: false\n---\n').data.verdict).toBe(false);
    expect(parseFile('---\nverdict: true\n---\n').data.verdict).toBe(true);
  });

  it('points a YAML syntax error at its file line', () => {
    const p = parseFile(['---', 'title: A', 'outlet: [HuffPost', 'published: 2019-07-11', '---', 'Body'].join('\n'));
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0]!.message).toMatch(/^front matter: /);
    expect(p.errors[0]!.line).toBeGreaterThanOrEqual(3);
    expect(p.errors[0]!.line).toBeLessThanOrEqual(5);
    expect(p.data).toEqual({});
  });

  it('reports a field given twice at the second one', () => {
    const p = parseFile(['---', 'title: a', 'outlet: b', 'title: c', '---', ''].join('\n'));
    expect(p.errors).toEqual([{ line: 4, column: 1, message: 'front matter: Map keys must be unique' }]);
  });

  it('reports front matter that is not closed', () => {
    const p = parseFile('---\ntitle: A\n\nBody that never ends the front matter\n');
    expect(p.errors).toEqual([{ line: 1, column: 1, message: 'front matter is not closed by a line of ---' }]);
  });

  it('reports front matter that is a list, not fields', () => {
    const p = parseFile('---\n- a\n- b\n---\nx');
    expect(p.errors).toEqual([{ line: 2, column: 1, message: 'front matter must be a set of `field: value` lines' }]);
  });

  it('reads CRLF files and a byte-order mark like any other', () => {
    const p = parseFile('\uFEFF---\r\ntitle: A\r\ndraft: true\r\nreviewed: 2019-07-15\r\n---\r\nBody\r\n');
    expect(p.errors).toEqual([]);
    expect(p.data).toEqual({ title: 'A', draft: true, reviewed: '2019-07-15' });
    expect(p.bodyLineOffset).toBe(5);
    expect(p.locate(['reviewed'])).toEqual({ line: 4, column: 11 });
  });

  it('a file without front matter is all body', () => {
    const p = parseFile('Just text.\n');
    expect(p.data).toEqual({});
    expect(p.body).toBe('Just text.\n');
    expect(p.bodyLineOffset).toBe(0);
  });

  it('reads a whole YAML file (site.yml) with lines counted from 1', () => {
    const p = parseFile('title: T\nurl: https://example.org\npublisher:\n  name: Desk\n', { wholeYaml: true });
    expect(p.data).toEqual({ title: 'T', url: 'https://example.org', publisher: { name: 'Desk' } });
    expect(p.locate(['publisher', 'name'])).toEqual({ line: 4, column: 9 });
    const bad = parseFile('title: T\nurl: [\n', { wholeYaml: true });
    expect(bad.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('parseFile: what YAML readers disagree on or choke on', () => {
  it('refuses a control character in the front matter at its line and column (Astro’s reader throws on it)', () => {
    expect(parseFile('---\ntitle: a\u0000b\n---\nbody\n').errors).toEqual([
      { line: 2, column: 9, message: 'front matter holds the control character U+0000, which YAML does not allow; delete it' },
    ]);
    expect(parseFile('title: x\u0007\n', { wholeYaml: true }).errors[0]).toMatchObject({ line: 1, column: 9 });
    // In the body, a NUL is CommonMark's business (it reads as U+FFFD), not YAML's.
    expect(parseFile('---\ntitle: a\n---\nbody\u0000\n').errors).toEqual([]);
  });

  it('reads front matter of hundreds of thousands of blank lines (two tests of it took the square of their number)', () => {
    const lines = 300_000;
    expect(parseFile(`---\n${' \n'.repeat(lines)}title: T\n---\nBody.\n`, { fast: true })).toMatchObject({
      data: { title: 'T' },
      errors: [],
      bodyLineOffset: lines + 3,
    });
    expect(parseFile(`---\n${'\n'.repeat(lines)}# only a comment\n---\nBody.\n`, { fast: true })).toMatchObject({
      data: {},
      errors: [],
    });
  });

  it('finds a key given twice among fifty thousand (yaml’s own test took the square of their number)', () => {
    const keys = 50_000;
    const text = `---\n${Array.from({ length: keys }, (_, i) => `k${i}: 1\n`).join('')}k7: 2\n---\nBody.\n`;
    expect(parseFile(text).errors).toEqual([{ line: keys + 2, column: 1, message: 'front matter: Map keys must be unique' }]);
    // Where yaml's own test finds repeated keys, and what it lets pass (NaN, equal collections).
    const docs = [
      '{a: 1, b: 2, a: 3}: x\n.nan: 1\n.nan: 2\n? [a]\n: 1\n? [a]\n: 2\n',
      'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n',
      '&x a: 1\n!!str a: 2\n"a": 3\n1: x\n"1": y\n1: z\n',
      'a: [x, {b: 1, b: 2}]\nbad: [\n',
    ];
    for (const yaml of docs) {
      const lines = new LineCounter();
      const theirs = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false, lineCounter: lines }).errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { line: at.line, column: at.col, message: `front matter: ${e.message.split('\n')[0]}` };
      });
      expect(theirs.length).toBeGreaterThan(0);
      expect(parseFile(yaml, { wholeYaml: true }).errors, yaml).toEqual(theirs);
    }
  });

  it('refuses aliases that expand past the limit, at the first alias, and keeps a few', () => {
    const bomb = `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(10)}*a]\nc: [${'*b, '.repeat(10)}*b]\n---\n`;
    const parsed = parseFile(bomb);
    expect(parsed.data).toEqual({});
    expect(parsed.errors).toEqual([
      {
        line: 3,
        column: 8,
        message: 'front matter: the aliases (*name) expand to too much data; repeat the values instead (at most 100 aliases)',
      },
    ]);
    expect(parseFile('---\na: &a [x]\nb: *a\n---\n').data).toEqual({ a: ['x'], b: ['x'] });
  });
});

describe('parseFile: front matter nested deeper than the limit', () => {
  const nested = (depth: number, leaf: unknown = 'deep'): unknown => {
    let value = leaf;
    // One level each, lists and maps in turn, alone and with siblings: every way one can sit in another.
    const wraps = [(v: unknown) => [v, 'x'], (v: unknown) => ({ k: v, s: 'x' }), (v: unknown) => [v], (v: unknown) => ({ k: v })];
    for (let i = depth - 1; i > 0; i--) value = wraps[i % 4]!(value);
    return { tags: value };
  };
  const nestingError = (text: string, wholeYaml = false) =>
    parseFile(text, { wholeYaml }).errors.find((e) => /nested \d+ levels deep/.test(e.message));

  it('measures a document as yaml builds it, in block style, flow style and both', () => {
    for (const flowLevel of [-1, 0, 40, 99]) {
      for (const depth of [MAX_FRONT_MATTER_NESTING - 1, MAX_FRONT_MATTER_NESTING]) {
        const text = dump(nested(depth), { flowLevel, lineWidth: -1 });
        expect(nestingError(text, true), `depth ${depth}, flow from ${flowLevel}`).toBeUndefined();
        expect(parseFile(text, { wholeYaml: true }).data).toEqual(nested(depth));
      }
      const text = dump(nested(MAX_FRONT_MATTER_NESTING + 1), { flowLevel, lineWidth: -1 });
      expect(nestingError(text, true)?.message, `flow from ${flowLevel}`).toBe(
        'the front matter is nested 101 levels deep (lists or maps inside each other); at most 100 can be read',
      );
    }
  });

  it('passes long, shallow front matter with hundreds of keys and items', () => {
    const many = {
      title: 'T',
      tags: Array.from({ length: 300 }, (_, i) => `tag ${i}: - [x]`),
      ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, [{ a: i }]])),
    };
    const parsed = parseFile(`---\n${dump(many)}---\nBody.\n`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(many);
  });

  /** parseFile's problems for each text, read in a worker thread, whose stack is larger than the main thread's. */
  const inWorker = async (texts: string[]) => {
    const module = new URL('../../src/core/frontmatter.ts', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.module).then((m) => parentPort.postMessage(workerData.texts.map((t) =>
         [m.parseFile(t, { fast: true }).errors, m.parseFile(t).errors, m.parseFile(t, { wholeYaml: true }).errors])));`,
      { eval: true, workerData: { module, texts } },
    );
    try {
      return await new Promise<unknown>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    } finally {
      await worker.terminate();
    }
  };
  const here = (texts: string[]) =>
    texts.map((t) => [parseFile(t, { fast: true }).errors, parseFile(t).errors, parseFile(t, { wholeYaml: true }).errors]);
  const fm = (yaml: string) => `---\n${yaml}---\nBody.\n`;

  it('refuses, the same on every thread, the mistakes after which yaml nests what follows', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'a second key on each line',
        fm('a: b: c\n'.repeat(1500)),
        /^the front matter is not valid YAML here \(a second “key:” on one line\)/,
      ],
      ['brackets left open', fm(`a: [\nb:\n  ${'- '.repeat(3000)}x\n`), /^the front matter is nested 3001 levels deep/],
      [
        'brackets left open, then keys',
        fm(`a: [\n${'b: c: d\n'.repeat(300)}`),
        /^the front matter is not valid YAML here \(a \[ or \{ is not closed\)/,
      ],
      [
        'list items inside brackets',
        fm(`a: [\n ${'- '.repeat(3000)}x]\n`),
        /^the front matter is not valid YAML here \(a list item, “- ”, inside/,
      ],
      ['list items after tabs', fm(`a:\n${'-\t'.repeat(3000)}x\n`), /^the front matter is nested 3001 levels deep/],
      [
        'keys after tabs',
        fm('a:\tb:\tc\n'.repeat(3000)),
        /^the front matter is not valid YAML here \(a second “key:” on one line\)/,
      ],
    ];
    const texts = cases.map(([, text]) => text);
    const mine = here(texts);
    cases.forEach(([name, , message], i) => {
      expect(mine[i]![0], name).toHaveLength(1);
      expect(mine[i]![0]![0]!.message, name).toMatch(message);
    });
    expect(await inWorker(texts)).toEqual(mine);
  });

  it('gives the same problems on every thread for a thousand deep ones made of YAML’s pieces, valid or not', async () => {
    // What the property guards: yaml recovers from mistakes by nesting what follows, and how deep
    // the main thread's stack lets it go is not how deep a worker's does.
    const pieces = [
      'a: ',
      'b: c',
      '- ',
      '-\t',
      '? ',
      ': ',
      '[',
      ']',
      '{',
      '}',
      ', ',
      '\t',
      '  ',
      '"q" ',
      '&x ',
      '*x',
      ' #c',
      'v',
      '\n',
    ];
    const prefixes = ['', 'a: [\n', 'a:\n', '? x\n', 'a: {\n'];
    let seed = 2019;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const texts: string[] = [];
    for (let n = 0; n < 60; n++) {
      const motif = Array.from({ length: 1 + next(3) }, () => pieces[next(pieces.length)]).join('');
      const times = 300 + next(2200);
      const body = [
        () => motif.repeat(times),
        () => `${motif}\n`.repeat(times),
        () => Array.from({ length: times }, (_, i) => `${' '.repeat(i % 200)}${motif}\n`).join(''),
      ][next(3)]!();
      texts.push(fm(`${prefixes[next(prefixes.length)]}${body}\n`));
    }
    expect(await inWorker(texts)).toEqual(here(texts));
  });

  it('reports a deep file at its deepest list, the same on the main thread as in a worker, whose stack is larger', async () => {
    // A thousand levels: the main thread's stack overflows in either parser, a worker's does not.
    const text = `---\ntitle: T\ntags:\n  ${'- '.repeat(1000)}deep\n---\nBody.\n`;
    const here = parseFile(text, { fast: true }).errors;
    expect(here).toEqual([
      {
        line: 4,
        column: 2001,
        message: 'the front matter is nested 1001 levels deep (lists or maps inside each other); at most 100 can be read',
      },
    ]);
    const module = new URL('../../src/core/frontmatter.ts', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.module).then((m) => parentPort.postMessage(m.parseFile(workerData.text, { fast: true }).errors));`,
      { eval: true, workerData: { module, text } },
    );
    const there = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(there).toEqual(here);
  });
});

describe('the check and the site read front matter the same way, or the check refuses the file', () => {
  /** Astro's reading, as the site's collections do it (astro/dist/vite-plugin-markdown/content-entry-type.js). */
  const astro = (text: string) => {
    const parsed = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
    return { raw: parsed.rawFrontmatter, data: parsed.frontmatter, body: parsed.content.replace(/\r\n?/g, '\n').trim() };
  };

  it('on every content file the check accepts: the same front matter, the same body', () => {
    let compared = 0;
    for (const text of contentTexts({ claims: 20, seed: 3 })) {
      const ours = parseFile(text);
      if (ours.errors.length > 0 || !text.startsWith('---')) continue;
      const theirs = astro(text);
      expect(theirs.body, text.slice(0, 80)).toBe(ours.body.trim());
      const head = text.replace(/\r\n?/g, '\n').slice(0, text.length - ours.body.length);
      expect(`---${theirs.raw.replace(/\r\n?/g, '\n')}---`, text.slice(0, 80)).toBe(head.replace(/[ \t]*\n?$/, ''));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  const parting: [name: string, text: string, line: number, message: RegExp][] = [
    [
      'a dashed line inside',
      '---\ntitle: T\n---- optional ----\ndraft: true\n---\nBody.\n',
      3,
      /^this line begins with --- but is not exactly ---/,
    ],
    [
      'a line of +++ inside',
      '---\ntitle: T\n+++\ndraft: true\n---\nBody.\n',
      3,
      /^this line begins with \+\+\+ but is not exactly ---/,
    ],
    ['a closing line with more on it', '---\ntitle: T\n--- draft: true\n---\nBody.\n', 3, /^this line begins with ---/],
    ['a dashed first line', '----\ntitle: T\n---\nBody.\n', 1, /^the first line begins with --- but is not exactly ---/],
    ['CR-only line ends', '---\rtitle: T\rdraft: true\r---\rBody.\r', 1, /carriage return alone/],
  ];
  for (const [name, text, line, message] of parting) {
    it(`refuses ${name}, where the two readings part`, () => {
      // The case is real: the site reads other data than the text means (or throws).
      let theirs: unknown;
      try {
        theirs = astro(text).data;
      } catch (e) {
        theirs = e;
      }
      expect(theirs).not.toEqual(text.includes('draft') ? { title: 'T', draft: true } : { title: 'T' });
      const ours = parseFile(text);
      expect(ours.errors).toHaveLength(1);
      expect(ours.errors[0]).toMatchObject({ line, column: 1 });
      expect(ours.errors[0]!.message).toMatch(message);
    });
  }
});
