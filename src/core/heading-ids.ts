/**
 * The ids Astro gives a body's headings, computed from the check's tree so that a
 * `#fragment` can be checked before anything is built. Astro (rehypeHeadingIds in
 * @astrojs/markdown-remark) slugs each heading's text with github-slugger, one
 * slugger per document, on the tree the site renders: the check's tree, typeset.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root } from 'mdast';
import { walk } from './markdown.ts';
import { blockText, scanQuotations } from './quotations.ts';
import { typeset } from './typography.ts';

/** A heading's text as the rendered HTML holds it (hast text nodes, in order). */
function renderedText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return '';
  // Astro escapes braces before slugging; the slugger drops them either way, but the count must match.
  if ('value' in node && typeof node.value === 'string') return node.value.replace(/\{/g, '${');
  if (!('children' in node)) return '';
  return (node.children as Nodes[]).map(renderedText).join('');
}

/**
 * Whether the site adds words of its own inside the heading (a verified quotation's
 * or a citation's hidden label, a footnote's number): its id is then not knowable
 * here, and is not offered as a link target.
 */
function decorated(heading: Heading): boolean {
  let found = false;
  walk(heading, (node) => {
    if (node.type === 'link' || node.type === 'linkReference' || node.type === 'footnoteReference') found = true;
    return found ? false : undefined;
  });
  return found || scanQuotations(blockText(heading).text).quotations.length > 0;
}

/**
 * The ids of a body's headings, in document order; `tree` is typeset in place, so
 * call this last on a tree that is not needed any more.
 */
export function headingIds(tree: Root): string[] {
  const slugger = new GithubSlugger();
  const ids: string[] = [];
  walk(tree, (node) => {
    if (node.type === 'code' || node.type === 'html') return false;
    if (node.type !== 'heading') return undefined;
    const plain = decorated(node);
    typeset({ type: 'root', children: [node] });
    const id = slugger.slug(renderedText(node));
    if (!plain) ids.push(id);
    return false;
  });
  return ids;
}
