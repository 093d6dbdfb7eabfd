/**
 * `npm run new -- source --from page.html`, in process: the article's exact paragraphs and the
 * metadata the page states (and only that), on saved pages of the shapes editors meet.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blocksToMarkdown, escapeMarkdown } from '../../scripts/new/article-text.ts';
import { planImport, type ImportRequest } from '../../scripts/new/import-source.ts';
import { decodePage, MAX_PAGE_BYTES, readPageFile } from '../../scripts/new/read-page.ts';
import { parseMarkdown, sourceBlocks } from '../../src/core/markdown.ts';

const page = (name: string) => fileURLToPath(new URL(`../fixtures/pages/${name}`, import.meta.url));
const html = (name: string) => {
  const read = readPageFile(page(name));
  if (!read.ok) throw new Error(read.message);
  return read.html;
};
const plan = (name: string, extra: Partial<ImportRequest> = {}) => {
  const p = planImport({ html: html(name), today: '2026-12-01', siteLanguage: 'en', ...extra }, () => false);
  if (!p.ok) throw new Error(p.message);
  return p;
};
/** The front matter lines that are fields (comments and placeholders aside). */
const fields = (text: string) =>
  text
    .split('\n---\n')[0]!
    .split('\n')
    .slice(1)
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\s+#.*$/, ''));
const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5);

describe('importing a news page with its furniture and JSON-LD', () => {
  const p = plan('news-site.html');
  it('keeps the article, block by block, and nothing of the furniture', () => {
    expect(p.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'The city council voted 6 to 3 on Tuesday night to reopen the Old Mill Bridge to cars, two years after it was closed for repairs.',
      },
      {
        kind: 'paragraph',
        text: 'Supporters said the vote ends a long detour for residents of the east side, who have driven an extra four miles to reach the hospital since the closure.',
      },
      { kind: 'heading', text: 'A split council' },
      {
        kind: 'paragraph',
        text: 'Council member Ruth Alvarez, who voted against the measure, said the repairs had not been inspected by the state.',
      },
      {
        kind: 'quote',
        paragraphs: [
          'We are opening a bridge that nobody has signed off on. That is not a risk I will take with other people’s children.',
        ],
      },
      {
        kind: 'paragraph',
        text: 'The mayor’s office said an inspection is scheduled for April and that the bridge would open only after it passes. The cost of the repairs, $4.2 million, was paid from the city’s reserve fund.',
      },
      {
        kind: 'table',
        rows: [
          ['Vote', 'Members'],
          ['For', '6'],
          ['Against', '3'],
        ],
      },
      { kind: 'paragraph', text: 'Work on the bridge’s approach roads is expected to take three more weeks.' },
    ]);
    for (const furniture of [
      'cookies',
      'Advertisement',
      'Share on',
      'Related',
      'newsletter',
      'covers city hall',
      'Comments',
      '©',
      'Photo',
      'script',
      'News Sport',
    ]) {
      expect(p.text).not.toContain(furniture);
    }
  });
  it('takes the metadata from JSON-LD over Open Graph and plain tags, and says so', () => {
    expect(fields(p.text)).toEqual([
      'title: Council Votes to Reopen the Old Mill Bridge',
      'outlet: The Riverton Gazette',
      'author: [Dana Whitfield, Sam Ortega]',
      // The day as the publisher wrote it (21:30 at -06:00), never shifted to UTC's next day.
      'published: 2024-03-05',
      'url: https://news.example.org/2024/03/05/council-reopens-old-mill-bridge',
      'retrieved: 2026-12-01',
      'show: excerpts',
      'draft: true',
    ]);
    expect(p.path).toBe('sources/council-votes-to-reopen-the-old-mill-bridge.md');
    expect(p.report).toContain('  outlet     The Riverton Gazette  ← JSON-LD NewsArticle publisher');
    expect(p.report).toContain(
      '  url        https://news.example.org/2024/03/05/council-reopens-old-mill-bridge  ← JSON-LD NewsArticle mainEntityOfPage',
    );
    expect(p.report.join('\n')).not.toContain('Left out');
  });
  it('writes Markdown that reads back as the same blocks', () => {
    const read = sourceBlocks(parseMarkdown(body(p.text))).map((b) => b.text);
    const expected = p.blocks.flatMap((b) =>
      b.kind === 'quote'
        ? b.paragraphs
        : b.kind === 'list'
          ? b.items
          : b.kind === 'table'
            ? b.rows.map((r) => r.join(' '))
            : [b.text],
    );
    expect(expected).toHaveLength(10);
    expect(read).toEqual(expected);
    expect(body(p.text)).toContain('## A split council\n\nCouncil member');
    expect(body(p.text)).toContain('\n> We are opening a bridge');
  });
  it('is published with --publish', () => {
    expect(fields(plan('news-site.html', { publish: true }).text)).not.toContain('draft: true');
  });
});

describe('importing a blog that has only meta tags', () => {
  const p = plan('blog-meta-only.html');
  it('keeps the post and its list', () => {
    expect(p.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Every few months someone asks why the library still charges late fees when other libraries have dropped them.',
      },
      {
        kind: 'paragraph',
        text: 'The short answer is that the board voted to keep them in 2021, and the fees pay for the weekend opening hours.',
      },
      { kind: 'list', ordered: true, items: ['Books are 10 cents a day.', 'DVDs are 50 cents a day.'] },
      { kind: 'paragraph', text: 'I would rather see the fees go, but not the weekends with them.' },
    ]);
    expect(body(p.text)).toContain('\n1. Books are 10 cents a day.\n2. DVDs are 50 cents a day.\n');
    expect(p.text).not.toMatch(/Archives|Tweet/);
  });
  it('reads Open Graph, article: and plain meta tags, and never a profile URL as an author', () => {
    expect(fields(p.text)).toEqual([
      'title: Why the library keeps its late fees',
      'outlet: Notes from the Stacks',
      'author: Priya Raman',
      'published: 2023-11-30',
      'url: https://blog.example.net/2023/late-fees',
      'retrieved: 2026-12-01',
      'show: excerpts',
      'draft: true',
    ]);
    expect(p.report).toContain('  author     Priya Raman  ← meta author');
    expect(p.report).toContain('  published  2023-11-30  ← meta article:published_time');
    expect(p.report).toContain('Ignored: meta article:author holding a URL rather than a name');
    // en_NZ on an English site is the site's language: no field.
    expect(p.report).toContain('  language   en-NZ  ← meta og:locale (the site’s own: not written)');
  });
});

describe('importing a page that states nothing about itself', () => {
  it('refuses to guess the title and outlet, and names the options that give them', () => {
    const p = planImport({ html: html('no-metadata.html'), today: '2026-12-01' }, () => false);
    expect(p).toEqual({
      ok: false,
      message:
        'the page does not state its title or its outlet (headline, publisher), which a source needs; nothing was written. Give --title "…" and --outlet "…", as you know them',
    });
  });
  it('with them given, leaves out every field the page does not state, and says so', () => {
    const p = plan('no-metadata.html', { title: 'Pool opens in June', outlet: 'Elm Street News' });
    expect(fields(p.text)).toEqual([
      'title: Pool opens in June',
      'outlet: Elm Street News',
      'retrieved: 2026-12-01',
      'show: excerpts',
      'draft: true',
    ]);
    expect(p.text).toContain('# published: YYYY-MM-DD            # the page states no date; never guess');
    expect(p.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'The pool on Elm Street will open for the summer on the first Saturday of June, the parks department said.',
      },
      {
        kind: 'paragraph',
        text: 'Lifeguards will be on duty from 10 a.m. to 6 p.m. every day, and the deep end will stay closed until the new diving board is fitted.',
      },
    ]);
    const left = p.report
      .slice(p.report.indexOf('Left out, as the page does not state them:') + 1)
      .map((l) => l.trim().split(' ')[0]);
    expect(left.slice(0, 3)).toEqual(['author', 'published', 'url']);
  });
});

describe('importing a page in another language and character set', () => {
  const p = plan('non-english.html');
  it('decodes ISO-8859-1 as declared and keeps guillemets and accents', () => {
    expect(p.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'El pleno aprobó el martes que el mercado central abra también los domingos por la mañana, a partir de julio.',
      },
      { kind: 'paragraph', text: '«Es una petición que llevaban años haciendo los vecinos», dijo la concejala de Comercio.' },
      { kind: 'paragraph', text: 'Los puestos podrán elegir si abren o no ese día.' },
    ]);
  });
  it('reads plain meta tags and the canonical link, and writes the language', () => {
    expect(fields(p.text)).toEqual([
      'title: El ayuntamiento aprueba el nuevo horario del mercado',
      'outlet: Diario de Ejemplo',
      'author: Lucía Fernández',
      'published: 2022-06-14',
      'url: https://diario.example.com/mercado-horario',
      'retrieved: 2026-12-01',
      'language: es',
      'show: excerpts',
      'draft: true',
    ]);
    expect(p.report).toContain('  title      El ayuntamiento aprueba el nuevo horario del mercado  ← <title>');
    expect(p.report).toContain('  url        https://diario.example.com/mercado-horario  ← link rel=canonical');
  });
});

describe('importing malformed HTML', () => {
  const p = plan('malformed.html');
  it('reads unclosed paragraphs and misnested tags as a browser would show them', () => {
    expect(p.blocks).toEqual([
      { kind: 'paragraph', text: 'Ferry fares across the harbour will rise by 20 cents in May, the ferry company said' },
      {
        kind: 'paragraph',
        text: 'The company said fuel costs had gone up by a third since last year & that the fare had not changed since 2018.',
      },
      { kind: 'paragraph', text: 'A weekly pass will cost $24, up from $22.' },
      { kind: 'paragraph', text: 'Residents can comment on the change until April 30.' },
    ]);
    expect(fields(p.text)).toEqual([
      'title: Harbour ferry fares to rise in May',
      'outlet: Harbour Weekly',
      'retrieved: 2026-12-01',
      'show: excerpts',
      'draft: true',
    ]);
  });
});

describe('refusals', () => {
  it('refuses a page with no article text', () => {
    const p = planImport(
      {
        html: '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav><script>render()</script></body></html>',
        today: '2026-12-01',
      },
      () => false,
    );
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toMatch(/^no article text found on the page/);
  });
  it('never overwrites a source', () => {
    const p = planImport({ html: html('news-site.html'), today: '2026-12-01' }, () => true);
    expect(p).toEqual({
      ok: false,
      message:
        'sources/council-votes-to-reopen-the-old-mill-bridge.md already exists; nothing was written. Edit that file, or give another --title.',
    });
  });
  it('refuses what is not an HTML page, or too large to be one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    writeFileSync(join(dir, 'notes.txt'), 'Just some notes, no markup at all.');
    writeFileSync(join(dir, 'huge.html'), Buffer.alloc(MAX_PAGE_BYTES + 1, 'a'));
    expect(readPageFile(join(dir, 'photo.jpg'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('is not valid utf-8 text'),
    });
    expect(readPageFile(join(dir, 'notes.txt'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('notes.txt is not an HTML page'),
    });
    expect(readPageFile(join(dir, 'huge.html'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/huge\.html is 5\.0 MB; a page to import may be at most 5 MB/),
    });
    expect(readPageFile(dir)).toMatchObject({ ok: false, message: expect.stringContaining('is not a file') });
    expect(readPageFile(join(dir, 'missing.html'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('no such file'),
    });
    expect(decodePage(new TextEncoder().encode('<p>x</p>'), 'x.html', 'text/html; charset=x-made-up')).toMatchObject({
      ok: false,
      message: expect.stringContaining('declares the character set “x-made-up”'),
    });
  });
});

describe('escapeMarkdown', () => {
  it('keeps every character as text when the check reads it back', () => {
    const texts = [
      'Rates rose 5*3 times_over [sic] <b>not a tag</b> & &amp; `code` ~~x~~ a|b \\ back',
      '# not a heading',
      '- not a list',
      '1. not a list either',
      '> not a quote',
      '=== not a rule',
    ];
    const md = blocksToMarkdown(texts.map((text) => ({ kind: 'paragraph' as const, text })));
    expect(sourceBlocks(parseMarkdown(md)).map((b) => b.text)).toEqual(texts);
    expect(escapeMarkdown('plain words, stay plain.')).toBe('plain words, stay plain.');
  });
});
