import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import { parseFile } from '../../src/core/frontmatter.ts';
import { parseMarkdown, parseTypeset } from '../../src/core/markdown.ts';
import { contentTexts } from '../helpers/content-texts.ts';
import remarkCheckerParser from '../../src/remark/parser.ts';

// Astro's default processor: remark-parse, remark-gfm and remark-smartypants, then our plugins.
const astro = unified().use(remarkParse).use(remarkGfm).use(remarkSmartypants);
const astroTree = (doc: string) => astro.runSync(astro.parse(doc));
// Ours: smartypants off, the parser plugin first.
const ours = unified().use(remarkParse).use(remarkGfm).use(remarkCheckerParser);
const oursTree = (doc: string) => ours.runSync(ours.parse({ value: doc, path: '/x.md' }));

describe('remarkCheckerParser', () => {
  it("gives the tree Astro's default processor gives, typography included, for the demo, every fixture and a generated corpus", () => {
    const docs = contentTexts({ claims: 30, seed: 11 });
    let n = 0;
    for (const raw of docs) {
      let body: string;
      try {
        body = parseFile(raw).body.trim();
      } catch {
        continue; // front matter the check refuses: such a file is never rendered
      }
      expect(oursTree(body)).toEqual(astroTree(body));
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('typesets quotes, ellipses and two dashes as SmartyPants does, leaving code and three dashes alone', () => {
    const doc = 'He said "no" -- it\'s final... A --- B and `"code" -- ...`';
    expect(oursTree(doc)).toEqual(astroTree(doc));
    expect(JSON.stringify(oursTree(doc))).toContain('He said “no” — it’s final… A --- B and ');
    expect(JSON.stringify(oursTree(doc))).toContain('"value":"\\"code\\" -- ..."');
  });

  it("keeps the checker's positions: only the typography differs from parseMarkdown", () => {
    const doc = '> "The ban" -- he said...\n>\n> — [Outlet](../sources/x.md)';
    const strip = (t: unknown) => JSON.stringify(t, (k, v: unknown) => (k === 'value' ? undefined : v));
    expect(JSON.stringify(parseTypeset(doc))).not.toBe(JSON.stringify(parseMarkdown(doc)));
    expect(strip(parseTypeset(doc))).toBe(strip(parseMarkdown(doc)));
  });
});
