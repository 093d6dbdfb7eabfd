import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds, type BuiltSite } from '../helpers/build-site.ts';
import { demoBuild, DEMO_BASE, DEMO_SITE_URL, type DemoSite } from '../helpers/demo-build.ts';
import { startTags } from '../helpers/tags.ts';

let demo: DemoSite;

beforeAll(async () => {
  demo = await demoBuild();
});
afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

/** Every URL a file names: attributes of HTML, and absolute URLs in XML, JSON, text and url() in CSS. */
function urlsIn(file: string, text: string, origin: string): string[] {
  if (file.endsWith('.html')) {
    const out: string[] = [];
    for (const tag of startTags(text)) {
      for (const name of ['href', 'src', 'action', 'poster', 'data']) {
        const v = tag.attrs.get(name);
        if (v !== undefined) out.push(v);
      }
      const srcset = tag.attrs.get('srcset');
      if (srcset) out.push(...srcset.split(',').map((s) => s.trim().split(/\s+/)[0]!));
      const content = tag.attrs.get('content');
      if (tag.name === 'meta' && content) {
        if (content.startsWith(origin)) out.push(content);
        const refresh = /^\s*\d+\s*;\s*url=(.+)$/i.exec(content);
        if (refresh && tag.attrs.get('http-equiv')?.toLowerCase() === 'refresh') out.push(refresh[1]!);
      }
    }
    return out;
  }
  if (file.endsWith('.css'))
    return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
  if (/\.(xml|json|txt)$/.test(file)) {
    const escaped = origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return [...text.matchAll(new RegExp(`${escaped}[^\\s"'<>\\\\]*`, 'g'))].map((m) => m[0].replace(/&amp;/g, '&'));
  }
  return [];
}

/** Every URL in dist/ that points inside the site lands on a file, and every #fragment on an id there. */
function brokenLinks(site: BuiltSite, siteUrl: string): string[] {
  const root = new URL(siteUrl);
  const base = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  const idsOf = new Map<string, Set<string>>();
  const ids = (file: string) => {
    let set = idsOf.get(file);
    if (!set) {
      set = new Set();
      for (const tag of startTags(site.read(file))) {
        const id = tag.attrs.get('id');
        if (id !== undefined) set.add(id);
        if (tag.name === 'a' && tag.attrs.has('name')) set.add(tag.attrs.get('name')!);
      }
      idsOf.set(file, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const file of site.files()) {
    if (!/\.(html|css|xml|json|txt)$/.test(file) || file.startsWith('pagefind/')) continue;
    const pageUrl = new URL(base + file.replace(/(^|\/)index\.html$/, '$1'), root.origin);
    for (const raw of urlsIn(file, site.read(file), root.origin)) {
      if (/^(mailto|tel|data|javascript):/i.test(raw)) {
        if (/^javascript:/i.test(raw)) broken.push(`${file}: ${raw} (a javascript: URL)`);
        continue;
      }
      let url: URL;
      try {
        url = new URL(raw, pageUrl);
      } catch {
        broken.push(`${file}: ${raw} (not a URL)`);
        continue;
      }
      if (url.origin !== root.origin) continue;
      if (!url.pathname.startsWith(base)) {
        broken.push(`${file}: ${raw} (outside the base ${base})`);
        continue;
      }
      let path = decodeURIComponent(url.pathname.slice(base.length));
      if (path === '' || path.endsWith('/')) path += 'index.html';
      else if (!site.exists(path) && site.exists(`${path}/index.html`)) path += '/index.html';
      if (!site.exists(path)) {
        broken.push(`${file}: ${raw} (no ${path} in dist)`);
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      // `#top` is the top of any page, by the HTML standard.
      if (hash && hash !== 'top' && !hash.startsWith(':~:') && path.endsWith('.html') && !ids(path).has(hash)) {
        broken.push(`${file}: ${raw} (no id="${hash}" in ${path})`);
      }
    }
  }
  return broken;
}

describe('links', () => {
  it('no internal link, #anchor, stylesheet, feed or sitemap entry of the demo points at nothing', () => {
    expect(brokenLinks(demo, DEMO_SITE_URL)).toEqual([]);
  });

  it('the checker of links sees a dead link and a dead anchor (it is not blind)', () => {
    const fake: BuiltSite = {
      ...demo,
      files: () => ['index.html', 'a/index.html'],
      exists: (p) => p === 'index.html' || p === 'a/index.html',
      read: (p) =>
        p === 'index.html'
          ? `<a href="${DEMO_BASE}a/#here">ok</a><a href="${DEMO_BASE}a/#gone">x</a><a href="${DEMO_BASE}b/">y</a><a href="#nowhere">z</a><a href="#top">t</a><a href="/elsewhere/">w</a>`
          : '<h1 id="here">A</h1>',
    };
    expect(brokenLinks(fake, DEMO_SITE_URL)).toEqual([
      `index.html: ${DEMO_BASE}a/#gone (no id="gone" in a/index.html)`,
      `index.html: ${DEMO_BASE}b/ (no b/index.html in dist)`,
      'index.html: #nowhere (no id="nowhere" in index.html)',
      'index.html: /elsewhere/ (outside the base /factcheck/)',
    ]);
  });
});

describe('#fragments the check accepts', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite('fragments', { siteUrl: 'https://fragments.example.org/' });
  });

  // The fixture links to a heading of every shape (dashes, apostrophes, an ellipsis, code, braces,
  // accents, a duplicate), to every template id the check promises, and to an excerpt's id.
  it('each land on an id of the built page: headings as Astro slugs them, template ids, excerpt ids', () => {
    expect(brokenLinks(site, 'https://fragments.example.org/')).toEqual([]);
    // The links are there to be checked: the page holds them and the ids they name.
    const review = site.read('claims/reopening/index.html');
    for (const id of ['the-councils-vote-1', 'élus-et-décisions-ça-change', 'updates-heading', 'tags-heading']) {
      expect(review).toContain(`id="${id}"`);
    }
    expect(review.match(/href="#/g)?.length).toBeGreaterThanOrEqual(13);
    expect(review).toContain('href="/sources/town-paper/#q-is-not-safe-for-09kqlt"');
  });
});
