/**
 * A desk in French and one in Arabic, built for real: every page says the site's own
 * words in the desk's language (no English left outside the content), with `lang` and,
 * in Arabic, `dir="rtl"`; a passage of an English source carries its own language and
 * direction; the feeds and the ClaimReview say `inLanguage`; Pagefind indexes the pages
 * in the site's language; the share cards are drawn in full in French and as the honest
 * verdict-and-name card in Arabic; and every page passes the Nu HTML Checker.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds, htmlFiles, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { decodeEntities } from '../helpers/html.ts';
import { pngSize } from '../helpers/png-size.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { publishedReviews, shareCardInput } from '../../src/site/feeds.ts';
import { cardKind } from '../../src/share-cards/card.ts';
import en from '../../src/i18n/en.ts';
import { TRANSLATIONS } from '../../src/i18n/languages.ts';

const VNU = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const SITES = { francais: { lang: 'fr', dir: 'ltr' }, arabic: { lang: 'ar', dir: 'rtl' } } as const;
type Name = keyof typeof SITES;
const built = {} as Record<Name, BuiltSite>;

beforeAll(async () => {
  // One after the other: the machine has two cores.
  built.francais = await buildSite('francais', { siteUrl: 'https://verif.exemple.org/verif/' });
  built.arabic = await buildSite('arabic');
}, 240_000);
afterAll(cleanBuilds);

/** The pieces of text between a message's values, long enough to mean something. */
function fragments(messages: Record<string, string | Record<string, string>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(messages)) {
    const forms = typeof value === 'string' ? [value] : Object.values(value);
    out.set(
      key,
      forms.flatMap((f) =>
        f
          .split(/\{[A-Za-z]+\}|\n/)
          .map((s) => s.trim().replace(/^[\s(.,:;—–-]+|[\s).,:;—–-]+$/g, ''))
          .filter((s) => s.length >= 4 && /\p{L}/u.test(s)),
      ),
    );
  }
  return out;
}

/**
 * What a page says in its own voice: its text and the attributes readers and machines read
 * (labels, placeholders, titles, descriptions), without scripts, styles, the search facets'
 * hidden values, and anything marked as being in another language (a source's own words).
 */
function ownWords(html: string, siteLang: string): string {
  const attrs = [
    ...html.matchAll(
      /\s(?:aria-label|placeholder|title|alt|data-(?:no-index|loading|verdict-label|rating-text|none|found-for))="([^"]*)"/g,
    ),
    // The search page's JSON: its values are words, its keys are Pagefind's filter names and plural categories.
    ...[...html.matchAll(/\sdata-(?:filter-legends|kinds|found)="([^"]*)"/g)].flatMap((m) =>
      Object.values(JSON.parse(decodeEntities(m[1]!)) as Record<string, string>).map((v) => [v, v]),
    ),
    ...html.matchAll(
      /<meta\b[^>]*(?:name="description"|property="og:(?:title|description|image:alt)"|name="twitter:(?:title|description|image:alt)")[^>]*content="([^"]*)"/g,
    ),
    ...html.matchAll(
      /<meta\b[^>]*content="([^"]*)"[^>]*(?:name="description"|property="og:(?:title|description|image:alt)"|name="twitter:(?:title|description|image:alt)")/g,
    ),
  ].map((m) => m[1]!);
  let body = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<div hidden data-pagefind-ignore>[\s\S]*?<\/div>/g, ' ');
  for (let i = 0; i < 5; i++)
    body = body.replace(
      new RegExp(`<(\\w+)\\b[^>]*\\slang="(?!${siteLang}")[^"]*"[^>]*>(?:(?!<\\1\\b)[\\s\\S])*?<\\/\\1>`, 'g'),
      ' ',
    );
  const text = body.replace(/<title>[\s\S]*?<\/title>/, ' ').replace(/<[^>]+>/g, ' ');
  return decodeEntities(`${text} ${attrs.join(' ')}`).replace(/\s+/g, ' ');
}

describe.each(Object.keys(SITES) as Name[])('the %s fixture', (name) => {
  const { lang, dir } = SITES[name];
  const site = () => built[name];

  it(`every page is <html lang="${lang}" dir="${dir}">, the embeds included`, () => {
    const pages = htmlFiles(site());
    expect(pages.length).toBeGreaterThan(20);
    const wrong = pages.filter((f) => !site().read(f).includes(`<html lang="${lang}" dir="${dir}">`));
    expect(wrong).toEqual([]);
  });

  it('no English UI string is left on any page, outside what is marked as another language', () => {
    const mine = TRANSLATIONS[lang]!.messages as unknown as Record<string, string | Record<string, string>>;
    const own = new Set([...fragments(mine).values()].flat());
    const english = [...fragments(en.messages as never)]
      .flatMap(([key, list]) => list.filter((f) => !own.has(f) && !own.has(f.toLowerCase())).map((f) => [key, f] as const))
      // One word English shares with the language (Source, Page, Verdict, Original...) proves nothing.
      .filter(([, f]) => ![...own].some((o) => o.includes(f)));
    expect(english.length).toBeGreaterThan(150);
    const stopWords =
      /(?<!\p{L})(the|and|of|to|is|are|this|that|with|for|by|from|has|have|been|every|which|your|here|more|about)(?!\p{L})/iu;
    const found: string[] = [];
    for (const file of htmlFiles(site())) {
      const words = ownWords(site().read(file), lang);
      for (const [key, f] of english) {
        if (new RegExp(`(?<!\\p{L})${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(words))
          found.push(`${file}: ${key}: “${f}”`);
      }
      const stop = stopWords.exec(words);
      if (stop) found.push(`${file}: “${words.slice(Math.max(0, stop.index - 40), stop.index + 40)}”`);
    }
    expect(found).toEqual([]);
  });

  it('an English source’s passages carry lang="en", and on the Arabic site dir="ltr"', () => {
    const corpus = loadCorpus(site().contentDir);
    const claim = [...corpus.claims.keys()].sort()[0]!;
    const html = site().read(`claims/${claim}/index.html`);
    const attrs = dir === 'rtl' ? 'lang="en" dir="ltr"' : 'lang="en"';
    expect(html).toContain(`<span ${attrs}>“testing the rails takes at least eighteen months”</span>`);
    expect(site().read('sources/engineering-report/index.html')).toContain(`<div ${attrs}>`);
    // One in the site's language inherits the page's: nothing added to every claim page.
    expect(html).toMatch(/<blockquote cite="[^"]*">/);
  });

  it('RSS, the ClaimReview JSON-LD and /claims.json carry the language', () => {
    expect(site().read('rss.xml')).toContain(`<language>${lang}</language>`);
    const reviews = JSON.parse(site().read('claims.json')) as { inLanguage: string }[];
    expect(reviews.length).toBe(2);
    expect(reviews.every((r) => r.inLanguage === lang)).toBe(true);
  });

  it(`Pagefind indexes every claim, source and page in ${lang}`, () => {
    const entry = JSON.parse(site().read('pagefind/pagefind-entry.json')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual([lang]);
    expect(entry.languages[lang]!.page_count).toBe(6);
  });

  it(
    name === 'arabic' ? 'share cards: the verdict and the site name only, 1200×630' : 'share cards: drawn in full, 1200×630',
    () => {
      const corpus = loadCorpus(site().contentDir);
      for (const r of publishedReviews(corpus)) {
        expect(cardKind(shareCardInput(corpus, r))).toBe(name === 'arabic' ? 'fallback' : 'full');
        expect(pngSize(readFileSync(join(site().dist, `og/${r.slug}.png`)))).toEqual({ width: 1200, height: 630 });
      }
    },
  );
});

describe('valid HTML in French and in Arabic', () => {
  it('every page of both fixtures passes the Nu HTML Checker with no error', () => {
    const r = spawnSync(
      'java',
      ['-jar', VNU, '--format', 'json', '--errors-only', '--skip-non-html', built.francais.dist, built.arabic.dist],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(r.error, 'java must be installed (apt-get install default-jre-headless)').toBeUndefined();
    const report = JSON.parse(r.stderr || r.stdout) as {
      messages: { type: string; url?: string; lastLine?: number; message: string }[];
    };
    const errors = report.messages
      .filter((m) => m.type !== 'info')
      .map((m) => `${m.url ? relative(ROOT, fileURLToPath(m.url)) : '?'}:${m.lastLine ?? 0}: ${m.message}`);
    expect(errors).toEqual([]);
    expect(htmlFiles(built.arabic).length).toBeGreaterThan(20);
  }, 120_000);
});
