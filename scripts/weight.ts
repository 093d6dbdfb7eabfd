/**
 * `npm run weight -- [dist] [--base /path/] [--query words]` (after `npm run build`)
 *
 * The weight budget of the built site, measured:
 *   - a claim page: its HTML plus every stylesheet it links, uncompressed, at most
 *     34 KB (see docs/performance.md, "Page weight"), and no JavaScript at all (no <script src>, no module preload);
 *   - the search page's first query: every response the browser fetched from
 *     opening /search/?q=… until the results are shown (and the network is quiet),
 *     at most 150 KB transferred. Bodies are counted gzip-compressed when their type
 *     is text (HTML, CSS, JS, JSON, SVG), as a static host such as GitHub Pages sends
 *     them; Pagefind's index files and WebAssembly are already compressed and count
 *     as they are. Headers are not counted.
 * The tests (tests/integration/quality.test.ts, tests/e2e/weight.test.ts) assert the
 * same budgets with these functions; the CLI prints the figures for any build.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const CLAIM_PAGE_BUDGET = 34 * 1024;
export const SEARCH_QUERY_BUDGET = 150 * 1024;

export interface PageWeight {
  file: string;
  html: number;
  /** The stylesheets it links, as dist/ paths. */
  css: string[];
  cssBytes: number;
  /** Scripts that would run or load: <script src>, inline non-data scripts, module preloads. */
  scripts: string[];
  total: number;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1];

/** Weight of one HTML file of `dist` (path relative to it); `base` is the path the site is served under. */
export function pageWeight(dist: string, file: string, base = '/'): PageWeight {
  const html = readFileSync(join(dist, file), 'utf8');
  const css: string[] = [];
  const scripts: string[] = [];
  for (const m of html.matchAll(/<link\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi)) {
    const rel = attr(m[0], 'rel')?.toLowerCase() ?? '';
    const href = attr(m[0], 'href');
    if (!href) continue;
    if (rel.split(/\s+/).includes('stylesheet')) {
      if (!href.startsWith(base)) throw new Error(`${file}: stylesheet ${href} is not under ${base}`);
      css.push(href.slice(base.length).split(/[?#]/)[0]!);
    }
    if (rel.includes('modulepreload') || (rel.includes('preload') && attr(m[0], 'as') === 'script')) scripts.push(href);
  }
  for (const m of html.matchAll(/<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const type = attr(m[1]!, 'type') ?? '';
    if (/^application\/(ld\+)?json$/i.test(type)) continue;
    scripts.push(attr(m[1]!, 'src') ?? '(inline)');
  }
  const cssBytes = css.reduce((n, f) => n + statSync(join(dist, f)).size, 0);
  const bytes = Buffer.byteLength(html);
  return { file, html: bytes, css, cssBytes, scripts, total: bytes + cssBytes };
}

export interface Transfer {
  url: string;
  type: string;
  /** Body bytes as served by the test server (uncompressed). */
  bytes: number;
  /** Body bytes on the wire from a static host that gzips text. */
  transfer: number;
}

const compressible = (type: string) => /^(text\/|application\/(javascript|json|xml|manifest)|image\/svg)/.test(type);

/**
 * Opens `url` (the search page with a query) in `page` and sums what it fetched until the
 * first result link is shown (`responses`, `total`, `raw`); what it fetched after that, until
 * the network is idle, is `after` (the filter pane's indexes, on a screen wide enough to show it).
 */
export async function searchTransfer(
  page: Page,
  url: string,
): Promise<{ total: number; raw: number; responses: Transfer[]; after: Transfer[]; afterTotal: number }> {
  const pending: Promise<(Transfer & { started: number }) | null>[] = [];
  // The moment the first result appears, told by the page itself on the browser's clock (Pagefind
  // fetches from a worker, whose requests the page's own resource timing does not list, and events
  // from the page and the worker can reach this process in either order): a request the browser
  // started after it is `after`.
  let shownAt = Number.POSITIVE_INFINITY;
  await page.exposeBinding('__resultsShown', (_source, at: number) => {
    shownAt = Math.min(shownAt, at);
  });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-search-results] .search-result-link')) return;
      observer.disconnect();
      const at = performance.timeOrigin + performance.now();
      void (window as unknown as { __resultsShown(at: number): Promise<void> }).__resultsShown(at);
    }).observe(document, { childList: true, subtree: true });
  });
  page.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          const type = (response.headers()['content-type'] ?? '').split(';')[0]!.trim();
          return {
            url: response.url(),
            type,
            bytes: body.length,
            transfer: compressible(type) ? gzipSync(body).length : body.length,
            started: response.request().timing().startTime,
          };
        })
        .catch(() => null),
    );
  });
  await page.goto(url);
  await page.locator('[data-search-results] .search-result-link').first().waitFor();
  await page.waitForLoadState('networkidle');
  const all = (await Promise.all(pending)).filter((r): r is Transfer & { started: number } => r !== null);
  const strip = ({ started: _, ...r }: Transfer & { started: number }): Transfer => r;
  const before = (r: { started: number }) => r.started < shownAt;
  const responses = all.filter(before).map(strip);
  const after = all.filter((r) => !before(r)).map(strip);
  const sum = (rs: Transfer[], n: (r: Transfer) => number) => rs.reduce((total, r) => total + n(r), 0);
  return {
    total: sum(responses, (r) => r.transfer),
    raw: sum(responses, (r) => r.bytes),
    responses,
    after,
    afterTotal: sum(after, (r) => r.transfer),
  };
}

function htmlFiles(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub)).flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? htmlFiles(dir, rel) : rel.endsWith('.html') ? [rel] : [];
  });
}

/**
 * What the search page of the site built in `dist` (served under `base`) fetches for its first query,
 * `/search/?q=<query>`, in Chromium, or null without Chromium. Response paths are relative to the server.
 */
export async function firstQueryTransfer(
  dist: string,
  base: string,
  query: string,
): Promise<{
  total: number;
  raw: number;
  responses: (Transfer & { path: string })[];
  after: (Transfer & { path: string })[];
  afterTotal: number;
} | null> {
  // The test helpers' static server and Chromium, loaded only when measured.
  const { serveStatic } = await import('../tests/helpers/serve.ts');
  const { launchBrowser, CHROMIUM_PATH } = await import('../tests/helpers/browser.ts');
  if (!existsSync(CHROMIUM_PATH)) return null;
  const server = await serveStatic(dist, base);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const result = await searchTransfer(page, `${server.origin}${server.base}search/?q=${encodeURIComponent(query)}`);
    const withPath = (r: Transfer) => ({ ...r, path: r.url.slice(server.origin.length) });
    return { ...result, responses: result.responses.map(withPath), after: result.after.map(withPath) };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(argv: string[]): Promise<number> {
  let dist = 'dist';
  let base = '/';
  let query = 'ICE';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base') base = argv[++i]!;
    else if (argv[i] === '--query') query = argv[++i]!;
    else dist = argv[i]!;
  }
  dist = resolve(dist);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`weight: no built site in ${dist} (run npm run build first)`);
    return 2;
  }
  let failed = false;
  const claims = htmlFiles(dist).filter((f) => /^claims\/[^/]+\/index\.html$/.test(f));
  for (const f of claims) {
    const w = pageWeight(dist, f, base);
    const ok = w.total <= CLAIM_PAGE_BUDGET && w.scripts.length === 0;
    failed ||= !ok;
    console.log(
      `${ok ? '✓' : '✗'} ${f}: ${kb(w.html)} HTML + ${kb(w.cssBytes)} CSS = ${kb(w.total)} (budget ${kb(CLAIM_PAGE_BUDGET)}), scripts: ${w.scripts.length ? w.scripts.join(', ') : 'none'}`,
    );
  }

  const search = await firstQueryTransfer(dist, base, query);
  if (!search) {
    console.log(`(no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}: search transfer not measured)`);
    return failed ? 1 : 0;
  }
  for (const r of search.responses) console.log(`    ${kb(r.transfer).padStart(9)}  ${r.path}`);
  const ok = search.total <= SEARCH_QUERY_BUDGET;
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} search page, first query "${query}": ${kb(search.total)} transferred (${kb(search.raw)} uncompressed) in ${search.responses.length} responses (budget ${kb(SEARCH_QUERY_BUDGET)})`,
  );
  console.log(
    `  then, once the results are shown: ${kb(search.afterTotal)} in ${search.after.length} responses (the filter values)`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
