/**
 * The site renders the tree the check verified. Typography is applied to the
 * check's tree afterwards, so the links (targets and texts), the citations and
 * the text a reader sees are the ones checked, typography aside: held here on
 * the demo, every fixture, a generated desk, and a few thousand seeded
 * documents that mix quotation marks, bare and bracketed links, emphasis,
 * blockquotes and emoji.
 */
import { describe, expect, it } from 'vitest';
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import { collectCitations } from '../../src/core/citations.ts';
import { parseFile } from '../../src/core/frontmatter.ts';
import { parseMarkdown, plainText, walk } from '../../src/core/markdown.ts';
import { parseTypeset } from '../../src/core/typography.ts';
import { mulberry32 } from '../../scripts/bench/prng.ts';
import { contentTexts } from '../helpers/content-texts.ts';
import remarkCheckerParser from '../../src/remark/parser.ts';

const ours = unified().use(remarkParse).use(remarkGfm).use(remarkCheckerParser);
const oursTree = (doc: string) => ours.runSync(ours.parse({ value: doc, path: '/x.md' })) as Root;

/** Typography undone: what the comparison of the format ignores anyway. */
const plain = (s: string) =>
  s
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u2026/g, '...')
    .replace(/\u2014/g, '--');

/** The tree without the characters of its text: its shape, links, targets and positions. */
const shape = (t: unknown) => JSON.stringify(t, (k, v: unknown) => (k === 'value' ? undefined : v));

function links(tree: Root): string[] {
  const out: string[] = [];
  walk(tree, (n: Nodes) => {
    if (n.type === 'link' || n.type === 'image' || n.type === 'definition') {
      out.push(`${n.type} ${n.url} ${'title' in n ? n.title : ''} ${n.type === 'link' ? plain(plainText(n)) : ''}`);
    }
    return undefined;
  });
  return out;
}

const citations = (tree: Root) =>
  collectCitations(tree, 'claims/x.md').map(
    (c) => `${c.kind} ${c.source} ${c.stance} ${plain(c.excerpt ?? '')} ${c.problem ?? ''}`,
  );

/** Holds the check's tree and the site's tree to being the same document, typography aside. */
function expectSameDocument(doc: string): void {
  const checked = parseMarkdown(doc);
  const shown = parseTypeset(doc);
  expect(shape(shown), doc).toBe(shape(checked));
  expect(links(shown), doc).toEqual(links(checked));
  expect(citations(shown), doc).toEqual(citations(parseMarkdown(doc)));
  expect(plain(plainText(shown)), doc).toBe(
    plainText(checked).replace(/[\u201C\u201D\u2018\u2019\u2026\u2014]/g, (c) => plain(c)),
  );
}

describe('the site’s tree is the check’s tree, typeset', () => {
  it('for the demo, every fixture and a generated desk', () => {
    let n = 0;
    for (const raw of contentTexts({ claims: 30, seed: 11 })) {
      let body: string;
      try {
        body = parseFile(raw).body;
      } catch {
        continue; // front matter the check refuses: such a file is never rendered
      }
      expectSameDocument(body);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('for a closing mark after a bare link, which a parser typesetting first swallowed into the link', () => {
    const doc = "The city's notice is at \"www.chicago.gov/ice\" and the desk's at 'www.example.org'.";
    expectSameDocument(doc);
    expect(links(parseTypeset(doc))).toEqual([
      'link http://www.chicago.gov/ice null www.chicago.gov/ice',
      'link http://www.example.org null www.example.org',
    ]);
    expect(plainText(parseTypeset(doc))).toBe(
      'The city’s notice is at “www.chicago.gov/ice” and the desk’s at ‘www.example.org’.',
    );
  });

  it('for thousands of seeded documents mixing marks, bare and bracketed links, emphasis, blockquotes and emoji', () => {
    const r = mulberry32(2023);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const atoms = [
      '"',
      "'",
      '“',
      '”',
      '‘',
      '’',
      '«',
      '»',
      '...',
      '--',
      '---',
      ' ',
      ' ',
      ' ',
      'the ban',
      "ICE's",
      "officers'",
      "'90s",
      'www.example.org',
      'https://example.org/a?b=1',
      'http://x.example/"q"',
      '[a link](https://example.org)',
      '[“an excerpt”](../sources/s.md "supports")',
      '[plain](../sources/s.md)',
      '*em*',
      '**strong**',
      '_it_',
      '`code "x"`',
      '😀',
      '👩🏽‍⚖️',
      '🇫🇷',
      '(',
      ')',
      '.',
      ',',
      '!',
      '?',
      ':',
      '\n',
      '<https://example.org>',
      'x@example.org',
    ];
    for (let i = 0; i < 3000; i++) {
      let doc = '';
      for (let k = 2 + Math.floor(r() * 20); k > 0; k--) doc += pick(atoms);
      if (r() < 0.2) doc = `> ${doc.replace(/\n/g, '\n> ')}`;
      if (r() < 0.2) doc = `- ${doc}\n- ${pick(atoms)}`;
      expectSameDocument(doc);
    }
  });
});

describe('the site’s typography', () => {
  it('curls quotes, makes an ellipsis and an em dash of two dashes, and leaves code and three dashes alone', () => {
    const doc = 'He said "no" -- it\'s final... A --- B and `"code" -- ...`';
    const json = JSON.stringify(oursTree(doc));
    expect(json).toContain('He said “no” — it’s final… A --- B and ');
    expect(json).toContain('"value":"\\"code\\" -- ..."');
  });

  it('pairs marks across emphasis and links as the quotation check does', () => {
    expect(plainText(parseTypeset('She said "the *ban* is [permanent](https://example.org)" today.'))).toBe(
      'She said “the ban is permanent” today.',
    );
    expect(plainText(parseTypeset("the officers' union, the '90s, 'single' and \"double 'nested'\""))).toBe(
      'the officers’ union, the ’90s, ‘single’ and “double ‘nested’”',
    );
  });

  it("agrees with Astro's default (remark-smartypants) on the demo's own words", () => {
    const astro = unified().use(remarkParse).use(remarkGfm).use(remarkSmartypants);
    const astroText = (doc: string) => plainText(astro.runSync(astro.parse(doc)) as Root);
    const doc = 'The mayor said "the ban is permanent" -- and the union\'s leader called it "a start..."';
    expect(plainText(parseTypeset(doc))).toBe(astroText(doc));
  });
});
