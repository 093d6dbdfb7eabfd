/**
 * Debian's Chromium driven by playwright-core. Without Chromium the end-to-end suites
 * are skipped locally, but fail under CI (`REQUIRE_BROWSER=1`, set by .ci/run), so a
 * broken CI image can never pass by testing nothing.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from './serve.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when the browser exists; throws when it is missing and CI requires it. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
  }
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Collects what a reader would see as breakage in the console: errors, failed loads,
 * uncaught exceptions and Content Security Policy violations (which Chromium reports
 * as console errors, and pages as `securitypolicyviolation` events).
 */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A load cut short by leaving the page (a favicon, a lazy result) is not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return problems;
}

/** A built site served on loopback, and the Chromium that reads it. */
export interface SiteInBrowser<S extends { dist: string }> {
  site: S;
  server: StaticServer;
  browser: Browser;
}

/**
 * For the tests of the calling describe block: builds (or reuses) a site, serves
 * it under `base` in beforeAll, launches Chromium, and closes both in afterAll.
 * Read the fields inside tests and hooks, once beforeAll has filled them.
 */
export function siteInBrowser<S extends { dist: string }>(
  build: () => Promise<S>,
  base: string,
  cleanup?: () => Promise<void>,
): SiteInBrowser<S> {
  const ctx = {} as SiteInBrowser<S>;
  beforeAll(async () => {
    ctx.site = await build();
    ctx.server = await serveStatic(ctx.site.dist, base);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
    await cleanup?.();
  });
  return ctx;
}
