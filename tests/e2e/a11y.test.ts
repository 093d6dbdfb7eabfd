/**
 * Accessibility in Chromium, on the demo site as built (shared build, served under a
 * path): axe-core with the WCAG 2.0/2.1/2.2 A and AA rules on every kind of page, in
 * the light and the dark colour scheme; and the keyboard: from the top of a claim
 * page, Tab reaches the skip link, the navigation, the search box and every link and
 * control of the page, each with a visible focus indicator.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, expectKeyboardWalk } from '../helpers/a11y.ts';
import { browserAvailable, siteInBrowser, watchProblems } from '../helpers/browser.ts';
import { demoBuild, DEMO_BASE, DEMO_CONTENT } from '../helpers/demo-build.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { claimantSlug, publishedClaims } from '../../src/site/published.ts';
import { tagSlug } from '../../src/core/schema.ts';

const corpus = loadCorpus(DEMO_CONTENT);
const claim = publishedClaims(corpus)[0]!.slug;
const source = [...corpus.sources.keys()][0]!;
const page_ = [...corpus.pages.keys()][0]!;
const tag = publishedClaims(corpus).flatMap((c) => c.data.tags ?? [])[0]!;
const verdict = publishedClaims(corpus)[0]!.data.verdict;
const claimant = claimantSlug(publishedClaims(corpus)[0]!.data.claimant);

/** One page of each kind: [name, path under the base, what to wait for]. */
const PAGES: [string, string, string?][] = [
  ['home', ''],
  ['claim', `claims/${claim}/`],
  ['claim embed', `claims/${claim}/embed/`],
  ['claims index', 'claims/'],
  ['source', `sources/${source}/`],
  ['sources index', 'sources/'],
  ['matrix', 'matrix/'],
  ['verdict', `verdicts/${verdict}/`],
  ['verdicts index', 'verdicts/'],
  ['tag', `tags/${tagSlug(tag)}/`],
  ['tags index', 'tags/'],
  ['claimant', `claimants/${claimant}/`],
  ['claimants index', 'claimants/'],
  ['corrections', 'corrections/'],
  ['content page', `${page_}/`],
  ['search with results', 'search/?q=ICE', '[data-search-results] .search-result-link'],
  ['404', 'no-such-page/'],
];

const enabled = browserAvailable();

describe.skipIf(!enabled)('accessibility in Chromium', () => {
  const demo = siteInBrowser(demoBuild, DEMO_BASE);

  describe.each(['light', 'dark'] as const)('axe (WCAG 2.2 A and AA), %s colour scheme', (colorScheme) => {
    it.each(PAGES)('%s page: no violation, console clean', async (name, path, waitFor) => {
      const context = await demo.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        const problems = await watchProblems(page);
        const response = await page.goto(`${demo.server.origin}${DEMO_BASE}${path}`);
        expect(response?.status(), path).toBe(name === '404' ? 404 : 200);
        if (waitFor) await page.locator(waitFor).first().waitFor();
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        expect(await axeViolations(page), `${path} in ${colorScheme}`).toEqual([]);
        // The 404 page is itself a 404 response; nothing else may fail.
        const expected404 = (p: string) => name === '404' && (p.startsWith('HTTP 404') || p.includes('status of 404'));
        expect(
          problems.filter((p) => !expected404(p)),
          path,
        ).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  const KEYBOARD_PAGES = PAGES.filter(([name]) => !['claim embed', 'search with results', '404'].includes(name));
  it.each(KEYBOARD_PAGES)(
    '%s page: the keyboard reaches the skip link first, then the navigation, the search box and every control, each with a visible focus ring',
    async (_name, path) => {
      const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await expectKeyboardWalk(context, `${demo.server.origin}${DEMO_BASE}${path}`);
      } finally {
        await context.close();
      }
    },
  );

  it('claim page: the embed snippet opens from the keyboard', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${demo.server.origin}${DEMO_BASE}claims/${claim}/`);
      const summary = page.locator('details summary').first();
      await summary.focus();
      await page.keyboard.press('Enter');
      expect(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('details') !== null)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
