/**
 * The site's Markdown processor (src/remark/processor.ts, its pipeline in src/remark/pipeline.ts)
 * leaves out Astro's remark-gfm, and runs rehype-raw only on a tree parse5 would build otherwise:
 * held here to render exactly what Astro's own unified() pipeline, with the same plugins, renders
 * (HTML, headings, pictures) for every content file of the demo and of every fixture site, the
 * broken ones included, and for content the check accepts that parse5 rebuilds (links in links, a
 * code block opening on a blank line), which a review of the first version found rendered
 * otherwise.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../src/remark/citations.ts';
import remarkCheckerParser from '../../src/remark/parser.ts';
import { parse5WouldChange } from '../../src/remark/pipeline.ts';
import { factcheckMarkdown } from '../../src/remark/processor.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { unified as unifiedCore } from 'unified';
import remarkRehype from 'remark-rehype';
import type { Root } from 'mdast';
import { FIXTURES, ROOT } from '../helpers/build-site.ts';

const SITES = [join(ROOT, 'content'), ...readdirSync(FIXTURES).map((s) => join(FIXTURES, s))];
const shared = { syntaxHighlight: false as const, image: {} };

async function outcome(renderer: MarkdownRenderer, file: string) {
  const { content, data } = matter(readFileSync(file, 'utf8'));
  try {
    return await renderer.render(content, { fileURL: pathToFileURL(file), frontmatter: data });
  } catch (e) {
    return { error: (e as Error).message.split('\n').slice(1).join('\n') };
  }
}

/** Astro's unified() pipeline with the site's plugins, and the site's processor, for one content folder. */
async function renderers(contentDir: string, base: string): Promise<{ astro: MarkdownRenderer; ours: MarkdownRenderer }> {
  const options = { contentDir, base };
  const astro = await unified({
    smartypants: false,
    remarkPlugins: [remarkCheckerParser, [remarkCitations, options]],
  }).createRenderer(shared);
  return { astro, ours: await factcheckMarkdown(options).createRenderer(shared) };
}

describe('the Markdown processor', () => {
  async function compareSite(site: string): Promise<number> {
    const { astro, ours } = await renderers(site, '/repo/');
    let files = 0;
    for (const collection of ['claims', 'sources', 'pages']) {
      let names: string[] = [];
      try {
        names = readdirSync(join(site, collection), { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith('.md'))
          .map((e) => e.name);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = join(site, collection, name);
        expect(await outcome(ours, file), file).toEqual(await outcome(astro, file));
        files++;
      }
    }
    return files;
  }

  it.each(SITES.map((s) => [relative(ROOT, s), s]))('renders %s as Astro’s unified pipeline does', async (_, site) => {
    expect(await compareSite(site)).toBeGreaterThan(0);
  });

  it('renders what parse5 rebuilds as Astro does: links in links, a code block opening on a blank line', async () => {
    const site = mkdtempSync(join(tmpdir(), 'markdown-processor-'));
    try {
      cpSync(join(FIXTURES, 'basic'), site, { recursive: true });
      const claim = join(site, 'claims', 'river-plan-on-budget.md');
      const page = join(site, 'pages', 'methodology.md');
      // A verified quotation inside an editor's link, to the web and to another review.
      appendFileSync(
        claim,
        '\n\nThe [report says the council voted “seven to two” on Tuesday](https://news.example.com/river-plan) and [our other review quotes “seven to two”](river-plan-by-2026.md).\n',
      );
      appendFileSync(
        page,
        [
          '',
          'An autolink in a link: [a <https://b.example/> c](https://d.example/), [*em <https://e.example/> f*](https://g.example/).',
          '```\n\nleading blank line\n```',
          '~~~\n\n\ntwo\n~~~',
          '- a list item\n\n      indented code after a blank line',
          '',
        ].join('\n\n'),
      );
      // Content the check accepts: rendered differently, it would be published differently.
      expect(loadCorpus(site).problems).toEqual([]);
      expect(await compareSite(site)).toBeGreaterThan(0);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('sees what parse5 would rebuild, and nothing in plain content', () => {
    const toHtmlTree = unifiedCore().use(remarkCheckerParser).use(remarkRehype);
    const tree = (md: string) => toHtmlTree.runSync(toHtmlTree.parse(md) as Root);
    expect(parse5WouldChange(tree('[a <https://b.example/> c](https://d.example/)') as never)).toBe(true);
    expect(parse5WouldChange(tree('```\n\nx\n```') as never)).toBe(true);
    expect(
      parse5WouldChange(tree('A [link](https://a.example/), *em*, `code`.\n\n```\nx\n```\n\n| a |\n| - |\n| b |') as never),
    ).toBe(false);
  });

  it('renders pictures, headings and footnotes as Astro does', async () => {
    const site = join(FIXTURES, 'hostile');
    const { astro, ours } = await renderers(site, '/');
    const file = join(site, 'claims', 'markup-in-text.md');
    const { content, data } = matter(readFileSync(file, 'utf8'));
    const doc = [
      content,
      '## A heading',
      'A note.[^1] <b>Raw</b> HTML, ~~struck~~, `code`, <https://example.org/>, a\\\nbreak.',
      '| a | b |\n| :- | -: |\n| 1 | 2 |\n|  | x |',
      '- [ ] to do\n- [x] done\n  1. nested\n\n3. three\n4. four',
      '> quoted\n>\n> - in a list',
      '***',
      '[^1]: The note.',
    ].join('\n\n');
    const render = (r: MarkdownRenderer) => r.render(doc, { fileURL: pathToFileURL(file), frontmatter: data });
    const out = await render(ours);
    expect(out).toEqual(await render(astro));
    // What the comparison covers: a picture for Astro's image service, the headings, the footnotes, no raw HTML.
    expect(out.metadata.localImagePaths).toEqual(['../images/screenshot.png']);
    expect(out.code).toMatch(/<img __ASTRO_IMAGE_="[^"]*screenshot\.png/);
    expect(out.metadata.headings.map((h) => h.slug)).toEqual(['a-heading', 'footnote-label']);
    expect(out.code).toMatch(/<section data-footnotes/);
    expect(out.code).toMatch(/ Raw HTML, <del>/);
    expect(out.code).not.toMatch(/<b>Raw/);
  });
});
