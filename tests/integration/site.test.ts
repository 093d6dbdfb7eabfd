/**
 * Builds real sites and reads dist/: structured data, excerpt links that land,
 * aliases that redirect, drafts that stay out, no JavaScript, links that work
 * under a base path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { siteProblems } from '../../src/integrations/content-check.ts';
import { pageFiles } from '../../src/site/published.ts';
import { buildSite, type BuiltSite, cleanBuilds, htmlFiles, ROOT } from '../helpers/build-site.ts';
import { CLAIM_PAGE_BUDGET } from '../../scripts/weight.ts';
import { canonical, description, ids, scripts, title, urls } from '../helpers/html.ts';
import { pagefindFragments } from '../helpers/pagefind-fragments.ts';

const BASE = '/repo/';
const ORIGIN = 'https://example.org';

const isSearch = (f: string) => f.startsWith('search/');

/** Resolves an internal URL to the file that serves it and the fragment it asks for. */
function target(site: BuiltSite, base: string, url: string): { file: string; hash: string } {
  const [pathAndQuery, hash = ''] = url.split('#');
  let path = pathAndQuery!.split('?')[0]!.slice(base.length);
  path = decodeURIComponent(path);
  if (path === '' || path.endsWith('/')) path += 'index.html';
  else if (!site.exists(path) && site.exists(`${path}/index.html`)) path += '/index.html';
  return { file: path, hash };
}

/** Every internal link of every page lands on a file, and every #fragment on an id in it. */
function brokenLinks(site: BuiltSite, base: string): string[] {
  const broken: string[] = [];
  const idCache = new Map<string, Set<string>>();
  for (const file of htmlFiles(site)) {
    const html = site.read(file);
    for (const url of urls(html)) {
      if (/^[a-z]+:/i.test(url) || url.startsWith('//')) continue;
      if (url.startsWith('#')) {
        if (url.length > 1 && !ids(html).has(decodeURIComponent(url.slice(1)))) broken.push(`${file}: ${url}`);
        continue;
      }
      if (!url.startsWith(base)) {
        broken.push(`${file}: ${url} is outside the base ${base}`);
        continue;
      }
      const t = target(site, base, url);
      if (!site.exists(t.file)) {
        broken.push(`${file}: ${url} (no ${t.file})`);
        continue;
      }
      if (t.hash && !t.hash.startsWith(':~:')) {
        let set = idCache.get(t.file);
        if (!set) idCache.set(t.file, (set = ids(site.read(t.file))));
        if (!set.has(decodeURIComponent(t.hash))) broken.push(`${file}: ${url} (no id ${t.hash} in ${t.file})`);
      }
    }
  }
  return broken;
}

/** The text Pagefind indexed for each page, by its path in dist/ (the base path is added at search time). */
function indexedText(site: BuiltSite): Map<string, string> {
  const fragments = pagefindFragments(site);
  return new Map(fragments.map((f) => [f.url, f.content]));
}

function jsonLd(html: string): Record<string, any>[] {
  return scripts(html)
    .filter((s) => /type="application\/ld\+json"/.test(s.attrs))
    .map((s) => JSON.parse(s.body));
}

describe('a site served under a path (SITE_URL=https://example.org/repo/)', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite('basic', { siteUrl: `${ORIGIN}${BASE}` });
  });
  afterAll(cleanBuilds);

  it("is held to the checked content once written: every published entry's page is there, no draft's", () => {
    const corpus = loadCorpus(site.contentDir);
    expect(siteProblems(corpus, site.dist)).toEqual([]);
    const { required, forbidden } = pageFiles(corpus);
    expect(required).toEqual(
      expect.arrayContaining([
        'claims/river-plan-on-budget/index.html',
        'claims/river-plan-on-budget/embed/index.html',
        'claims/river-budget/index.html',
        'sources/old-council-report/index.html',
        'how-we-work/index.html',
        'methodology/index.html',
      ]),
    );
    expect(forbidden.sort()).toEqual([
      'claims/draft-claim/index.html',
      'draft-page/index.html',
      'sources/secret-memo/index.html',
    ]);
    // The same site with a review's page lost and a draft's page written, as a step failing
    // quietly could leave it: the build's last hook refuses it and exits non-zero.
    const copy = mkdtempSync(join(tmpdir(), 'site-problems-'));
    try {
      cpSync(site.dist, copy, { recursive: true });
      rmSync(join(copy, 'claims/river-plan-by-2026/index.html'));
      mkdirSync(join(copy, 'sources/secret-memo'));
      writeFileSync(join(copy, 'sources/secret-memo/index.html'), '<p>Leaked</p>');
      expect(siteProblems(corpus, copy)).toEqual([
        'claims/river-plan-by-2026/index.html: missing, though the content publishes it',
        "sources/secret-memo/index.html: written, though it is a draft's",
      ]);
      const module = pathToFileURL(join(ROOT, 'src/integrations/content-check.ts')).href;
      const script = `const { default: check } = await import(${JSON.stringify(module)});
        await check({ dir: ${JSON.stringify(site.contentDir)} }).hooks['astro:build:done']({ dir: new URL(${JSON.stringify(pathToFileURL(`${copy}/`).href)}) });
        console.log('went on');`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stdout).not.toContain('went on');
      expect(run.stderr).toContain('claims/river-plan-by-2026/index.html: missing');
      expect(run.stderr).toContain('it must not be published');
      expect(run.status).toBe(1);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('builds the claim, source, index, verdict, tag, matrix, content and 404 pages', () => {
    for (const f of [
      'index.html',
      '404.html',
      'claims/index.html',
      'claims/river-plan-on-budget/index.html',
      'claims/river-plan-by-2026/index.html',
      'sources/index.html',
      'sources/council-report/index.html',
      'sources/interview/index.html',
      'verdicts/index.html',
      'verdicts/unproven/index.html',
      'tags/index.html',
      'tags/river-plan/index.html',
      'matrix/index.html',
      'methodology/index.html',
    ]) {
      expect(site.exists(f), f).toBe(true);
    }
  });

  it('puts exactly one ClaimReview on a claim page, with the fields from the content', () => {
    const html = site.read('claims/river-plan-on-budget/index.html');
    const [review, ...rest] = jsonLd(html);
    expect(rest).toHaveLength(0);
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `${ORIGIN}${BASE}claims/river-plan-on-budget/`,
      claimReviewed: 'The river plan will be finished on budget </script><script>alert(1)</script>.',
      datePublished: '2024-03-10',
      author: { '@type': 'Organization', name: 'Fixture Desk' },
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly true', ratingValue: 4, bestRating: 5, worstRating: 1 },
      itemReviewed: {
        '@type': 'Claim',
        author: { name: 'The mayor' },
        datePublished: '2024-03-05',
        firstAppearance: { url: 'https://news.example.com/river-plan?id=7&ref=a', headline: 'Council votes on the river plan' },
      },
    });
    expect(review!.itemReviewed.appearance).toHaveLength(2);
    expect(canonical(html)).toBe(review!.url);
  });

  it('indexes what a reader searches for, not the boilerplate and lists that every page repeats', () => {
    const indexed = indexedText(site);
    const claim = indexed.get(`/claims/river-plan-on-budget/`)!;
    for (const wanted of [
      'finished on budget',
      'The mayor',
      'the cost has doubled',
      'What was said',
      'The mayor said the plan will be finished on budget',
      'Added the interview',
    ]) {
      expect(claim, wanted).toContain(wanted);
    }
    // The kicker, the verdict (a search filter), the scale's description of it, the captions'
    // source titles and the lists of sources, appearances and topics, which other pages carry.
    for (const unwanted of [
      'Claim review',
      'Mostly true',
      'needs a clarification',
      'Council votes on the river plan',
      'Sources cited',
      'Where the claim appeared',
      'Topics',
      'River Plan',
    ]) {
      expect(claim, unwanted).not.toContain(unwanted);
    }
    const source = indexed.get(`/sources/council-report/`)!;
    expect(source).toContain('Council votes on the river plan');
    expect(source).toContain('The council voted seven to two on Tuesday');
    for (const unwanted of ['Cited in', 'Quoted passages are highlighted', 'The river plan will be', 'Supports the claim']) {
      expect(source, unwanted).not.toContain(unwanted);
    }
  });

  it('leaves the rating numbers out for an unrated verdict', () => {
    const [review] = jsonLd(site.read('claims/river-plan-by-2026/index.html'));
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unproven' });
    expect(review!.itemReviewed).not.toHaveProperty('appearance');
  });

  it('runs no JavaScript: the only script on any page is JSON-LD, and only claim pages have it', () => {
    for (const f of htmlFiles(site).filter((f) => !isSearch(f))) {
      for (const s of scripts(site.read(f))) {
        expect(s.attrs, f).toMatch(/type="application\/ld\+json"/);
        expect(f).toMatch(/^claims\/[^/]+\/index\.html$/);
      }
    }
    // The claim text holds `</script><script>`: it stays inside the JSON-LD, escaped.
    const ld = scripts(site.read('claims/river-plan-on-budget/index.html'));
    expect(ld).toHaveLength(1);
    expect(ld[0]!.body).not.toContain('<');
  });

  it('shows the verdict as text, with its rating and description', () => {
    const html = site.read('claims/river-plan-on-budget/index.html');
    expect(html).toMatch(/<span class="verdict-label">Mostly true<\/span>/);
    expect(html).toContain('4 of 5');
    expect(html).toContain('The claim is accurate but needs a clarification');
    expect(html).toContain('Added the interview.');
  });

  it('renders a block excerpt as a figure with a cited blockquote and a caption', () => {
    const html = site.read('claims/river-plan-on-budget/index.html');
    const figure = /<figure class="excerpt excerpt-block stance-supports">([\s\S]*?)<\/figure>/.exec(html)?.[1];
    expect(figure).toBeDefined();
    expect(figure).toMatch(/<blockquote cite="https:\/\/news\.example\.com\/river-plan\?id=7&#x26;ref=a">/);
    expect(figure).toMatch(
      /<figcaption>[\s\S]*Example Gazette[\s\S]*<cite>Council votes on the river plan<\/cite>[\s\S]*March 5, 2024[\s\S]*Supports the claim/,
    );
  });

  it('links every excerpt to an id that exists on its source page', () => {
    let checked = 0;
    for (const f of htmlFiles(site).filter((f) => f.startsWith('claims/'))) {
      for (const url of urls(site.read(f)).filter((u) => u.startsWith(`${BASE}sources/`) && u.includes('#'))) {
        const t = target(site, BASE, url);
        expect(ids(site.read(t.file)), `${f} → ${url}`).toContain(decodeURIComponent(t.hash));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('links excerpts of a source with a url to the passage in the original', () => {
    const html = site.read('claims/river-plan-on-budget/index.html');
    expect(urls(html)).toContain(
      'https://news.example.com/river-plan?id=7&ref=a#:~:text=the%20cost%20had%20doubled%20since%20the%20first%20estimate',
    );
    // A source without a url gets no link to an original.
    expect(urls(html).filter((u) => u.includes(':~:text=Elle'))).toHaveLength(0);
  });

  it('makes every internal link work under the base path', () => {
    expect(brokenLinks(site, BASE)).toEqual([]);
    const home = site.read('index.html');
    expect(home).toMatch(/<form[^>]*action="\/repo\/search\/"[^>]*method="get"/);
    expect(home).toMatch(/<input[^>]*name="q"/);
  });

  it('rewrites links between content files to site URLs', () => {
    const claim = urls(site.read('claims/river-plan-on-budget/index.html'));
    expect(claim).toContain(`${BASE}claims/river-plan-by-2026/`);
    expect(claim).toContain(`${BASE}methodology/`);
    expect(claim).toContain(`${BASE}sources/council-report/`);
    expect(urls(site.read('methodology/index.html'))).toContain(`${BASE}claims/river-plan-on-budget/`);
    for (const f of htmlFiles(site)) expect(site.read(f), f).not.toMatch(/href="[^"]*\.md[#"]/);
  });

  it('keeps one <h1> per page: a `# heading` in a body becomes an <h2>', () => {
    for (const f of ['methodology/index.html', 'claims/river-plan-on-budget/index.html']) {
      expect(site.read(f).match(/<h1[\s>]/g), f).toHaveLength(1);
    }
    expect(site.read('methodology/index.html')).toMatch(/<h2 id="how-we-work">How we work<\/h2>/);
  });

  it('redirects every alias to the current slug', () => {
    for (const [alias, to] of [
      ['claims/river-budget/index.html', 'claims/river-plan-on-budget/'],
      ['sources/old-council-report/index.html', 'sources/council-report/'],
      ['how-we-work/index.html', 'methodology/'],
    ] as const) {
      const html = site.read(alias);
      expect(html, alias).toMatch(new RegExp(`<meta http-equiv="refresh" content="0; url=${BASE}${to}"`));
      expect(canonical(html), alias).toBe(`${ORIGIN}${BASE}${to}`);
      expect(html).toContain('noindex');
    }
  });

  it('never publishes a draft', () => {
    for (const f of [
      'claims/draft-claim/index.html',
      'sources/secret-memo/index.html',
      'draft-page/index.html',
      'tags/draft-only-tag/index.html',
    ]) {
      expect(site.exists(f), f).toBe(false);
    }
    for (const f of site.files().filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      const text = site.read(f);
      expect(text, f).not.toContain('secret sentence');
      expect(text, f).not.toContain('A claim still being written');
      expect(text, f).not.toContain('Unfinished page');
    }
  });

  it('publishes only the cited paragraphs of a source with show: excerpts, highlighted, with the claims beside them', () => {
    const html = site.read('sources/council-report/index.html');
    expect(html).not.toContain('This paragraph is never quoted');
    expect(html).toContain('[…]');
    // The gap is named for screen readers in text: aria-label is not allowed on a <p> (Nu HTML Checker).
    expect(html).toMatch(
      /<p class="elided"[^>]*><span aria-hidden="true">\[…\]<\/span><span class="visually-hidden">Paragraphs omitted<\/span><\/p>/,
    );
    expect(html).not.toMatch(/<p[^>]*aria-label/);
    expect(html).toMatch(/<mark id="q-the-cost-had-doubled-[a-z0-9]+">the cost had doubled since the first estimate<\/mark>/);
    expect(html).toMatch(/class="cited-by"[\s\S]*href="\/repo\/claims\/river-plan-on-budget\/"/);
    expect(html).toContain('Ana Example, Ben Sample');
    expect(html).toContain('href="https://archive.example.net/news.example.com/river-plan"');
  });

  it('publishes the whole text with show: full, in the source’s language', () => {
    const html = site.read('sources/interview/index.html');
    expect(html).toContain('La maire a déclaré que le projet serait terminé en 2026.');
    expect(html).toMatch(/<div lang="fr">/);
  });

  it('builds a coverage matrix a screen reader can read as a table', () => {
    const html = site.read('matrix/index.html');
    expect(html).toMatch(/<table[\s\S]*<caption/);
    // The claim, its verdict, then one column per source.
    expect(html.match(/<th scope="col"/g)!.length).toBe(2 + 2);
    expect(html.match(/<th scope="row"/g)!.length).toBe(2);
    const row = /<tr><th scope="row"[^>]*><a href="\/repo\/claims\/river-plan-on-budget\/">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toMatch(
      /<td class="matrix-verdict"><span class="verdict verdict-small" data-rating="4">Mostly true<\/span><\/td>/,
    );
    // Each stance with its count, never "Mixed"; each linking to its passage, named in full for a screen reader.
    const groups = [
      ...row.matchAll(
        /<a class="cell-group stance-([a-z]+)" href="([^"]+)">([^<]*)<span class="visually-hidden">: ([^<]*)<\/span>/g,
      ),
    ];
    expect(groups.map((m) => [m[1], m[3]])).toEqual([
      ['supports', 'Supports'],
      ['disputes', 'Disputes'],
      ['context', 'Context ×2'],
      ['supports', 'Supports'],
    ]);
    expect(groups[1]![2]).toMatch(/^\/repo\/sources\/council-report\/#q-the-cost-had-doubled-[a-z0-9]+$/);
    expect(groups[1]![4]).toBe('one passage of Example Gazette cited against the claim');
    expect(groups[2]![4]).toBe('2 passages of Example Gazette cited as context');
    expect(html).not.toContain('Mixed');
    expect(html).toMatch(/<p id="matrix-caption" class="matrix-caption">/);
    expect(html).toMatch(/<dl class="legend"[\s\S]*Claim made here[\s\S]*Supports[\s\S]*Not cited[\s\S]*<\/dl>/);
  });

  it('shows the latest reviews, the verdict distribution and the outlets on the home page', () => {
    const html = site.read('index.html');
    expect(html.indexOf('river-plan-by-2026')).toBeLessThan(html.indexOf('river-plan-on-budget'));
    // The scale's own colours (data-rating) and the count in words; no browser meter, which is green whatever the verdict.
    expect(html).not.toContain('<meter');
    expect(html).toMatch(
      /data-rating="4"[^>]*>Mostly true<\/a><\/th><td><span class="bar-track" aria-hidden="true"><span class="bar bar-100" data-rating="4"><\/span><\/span> <span class="bar-count">1<\/span>/,
    );
    expect(html).toMatch(
      />False<\/a><\/th><td><span class="bar-track" aria-hidden="true"><span class="bar bar-0" data-rating="1"><\/span><\/span> <span class="bar-count">0<\/span>/,
    );
    expect(html).toContain('Le Journal Exemple');
  });

  it('gives every page a title, a description and a canonical URL on SITE_URL', () => {
    for (const f of htmlFiles(site).filter((f) => !isSearch(f))) {
      const html = site.read(f);
      expect(title(html), f).toBeTruthy();
      expect(canonical(html), f).toMatch(new RegExp(`^${ORIGIN}${BASE}`));
      // Embed pages are iframe content, not pages readers browse or search engines index.
      if (!/\/embed\/index\.html$/.test(f)) expect(description(html), f).toBeTruthy();
    }
  });

  it('describes a page without `description:` by its first paragraph', () => {
    // pages/methodology.md has no description; its body opens with a heading, then this paragraph.
    expect(description(site.read('methodology/index.html'))).toBe('We quote our sources; see the river plan review.');
  });

  it('loads nothing from another host', () => {
    for (const f of htmlFiles(site)) {
      const html = site.read(f);
      for (const m of html.matchAll(/<(?:link|script|img|iframe|source)\b[^>]*\s(?:href|src)="(https?:)?\/\/[^"]*"[^>]*>/g)) {
        expect(m[0], f).toMatch(/rel="(canonical|alternate)"/);
      }
    }
  });
});

describe('content with a quotation that is not in its source', () => {
  it('fails the build with the checker’s message and builds nothing', async () => {
    const site = await buildSite('broken', { allowFailure: true });
    expect(site.code).not.toBe(0);
    expect(site.output).toContain(
      'tests/fixtures/sites/broken/claims/bridge.md:8:17: excerpt not found in source report (sources/report.md)',
    );
    expect(site.output).toContain('Closest passage: “The bridge opened in May”');
    expect(site.exists('index.html')).toBe(false);
    await cleanBuilds();
  });
});

describe('the demo content', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(join(ROOT, 'content'));
  });
  afterAll(cleanBuilds);

  it('builds with every internal link and excerpt link landing', () => {
    expect(brokenLinks(site, '/')).toEqual([]);
  });

  it('has one ClaimReview per claim page', () => {
    const claimPages = htmlFiles(site).filter(
      (f) => /^claims\/[^/]+\/index\.html$/.test(f) && !/http-equiv="refresh"/.test(site.read(f)),
    );
    expect(claimPages.length).toBeGreaterThan(0);
    for (const f of claimPages) expect(jsonLd(site.read(f)), f).toHaveLength(1);
  });

  it('keeps a claim page small', () => {
    const f = htmlFiles(site).find((f) => /^claims\/[^/]+\/index\.html$/.test(f))!;
    const html = site.read(f);
    const css = urls(html)
      .filter((u) => u.endsWith('.css'))
      .map((u) => site.read(u.slice(1)).length)
      .reduce((a, b) => a + b, 0);
    expect(html.length + css).toBeLessThanOrEqual(CLAIM_PAGE_BUDGET);
  });
});
