/** Markdown parsing shared by the checker and the site: one parser, one idea of "plain text". */
import { markdownToMdast } from 'satteri';
import type { Root, Nodes, Parent } from 'mdast';
import type { SourceBlock } from './matcher.ts';

const FEATURES = { gfm: true, frontmatter: false } as const;

/** Return false to skip a node's children. */
export type Visitor = (node: Nodes, index: number | undefined, parent: Parent | undefined) => undefined | false;

/**
 * Every node of a tree, in document order (pre-order). unist-util-visit copies
 * the list of ancestors at every node and tests each against a compiled
 * predicate, which made its walks a large part of the site's Markdown time.
 */
export function walk(tree: Nodes, visitor: Visitor): void {
  const go = (node: Nodes, index: number | undefined, parent: Parent | undefined): void => {
    if (visitor(node, index, parent) === false || !('children' in node)) return;
    const kids = node.children as Nodes[];
    for (let i = 0; i < kids.length; i++) go(kids[i]!, i, node as Parent);
  };
  go(tree, undefined, undefined);
}

/**
 * CommonMark + GFM to mdast, with positions. Satteri parses in Rust and gives
 * the very tree remark-parse + remark-gfm give (positions included; tested in
 * tests/unit/markdown-parser.test.ts) in a twentieth of the time: parsing was
 * half of what the check spent on a large desk.
 */
export function parseMarkdown(body: string): Root {
  return markdownToMdast(body, { features: FEATURES }) as Root;
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
  return BLOCK_CONTAINERS.has(node.type)
    ? kids.filter((k) => k.length > 0).join(node.type === 'tableRow' ? ' ' : '\n\n')
    : kids.join('');
}

/** Plain text of a node: Markdown formatting dropped, as the format compares excerpts. */
export function plainText(node: Nodes | Nodes[]): string {
  return Array.isArray(node) ? node.map(textOf).join('\n\n') : textOf(node);
}

/** How long a page's default description may be: search engines cut meta descriptions near here. */
export const LEDE_LENGTH = 160;

/**
 * A page's first paragraph as one line of plain text, shortened at a word to at most `max`
 * characters with an ellipsis: the description a page without `description:` gets.
 */
export function lede(tree: Root, max = LEDE_LENGTH): string | undefined {
  let found: string | undefined;
  walk(tree, (node) => {
    if (found !== undefined) return false;
    if (node.type !== 'paragraph') return undefined;
    const text = textOf(node).replace(/\s+/g, ' ').trim();
    if (text) found = text;
    return false;
  });
  if (found === undefined || found.length <= max) return found;
  const cut = found.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** The paragraphs and headings of a source body, in reading order. */
export function sourceBlocks(tree: Root): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  walk(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'code') {
      const text = node.type === 'code' ? node.value : textOf(node);
      if (text.trim().length > 0) {
        blocks.push({ kind: node.type === 'heading' ? 'heading' : 'paragraph', text, line: node.position?.start.line });
      }
      return false;
    }
    // A table row reads as one line of text: its cells in order (a source's tables are part of its text).
    if (node.type === 'tableRow') {
      const text = node.children.map((cell) => textOf(cell)).join(' ');
      if (text.trim().length > 0) blocks.push({ kind: 'paragraph', text, line: node.position?.start.line });
      return false;
    }
    return undefined;
  });
  return blocks;
}

/** Deeper than this, a tree would overflow the stack of the recursive walks over it (walk). */
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

/** Every raw HTML node: the format forbids them all. */
export function rawHtml(tree: Root): { line: number; column: number; value: string }[] {
  const found: { line: number; column: number; value: string }[] = [];
  walk(tree, (node) => {
    if (node.type === 'html')
      found.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, value: node.value });
  });
  return found;
}
