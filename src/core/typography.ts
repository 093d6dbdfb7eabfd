/**
 * The site's typography, applied to the tree the check verified: straight
 * quotation marks made curly, `...` an ellipsis, exactly two dashes an em dash.
 *
 * Typography is done on the text nodes of the parsed tree, never before
 * parsing: a parser that curls quotes first finds bare links after, and a
 * closing mark after `www.example.org"` became part of the link. Here the
 * tree's shape, its links and their targets, and its positions are the
 * check's, by construction; only the characters of text nodes change. Which
 * way a straight mark curls is decided by the same reading of marks as the
 * quotation check (core/quotations.ts), across the text nodes of a paragraph,
 * so a quotation the check paired is drawn as one.
 */
import type { Parent, Root, Text } from 'mdast';
import { parseMarkdown, walk } from './markdown.ts';
import { blockText, type MarkRole, scanQuotations } from './quotations.ts';

const CURLY: Record<string, Partial<Record<MarkRole, string>>> = {
  '"': { open: '\u201C', close: '\u201D', apostrophe: '\u201D' },
  "'": { open: '\u2018', close: '\u2019', apostrophe: '\u2019' },
};
const TWO_DASHES = /(?<!-)--(?!-)/g;

/** The blocks whose children are running text: marks pair within one of them, never across. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

function typesetBlock(block: Parent): void {
  const { text: joined, pieces } = blockText(block);
  const texts = pieces.filter((p): p is { from: number; node: Text } => p.node !== null);
  if (!/["'.-]/.test(joined)) return;
  const roles = new Map<number, MarkRole>();
  if (/["']/.test(joined)) scanQuotations(joined, roles);
  for (const { node, from } of texts) {
    let value = node.value;
    if (/["']/.test(value)) {
      let out = '';
      for (let k = 0; k < value.length; k++) {
        const ch = value[k]!;
        const curly = CURLY[ch];
        out += curly ? (curly[roles.get(from + k) ?? 'close'] ?? ch) : ch;
      }
      value = out;
    }
    if (value.includes('...')) value = value.replace(/\.\.\./g, '\u2026');
    if (value.includes('--')) value = value.replace(TWO_DASHES, '\u2014');
    node.value = value;
  }
}

/** Applies the site's typography to a parsed tree, in place. */
export function typeset(tree: Root): Root {
  walk(tree, (node) => {
    if (node.type === 'code' || node.type === 'html') return false;
    if (TEXT_BLOCKS.has(node.type)) {
      typesetBlock(node as Parent);
      return false;
    }
    return undefined;
  });
  return tree;
}

/** The tree readers see: the check's tree (parseMarkdown), typeset. */
export function parseTypeset(body: string): Root {
  return typeset(parseMarkdown(body));
}

const lines = new Map<string, string>();

/**
 * A front-matter value (a claim, a summary, a title, an update's note) with the
 * body's typography: it is plain text, not Markdown, so it is set as the one
 * text node of a paragraph, and its marks curl as the quotation check reads them.
 */
export function typesetText(value: string): string {
  let out = lines.get(value);
  if (out === undefined) {
    const node: Text = { type: 'text', value };
    typesetBlock({ type: 'paragraph', children: [node] } as Parent);
    out = node.value;
    // Every page of a desk asks again for the same few thousand strings; the cap only guards memory.
    if (lines.size > 100_000) lines.clear();
    lines.set(value, out);
  }
  return out;
}
