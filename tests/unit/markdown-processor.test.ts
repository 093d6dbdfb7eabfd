/**
 * The site's Markdown processor (src/remark/processor.ts) leaves out Astro's rehype-raw and
 * remark-gfm, which cannot change what it renders: held here to render exactly what Astro's
 * own unified() pipeline, with the same plugins, renders (HTML, headings, pictures) for every
 * content file of the demo and of every fixture site, the broken ones included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import remarkCitations from '../../src/remark/citations.ts';
import remarkCheckerParser from '../../src/remark/parser.ts';
import { factcheckMarkdown } from '../../src/remark/processor.ts';
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

describe('the Markdown processor', () => {
  it.each(SITES.map((s) => [relative(ROOT, s), s]))('renders %s as Astro’s unified pipeline does', async (_, site) => {
    const options = { contentDir: site, base: '/repo/' };
    const astro = await unified({
      smartypants: false,
      remarkPlugins: [remarkCheckerParser, [remarkCitations, options]],
    }).createRenderer(shared);
    const ours = await factcheckMarkdown(options).createRenderer(shared);
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
    expect(files).toBeGreaterThan(0);
  });

  it('renders pictures, headings and footnotes as Astro does', async () => {
    const site = join(FIXTURES, 'hostile');
    const options = { contentDir: site, base: '/' };
    const astro = await unified({
      smartypants: false,
      remarkPlugins: [remarkCheckerParser, [remarkCitations, options]],
    }).createRenderer(shared);
    const ours = await factcheckMarkdown(options).createRenderer(shared);
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
