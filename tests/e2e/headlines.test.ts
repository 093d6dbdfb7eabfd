/**
 * What a reader sees of a headline: quotation marks (which the stylesheet adds, in the
 * page language's style) only on a claim that is the claimant's own verified words, none
 * on the desk's statement of a claim. Read from the computed style, not only the HTML.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../helpers/browser.ts';
import { buildSite, cleanBuilds } from '../helpers/build-site.ts';

const enabled = browserAvailable();

describe.skipIf(!enabled)('headlines in Chromium', () => {
  const ctx = siteInBrowser(() => buildSite('headlines', { siteUrl: 'https://example.org/' }), '/', cleanBuilds);

  const marks = async (path: string) => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(`${ctx.server.origin}/${path}`);
      return await page
        .locator('h1')
        .evaluate((h) => [getComputedStyle(h, '::before').content, getComputedStyle(h, '::after').content]);
    } finally {
      await page.close();
    }
  };

  it('draws quotation marks around a claim verified in its appearance source', async () => {
    // The page language's own marks (“ ” here, « » in French, „ “ in German: CSS quotes are `auto`).
    expect(await marks('claims/ferry-free-for-everyone/')).toEqual(['open-quote', 'close-quote']);
  });

  it('draws none around the desk’s statement of a claim', async () => {
    expect(await marks('claims/ferry-costs-nothing/')).toEqual(['none', 'none']);
  });
});
