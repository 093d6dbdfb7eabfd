/**
 * The accessibility checks the browser suites share: axe-core with the WCAG 2.0, 2.1 and
 * 2.2 A and AA rules, and the keyboard walk (the skip link first, then the navigation, the
 * search box and every control of the page, each with a visible focus ring).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP does not apply to axe itself.
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            o: unknown,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.help}): ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
      ),
    );
  }, WCAG);
}

/** Walks `url` with Tab in a new page of `context`, and expects what the house rules ask of the keyboard. */
export async function expectKeyboardWalk(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  // Everything a pointer can use, numbered: the Tab walk below must reach each of them.
  const expected = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type=hidden]), textarea, select, summary, [tabindex]:not([tabindex="-1"])',
      ),
    ]
      .filter((e) => e.getClientRects().length > 0 && !e.closest('[hidden], details:not([open]) > :not(summary)'))
      .map((e, i) => {
        e.dataset.kb = String(i);
        return `${i}: ${e.outerHTML.slice(0, 120)}`;
      }),
  );
  const reached: {
    kb: string;
    html: string;
    visible: boolean;
    inView: boolean;
    skip: boolean;
    nav: boolean;
    search: boolean;
  }[] = [];
  for (let i = 0; i < expected.length + 5; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return {
        kb: e.dataset.kb ?? '?',
        html: e.outerHTML.slice(0, 120),
        // A focus indicator: an outline that is drawn, or a box shadow.
        visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
        inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
        skip: e.matches('a[href="#main"]'),
        nav: e.matches('header nav a'),
        search: e.matches('header input[name="q"]'),
      };
    });
    // Past the last control, focus leaves the document (or wraps to the first).
    if (!f || reached.some((r) => r.kb === f.kb && f.kb !== '?')) break;
    reached.push(f);
  }
  expect(reached[0]?.skip, 'the first Tab lands on the skip link').toBe(true);
  expect(
    reached.some((r) => r.nav),
    'a navigation link',
  ).toBe(true);
  expect(
    reached.some((r) => r.search),
    'the search box',
  ).toBe(true);
  expect(
    reached.filter((r) => !r.visible || !r.inView).map((r) => r.html),
    'focused but not visibly so',
  ).toEqual([]);
  expect(
    expected.filter((e) => !reached.some((r) => e.startsWith(`${r.kb}: `))),
    'never reached by Tab',
  ).toEqual([]);

  // The skip link moves the reader past the header.
  await page.goto(url);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.matches('a[href="#main"]')), 'Tab lands on the skip link').toBe(true);
  await page.keyboard.press('Enter');
  // A fragment navigation can land a moment after the key press on a loaded machine: wait for it.
  await page.waitForFunction(() => location.hash === '#main', undefined, { timeout: 5000 }).catch(() => undefined);
  expect(new URL(page.url()).hash).toBe('#main');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
}
