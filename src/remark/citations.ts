/**
 * Turns the citation forms of a content body into what readers see: block
 * excerpts become a figure with a caption, inline excerpts a link to their place
 * on the source page, and relative links between content files site URLs. Raw
 * HTML is dropped (the checker already rejects it; this is defence in depth).
 * All the knowing is in src/core/ and src/site/; this file only builds mdast.
 */
import { relative, sep } from 'node:path';
import { statSync } from 'node:fs';
import type { Root, Link, Parent, PhrasingContent, RootContent, Nodes, Text } from 'mdast';
import type { Properties } from 'hast';
import { citedNodes, collectCitations, resolveContentLink } from '../core/citations.ts';
import { bodyQuotations, type TextQuotation } from '../core/quotations.ts';
import type { Corpus } from '../check/corpus.ts';
import { walk } from '../core/markdown.ts';
import { getCorpus } from '../check/cache.ts';
import { excerptLinks, resolveCitations } from '../site/excerpt-links.ts';
import { uiOf, type Ui } from '../i18n/ui.ts';
import { languageAttributes } from '../i18n/direction.ts';
import { typesetText } from '../core/typography.ts';
import { internalHref } from '../site/location.ts';
import { paths } from '../site/routes.ts';
import { formatProblem } from '../core/problems.ts';

export interface RemarkCitationsOptions {
  /** Absolute path of the content folder. */
  contentDir: string;
  /** The site's base path, e.g. `/` or `/repo/`. */
  base: string;
}

/**
 * The words an excerpt's caption and links add to every claim page ("Supports the claim", "In
 * the source", "In the original", a stance's tag) are not what a reader searches for, and
 * repeated on every page they would make every claim a hit for them: Pagefind leaves out the
 * classes in UNINDEXED_SELECTORS (site/routes.ts), at no cost of an attribute on every excerpt.
 */
type Custom = { type: string; data?: Record<string, unknown>; children?: unknown[] };
const el = (tagName: string, props: Record<string, unknown>, children: unknown[]): Nodes =>
  ({ type: `x-${tagName}`, data: { hName: tagName, hProperties: props }, children }) as Custom as unknown as Nodes;
const text = (value: string): PhrasingContent => ({ type: 'text', value });
const link = (url: string, children: PhrasingContent[], props: Properties = {}): Link => ({
  type: 'link',
  url,
  title: null,
  children,
  data: { hProperties: props },
});

/**
 * What a passage quoted from a source in another language than the site's says of it: its `lang`,
 * and its `dir` where that differs from the site's, so a screen reader speaks it in its language
 * and an English quotation reads left to right on an Arabic page. A passage in the site's own
 * language inherits the page's (and adds no bytes to every claim page).
 */
function languageProps(source: { data: { language?: string | undefined } }, ui: Ui): Record<string, string> {
  return languageAttributes(source.data.language, ui.lang);
}

/** The quoted words, wrapped in their language when it is not the page's. */
function inLanguage(props: Record<string, string>, children: PhrasingContent[]): PhrasingContent[] {
  return Object.keys(props).length ? [el('span', props, children) as PhrasingContent] : children;
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Links each verified quotation of a claim's analysis to its passage on the
 * source page, as an inline excerpt is linked (it is context, not a stance).
 * The quotations are found again in the tree being rendered and paired, in
 * order, with those the check verified; a difference is a build error, never a
 * page whose links point at passages nobody checked.
 */
function linkQuotations(
  tree: Root,
  found: TextQuotation[],
  corpus: Corpus,
  claimSlug: string,
  rel: string,
  base: string,
  ui: Ui,
): void {
  const checked = (corpus.quotations.get(claimSlug) ?? []).filter((q) => q.where === 'analysis');
  const quotations = found.filter((q) => !q.problem);
  if (quotations.length !== checked.length) {
    throw new Error(
      `${rel}: ${quotations.length} quotations were found while rendering and ${checked.length} when checking; run npm run check`,
    );
  }
  const parents = new Map<Nodes, Parent>();
  walk(tree, (node, _, parent) => {
    if (node.type === 'text' && parent) parents.set(node, parent);
  });
  // Right to left within a text node, so that the offsets of the ones before stay valid.
  const order = quotations.map((q, i) => ({ q, r: checked[i]! })).sort((a, b) => (b.q.start ?? 0) - (a.q.start ?? 0));
  for (const { q, r } of order) {
    if (!q.node || q.start === undefined || q.end === undefined || !r.source || !r.id || !r.ranges) continue;
    const parent = parents.get(q.node);
    const source = corpus.sources.get(r.source);
    if (!parent || !source) continue;
    const { sourceHref } = excerptLinks(corpus, base, r.source, r.id, r.ranges);
    const value = q.node.value;
    // No title: it is not read by every screen reader, and the words in the link say where it comes from.
    const quoted = link(sourceHref, inLanguage(languageProps(source, ui), [text(value.slice(q.start, q.end))]), {
      className: ['excerpt-inline', 'quotation'],
    });
    quoted.children.push(
      el('span', { className: ['visually-hidden', 'quotation-source'] }, [
        text(` ${ui.t('quotation.note', { outlet: source.data.outlet })}`),
      ]) as PhrasingContent,
    );
    const at = parent.children.indexOf(q.node as never);
    const after: Text = { type: 'text', value: value.slice(q.end) };
    q.node.value = value.slice(0, q.start);
    parent.children.splice(at + 1, 0, quoted as never, after as never);
    parents.set(after, parent);
  }
}

export default function remarkCitations(options: RemarkCitationsOptions) {
  return (tree: Root, file: { path?: string }) => {
    walk(tree, (node) => {
      if (!('children' in node)) return;
      if ((node.children as Nodes[]).some((c) => c.type === 'html'))
        node.children = (node.children as Nodes[]).filter((c) => c.type !== 'html') as never;
      // A body sits under its page's own <h1>: a `# heading` in it becomes an <h2>.
      if (node.type === 'heading' && node.depth === 1) node.depth = 2;
    });
    if (!file.path) return;
    const rel = relative(options.contentDir, file.path).split(sep).join('/');
    if (rel.startsWith('..')) return;
    const corpus = getCorpus(options.contentDir, modifiedAt(file.path));
    const ui = uiOf(corpus.site);

    const m = /^claims\/([^/]+)\.md$/.exec(rel);
    if (m) {
      const claimSlug = m[1]!;
      const found = collectCitations(tree, rel);
      // Found before the citations are rewritten: the same nodes the check set aside are set aside here.
      linkQuotations(tree, bodyQuotations(tree, citedNodes(found), ''), corpus, claimSlug, rel, options.base, ui);
      const resolved = resolveCitations(corpus, claimSlug, found);
      const inlineAfter = new Map<Link, Link>();
      found.forEach((c, i) => {
        if (c.kind === 'link') return;
        const r = resolved[i];
        if (!r?.id || !r.ranges) {
          // The check's own words at the file's line (a citation found here counts lines from the body's start).
          const line = c.line + (corpus.claims.get(claimSlug)?.bodyLineOffset ?? 0);
          const own = corpus.problems.find((p) => p.file.endsWith(rel) && p.line === line);
          throw new Error(
            own
              ? formatProblem(own)
              : `${rel}:${line}:${c.column}: excerpt not found in source ${c.source} (run npm run check for details)`,
          );
        }
        const source = corpus.sources.get(c.source)!;
        const links = excerptLinks(corpus, options.base, c.source, r.id, r.ranges);
        const stanceClass = `stance-${c.stance}`;
        if (c.kind === 'block') {
          const s = source.data;
          const caption: unknown[] = [
            el('span', { className: ['excerpt-from'] }, [
              text(
                s.via
                  ? `${s.outlet} (${ui.t('claim.via', { from: s.via })})${ui.t('punct.comma')}`
                  : `${s.outlet}${ui.t('punct.comma')}`,
              ),
              el('cite', languageProps(source, ui), [text(typesetText(s.title))]),
              ...(s.published
                ? [text(ui.t('punct.comma')), el('time', { dateTime: s.published }, [text(ui.day(s.published))])]
                : []),
            ]),
            text(' '),
            el('span', { className: ['stance', 'stance-tag', stanceClass] }, [text(ui.t(`stance.${c.stance}`))]),
            text(' '),
            link(links.sourceHref, [text(ui.t('excerpt.inSource'))], { className: ['excerpt-link'] }),
          ];
          if (links.originalHref) {
            caption.push(
              text(' '),
              link(links.originalHref, [text(ui.t('excerpt.inOriginal'))], {
                className: ['excerpt-link', 'excerpt-original'],
              }),
            );
          }
          const bq = c.blockquote! as unknown as Custom;
          const quote = c.quote!;
          bq.type = 'x-figure';
          bq.data = { hName: 'figure', hProperties: { className: ['excerpt', 'excerpt-block', stanceClass] } };
          bq.children = [
            {
              type: 'blockquote',
              data: { hProperties: { cite: s.url ?? links.sourceHref, ...languageProps(source, ui) } },
              children: quote as RootContent[],
            },
            el('figcaption', {}, caption),
          ];
        } else {
          const l = c.link;
          l.url = links.sourceHref;
          l.title = null;
          l.data = { hProperties: { className: ['excerpt', 'excerpt-inline', stanceClass] } };
          // A visible tag, not a hover title (touch screens have no hover) nor an underline style: the
          // word is seen, and the hidden text says it in full to a screen reader. The quoted words are
          // the source's, in its language; the tag after them is the site's.
          l.children = inLanguage(languageProps(source, ui), l.children);
          l.children.push(
            el('span', { className: ['stance-tag'] }, [
              text(ui.t(`stance.tag.${c.stance}`)),
              el('span', { className: ['visually-hidden'] }, [
                text(ui.t(`stance.spoken.${c.stance}`, { outlet: source.data.outlet })),
              ]),
            ]) as PhrasingContent,
          );
          if (links.originalHref) {
            inlineAfter.set(
              l,
              link(
                links.originalHref,
                [
                  el('span', { ariaHidden: 'true' }, [text('↗')]) as PhrasingContent,
                  el('span', { className: ['visually-hidden'] }, [
                    text(` ${ui.t('excerpt.inOriginalAt', { outlet: source.data.outlet })}`),
                  ]) as PhrasingContent,
                ],
                {
                  className: ['excerpt-original-inline'],
                },
              ),
            );
          }
        }
      });
      if (inlineAfter.size) {
        walk(tree, (node) => {
          if (!('children' in node) || !(node.children as Nodes[]).some((c) => inlineAfter.has(c as Link))) return;
          node.children = (node.children as Nodes[]).flatMap((c) => {
            const extra = inlineAfter.get(c as Link);
            return extra ? [c, extra] : [c];
          }) as never;
        });
      }
    }

    walk(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return;
      const target = resolveContentLink(rel, node.url);
      if (!target || target.collection === 'other') return;
      const path =
        target.collection === 'sources'
          ? paths.source(target.slug)
          : target.collection === 'claims'
            ? paths.claim(target.slug)
            : paths.page(target.slug);
      node.url = internalHref(options.base, path) + target.hash;
    });
  };
}
