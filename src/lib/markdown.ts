/** Markdown parsing shared by the checker and the site: one parser, one idea of "plain text". */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import type { Root, Nodes } from 'mdast';
import type { SourceBlock } from './matcher.ts';

const parser = unified().use(remarkParse).use(remarkGfm);
const commonmark = unified().use(remarkParse);

/**
 * Characters without which no GFM construct can start: tables (`|`),
 * strikethrough (`~`), footnotes (`[^`), task list items (`[ ]`, `[x]`) and
 * literal autolinks (`www.`, `http(s)://`, `@` of an e-mail address). GFM's
 * literal-autolink scanner tries a construct at every letter and more than
 * doubles parsing time, so text that cannot contain any of them is parsed
 * without the extensions: the tree is the same (tests/unit/markdown-gfm-fast-path.test.ts).
 */
const MAY_BE_GFM = /[|~@]|www|http|\[\^|\[\s?[xX]?\]/i;

export function parseMarkdown(body: string): Root {
  const p = MAY_BE_GFM.test(body) ? parser : commonmark;
  return p.runSync(p.parse(body)) as Root;
}

const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition', 'table', 'tableRow']);

/**
 * Like mdast-util-to-string, except that a hard line break and the gap between
 * two blocks (list items, quoted paragraphs) are white space: with plain
 * toString "line one⏎line two" became "line oneline two" and could not be quoted.
 */
function textOf(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (!('children' in node)) return '';
  const kids = (node.children as Nodes[]).map(textOf);
  return BLOCK_CONTAINERS.has(node.type) ? kids.filter((k) => k.length > 0).join(node.type === 'tableRow' ? ' ' : '\n\n') : kids.join('');
}

/** Plain text of a node: Markdown formatting dropped, as the format compares excerpts. */
export function plainText(node: Nodes | Nodes[]): string {
  return Array.isArray(node) ? node.map(textOf).join('\n\n') : textOf(node);
}

/** The paragraphs and headings of a source body, in reading order. */
export function sourceBlocks(tree: Root): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code') {
      const text = node.type === 'code' ? node.value : textOf(node);
      if (text.trim().length > 0) {
        blocks.push({ kind: node.type === 'heading' ? 'heading' : 'paragraph', text, line: node.position?.start.line });
      }
      return 'skip';
    }
    // A table row reads as one line of text: its cells in order (a source's tables are part of its text).
    if (node.type === 'tableRow') {
      const text = node.children.map((cell) => textOf(cell)).join(' ');
      if (text.trim().length > 0) blocks.push({ kind: 'paragraph', text, line: node.position?.start.line });
      return 'skip';
    }
    return undefined;
  });
  return blocks;
}

/** Every raw HTML node: the format forbids them all. */
/** Deeper than this, a tree would overflow the stack of the recursive walks over it (unist-util-visit). */
export const MAX_NESTING = 100;

/** The deepest node of a tree and its depth, found without recursion (the tree may be pathologically deep). */
export function deepestNode(tree: Root): { depth: number; line: number; column: number } {
  let best = { depth: 0, line: 1, column: 1 };
  const stack: [Nodes, number][] = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > best.depth) best = { depth, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, depth + 1]);
  }
  return best;
}

export function rawHtml(tree: Root): { line: number; column: number; value: string }[] {
  const found: { line: number; column: number; value: string }[] = [];
  visit(tree, 'html', (node) => {
    found.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, value: node.value });
  });
  return found;
}
