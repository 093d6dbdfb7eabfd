import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { parseMarkdown } from '../../src/core/markdown.ts';
import { parseFile } from '../../src/core/frontmatter.ts';
import { contentTexts } from '../helpers/content-texts.ts';

// parseMarkdown parses with satteri (Rust) for speed; on what editors write the
// tree, positions included, must be the one remark-parse + remark-gfm give, as
// citations, excerpts and every path:line:col message are read off it. (On
// jumbles of syntax the two can differ, e.g. emphasis against an emoji or a
// literal autolink against punctuation; no page can show that difference, as
// the check and the site both read satteri's tree.)
const gfm = unified().use(remarkParse).use(remarkGfm);
const reference = (s: string) => gfm.runSync(gfm.parse(s)) as Root;

const SAMPLES = [
  'Plain prose with “curly quotes”, an em dash — and an ellipsis … nothing else.',
  'A table:\n\n| a | b |\n| - | - |\n| 1 | 2 |\n',
  'Struck ~~out~~ and ~single~ tildes.',
  'A footnote[^1].\n\n[^1]: The note.',
  '- [ ] open task\n- [x] done task\n- [X] done too\n- [\t] tab',
  'Bare www.example.org and https://example.org/a?b=c and WWW.EXAMPLE.ORG.',
  'Write to desk@example.org or mailto:desk@example.org.',
  '> Quoted [the mayor] text … more.\n>\n> — [Outlet](../sources/x.md "supports")',
  'Link [“quoted text”](../sources/x.md) and a [plain link](../claims/y.md).',
  '1. one\n2. two\n\n* star\n\n# Heading\n\n```js\ncode | pipe\n```',
  'HTML <span>inline</span> and an <!-- comment -->.',
  'Windows\r\nline endings\r\n\r\n> a quote\r\n> — [Outlet](../sources/x.md)\r\n',
  'Astral 😀 characters 𝒳 before a [“quote”](../sources/x.md) and é accents.',
  'Hard  \nbreak and back\\\nslash, &amp; entities &#x201C; and \\*escapes\\*.',
  'Setext\n======\n\n[ref]: ../sources/x.md "title"\n\nA [“quoted”][ref] and ![alt](i.png) and <https://example.org>.',
  '- a\n  - b\n    1. c\n\n\tindented code\n\n<div>\nblock html\n</div>\n',
];

describe('parseMarkdown', () => {
  it("gives remark's tree for text with and without GFM constructs", () => {
    for (const s of SAMPLES) expect(parseMarkdown(s)).toEqual(reference(s));
  });

  it('still parses GFM constructs', () => {
    const kinds = (t: Root) => JSON.stringify(t).match(/"type":"(table|delete|footnoteReference|link)"/g) ?? [];
    expect(kinds(parseMarkdown(SAMPLES[1]!))).toContain('"type":"table"');
    expect(kinds(parseMarkdown(SAMPLES[2]!))).toContain('"type":"delete"');
    expect(kinds(parseMarkdown(SAMPLES[3]!))).toContain('"type":"footnoteReference"');
    expect(kinds(parseMarkdown(SAMPLES[5]!))).toContain('"type":"link"');
    expect(JSON.stringify(parseMarkdown(SAMPLES[4]!))).toContain('"checked":true');
  });

  it("gives remark's tree for the demo content, every fixture and a generated corpus", () => {
    const bodies = contentTexts({ claims: 30, seed: 5 }).map((text) => parseFile(text).body);
    expect(bodies.length).toBeGreaterThan(100);
    for (const b of bodies) expect(parseMarkdown(b)).toEqual(reference(b));
  });
});
