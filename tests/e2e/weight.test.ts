/**
 * The search page's weight budget, measured in Chromium on the demo site as built
 * (shared build): everything fetched from opening /search/?q=… until the results are
 * shown, counted as a gzipping static host would send it (scripts/weight.ts).
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
});
