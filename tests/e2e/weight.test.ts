/**
 * The search page's weight budget, measured in Chromium on the demo site as built
 * (shared build): everything fetched from opening /search/?q=… until the results are
 * shown, counted as a gzipping static host would send it (scripts/weight.ts). The filter
 * pane's values come after the results, and only where the pane is shown.
 * The claim page's budget needs no browser: tests/integration/quality.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser, watchProblems } from '../helpers/browser.ts';
import { demoBuild, DEMO_BASE } from '../helpers/demo-build.ts';
import { SEARCH_QUERY_BUDGET, searchTransfer } from '../../scripts/weight.ts';

const enabled = browserAvailable();
describe.skipIf(!enabled)('weight of a search', () => {
  const demo = siteInBrowser(demoBuild, DEMO_BASE);

  it(`the search page's first query transfers at most ${SEARCH_QUERY_BUDGET / 1024} KB`, async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems = await watchProblems(page);
      const result = await searchTransfer(page, `${demo.server.origin}${DEMO_BASE}search/?q=ICE`);
      expect(problems).toEqual([]);
      // It measured a real search: the page, the index and at least one result fragment.
      expect(result.responses.some((r) => r.url.includes('/pagefind/index/'))).toBe(true);
      expect(result.responses.some((r) => r.url.includes('/pagefind/fragment/'))).toBe(true);
      // The filter values wait for the results: the pane is open at this width, and filled after them.
      expect(result.responses.filter((r) => r.url.includes('/pagefind/filter/'))).toEqual([]);
      expect(result.after.some((r) => r.url.includes('/pagefind/filter/'))).toBe(true);
      await expect.poll(() => page.locator('[data-search-filters] input[type="checkbox"]').count()).toBeGreaterThan(3);
      const list = result.responses
        .map((r) => `${(r.transfer / 1024).toFixed(1)} KB ${r.url.slice(demo.server.origin.length)}`)
        .join('\n');
      expect(
        result.total,
        `${(result.total / 1024).toFixed(1)} KB in ${result.responses.length} responses:\n${list}`,
      ).toBeLessThanOrEqual(SEARCH_QUERY_BUDGET);
    } finally {
      await context.close();
    }
  });

  it('on a phone, fetches the filter values only when the reader opens the filters', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 375, height: 667 } });
    try {
      const page = await context.newPage();
      const problems = await watchProblems(page);
      const result = await searchTransfer(page, `${demo.server.origin}${DEMO_BASE}search/?q=ICE`);
      const filterIndexes = (urls: string[]) => urls.filter((u) => u.includes('/pagefind/filter/'));
      expect(filterIndexes([...result.responses, ...result.after].map((r) => r.url))).toEqual([]);
      const fetched: string[] = [];
      page.on('request', (r) => fetched.push(r.url()));
      await page.locator('[data-search-filter-pane] > summary').click();
      const verdicts = page.locator('[data-search-filters] input[type="checkbox"][name="verdict"]');
      await expect.poll(() => verdicts.count()).toBeGreaterThan(1);
      expect(filterIndexes(fetched).length).toBeGreaterThan(0);
      // The counts are those of the search on screen: every result has one type, so the type
      // counts add up to the number found, not to every page of the site.
      const found = Number((await page.locator('[data-search-summary]').textContent())!.replace(/\D/g, ''));
      const types = page.locator('[data-search-filters] li:not([hidden]) input[name="type"] ~ span .search-filter-count');
      await expect.poll(() => types.count()).toBeGreaterThan(0);
      const counts = (await types.allTextContents()).map((c) => Number(c.replace(/\D/g, '')));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(found);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
