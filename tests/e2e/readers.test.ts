/**
 * What readers see, in Chromium, on the readers' fixture (the claim stance, a correction that
 * changed the verdict, claimants of every type): axe in light and dark on the pages the demo does
 * not exercise; on a phone, a header of at most a fifth of the screen, the verdict badge beside
 * the headline, the matrix's claim column in view as the table scrolls and its caption never cut.
 *
 * The embed as another site shows it: the very snippet a claim page offers, pasted in a host
 * page whose column is 300px wide or more. The card fits its frame (no part cut off, nothing to
 * scroll), the link back is always in view, even for the longest claim and summary, and its
 * colours are light unless the host asks for dark, whatever the reader's own preference.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, siteInBrowser } from '../helpers/browser.ts';
import { buildSite, cleanBuilds } from '../helpers/build-site.ts';
import { axeViolations } from '../helpers/a11y.ts';

const enabled = browserAvailable();
const ORIGIN = 'https://readers.example.org';

/** The snippet a claim page offers, as is (light) and with the `#dark` its page tells a dark host to add, pointed at the test server. */
function snippets(html: string, origin: string): string[] {
  const light = [...html.matchAll(/<textarea id="embed-code-[^"]*"[^>]*>([^<]*)<\/textarea>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#34;/g, '"')
      .replace(/&amp;/g, '&')
      .replaceAll(ORIGIN, origin),
  );
  expect(light).toHaveLength(1);
  expect(html).toMatch(/add <code[^>]*>#dark<\/code> to the end of the address/);
  return [light[0]!, light[0]!.replace(/\/embed\/"/, '/embed/#dark"')];
}

describe.skipIf(!enabled)('the embed in a host page', () => {
  const ctx = siteInBrowser(() => buildSite('readers', { siteUrl: `${ORIGIN}/` }), '/', cleanBuilds);

  async function measure(slug: string, width: number, theme: 0 | 1, colorScheme: 'light' | 'dark') {
    const snippet = snippets(ctx.site.read(`claims/${slug}/index.html`), ctx.server.origin)[theme]!;
    const context = await ctx.browser.newContext({ colorScheme, viewport: { width: width + 40, height: 800 } });
    try {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><body style="margin:20px"><div style="width:${width}px">${snippet}</div></body>`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      // The card's stylesheet is a separate file: measured before it has loaded, the card is unstyled.
      await frame!.waitForLoadState('load');
      await frame!.waitForSelector('.embed__link a');
      await frame!.evaluate(() => document.fonts.ready);
      return await frame!.evaluate(() => {
        const link = document.querySelector('.embed__link a')!.getBoundingClientRect();
        const parts = [...document.querySelectorAll('.embed > *')].map((e) => {
          const r = e.getBoundingClientRect();
          return { cls: e.className, top: r.top, bottom: r.bottom, height: r.height };
        });
        return {
          width: innerWidth,
          height: innerHeight,
          scrollHeight: document.documentElement.scrollHeight,
          scrollWidth: document.documentElement.scrollWidth,
          link: { top: link.top, bottom: link.bottom, right: link.right },
          parts,
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
    } finally {
      await context.close();
    }
  }

  const widths = [300, 330, 400, 640];
  it.each(widths.flatMap((w) => ['mayor-long-claim', 'bridge-closed-for-good'].map((s) => [w, s] as const)))(
    'at %ipx, %s: every part is inside the frame and the link back is in view',
    async (width, slug) => {
      const m = await measure(slug, width, 0, 'light');
      expect(m.width).toBe(width);
      expect(m.scrollHeight, 'nothing to scroll').toBeLessThanOrEqual(m.height);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.width);
      expect(m.link.top).toBeGreaterThanOrEqual(0);
      expect(m.link.bottom, 'the link back is inside the frame').toBeLessThanOrEqual(m.height);
      expect(m.link.right).toBeLessThanOrEqual(m.width);
      for (const p of m.parts) {
        expect(p.bottom, `${p.cls} is inside the frame`).toBeLessThanOrEqual(m.height);
        // Every part shows at least one line: the summary gives way, but never to nothing.
        expect(p.height, `${p.cls} shows a line`).toBeGreaterThan(12);
      }
    },
  );

  it('is light in a reader’s dark mode unless the host pastes the dark snippet', async () => {
    expect((await measure('bridge-closed-for-good', 330, 0, 'dark')).background).toBe('rgb(255, 255, 255)');
    expect((await measure('bridge-closed-for-good', 330, 1, 'light')).background).toBe('rgb(15, 23, 42)');
    const dark = await measure('mayor-long-claim', 300, 1, 'dark');
    expect(dark.link.bottom).toBeLessThanOrEqual(dark.height);
  });

  describe.each(['light', 'dark'] as const)('axe, %s colour scheme', (colorScheme) => {
    it.each([
      'claims/bridge-closed-for-good/',
      'claims/bridge-sold/',
      'matrix/',
      'claimants/mayor-ana-example/',
      'sources/speech-repost/',
      'claims/mayor-long-claim/embed/',
    ])('%s: no violation, at desktop and phone widths', async (path) => {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 375, height: 667 },
      ]) {
        const context = await ctx.browser.newContext({ colorScheme, viewport });
        try {
          const page = await context.newPage();
          await page.goto(`${ctx.server.origin}/${path}`);
          expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  });

  it('on a phone: the header takes at most a fifth of the screen, and the verdict badge sits beside the headline', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 375, height: 667 } });
    try {
      const page = await context.newPage();
      await page.goto(`${ctx.server.origin}/claims/bridge-closed-for-good/`);
      const m = await page.evaluate(() => {
        const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        const badge = document.querySelector('.claim-verdict .verdict')!;
        return {
          header: box('.site-header').height,
          h1: box('h1').bottom,
          badge: box('.claim-verdict .verdict'),
          badgeFont: parseFloat(getComputedStyle(badge).fontSize),
          bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
        };
      });
      expect(m.header).toBeLessThanOrEqual(667 / 5);
      expect(m.badge.top - m.h1).toBeLessThan(24);
      expect(m.badge.bottom, 'the badge is on the first screen').toBeLessThan(667);
      expect(m.badgeFont).toBeGreaterThan(m.bodyFont);
    } finally {
      await context.close();
    }
  });

  it('on a phone: the matrix keeps the claim column in view as it scrolls, and its caption is never cut', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 375, height: 667 } });
    try {
      const page = await context.newPage();
      await page.goto(`${ctx.server.origin}/matrix/`);
      const m = await page.evaluate(() => {
        const scroller = document.querySelector<HTMLElement>('.table-scroll')!;
        const claim = () => document.querySelector('tbody th.matrix-claim')!.getBoundingClientRect();
        const before = claim().left;
        const scrollable = scroller.scrollWidth - scroller.clientWidth;
        scroller.scrollLeft = scrollable;
        const caption = document.querySelector('#matrix-caption')!.getBoundingClientRect();
        return {
          before,
          after: claim().left,
          scrollable,
          caption: { left: caption.left, right: caption.right },
          width: innerWidth,
        };
      });
      expect(m.scrollable, 'the table is wider than a phone').toBeGreaterThan(100);
      expect(Math.abs(m.after - m.before)).toBeLessThan(1);
      expect(m.caption.left).toBeGreaterThanOrEqual(0);
      expect(m.caption.right).toBeLessThanOrEqual(m.width);
    } finally {
      await context.close();
    }
  });
});
