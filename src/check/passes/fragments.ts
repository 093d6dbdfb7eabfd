/**
 * Fragments: a link's `#fragment` must name an id its page has, or the reader lands
 * at the top of the page with nothing to show why. The ids content may count on:
 * its headings' (as Astro slugs them, core/heading-ids.ts), a source page's excerpt
 * ids, the few the templates promise (TEMPLATE_IDS), and the two every browser
 * knows (an empty fragment and `top`). Runs after the excerpts pass, which gives
 * the excerpt ids.
 */
import type { CheckContext, Entry } from '../corpus.ts';
import type { FragmentLink } from './links.ts';

/**
 * Ids the page templates write that content may link to, with when each page has it.
 * tests/integration/links.test.ts holds every one of them to a built page.
 */
export const TEMPLATE_IDS = {
  /** Every page but the embed (BaseLayout's `<main>`). */
  every: ['main'],
  /** A claim page's sections; absent sections have no id. */
  claim: {
    ruling: 'ruling-heading',
    sources: 'sources-heading',
    appearance: 'appearance-heading',
    updates: 'updates-heading',
    tags: 'tags-heading',
  },
  source: { text: 'text-heading', citedBy: 'cited-heading' },
} as const;

type ClaimLike = { draft: boolean; appearance?: string[]; updates?: unknown[]; tags?: string[] };

export interface FragmentInputs {
  links: readonly FragmentLink[];
  /** The heading ids of each claim's and page's body, by its path. */
  headings: ReadonlyMap<string, readonly string[]>;
  /** Whether excerpts were matched (their ids are known). */
  excerpts: boolean;
}

export function checkFragments({ corpus, problems }: CheckContext, { links, headings, excerpts }: FragmentInputs): void {
  const cache = new Map<Entry<unknown>, Set<string>>();
  let cited: { published: Set<string>; all: Set<string> } | undefined;
  /** The sources some review cites, in any form: their pages list those reviews. */
  const citedSources = () => {
    if (!cited) {
      cited = { published: new Set(), all: new Set() };
      for (const c of corpus.claims.values()) {
        for (const r of corpus.citations.get(c.slug) ?? []) {
          cited.all.add(r.source);
          if (!c.data.draft) cited.published.add(r.source);
        }
      }
    }
    return cited;
  };
  /** The ids an entry's page has, as a published page (or, for a draft linker, as the dev preview shows it). */
  const idsOf = (entry: Entry<{ draft: boolean }>, draftView: boolean): Set<string> | undefined => {
    if (entry.collection === 'sources' && !excerpts) return undefined;
    const cached = !draftView ? cache.get(entry) : undefined;
    if (cached) return cached;
    const ids = new Set<string>([...TEMPLATE_IDS.every, ...(headings.get(entry.path) ?? [])]);
    if (entry.collection === 'claims') {
      const data = entry.data as ClaimLike;
      const t = TEMPLATE_IDS.claim;
      ids.add(t.ruling);
      if ((corpus.citations.get(entry.slug) ?? []).length > 0) ids.add(t.sources);
      if (data.appearance?.length) ids.add(t.appearance);
      if (data.updates?.length) ids.add(t.updates);
      if (data.tags?.length) ids.add(t.tags);
    } else if (entry.collection === 'sources') {
      ids.add(TEMPLATE_IDS.source.text);
      for (const e of corpus.excerpts.get(entry.slug) ?? []) {
        if (draftView || e.citedBy.some((c) => !c.draft)) ids.add(e.id);
      }
      if (citedSources()[draftView ? 'all' : 'published'].has(entry.slug)) ids.add(TEMPLATE_IDS.source.citedBy);
    }
    if (!draftView) cache.set(entry, ids);
    return ids;
  };

  for (const link of links) {
    const { file, line, column, url, fragment, from, to } = link;
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      problems.push({
        file,
        line,
        column,
        message: `the link \`${url}\` has a malformed %-escape in its #fragment; write the id as it is`,
      });
      continue;
    }
    if (id === '' || id === 'top') continue;
    const say = (message: string) => problems.push({ file, line, column, message: `the link \`${url}\` ${message}` });
    if (id.startsWith(':~:')) {
      say(
        'has a text fragment (#:~:text=…), which the check cannot hold to the page; link to a heading’s #id, or quote the passage as an excerpt of its source',
      );
      continue;
    }
    if ('alias' in to) {
      say(
        `goes through the old slug \`${to.alias}\`, whose page forwards the reader without the #fragment; link to \`${to.to}\` instead`,
      );
      continue;
    }
    if ('fixed' in to) {
      if (!(TEMPLATE_IDS.every as readonly string[]).includes(id))
        say(`points to #${id}, which that page of the site does not have (content may link only to #main there)`);
      continue;
    }
    const ids = idsOf(to.entry, from.data.draft);
    if (!ids || ids.has(id)) continue;
    const where = to.entry === from ? 'this page' : to.entry.path;
    const list = (named: readonly string[], what: string) => {
      if (named.length === 0) return `it has no ${what} to link to`;
      const shown = named.slice(0, 8).map((h) => `#${h}`);
      return `its ${what}’ ids are ${shown.join(', ')}${named.length > shown.length ? ` and ${named.length - shown.length} more` : ''}`;
    };
    const hint =
      to.entry.collection === 'sources'
        ? list(
            [...ids].filter((i) => i.startsWith('q-')),
            'quoted passages',
          )
        : list(headings.get(to.entry.path) ?? [], 'headings');
    say(`points to #${id}, which ${where} does not have: ${hint}`);
  }
}
