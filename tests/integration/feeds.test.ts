/**
 * Builds the feeds fixture (3 published claims, 1 draft, an alias) under a
 * project-site URL with a path, and reads dist/: RSS, /claims.json, sitemap,
 * robots.txt, share cards and embeds.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { publishedReviews, shareCardInput } from '../../src/site/feeds.ts';
import { cardHash } from '../../src/share-cards/card.ts';
import { pngSize } from '../helpers/png-size.ts';
import { siteLocation } from '../../src/site/location.ts';
import { ASTRO, astroEnv, ROOT } from '../helpers/build-site.ts';

const CONTENT = join(ROOT, 'tests/fixtures/sites/feeds');
const SITE_URL = 'https://example.org/repo/';
const PUBLISHED = ['winter-timetable-november', 'ticket-prices-and-everything-else', 'ferry-vote-unanimous']; // newest first
const DRAFT_SLUG = 'draft-only-tunnel-plan';
const DRAFT_TEXT = 'tunnel under the bay';

let out: string;
let cards: string;

function build(outDir: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', outDir], {
    cwd: ROOT,
    env: astroEnv(env),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`astro build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

const read = (path: string) => readFileSync(join(out, path), 'utf8');
/** dist path of an absolute URL on SITE_URL (index.html for directory URLs). */
const distPath = (url: string) => {
  expect(url.startsWith(SITE_URL)).toBe(true);
  const rel = url.slice(SITE_URL.length);
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
};
const meta = (html: string, key: string): string | undefined =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'feeds-dist-'));
  cards = mkdtempSync(join(tmpdir(), 'feeds-cards-'));
  build(out, { CONTENT_DIR: CONTENT, SITE_URL, CARD_CACHE_DIR: cards });
});
afterAll(() => {
  for (const d of [out, cards]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('RSS', () => {
  it('lists every published review, newest first, titled with the verdict, with absolute links', () => {
    const xml = read('rss.xml');
    const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
    expect(items).toHaveLength(PUBLISHED.length);
    const links = items.map((i) => /<link>([^<]+)<\/link>/.exec(i)![1]);
    expect(links).toEqual(PUBLISHED.map((s) => `${SITE_URL}claims/${s}/`));
    const titles = items.map((i) => /<title>([^<]+)<\/title>/.exec(i)![1]);
    expect(titles[0]).toBe('The winter ferry timetable starts in November. — True');
    expect(titles[1]).toMatch(/ — Unproven$/);
    expect(titles[2]).toBe('The harbour board voted unanimously to extend the ferry timetable. — False');
    const dates = items.map((i) => /<pubDate>([^<]+)<\/pubDate>/.exec(i)![1]);
    expect(dates[0]).toBe('Tue, 05 Mar 2024 00:00:00 GMT');
    expect(/<channel>[\s\S]*?<link>([^<]+)<\/link>/.exec(xml)![1]).toBe(SITE_URL);
    expect(xml).toContain(`<atom:link href="${SITE_URL}rss.xml" rel="self" type="application/rss+xml"/>`);
    // Feed readers find it from any page.
    expect(read('index.html')).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Feeds fixture" href="${SITE_URL}rss.xml">`,
    );
  });
});

describe('/claims.json', () => {
  it('holds one ClaimReview per published review, each equal to its page’s JSON-LD', () => {
    const data = JSON.parse(read('claims.json')) as Record<string, unknown>[];
    expect(data).toHaveLength(PUBLISHED.length);
    expect(data.map((d) => d.url)).toEqual(PUBLISHED.map((s) => `${SITE_URL}claims/${s}/`));
    for (const review of data) {
      expect(review['@type']).toBe('ClaimReview');
      const html = read(distPath(review.url as string));
      const ld = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
        .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
        .find((o) => o['@type'] === 'ClaimReview');
      expect(ld).toEqual(review);
    }
  });
});

describe('sitemap and robots.txt', () => {
  it('lists the pages by absolute URL on SITE_URL, without embeds, redirects or drafts', () => {
    const index = read('sitemap-index.xml');
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(sitemaps.length).toBeGreaterThan(0);
    const locs = sitemaps.flatMap((s) => [...read(distPath(s)).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    for (const url of [...sitemaps, ...locs]) expect(url.startsWith(SITE_URL)).toBe(true);
    for (const slug of PUBLISHED) expect(locs).toContain(`${SITE_URL}claims/${slug}/`);
    expect(locs).toContain(SITE_URL);
    expect(locs.filter((l) => /\/embed\/$/.test(l))).toEqual([]);
    expect(locs).not.toContain(`${SITE_URL}claims/ferry-vote-was-unanimous/`);
    expect(locs.filter((l) => l.includes('404'))).toEqual([]);
    // Every listed page was built.
    for (const url of locs) expect(existsSync(join(out, distPath(url)))).toBe(true);
  });

  it('robots.txt names the sitemap index by its absolute URL', () => {
    const robots = read('robots.txt');
    expect(robots).toContain(`Sitemap: ${SITE_URL}sitemap-index.xml`);
    expect(existsSync(join(out, 'sitemap-index.xml'))).toBe(true);
  });
});

describe('share cards', () => {
  it('gives every claim page an absolute og:image that is a 1200×630 PNG in dist', () => {
    for (const slug of PUBLISHED) {
      const url = `${SITE_URL}claims/${slug}/`;
      const html = read(distPath(url));
      expect(meta(html, 'og:url')).toBe(url);
      expect(meta(html, 'og:title')).toBeTruthy();
      expect(meta(html, 'og:description')).toBeTruthy();
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      const image = meta(html, 'og:image')!;
      expect(image).toBe(`${SITE_URL}og/${slug}.png`);
      expect(meta(html, 'twitter:image')).toBe(image);
      expect(pngSize(readFileSync(join(out, distPath(image))))).toEqual({ width: 1200, height: 630 });
    }
    expect(readdirSync(join(out, 'og')).sort()).toEqual(PUBLISHED.map((s) => `${s}.png`).sort());
  });

  it('keeps each card in the cache under the hash of what it shows, for the next build to copy', () => {
    const corpus = loadCorpus(CONTENT);
    const reviews = publishedReviews(corpus, siteLocation(SITE_URL));
    expect(readdirSync(cards).sort()).toEqual(reviews.map((r) => `${cardHash(shareCardInput(corpus, r))}.png`).sort());
    for (const r of reviews) {
      const cached = readFileSync(join(cards, `${cardHash(shareCardInput(corpus, r))}.png`));
      expect(readFileSync(join(out, 'og', `${r.slug}.png`)).equals(cached)).toBe(true);
    }
  });
});

describe('share_cards: verdict', () => {
  // The fixture again, with a card per verdict, and two published claims sharing the verdict `false`.
  const VERDICTS: Record<string, string> = {
    'ferry-vote-unanimous': 'false',
    'ticket-prices-and-everything-else': 'false',
    'winter-timetable-november': 'true',
  };
  let content: string;
  let site: string;
  let verdictCards: string;
  beforeAll(() => {
    content = mkdtempSync(join(tmpdir(), 'feeds-verdict-cards-'));
    cpSync(CONTENT, content, { recursive: true });
    appendFileSync(join(content, 'site.yml'), 'share_cards: verdict\n');
    const ticket = join(content, 'claims', 'ticket-prices-and-everything-else.md');
    writeFileSync(ticket, readFileSync(ticket, 'utf8').replace(/^verdict: unproven$/m, 'verdict: false'));
    site = mkdtempSync(join(tmpdir(), 'feeds-verdict-dist-'));
    verdictCards = mkdtempSync(join(tmpdir(), 'feeds-verdict-cache-'));
    build(site, { CONTENT_DIR: content, SITE_URL, CARD_CACHE_DIR: verdictCards });
  });
  afterAll(() => {
    for (const d of [content, site, verdictCards]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('gives each claim page its verdict’s card, one file for every verdict a published claim has', () => {
    for (const [slug, verdict] of Object.entries(VERDICTS)) {
      const html = readFileSync(join(site, 'claims', slug, 'index.html'), 'utf8');
      const image = meta(html, 'og:image')!;
      expect(image).toBe(`${SITE_URL}og/verdicts/${verdict}.png`);
      expect(meta(html, 'twitter:image')).toBe(image);
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      // The picture shows the verdict, not the claim: so does its description.
      expect(meta(html, 'og:image:alt')).toBe(`Verdict: ${verdict === 'true' ? 'True' : 'False'}`);
      expect(pngSize(readFileSync(join(site, 'og', 'verdicts', `${verdict}.png`)))).toEqual({ width: 1200, height: 630 });
    }
    // No claim's own card, and none for the draft's verdict (misleading) or a verdict no claim has.
    expect(readdirSync(join(site, 'og'))).toEqual(['verdicts']);
    expect(readdirSync(join(site, 'og', 'verdicts')).sort()).toEqual(['false.png', 'true.png']);
    expect(readdirSync(verdictCards).filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });
});

describe('the next build', () => {
  it('copies unchanged cards from the cache instead of drawing them again', () => {
    const before = new Map(readdirSync(cards).map((f) => [f, statSync(join(cards, f)).ino]));
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    for (const f of before.keys()) utimesSync(join(cards, f), tenDaysAgo, tenDaysAgo);
    const again = mkdtempSync(join(tmpdir(), 'feeds-dist-again-'));
    const started = Date.now();
    try {
      build(again, { CONTENT_DIR: CONTENT, SITE_URL, CARD_CACHE_DIR: cards });
      // Marked as used by this build, so that pruning keeps them.
      for (const f of readdirSync(cards)) expect(statSync(join(cards, f)).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
      // A drawn card is written to a new file renamed into the cache; a reused one stays the same file
      // (only its modification time moves: the build marks the cards it used, see src/share-cards/cache.ts).
      expect(new Map(readdirSync(cards).map((f) => [f, statSync(join(cards, f)).ino]))).toEqual(before);
      for (const slug of PUBLISHED) {
        expect(readFileSync(join(again, 'og', `${slug}.png`)).equals(readFileSync(join(out, 'og', `${slug}.png`)))).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('embeds', () => {
  it('has a script-free, unindexed embed page per claim that links back, and the snippet on the claim page', () => {
    for (const slug of PUBLISHED) {
      const url = `${SITE_URL}claims/${slug}/`;
      const embed = read(`claims/${slug}/embed/index.html`);
      expect(embed).not.toMatch(/<script/i);
      expect(embed).toContain('<meta name="robots" content="noindex">');
      expect(embed).toContain(`href="${url}"`);
      expect(embed).toMatch(/Verdict: (True|False|Unproven)/);
      const page = read(distPath(url));
      expect(page).toContain(`&lt;iframe src=&quot;${url}embed/&quot;`);
      // The snippet is not part of the review: search must not index it.
      expect(page).toMatch(/<details class="embed-snippet"[^>]*data-pagefind-ignore/);
    }
  });
});

describe('drafts', () => {
  it('appear nowhere in dist', () => {
    const hits = walk(out).filter((f) => {
      const text = readFileSync(f, 'latin1');
      return text.includes(DRAFT_SLUG) || text.includes(DRAFT_TEXT);
    });
    expect(hits).toEqual([]);
    // The fixture really has the draft: the test would catch a leak.
    expect(readFileSync(join(CONTENT, 'claims', `${DRAFT_SLUG}.md`), 'utf8')).toContain(DRAFT_TEXT);
  });
});
