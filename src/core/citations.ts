/**
 * The three ways a claim cites a source (docs/content-format.md, "Citing a source"),
 * found in the mdast of a claim body. The checker and the remark plugin both
 * call `collectCitations`, so they can never disagree about what is an excerpt.
 */
import { posix } from 'node:path';
import type {
  Root,
  Blockquote,
  Definition,
  Link,
  LinkReference,
  Nodes,
  Paragraph,
  Parent,
  PhrasingContent,
  RootContent,
} from 'mdast';
import { plainText, walk } from './markdown.ts';
import { linkTextQuotation } from './quotations.ts';

/**
 * An excerpt's stance toward the claim. `claim` marks the passage where the claim
 * itself was made (in one of the claim's `appearance` sources): where it was said,
 * not evidence for it.
 */
export const STANCES = ['supports', 'disputes', 'context', 'claim'] as const;
export type Stance = (typeof STANCES)[number];

export type CitationKind = 'block' | 'inline' | 'link';

export interface Citation {
  kind: CitationKind;
  /** Slug of the cited source. */
  source: string;
  /** `#fragment` of the link, if any. */
  hash: string;
  stance: Stance;
  /** The link title as written when it is not a known stance. */
  badStance?: string;
  /** Set when the citation looks like a quotation the checker cannot verify as written. */
  problem?: string;
  /** The quoted words (plain text) for block and inline excerpts. */
  excerpt?: string;
  /** Where the citation starts (the blockquote or the link), 1-based. */
  line: number;
  column: number;
  /** Where the link itself is. */
  linkLine: number;
  linkColumn: number;
  link: Link;
  /** For block excerpts: the blockquote, and the nodes that make up the quotation. */
  blockquote?: Blockquote;
  quote?: RootContent[];
}

/** A relative link to another content file, resolved against the folder of the file it is in. */
export interface ContentLink {
  collection: 'sources' | 'claims' | 'pages' | 'other';
  slug: string;
  hash: string;
  /** Resolved path relative to the content folder, e.g. `sources/x.md`. */
  path: string;
}

const DASH = /^[ \t]*(?:\u2014|\u2015|\u2013|--)/;
const SIBLING = /^\.\.\/((?:sources|claims|pages)\/[^/]+\.md)$/;

/**
 * Resolves a link URL written in `fromPath` (relative to the content folder).
 * Returns null for anything that is not a relative link to a `.md` file.
 */
export function resolveContentLink(fromPath: string, url: string): ContentLink | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('//')) return null;
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  let path = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const q = path.indexOf('?');
  if (q >= 0) path = path.slice(0, q);
  if (!path.endsWith('.md')) return null;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it as written */
  }
  // Nearly every link is `../<collection>/<name>.md` from a file one folder deep: that one needs
  // no path arithmetic (a name that ends in .md is never . or ..).
  const slash = fromPath.indexOf('/');
  const sibling = slash > 0 && slash === fromPath.lastIndexOf('/') ? SIBLING.exec(path) : null;
  const resolved = path.startsWith('/')
    ? path.slice(1)
    : sibling
      ? sibling[1]!
      : posix.normalize(posix.join(posix.dirname(fromPath), path));
  const m = /^(sources|claims|pages)\/([^/]+)\.md$/.exec(resolved);
  if (!m) return { collection: 'other', slug: '', hash, path: resolved };
  return { collection: m[1] as ContentLink['collection'], slug: m[2]!, hash, path: resolved };
}

function stanceOf(title: string | null | undefined): { stance: Stance; bad?: string } {
  if (title == null || title.trim() === '') return { stance: 'context' };
  const t = title.trim().toLowerCase();
  return (STANCES as readonly string[]).includes(t) ? { stance: t as Stance } : { stance: 'context', bad: title };
}

/**
 * Unwraps a quoted link text, or returns null when the text is not one
 * quotation. Mismatched marks (“…") and punctuation after the closing mark
 * (“…”.) still make a quotation: what looks quoted to a reader is checked.
 */
export function unquote(text: string): string | null {
  const r = linkTextQuotation(text);
  return 'excerpt' in r ? r.excerpt : null;
}

/**
 * Inline content that changes what a reader reads of an excerpt, so that the
 * words verified would not be the words shown: struck-through text, an image
 * (whose alt text is not read as text), a footnote marker. Returns the first.
 */
function unreadable(nodes: readonly RootContent[]): string | undefined {
  let found: string | undefined;
  for (const n of nodes) {
    walk(n, (node) => {
      if (found) return false;
      if (node.type === 'delete') found = 'struck-through text';
      else if (node.type === 'image' || node.type === 'imageReference') found = 'an image';
      else if (node.type === 'footnoteReference') found = 'a footnote marker';
      return undefined;
    });
    if (found) break;
  }
  return found;
}

const unreadableProblem = (what: string) =>
  `this excerpt holds ${what}, so what a reader reads is not what was checked: quote the source's words as plain text (emphasis is fine)`;

/**
 * Splits a block excerpt's last paragraph into the quotation part and the
 * attribution line (`— [Outlet](../sources/x.md)`, or `— Name, in [Outlet](...)`),
 * which may be the whole paragraph or its last line.
 */
function splitAttribution(p: Paragraph, isSourceLink: (l: Link) => boolean): { link: Link; before: PhrasingContent[] } | null {
  const kids = p.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.type !== 'link' || !isSourceLink(k)) continue;
    // Only punctuation or a short note (a date, "via ...") may follow the link on its line.
    const after = kids.slice(i + 1);
    if (after.some((n) => n.type === 'break' || (n.type === 'text' && n.value.includes('\n')))) continue;
    // Walk back to the start of the link's line: a hard break, a newline in a text node, or the paragraph's start.
    let j = i - 1;
    let prefix = '';
    let head: PhrasingContent | undefined;
    for (; j >= 0; j--) {
      const n = kids[j]!;
      if (n.type === 'break') break;
      if (n.type === 'text' && n.value.includes('\n')) {
        const at = n.value.lastIndexOf('\n');
        prefix = n.value.slice(at + 1) + prefix;
        head = { ...n, value: n.value.slice(0, at) };
        break;
      }
      prefix = plainText(n) + prefix;
    }
    if (!DASH.test(prefix)) continue;
    const before = kids.slice(0, Math.max(0, j));
    if (head && head.type === 'text' && head.value.trim().length > 0) before.push(head);
    return { link: k, before };
  }
  return null;
}

/** The nodes of a body that are citations (the links, and the blockquotes of block excerpts): their words are checked as excerpts. */
export function citedNodes(found: readonly Citation[]): Set<Nodes> {
  const nodes = new Set<Nodes>();
  for (const c of found) {
    nodes.add(c.link);
    if (c.blockquote) nodes.add(c.blockquote);
  }
  return nodes;
}

function pos(node: { position?: { start: { line: number; column: number } } }): [number, number] {
  return [node.position?.start.line ?? 1, node.position?.start.column ?? 1];
}

/**
 * Finds every citation of a source in a claim body. `fromPath` is the claim's
 * path relative to the content folder; `lineOffset` is added to every line so
 * that positions count from the top of the file, front matter included.
 */
export function collectCitations(tree: Root, fromPath: string, lineOffset = 0): Citation[] {
  const out: Citation[] = [];
  const taken = new Set<Link>();
  const resolved = new Map<string, ReturnType<typeof resolveContentLink>>();
  const sourceOf = (l: { url: string }) => {
    let r = resolved.get(l.url);
    if (r === undefined && !resolved.has(l.url)) resolved.set(l.url, (r = resolveContentLink(fromPath, l.url)));
    return r && r.collection === 'sources' ? r : null;
  };

  // One walk finds every node the rules below look at, in document order.
  const definitions = new Map<string, Definition>();
  const references: { ref: LinkReference; index: number; parent: Parent }[] = [];
  const paragraphs: { p: Paragraph; index: number; parent: Parent }[] = [];
  const blockquotes: Blockquote[] = [];
  const anchors: (Link | LinkReference)[] = [];
  walk(tree, (node, index, parent) => {
    if (node.type === 'definition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    } else if (node.type === 'linkReference') {
      if (parent && index !== undefined) references.push({ ref: node, index, parent });
      anchors.push(node);
    } else if (node.type === 'link') anchors.push(node);
    else if (node.type === 'paragraph' && parent && index !== undefined) paragraphs.push({ p: node, index, parent });
    else if (node.type === 'blockquote') blockquotes.push(node);
  });

  // A reference-style link ([text][id] and [id]: ../sources/x.md) is ordinary Markdown too:
  // it becomes a plain link here, for the checker and the site alike, so no quotation escapes the check.
  const asLink = new Map<LinkReference, Link>();
  for (const { ref, index, parent } of references) {
    const def = definitions.get(ref.identifier);
    if (!def || !sourceOf(def)) continue;
    const link: Link = { type: 'link', url: def.url, title: def.title ?? null, children: ref.children };
    if (ref.position) link.position = ref.position;
    parent.children[index] = link;
    asLink.set(ref, link);
  }
  const links = anchors.flatMap((a) => (a.type === 'link' ? [a] : asLink.has(a) ? [asLink.get(a)!] : []));
  const base = (link: Link, kind: CitationKind, at: { position?: Link['position'] }): Citation => {
    const target = sourceOf(link)!;
    const { stance, bad } = stanceOf(link.title);
    const [line, column] = pos(at);
    const [linkLine, linkColumn] = pos(link);
    return {
      kind,
      source: target.slug,
      hash: target.hash,
      stance,
      ...(bad !== undefined ? { badStance: bad } : {}),
      line: line + lineOffset,
      column,
      linkLine: linkLine + lineOffset,
      linkColumn,
      link,
    };
  };

  // A quotation must never reach the site unchecked: a blockquote that links to a
  // source but is not a block excerpt, and an attribution left outside its blockquote,
  // are reported instead of being published as plain links.
  const unverified = new Map<Link, string>();
  const sourceLinksIn = (node: Parent) => {
    const found: Link[] = [];
    walk(node as Root, (l) => {
      if (l.type === 'link' && sourceOf(l)) found.push(l);
    });
    return found;
  };
  for (const { p, index, parent } of paragraphs) {
    if (index === 0 || parent.children[index - 1]!.type !== 'blockquote') continue;
    if (!DASH.test(plainText(p))) continue;
    for (const l of sourceLinksIn(p)) {
      unverified.set(
        l,
        'this attribution is outside the blockquote above it: start its line with > (after a line holding only >) so the quotation is checked',
      );
    }
  }

  for (const bq of blockquotes) {
    const last = bq.children[bq.children.length - 1];
    const split = last && last.type === 'paragraph' ? splitAttribution(last, (l) => sourceOf(l) !== null) : null;
    const quote: RootContent[] = bq.children.slice(0, -1);
    if (split && last && last.type === 'paragraph' && split.before.length > 0) quote.push({ ...last, children: split.before });
    if (!split || quote.length === 0) {
      for (const l of sourceLinksIn(bq)) {
        unverified.set(
          l,
          'this blockquote links to a source but is not a block excerpt, so its quotation would go unchecked: ' +
            'end it with a paragraph of its own, > — [Outlet](../sources/slug.md)',
        );
      }
      continue;
    }
    taken.add(split.link);
    const odd = unreadable(quote);
    if (odd) {
      out.push({ ...base(split.link, 'block', bq), problem: unreadableProblem(odd) });
      continue;
    }
    out.push({ ...base(split.link, 'block', bq), excerpt: plainText(quote), blockquote: bq, quote });
  }

  for (const link of links) {
    if (taken.has(link) || !sourceOf(link)) continue;
    const reading = linkTextQuotation(plainText(link));
    const odd = unreadable(link.children);
    const problem =
      unverified.get(link) ??
      ('problem' in reading ? reading.problem : odd && 'excerpt' in reading ? unreadableProblem(odd) : undefined);
    if (problem) out.push({ ...base(link, 'link', link), problem });
    else if ('excerpt' in reading) out.push({ ...base(link, 'inline', link), excerpt: reading.excerpt });
    else out.push(base(link, 'link', link));
  }

  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
