/**
 * The French and the Arabic desk in Chromium: axe (WCAG 2.2 A and AA) in light and dark
 * on every kind of page, the keyboard walk, the search page in the desk's language (an
 * accented French query; an Arabic one), and the Arabic layout mirrored: the site title
 * on the right, the verdict badge's thick edge on its right.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, expectKeyboardWalk } from '../helpers/a11y.ts';
import { browserAvailable, siteInBrowser, watchProblems } from '../helpers/browser.ts';
import { buildSite, cleanBuilds } from '../helpers/build-site.ts';

const enabled = browserAvailable();

const FIXTURES = {
  francais: {
    claim: 'pont-ouvert-automne',
    source: 'conseil-municipal',
    verdict: 'mostly-true',
    tag: 'pont',
    page: 'methodology',
    query: 'séance',
  },
  arabic: {
    claim: 'jisr-fi-alkharif',
    source: 'majlis-baladi',
    verdict: 'mostly-true',
    tag: encodeURIComponent('الجسر'),
    page: 'methodology',
    query: 'الخريف',
  },
} as const;

function pagesOf(f: (typeof FIXTURES)[keyof typeof FIXTURES]): [string, string, string?][] {
  return [
    ['home', ''],
    ['claim', `claims/${f.claim}/`],
    ['claim embed', `claims/${f.claim}/embed/`],
    ['claims index', 'claims/'],
    ['source', `sources/${f.source}/`],
    ['sources index', 'sources/'],
    ['matrix', 'matrix/'],
    ['verdict', `verdicts/${f.verdict}/`],
    ['verdicts index', 'verdicts/'],
    ['tag', `tags/${f.tag}/`],
    ['tags index', 'tags/'],
    ['content page', `${f.page}/`],
    ['search with results', `search/?q=${encodeURIComponent(f.query)}`, '[data-search-results] .search-result-link'],
    ['404', 'no-such-page/'],
  ];
}

describe.skipIf(!enabled).each(Object.keys(FIXTURES) as (keyof typeof FIXTURES)[])('the %s desk in Chromium', (name) => {
  const fixture = FIXTURES[name];
  const desk = siteInBrowser(() => buildSite(name), '/', cleanBuilds);
  const url = (path: string) => `${desk.server.origin}/${path}`;
  const PAGES = pagesOf(fixture);

  describe.each(['light', 'dark'] as const)('axe, %s colour scheme', (colorScheme) => {
    it.each(PAGES)('%s page: no violation, console clean', async (kind, path, waitFor) => {
      const context = await desk.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        const problems = await watchProblems(page);
        const response = await page.goto(url(path));
        expect(response?.status(), path).toBe(kind === '404' ? 404 : 200);
        if (waitFor) await page.locator(waitFor).first().waitFor();
        expect(await axeViolations(page), `${path} in ${colorScheme}`).toEqual([]);
        const expected404 = (p: string) => kind === '404' && (p.startsWith('HTTP 404') || p.includes('status of 404'));
        expect(problems.filter((p) => !expected404(p))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it.each(PAGES.filter(([kind]) => !['claim embed', 'search with results', '404'].includes(kind)))(
    '%s page: the keyboard reaches every control, skip link first, each with a visible focus ring',
    async (_kind, path) => {
      const context = await desk.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await expectKeyboardWalk(context, url(path));
      } finally {
        await context.close();
      }
    },
  );

  describe('search', () => {
    let context: BrowserContext;
    let page: Page;
    let problems: string[];
    beforeEach(async () => {
      context = await desk.browser.newContext({ viewport: { width: 1280, height: 2000 } });
      page = await context.newPage();
      problems = await watchProblems(page);
    });
    afterEach(async () => {
      await context.close();
      expect(problems).toEqual([]);
    });

    const results = async () => {
      await page.locator('[data-search-results] .search-result-link').first().waitFor();
      return (
        await page
          .locator('[data-search-results] .search-result-link')
          .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
      ).sort();
    };

    it(`finds “${fixture.query}” typed in the box, and says so in the desk's language`, async () => {
      await page.goto(url('search/'));
      const label =
        name === 'francais' ? 'Rechercher des affirmations, des sources et des pages' : 'ابحث في الادعاءات والمصادر والصفحات';
      await page.getByLabel(label).fill(fixture.query);
      await page.locator('[data-search-summary]', { hasText: fixture.query }).waitFor();
      expect(await results()).toContain(`/claims/${fixture.claim}/`);
      const summary = await page.locator('[data-search-summary]').textContent();
      if (name === 'francais') {
        expect(await results()).toEqual([`/claims/${fixture.claim}/`, `/sources/${fixture.source}/`]);
        expect(summary).toBe('2 résultats pour «\u00a0séance\u00a0»');
        // The kind of each result and its verdict are in French too.
        expect(await page.locator('.search-result-kind').first().textContent()).toMatch(/^(Vérification|Source)/);
      } else {
        expect(summary).toMatch(/^(نتيجتان|\d+ نتائج|نتيجة واحدة) عن «الخريف»$/);
      }
      expect(new URL(page.url()).searchParams.get('q')).toBe(fixture.query);
    });

    if (name === 'francais') {
      it('finds the accented word without its accent, and the filters are in French', async () => {
        await page.goto(url('search/?q=seance'));
        expect(await results()).toContain(`/claims/${fixture.claim}/`);
        const legends = await page.locator('[data-search-filters] legend').allTextContents();
        expect(legends).toEqual(expect.arrayContaining(['Type', 'Verdict', 'Média', 'Thème']));
        const verdicts = await page
          .locator('[data-search-filters] input[name="verdict"]')
          .evaluateAll((is) => is.map((i) => (i as HTMLInputElement).value));
        expect(verdicts.sort()).toEqual(['Plutôt vrai', 'Trompeur']);
      });
    }
  });

  if (name === 'arabic') {
    it('the layout mirrors: the site title on the right of the header, the badge’s thick edge on its right', async () => {
      const context = await desk.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(url(`claims/${fixture.claim}/`));
        const geometry = await page.evaluate(() => {
          const title = document.querySelector('.site-title')!.getBoundingClientRect();
          const form = document.querySelector('.search-form')!.getBoundingClientRect();
          const badge = getComputedStyle(document.querySelector('.claim-verdict .verdict')!);
          const quote = getComputedStyle(document.querySelector('figure.excerpt')!);
          return {
            titleRight: title.right,
            formRight: form.right,
            badgeRight: parseFloat(badge.borderRightWidth),
            badgeLeft: parseFloat(badge.borderLeftWidth),
            quoteRight: parseFloat(quote.borderRightWidth),
            quoteLeft: parseFloat(quote.borderLeftWidth),
            direction: getComputedStyle(document.body).direction,
          };
        });
        expect(geometry.direction).toBe('rtl');
        expect(geometry.titleRight).toBeGreaterThan(geometry.formRight);
        expect(geometry.badgeRight).toBeGreaterThan(geometry.badgeLeft);
        expect(geometry.quoteRight).toBeGreaterThan(0);
        expect(geometry.quoteLeft).toBe(0);
        // The English passage reads left to right inside the Arabic paragraph.
        expect(
          await page
            .locator('span[lang="en"]')
            .first()
            .evaluate((e) => getComputedStyle(e).direction),
        ).toBe('ltr');
      } finally {
        await context.close();
      }
    });
  }
});
