/**
 * `npm run new -- source --from page.html`: a source file from a saved web page, its text
 * extracted paragraph by paragraph and its metadata taken only from what the page states,
 * with a report of what was found, where, and what was left out.
 */
import { parseHTML } from 'linkedom';
import { stringify } from 'yaml';
import { articleBlocks, blocksToMarkdown, type ArticleBlock } from './article-text.ts';
import { FIELDS, type Field, pageMetadata, type PageMetadata } from './page-metadata.ts';
import { slugify } from './scaffold.ts';

/** The most a content file may be (the check's limit): a longer article cannot be one source. */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface ImportRequest {
  html: string;
  /** The address the page was fetched from, when it was. */
  pageUrl?: string;
  /** `YYYY-MM-DD`, from the caller's clock: the day the text was retrieved. */
  today: string;
  /** The site's language: a source in it has no `language:` field. */
  siteLanguage?: string;
  publish?: boolean;
  /** What the editor gives for a field the page may not state (they win over the page). */
  title?: string;
  outlet?: string;
}

export type ImportPlan =
  | { ok: true; path: string; text: string; report: string[]; data: PageMetadata; blocks: ArticleBlock[] }
  | { ok: false; message: string };

const scalar = (v: string) => stringify(v, { lineWidth: 0 }).trimEnd();

const WHY_LEFT_OUT: Record<Field, string> = {
  title: 'give it with --title',
  outlet: 'give it with --outlet',
  author: 'add `author:` if you know it from elsewhere',
  published: 'add `published: YYYY-MM-DD` only if you know the day; never guess',
  url: 'add `url:` only with the original address; never invent one',
  language: '',
};

export function planImport(req: ImportRequest, exists: (relPath: string) => boolean): ImportPlan {
  // linkedom builds the tree and runs nothing: no script, no style, no request of its own.
  const { document } = parseHTML(req.html);
  const found = pageMetadata(document, req.pageUrl);
  const data: PageMetadata = { ...found.data };
  const from = { ...found.from };
  if (req.title?.trim()) {
    data.title = req.title.trim();
    from.title = '--title';
  }
  if (req.outlet?.trim()) {
    data.outlet = req.outlet.trim();
    from.outlet = '--outlet';
  }
  const blocks = articleBlocks(document, data.title);
  const words = blocks.reduce((n, b) => n + blocksToMarkdown([b]).split(/\s+/).length, 0);
  if (blocks.length === 0 || words < 5)
    return {
      ok: false,
      message:
        'no article text found on the page (nothing but navigation, scripts or boxes); nothing was written. ' +
        'If the text is there in your browser, it may be drawn by a script: copy it into a source by hand (npm run new -- source "Title" --outlet "Outlet").',
    };
  const missing = (['title', 'outlet'] as const).filter((f) => !data[f]);
  if (missing.length > 0)
    return {
      ok: false,
      message: `the page does not state its ${missing.join(' or its ')} (${missing.map((f) => (f === 'outlet' ? 'publisher' : 'headline')).join(', ')}), which a source needs; nothing was written. Give ${missing.map((f) => `--${f} "…"`).join(' and ')}, as you know ${missing.length > 1 ? 'them' : 'it'}`,
    };
  const slug = slugify(data.title!);
  if (!slug)
    return { ok: false, message: `cannot make a file name from “${data.title}”: give a --title with some letters or digits` };
  const path = `sources/${slug}.md`;
  if (exists(path))
    return { ok: false, message: `${path} already exists; nothing was written. Edit that file, or give another --title.` };

  // `en-US` on an `en` site is the site's language, more precisely: not worth a field.
  const site = (req.siteLanguage ?? 'en').toLowerCase();
  const lang = data.language?.toLowerCase();
  const language = lang && lang !== site && !lang.startsWith(`${site}-`) ? data.language : undefined;
  const author =
    data.author?.length === 1
      ? scalar(data.author[0]!)
      : data.author
        ? `[${data.author.map((a) => scalar(a)).join(', ')}]`
        : undefined;
  const row = (field: string, comment?: string) => (comment ? `${field.padEnd(34)} # ${comment}` : field);
  const front = [
    '---',
    row(`title: ${scalar(data.title!)}`),
    row(`outlet: ${scalar(data.outlet!)}`),
    author ? row(`author: ${author}`) : row('# author: [First Author]', 'the page names no author'),
    data.published ? row(`published: ${data.published}`) : row('# published: YYYY-MM-DD', 'the page states no date; never guess'),
    data.url ? row(`url: ${scalar(data.url)}`) : row('# url: https://...', 'the page states no address; never invent'),
    row(`retrieved: ${req.today}`),
    ...(language ? [row(`language: ${language}`)] : []),
    row('show: excerpts', 'publish only the cited paragraphs; full: the whole text'),
    ...(req.publish ? [] : [row('draft: true', 'delete this line to publish')]),
    '---',
  ];
  const text = `${front.join('\n')}\n${blocksToMarkdown(blocks)}\n`;
  if (Buffer.byteLength(text) > MAX_SOURCE_BYTES)
    return {
      ok: false,
      message: `the article is over ${MAX_SOURCE_BYTES / 1048576} MB of text, more than a source may hold; nothing was written`,
    };

  const count = (kind: ArticleBlock['kind']) => blocks.filter((b) => b.kind === kind).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const report: string[] = [];
  for (const f of FIELDS) {
    if (f === 'language' && !data.language) continue;
    const value = data[f];
    if (value === undefined) continue;
    const shown = Array.isArray(value) ? value.join(', ') : value;
    const note = f === 'language' && !language ? ' (the site’s own: not written)' : '';
    report.push(`  ${f.padEnd(10)} ${shown}  ← ${from[f]}${note}`);
  }
  report.push(`  ${'retrieved'.padEnd(10)} ${req.today}  ← today`);
  report.push(
    `  ${'text'.padEnd(10)} ${(
      [
        ['paragraph', 'paragraph'],
        ['heading', 'subheading'],
        ['quote', 'block quotation'],
        ['list', 'list'],
        ['table', 'table'],
      ] as const
    )
      .filter(([kind]) => count(kind) > 0)
      .map(([kind, word]) => plural(count(kind), word))
      .join(', ')}  ← the article, found by Readability (links and images dropped)`,
  );
  const left = FIELDS.filter((f) => f !== 'language' && data[f] === undefined);
  if (left.length > 0) {
    report.push('Left out, as the page does not state them:');
    for (const f of left) report.push(`  ${f.padEnd(10)} ${WHY_LEFT_OUT[f]}`);
  }
  for (const i of found.ignored) report.push(`Ignored: ${i}`);
  report.push(
    req.publish
      ? 'Published (--publish): read the text against the page before you cite it.'
      : 'A draft: read the text against the page, then delete `draft: true` to publish it.',
  );
  return { ok: true, path, text, report, data, blocks };
}
