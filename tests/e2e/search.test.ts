/**
 * Search in a real browser: the demo site is built once (with its Pagefind index),
 * served on loopback under a base path, and driven in Debian's Chromium. Every page
 * visited must leave the console clean: a CSP violation, a failed load or an
 * uncaught exception fails the test that caused it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, siteInBrowser, watchProblems, type SiteInBrowser } from '../helpers/browser.ts';
import { buildSite, cleanBuilds, ROOT } from '../helpers/build-site.ts';
import type { BuiltSite } from '../helpers/build-site.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { normalize } from '../../src/core/normalize.ts';
import { citedSources, publishedClaims, publishedPages, publishedSources } from '../../src/site/published.ts';
import { findVerdict } from '../../src/core/verdicts.ts';
import { formatDay } from '../../src/core/dates.ts';

const CONTENT = join(ROOT, 'content');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BASE = '/factcheck/';
const corpus = loadCorpus(CONTENT);

/** Words from the analysis of claims/ban-not-in-writing.md that no source contains. */
const ANALYSIS_PHRASE = 'proposed order was broader than what the mayor announced';
const ANALYSIS_CLAIM = 'ban-not-in-writing';
/** Words of sources/huffpost-permanent-ban.md that the reviews quote. */
const QUOTED_PHRASE = 'refuses to put such a ban in writing';
const QUOTED_SOURCE = 'huffpost-permanent-ban';

const enabled = browserAvailable();
let context: BrowserContext;
let page: Page;
let problems: string[];

let demo: SiteInBrowser<BuiltSite>;
const url = (path: string) => `${demo.server.origin}${BASE}${path}`;
const claimPath = (slug: string) => `${BASE}claims/${slug}/`;
const sourcePath = (slug: string) => `${BASE}sources/${slug}/`;

/** Every result link, after pressing "Show more results" until every result is shown. */
async function resultPaths(p: Page): Promise<string[]> {
  const more = p.locator('[data-search-more]');
  while (await more.isVisible()) {
    const shown = await p.locator('[data-search-results] > li').count();
    await more.click();
    await p.waitForFunction((n) => document.querySelectorAll('[data-search-results] > li').length > n, shown);
  }
  const hrefs = await p
    .locator('[data-search-results] li .search-result-link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  return hrefs.sort();
}

/** Waits for results; with a term, for the results of that term (the live summary names it). */
async function waitForResults(p: Page, term?: string): Promise<string[]> {
  if (term) await p.locator('[data-search-summary]', { hasText: term }).waitFor();
  await p.locator('[data-search-results] .search-result-link').first().waitFor();
  return resultPaths(p);
}

describe.skipIf(!enabled)('search in Chromium', () => {
  demo = siteInBrowser(() => buildSite(CONTENT, { siteUrl: `https://factcheck.example.org${BASE}` }), BASE, cleanBuilds);

  beforeEach(async () => {
    // A tall window: every result is in view, so every result renders.
    context = await demo.browser.newContext({ viewport: { width: 1280, height: 4000 } });
    page = await context.newPage();
    problems = await watchProblems(page);
  });

  afterEach(async () => {
    await context.close();
    expect(problems, 'console errors, CSP violations or failed loads').toEqual([]);
  });

  it('indexes claims, sources and pages, and nothing else', () => {
    const entry = JSON.parse(demo.site.read('pagefind/pagefind-entry.json')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    const expected = publishedClaims(corpus).length + publishedSources(corpus).length + publishedPages(corpus).length;
    expect(Object.keys(entry.languages)).toEqual([corpus.site!.language]);
    expect(indexed).toBe(expected);
    expect(demo.site.output).toMatch(new RegExp(`pagefind: indexed ${expected} pages in [\\d.]+ s`));
  });

  it('gives claims their verdict, claimant and date as metadata, sortable by date', async () => {
    await page.goto(url('search/'));
    // Pagefind's own JS API, as a page script would use it (a string: Vitest rewrites import() in functions).
    const found = (await page.evaluate(`(async () => {
      const pagefind = await import(${JSON.stringify(`${BASE}pagefind/pagefind.js`)});
      await pagefind.options({ baseUrl: ${JSON.stringify(BASE)} });
      const search = await pagefind.search(null, { filters: { type: 'claim' }, sort: { date: 'desc' } });
      const data = await Promise.all(search.results.map((r) => r.data()));
      return data.map((d) => ({ url: d.url, outlets: d.filters.outlet ?? [], tags: d.filters.tag ?? [], ...d.meta }));
    })()`)) as ({ url: string; outlets: string[]; tags: string[] } & Record<string, string>)[];
    const claims = publishedClaims(corpus);
    expect(found.map((f) => f.url).sort()).toEqual(claims.map((c) => claimPath(c.slug)).sort());
    for (const f of found) {
      const claim = claims.find((c) => claimPath(c.slug) === f.url)!;
      expect(f).toMatchObject({
        verdict: findVerdict(corpus.scale, claim.data.verdict)!.label,
        claimant: claim.data.claimant,
        date: claim.data.reviewed,
      });
      // A claim's outlets are those of the sources it cites.
      const outlets = new Set(citedSources(corpus, claim.slug).map((slug) => corpus.sources.get(slug)!.data.outlet));
      expect([...f.outlets].sort()).toEqual([...outlets].sort());
      expect([...f.tags].sort()).toEqual([...new Set(claim.data.tags ?? [])].sort());
    }
    const dates = found.map((f) => f.date!);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('finds a claim by a phrase from its analysis, with its verdict, and puts the query in the URL', async () => {
    await page.goto(url('search/'));
    const input = page.getByLabel('Search claims, sources and pages');
    await input.fill(ANALYSIS_PHRASE);
    const paths = await waitForResults(page, ANALYSIS_PHRASE);
    expect(paths).toContain(claimPath(ANALYSIS_CLAIM));

    const claim = corpus.claims.get(ANALYSIS_CLAIM)!;
    const label = findVerdict(corpus.scale, claim.data.verdict)!.label;
    const result = page.locator('li.search-result', { has: page.locator(`a[href="${claimPath(ANALYSIS_CLAIM)}"]`) });
    await expect.poll(() => result.locator('.search-result-verdict').textContent()).toBe(label);
    expect(new URL(page.url()).searchParams.get('q')).toBe(ANALYSIS_PHRASE);
    // The date as the claim page writes it, not the sort key; and no boilerplate in the excerpt.
    const byline = await result.locator('.search-result-byline').textContent();
    expect(byline).toBe(`${claim.data.claimant} · ${formatDay(claim.data.reviewed, 'en')}`);
    expect(byline).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await result.locator('.search-result-excerpt').textContent()).not.toMatch(/Claimed by|Reviewed|How to read/);
  });

  it('searches what was typed while the index was still loading, and keeps it in the URL', async () => {
    // Hold Pagefind's script until the reader has typed.
    let held!: () => void;
    const requested = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/pagefind/pagefind.js', async (route) => {
      held();
      await released;
      await route.continue();
    });
    await page.goto(url('search/'), { waitUntil: 'domcontentloaded' });
    await requested;
    await page.getByLabel('Search claims, sources and pages').fill(ANALYSIS_PHRASE);
    release();
    const paths = await waitForResults(page, ANALYSIS_PHRASE);
    expect(paths).toContain(claimPath(ANALYSIS_CLAIM));
    expect(paths.length).toBeLessThan(publishedClaims(corpus).length);
    expect(new URL(page.url()).searchParams.get('q')).toBe(ANALYSIS_PHRASE);
    await expect.poll(() => page.locator('[data-search-summary]').textContent()).toContain(ANALYSIS_PHRASE);
  });

  it('finds a quoted phrase in its source and in every claim that quotes it', async () => {
    const wanted = normalize(QUOTED_PHRASE).text;
    const citers = new Set(
      (corpus.excerpts.get(QUOTED_SOURCE) ?? [])
        .filter((e) => normalize(e.text).text.includes(wanted))
        .flatMap((e) => e.citedBy.filter((c) => !c.draft).map((c) => c.claim)),
    );
    expect(citers.size).toBeGreaterThan(0);

    await page.goto(url(`search/?q=${encodeURIComponent(QUOTED_PHRASE)}`));
    const paths = await waitForResults(page, QUOTED_PHRASE);
    expect(paths).toContain(sourcePath(QUOTED_SOURCE));
    for (const claim of citers) expect(paths).toContain(claimPath(claim));
  });

  it('narrows to exactly the claims with a verdict, and keeps the filter in the URL', async () => {
    const byVerdict = new Map<string, string[]>();
    for (const c of publishedClaims(corpus)) byVerdict.set(c.data.verdict, [...(byVerdict.get(c.data.verdict) ?? []), c.slug]);
    // The verdict with the most claims, so that "exactly" means something.
    const [id, slugs] = [...byVerdict].sort((a, b) => b[1].length - a[1].length)[0]!;
    const label = findVerdict(corpus.scale, id)!.label;
    expect(slugs.length).toBeGreaterThan(1);

    await page.goto(url('search/'));
    const checkbox = page
      .locator('[data-search-filters] fieldset input[type="checkbox"][name="verdict"]')
      .and(page.locator(`[value="${label}"]`));
    await checkbox.focus();
    await page.keyboard.press('Space');
    const paths = await waitForResults(page);
    expect(paths).toEqual(slugs.map(claimPath).sort());
    expect(new URL(page.url()).searchParams.getAll('verdict')).toEqual([label]);

    // The same link, opened afresh, restores the filter.
    const shared = page.url();
    await page.goto(shared);
    expect(await waitForResults(page)).toEqual(slugs.map(claimPath).sort());
    await expect.poll(() => checkbox.isChecked()).toBe(true);
  });

  it('opens a ?q= deep link with the query in the box and its results', async () => {
    await page.goto(url(`search/?q=${encodeURIComponent(ANALYSIS_PHRASE)}&type=claim`));
    expect(await page.getByLabel('Search claims, sources and pages').inputValue()).toBe(ANALYSIS_PHRASE);
    const paths = await waitForResults(page, ANALYSIS_PHRASE);
    expect(paths).toContain(claimPath(ANALYSIS_CLAIM));
    expect(paths.every((p) => p.startsWith(`${BASE}claims/`))).toBe(true);
  });

  it('lands on results from the header search form of a claim page', async () => {
    await page.goto(url(`claims/${ANALYSIS_CLAIM}/`));
    const header = page.locator('header form[role="search"]');
    await header.locator('input[name="q"]').fill(QUOTED_PHRASE);
    await header.locator('input[name="q"]').press('Enter');
    await page.waitForURL((u) => u.pathname === `${BASE}search/`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(QUOTED_PHRASE);
    expect(await waitForResults(page, QUOTED_PHRASE)).toContain(sourcePath(QUOTED_SOURCE));
  });

  it('is usable from the keyboard and has no axe violations, in light and dark', async () => {
    await page.goto(url('search/'));
    const input = page.getByLabel('Search claims, sources and pages');
    await page.locator('[data-search-ui]:not([hidden])').waitFor();
    await input.focus();
    await page.keyboard.type('police database');
    await page.keyboard.press('Enter');
    const paths = await waitForResults(page, 'police database');
    expect(new URL(page.url()).searchParams.get('q')).toBe('police database');
    // Arrow down from the box moves into the results, Enter follows the link
    // (back to the box first: showing every result moved the focus to the new ones).
    await input.focus();
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).pathname);
    expect(paths).toContain(first);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).pathname);
    expect(paths).toContain(second);
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === first);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(url(`search/?q=ice&verdict=${encodeURIComponent(findVerdict(corpus.scale, 'needs-context')!.label)}`));
      await waitForResults(page, 'ice');
      // Evaluated through the DevTools protocol, so the page's CSP does not apply to axe itself.
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
        ).axe.run();
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, colorScheme).toEqual([]);
    }
  });

  it('shows ten results at a time, and the next ones on request with the focus on the first of them', async () => {
    await page.goto(url('search/?q=ICE'));
    await page.locator('[data-search-summary]', { hasText: 'ICE' }).waitFor();
    const items = page.locator('[data-search-results] > li');
    const total = Number(/(\d+) results/.exec((await page.locator('[data-search-summary]').textContent())!)![1]);
    expect(total, 'the demo has more than a page of results for ICE').toBeGreaterThan(10);
    expect(await items.count()).toBe(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await expect.poll(() => items.count()).toBe(Math.min(total, 20));
    const focused = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).pathname);
    expect(focused).toBe(
      await items
        .nth(10)
        .locator('.search-result-link')
        .evaluate((a) => (a as HTMLAnchorElement).pathname),
    );
    expect(await page.getByRole('button', { name: 'Show more results' }).isVisible()).toBe(total > 20);
  });

  it('says how to build the index when Pagefind cannot be loaded', async () => {
    // Its own context: the failed load is the point here, not a problem to report.
    const broken = await demo.browser.newContext();
    try {
      const p = await broken.newPage();
      await p.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
      await p.goto(url('search/?q=ice'));
      await expect
        .poll(() => p.locator('[data-search-status]').textContent())
        .toMatch(/^No search index yet: run npm run build && npm run preview/);
      expect(await p.locator('[data-search-ui]').isHidden()).toBe(true);
    } finally {
      await broken.close();
    }
  });

  it('runs under the Content Security Policy, allowing WebAssembly and no inline script', async () => {
    const html = demo.site.read('search/index.html');
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1];
    expect(csp, 'the search page carries a CSP').toBeTruthy();
    const scriptSrc = csp!
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).toContain("'wasm-unsafe-eval'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    // Every executable script is an external module.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    for (const [, attrs, body] of scripts) {
      if (/type="application\/ld\+json"/.test(attrs!)) continue;
      expect(attrs).toMatch(/type="module"/);
      expect(attrs).toMatch(/src="/);
      expect(body!.trim()).toBe('');
    }
  });

  it('says so without JavaScript, and links to the claims index', async () => {
    const noJs = await demo.browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await noJs.newPage();
      await p.goto(url('search/?q=ice'));
      const message = p.locator('.search-noscript');
      await expect.poll(() => message.isVisible()).toBe(true);
      expect(await message.textContent()).toMatch(/JavaScript/);
      expect(await message.locator('a').first().getAttribute('href')).toBe(`${BASE}claims/`);
    } finally {
      await noJs.close();
    }
  });
});

describe.skipIf(!enabled)('search finds words in any language', () => {
  const langs = siteInBrowser(() => buildSite('search-languages'), '/', cleanBuilds);

  async function search(term: string): Promise<string[]> {
    const context = await langs.browser.newContext({ viewport: { width: 1280, height: 4000 } });
    try {
      const p = await context.newPage();
      const seen = await watchProblems(p);
      await p.goto(`${langs.server.origin}/search/?q=${encodeURIComponent(term)}`);
      const paths = await waitForResults(p, term);
      expect(seen).toEqual([]);
      return paths;
    } finally {
      await context.close();
    }
  }

  it('marks a source text with its own language', () => {
    expect(langs.site.read('sources/diario-puente/index.html')).toMatch(/<div lang="es">/);
  });

  it('finds accented words, with or without their accents', async () => {
    expect(await search('policía')).toContain('/sources/diario-puente/');
    expect(await search('policia')).toContain('/sources/diario-puente/');
  });

  it('finds a non-English quotation in its source and in the claim that quotes it', async () => {
    expect(await search('Straßenbahn')).toEqual(['/claims/bridge-opens-in-autumn/', '/sources/gazette-bruecke/']);
    expect(await search('abrirá en otoño')).toEqual(['/claims/bridge-opens-in-autumn/', '/sources/diario-puente/']);
  });
});
