/**
 * The search index is built in shards and merged into one index at build time
 * (src/search-index/). The demo is built twice, as one shard and cut into shards of a few pages,
 * and a fixed set of queries is asked of both in the browser, through Pagefind's own search:
 * the answers are the same, result for result and in the same order, with the same excerpts,
 * highlights, sub-results, metadata, filters, counts and date sort, and the search page renders
 * the same items. (Merging shards in the browser with Pagefind's mergeIndex did not: each shard
 * scored against its own pages.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, watchProblems } from '../helpers/browser.ts';
import { buildSite, cleanBuilds, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { serveStatic, type StaticServer } from '../helpers/serve.ts';

const CONTENT = join(ROOT, 'content');
const BASE = '/factcheck/';
const SITE_URL = `https://factcheck.example.org${BASE}`;

/** Words, phrases, accents, filters alone and together, and a date sort: what readers and scripts ask. */
const QUERIES: { term: string | null; filters?: Record<string, string[]>; sort?: Record<string, string> }[] = [
  { term: 'ICE' },
  { term: 'ban' },
  { term: 'mayor' },
  { term: 'police databases' },
  { term: 'refuses to put such a ban in writing' },
  { term: 'proposed order was broader than what the mayor announced' },
  { term: '"sanctuary cities"' },
  { term: 'inmigración' },
  { term: 'cooperate', filters: { type: ['claim'] } },
  { term: 'ICE', filters: { type: ['source'] } },
  { term: null, filters: { type: ['claim'] } },
  { term: null, filters: { type: ['claim'] }, sort: { date: 'desc' } },
  { term: 'zzyzxq' },
];

interface Served {
  site: BuiltSite;
  server: StaticServer;
}

const enabled = browserAvailable();
let browser: Browser;
let one: Served;
let sharded: Served;

async function serve(site: BuiltSite): Promise<Served> {
  return { site, server: await serveStatic(site.dist, BASE) };
}

/** Every query's answer through Pagefind's JS API. */
async function answers(p: Page, origin: string): Promise<unknown[]> {
  // Not the search page: its own script loads the same pagefind.js module and would set its options first.
  await p.goto(`${origin}${BASE}`);
  // A string: Vitest rewrites import() inside functions.
  return (await p.evaluate(`(async () => {
    const bundle = ${JSON.stringify(`${BASE}pagefind/`)};
    const pagefind = await import(bundle + 'pagefind.js');
    await pagefind.options({ baseUrl: ${JSON.stringify(BASE)} });
    await pagefind.init();
    const out = [{ allFilters: await pagefind.filters() }];
    for (const q of ${JSON.stringify(QUERIES)}) {
      const search = await pagefind.search(q.term, { filters: q.filters ?? {}, sort: q.sort ?? {} });
      const data = await Promise.all(search.results.map((r) => r.data()));
      out.push({
        query: q,
        count: search.results.length,
        unfiltered: search.unfilteredResultCount,
        filters: search.filters,
        totalFilters: search.totalFilters,
        results: data.map((d) => ({ url: d.url, excerpt: d.excerpt, meta: d.meta, filters: d.filters, sub: d.sub_results.map((s) => [s.url, s.excerpt]) })),
      });
    }
    return out;
  })()`)) as unknown[];
}

/** What the search page shows for `?q=`: the summary, every result as rendered, the filter counts. */
async function shown(p: Page, origin: string, term: string): Promise<{ summary: string; results: string[]; counts: string[] }> {
  await p.goto(`${origin}${BASE}search/?q=${encodeURIComponent(term)}`);
  await p.locator('[data-search-summary]', { hasText: term }).waitFor();
  const more = p.locator('[data-search-more]');
  while (await more.isVisible()) {
    const n = await p.locator('[data-search-results] > li').count();
    await more.click();
    await p.waitForFunction((k) => document.querySelectorAll('[data-search-results] > li').length > k, n);
  }
  return {
    summary: (await p.locator('[data-search-summary]').textContent()) ?? '',
    results: await p.locator('[data-search-results] > li').evaluateAll((lis) => lis.map((li) => li.outerHTML)),
    counts: await p.locator('[data-search-filters] li:not([hidden])').allTextContents(),
  };
}

describe.skipIf(!enabled)('a search index in shards', () => {
  beforeAll(async () => {
    // One after the other: two builds of one content folder share Astro's cache folder.
    one = await serve(await buildSite(CONTENT, { siteUrl: SITE_URL }));
    sharded = await serve(await buildSite(CONTENT, { siteUrl: SITE_URL, env: { SEARCH_SHARD_PAGES: '4' } }));
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await one?.server.close();
    await sharded?.server.close();
    await cleanBuilds();
  });

  it('is cut into several shards, the same pages in all, and merged into the same files', () => {
    const shards = (s: BuiltSite) => Number(/pagefind: merged (\d+) shards?/.exec(s.output)?.[1]);
    expect(shards(one.site)).toBe(1);
    expect(shards(sharded.site)).toBeGreaterThan(2);
    const pages = (s: BuiltSite) => Number(/pagefind: indexed (\d+) pages/.exec(s.output)?.[1]);
    expect(pages(sharded.site)).toBe(pages(one.site));
    expect(sharded.site.files()).toEqual(one.site.files());
    const differing = one.site
      .files()
      .filter((f) => !readFileSync(join(one.site.dist, f)).equals(readFileSync(join(sharded.site.dist, f))));
    expect(differing).toEqual([]);
  });

  it('answers a fixed set of queries as one index does: the same results in the same order', async () => {
    const p = await browser.newPage();
    const problems = await watchProblems(p);
    type Answer = { query: (typeof QUERIES)[number]; count: number; results: { url: string }[] };
    const [head, ...a] = (await answers(p, one.server.origin)) as [{ allFilters: unknown }, ...Answer[]];
    const [headB, ...b] = (await answers(p, sharded.server.origin)) as [{ allFilters: unknown }, ...Answer[]];
    expect(headB).toEqual(head);
    for (const [i, single] of a.entries()) expect(b[i], JSON.stringify(single.query)).toEqual(single);
    // The queries are not vacuous: nearly all find something, several find several pages.
    expect(a.filter((x) => x.count > 0).length).toBeGreaterThanOrEqual(QUERIES.length - 2);
    expect(a.filter((x) => x.count > 2).length).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
    await p.close();
  });

  it('renders the same results on the search page, marked the same', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 4000 } });
    const problems = await watchProblems(p);
    for (const term of ['ICE', 'mayor', 'inmigración', 'police databases']) {
      const a = await shown(p, one.server.origin, term);
      expect(a.results.join('')).toContain('<mark>');
      expect(await shown(p, sharded.server.origin, term), term).toEqual(a);
    }
    expect(problems).toEqual([]);
    await p.close();
  });
});
