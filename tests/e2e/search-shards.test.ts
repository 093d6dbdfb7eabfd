/**
 * A large site's search index may be written in shards (SEARCH_SHARD_PAGES, off by default:
 * src/integrations/pagefind.ts), merged by the search page with Pagefind's mergeIndex. The demo
 * is built twice, as one index and cut into shards of a few pages, and a fixed set of queries is
 * asked of both. What this pins, so that switching shards on is a measured choice:
 *   - the same: no result of one index is missing, and each result carries the same excerpt,
 *     highlights, sub-results, metadata and filters; filter-only queries give the same results
 *     and counts; a one-word query gives the same results and filter counts, and the search
 *     page renders the same items;
 *   - not the same: relevance order (each shard scores its pages against its own statistics),
 *     Pagefind's date sort (mergeIndex re-sorts the merged results by score), and a query of
 *     several words can find more pages (a shard that lacks one of the words matches the others).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Every query's answer through Pagefind's JS API, merging the shards as the search page does. */
async function answers(p: Page, origin: string): Promise<unknown[]> {
  // Not the search page: its own script loads the same pagefind.js module and merges the shards into it too.
  await p.goto(`${origin}${BASE}`);
  // A string: Vitest rewrites import() inside functions.
  return (await p.evaluate(`(async () => {
    const bundle = ${JSON.stringify(`${BASE}pagefind/`)};
    const pagefind = await import(bundle + 'pagefind.js');
    await pagefind.options({ baseUrl: ${JSON.stringify(BASE)} });
    await pagefind.init();
    const { shards } = await (await fetch(bundle + 'shards.json')).json();
    await Promise.all(shards.map((s) => pagefind.mergeIndex(bundle + s, { baseUrl: ${JSON.stringify(BASE)} })));
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

  it('is cut into several shards, the same pages in all', () => {
    const single = JSON.parse(one.site.read('pagefind/shards.json')) as { shards: string[] };
    const shards = JSON.parse(sharded.site.read('pagefind/shards.json')) as { shards: string[] };
    expect(single.shards).toEqual([]);
    expect(shards.shards.length).toBeGreaterThan(1);
    const pages = (s: BuiltSite) => Number(/pagefind: indexed (\d+) pages/.exec(s.output)?.[1]);
    expect(pages(sharded.site)).toBe(pages(one.site));
    // Outside pagefind/, the two sites are the same.
    const outside = (s: BuiltSite) => s.files().filter((f) => !f.startsWith('pagefind/'));
    expect(outside(sharded.site)).toEqual(outside(one.site));
  });

  it('answers a fixed set of queries with every result of one index, the same; order and extra results differ', async () => {
    const p = await browser.newPage();
    const problems = await watchProblems(p);
    type Result = { url: string };
    type Answer = { query: (typeof QUERIES)[number]; count: number; filters: unknown; totalFilters: unknown; results: Result[] };
    const [head, ...a] = (await answers(p, one.server.origin)) as [{ allFilters: unknown }, ...Answer[]];
    const [headB, ...b] = (await answers(p, sharded.server.origin)) as [{ allFilters: unknown }, ...Answer[]];
    expect(headB).toEqual(head);
    let extra = 0;
    let reordered = 0;
    for (const [i, single] of a.entries()) {
      const merged = b[i]!;
      const urls = (x: Answer) => x.results.map((r) => r.url);
      // Nothing lost, and every result the same.
      for (const r of single.results)
        expect(
          merged.results.find((m) => m.url === r.url),
          r.url,
        ).toEqual(r);
      // Known, and why shards are off: a shard that lacks a query's word answers with a word
      // near it ("may" for "mayor"), so merged shards can add results, never lose one.
      expect(merged.count, JSON.stringify(single.query)).toBeGreaterThanOrEqual(single.count);
      extra += merged.count - single.count;
      if (urls(merged).join() !== urls(single).join()) reordered++;
    }
    // The queries are not vacuous, and the known differences are there to be seen.
    expect(a.filter((x) => x.count > 0).length).toBeGreaterThanOrEqual(QUERIES.length - 2);
    expect(extra).toBeGreaterThan(0);
    expect(reordered).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await p.close();
  });

  it('renders every result of one index on the search page for a one-word query, marked the same', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 4000 } });
    const problems = await watchProblems(p);
    for (const term of ['ICE', 'mayor', 'inmigración']) {
      const a = await shown(p, one.server.origin, term);
      expect(a.results.join('')).toContain('<mark>');
      const b = await shown(p, sharded.server.origin, term);
      for (const r of a.results) expect(b.results, term).toContain(r);
    }
    expect(problems).toEqual([]);
    await p.close();
  });
});
