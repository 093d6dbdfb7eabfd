/**
 * The text of a saved web page's article, as the Markdown body of a source: Mozilla's
 * Readability (Firefox's Reader View) finds the article and leaves the page's furniture
 * behind; what it keeps is written block by block, paragraphs, subheadings, block
 * quotations and lists, with links reduced to their words and images dropped.
 *
 * The DOM is linkedom's: it parses and never runs a script, and Readability has
 * supported it since it stopped relying on live node lists (mozilla/readability#677).
 */
import { Readability } from '@mozilla/readability';

export type ArticleBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'quote'; paragraphs: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; rows: string[][] };

/** What may hold furniture even inside an article, removed before Readability scores the page. */
const FURNITURE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'aside',
  'footer',
  'dialog',
  'svg',
  'figure',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="contentinfo"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="banner"]',
  '[role="search"]',
].join(',');

/**
 * Class and id words of the boxes that news pages put around and inside an article and that
 * Readability keeps when they sit among its paragraphs: each dash- or underscore-separated part
 * of a class or id is compared whole (`ad-slot` is an ad; `head` and `shadow` are not).
 */
const FURNITURE_WORDS = new Set(
  (
    'ad ads advert advertisement sponsor sponsored promo promoted newsletter subscribe subscription signup paywall ' +
    'share sharing social related recirc recommended outbrain taboola cookie cookies consent gdpr comment comments ' +
    'disqus popup modal breadcrumb breadcrumbs bio'
  ).split(' '),
);

function isFurnitureBox(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'HTML' || tag === 'BODY' || tag === 'MAIN' || tag === 'ARTICLE') return false;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
  return names.some((name) => {
    const parts = name.split(/[-_]+/);
    return (
      parts.some((p) => FURNITURE_WORDS.has(p)) ||
      (parts.includes('author') && parts.some((p) => ['box', 'card', 'info', 'about'].includes(p)))
    );
  });
}

/** Elements whose words are part of the paragraph they stand in. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'BR',
  'IMG',
  'PICTURE',
  'SOURCE',
]);

/** The article's blocks, or an empty list when the page has no article Readability can find. */
export function articleBlocks(document: Document, title?: string): ArticleBlock[] {
  for (const el of [...document.querySelectorAll(FURNITURE)]) el.remove();
  // A box is small beside the page: a class word on the article's own container must not take the article with it.
  const pageLength = document.body?.textContent?.length ?? 0;
  for (const el of [...document.querySelectorAll('[class],[id]')])
    if (el.isConnected && isFurnitureBox(el) && (el.textContent?.length ?? 0) < pageLength / 4) el.remove();
  const article = new Readability(document, { serializer: (n: Node) => n, charThreshold: 0 }).parse();
  const root = article?.content as Element | null | undefined;
  if (!root) return [];
  const blocks: ArticleBlock[] = [];
  walk(root, blocks);
  // Readability keeps the headline when it differs slightly from the page's title; the source has it as its title.
  const first = blocks[0];
  if (first?.kind === 'heading' && title && same(first.text, title)) blocks.shift();
  return blocks;
}

const same = (a: string, b: string) => a.toLowerCase().replace(/\s+/g, ' ') === b.toLowerCase().replace(/\s+/g, ' ');

const BLOCKS = 'p,div,h1,h2,h3,h4,h5,h6,blockquote,ul,ol,li,table,section,article,pre,header,main,dl';
/** Malformed HTML nests blocks in a <p> or a <b> (a parser that does not close them at a <div>, as browsers do): those are read as blocks. */
const holdsBlock = (el: Element) => el.querySelector(BLOCKS) !== null;

/** Nodes with each inline element that holds a block replaced by its children, so its words stay in the running paragraph. */
function spread(nodes: Node[]): Node[] {
  return nodes.flatMap((n) =>
    n.nodeType === 1 && INLINE.has((n as Element).tagName.toUpperCase()) && holdsBlock(n as Element)
      ? spread([...n.childNodes])
      : [n],
  );
}

/** Runs of inline content between blocks become paragraphs of their own (text directly in a `<div>`). */
function walk(el: Element, out: ArticleBlock[]): void {
  let run: Node[] = [];
  const flush = () => {
    const text = inlineText(run);
    if (text) out.push({ kind: 'paragraph', text });
    run = [];
  };
  for (const child of spread([...el.childNodes])) {
    if (child.nodeType === 3 || (child.nodeType === 1 && INLINE.has((child as Element).tagName.toUpperCase()))) {
      run.push(child);
      continue;
    }
    if (child.nodeType !== 1) continue;
    flush();
    const c = child as Element;
    const tag = c.tagName.toUpperCase();
    if (tag === 'P' && !holdsBlock(c)) {
      const text = inlineText([...c.childNodes]);
      if (text) out.push({ kind: 'paragraph', text });
    } else if (/^H[1-6]$/.test(tag)) {
      const text = inlineText([...c.childNodes]);
      if (text) out.push({ kind: 'heading', text });
    } else if (tag === 'BLOCKQUOTE') {
      const inner: ArticleBlock[] = [];
      walk(c, inner);
      const paragraphs = inner.flatMap((b) =>
        b.kind === 'quote'
          ? b.paragraphs
          : b.kind === 'list'
            ? b.items
            : b.kind === 'table'
              ? b.rows.map((r) => r.join(' '))
              : [b.text],
      );
      if (paragraphs.length > 0) out.push({ kind: 'quote', paragraphs });
    } else if (tag === 'UL' || tag === 'OL') {
      const items = [...c.children]
        .filter((li) => li.tagName.toUpperCase() === 'LI')
        .map((li) => inlineText([...li.childNodes]))
        .filter(Boolean);
      if (items.length > 0) out.push({ kind: 'list', ordered: tag === 'OL', items });
    } else if (tag === 'TABLE') {
      // A source's tables are part of its text (the check reads each row as a line of it).
      const rows = [...c.querySelectorAll('tr')]
        .map((tr) => [...tr.children].filter((td) => /^T[DH]$/i.test(td.tagName)).map((td) => inlineText([...td.childNodes])))
        .filter((cells) => cells.some(Boolean));
      if (rows.length > 0) out.push({ kind: 'table', rows });
    } else if (tag === 'PRE') {
      const text = inlineText([...c.childNodes]);
      if (text) out.push({ kind: 'paragraph', text });
    } else if (tag !== 'HR') {
      walk(c, out);
    }
  }
  flush();
}

/** The words of inline content with HTML's white space rules: runs collapse to one space, `<br>` is a space too. */
function inlineText(nodes: Node[]): string {
  let s = '';
  const visit = (n: Node) => {
    if (n.nodeType === 3) s += n.textContent ?? '';
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName.toUpperCase();
      if (tag === 'BR') s += ' ';
      else if (tag === 'IMG' || tag === 'PICTURE' || tag === 'SOURCE') return;
      else for (const c of [...n.childNodes]) visit(c);
    }
  };
  for (const n of nodes) visit(n);
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Text as Markdown that reads back as the same words: every ASCII punctuation mark Markdown
 * could take for syntax is escaped (`*`, `_`, `[`, `<`, `&` before an entity, …), and so is
 * whatever would open a block at the start of a line (`#`, `>`, `- `, `1. `).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

export function blocksToMarkdown(blocks: readonly ArticleBlock[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'paragraph') return escapeMarkdown(b.text);
      if (b.kind === 'heading') return `## ${escapeMarkdown(b.text)}`;
      if (b.kind === 'quote') return b.paragraphs.map((p) => `> ${escapeMarkdown(p)}`).join('\n>\n');
      if (b.kind === 'table') {
        const width = Math.max(...b.rows.map((r) => r.length));
        const line = (cells: string[]) =>
          `| ${Array.from({ length: width }, (_, i) => escapeMarkdown(cells[i] ?? '')).join(' | ')} |`;
        return [line(b.rows[0]!), `|${' --- |'.repeat(width)}`, ...b.rows.slice(1).map(line)].join('\n');
      }
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`).join('\n');
    })
    .join('\n\n');
}
