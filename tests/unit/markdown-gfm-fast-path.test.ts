import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { parseMarkdown } from '../../src/lib/markdown.ts';
import { parseFile } from '../../src/lib/frontmatter.ts';
import { generateCorpus } from '../../src/lib/bench-corpus.ts';

// parseMarkdown skips the GFM extensions for text in which no GFM construct can
// start; whatever the text, the tree must be the one full GFM parsing gives.
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
];

describe('parseMarkdown without GFM where GFM cannot apply', () => {
  it('gives the full GFM tree for text with and without GFM constructs', () => {
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

  it('gives the full GFM tree for the demo content and a generated corpus', () => {
    const bodies: string[] = [];
    const content = join(import.meta.dirname, '../../content');
    for (const c of ['claims', 'sources', 'pages']) {
      for (const f of readdirSync(join(content, c))) bodies.push(parseFile(readFileSync(join(content, c, f), 'utf8')).body);
    }
    for (const f of generateCorpus({ claims: 30, seed: 5 })) if (f.path.endsWith('.md')) bodies.push(parseFile(f.content).body);
    expect(bodies.length).toBeGreaterThan(40);
    for (const b of bodies) expect(parseMarkdown(b)).toEqual(reference(b));
  });
});
