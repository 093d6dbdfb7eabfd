/**
 * Quality gates on real builds: the demo site (built once, shared through
 * tests/helpers/demo-build.ts) and fixture sites. Valid HTML (the W3C Nu checker),
 * no dead internal link or #anchor, a Content Security Policy on every page with no
 * inline script allowed, content that looks like markup reaching dist/ only as text,
 * bad content stopping the build with the checker's own path:line:column, two builds
 * of the same commit byte-identical, and the claim page's weight budget.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { demoBuild, demoKey, DEMO_BASE, DEMO_CONTENT, DEMO_SITE_URL, listFiles, type DemoSite } from '../helpers/demo-build.ts';
import { startTags, type StartTag } from '../helpers/tags.ts';
import { CLAIM_PAGE_BUDGET, pageWeight } from '../../scripts/weight.ts';

const VNU = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const CHECK_FIXTURES = join(ROOT, 'tests', 'fixtures', 'check');
const HOSTILE_URL = 'https://hostile.example.org/';
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

const htmlFiles = (site: BuiltSite) => site.files().filter((f) => f.endsWith('.html'));

let demo: DemoSite;
let hostile: BuiltSite;

beforeAll(async () => {
  demo = await demoBuild();
  hostile = await buildSite('hostile', { siteUrl: HOSTILE_URL });
});
afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

describe('valid HTML', () => {
  it('every page of the demo and of the markup-laden fixture passes the Nu HTML Checker with no error', () => {
    // One run over both sites: the checker's JVM takes seconds to start.
    const r = spawnSync('java', ['-jar', VNU, '--format', 'json', '--errors-only', '--skip-non-html', demo.dist, hostile.dist], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error, 'java must be installed (apt-get install default-jre-headless)').toBeUndefined();
    const report = JSON.parse(r.stderr || r.stdout) as {
      messages: { type: string; url?: string; lastLine?: number; firstColumn?: number; lastColumn?: number; message: string }[];
    };
    const errors = report.messages
      .filter((m) => m.type !== 'info')
      .map((m) => {
        const file = m.url ? relative(ROOT, fileURLToPath(m.url)) : '?';
        return `${file}:${m.lastLine ?? 0}:${m.firstColumn ?? m.lastColumn ?? 0}: ${m.message}`;
      });
    expect(errors).toEqual([]);
    // The checker really read the pages: a missing folder would report nothing, too.
    expect(htmlFiles(demo).length).toBeGreaterThan(30);
  }, 120_000);
});

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
  if (file.endsWith('.css')) return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
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
      if (hash && !hash.startsWith(':~:') && path.endsWith('.html') && !ids(path).has(hash)) {
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
          ? `<a href="${DEMO_BASE}a/#here">ok</a><a href="${DEMO_BASE}a/#gone">x</a><a href="${DEMO_BASE}b/">y</a><a href="#top">z</a><a href="/elsewhere/">w</a>`
          : '<h1 id="here">A</h1>',
    };
    expect(brokenLinks(fake, DEMO_SITE_URL)).toEqual([
      `index.html: ${DEMO_BASE}a/#gone (no id="gone" in a/index.html)`,
      `index.html: ${DEMO_BASE}b/ (no b/index.html in dist)`,
      'index.html: #top (no id="top" in index.html)',
      'index.html: /elsewhere/ (outside the base /factcheck/)',
    ]);
  });
});

// ---------------------------------------------------------------------------

function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

const isDataScript = (t: StartTag) => /^application\/(ld\+)?json$/i.test(t.attrs.get('type') ?? '');

/** What is wrong with a page's Content Security Policy, or with its markup under it. */
function cspProblems(file: string, html: string): string[] {
  const problems: string[] = [];
  const tags = startTags(html);
  const metas = tags.filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
  if (metas.length !== 1) return [`${file}: ${metas.length} CSP <meta> elements`];
  const meta = metas[0]!;
  const policy = directives(meta.attrs.get('content') ?? '');
  const scriptSrc = policy.get('script-src') ?? policy.get('default-src');
  if (!scriptSrc) problems.push(`${file}: no script-src`);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
    if (scriptSrc?.includes(bad)) problems.push(`${file}: script-src allows ${bad}`);
  }
  // A policy in a <meta> covers only what follows it (JSON-LD is data, not script).
  const first = tags.find((t) => (t.name === 'script' && !isDataScript(t)) || t.name === 'style' || (t.name === 'link' && t.attrs.get('rel') === 'stylesheet'));
  if (first && first.at < meta.at) problems.push(`${file}: a <${first.name}> comes before the CSP <meta>, which does not cover it`);
  for (const t of tags) {
    for (const name of t.attrs.keys()) {
      if (name.startsWith('on')) problems.push(`${file}: <${t.name} ${name}=…> (inline event handler)`);
      if (name === 'style') problems.push(`${file}: <${t.name} style="${t.attrs.get('style')}"> (blocked by style-src)`);
    }
    if (t.name === 'script' && !isDataScript(t) && !t.attrs.has('src')) {
      const hash = `'sha256-${createHash('sha256').update(t.body ?? '').digest('base64')}'`;
      if (!scriptSrc?.includes(hash)) problems.push(`${file}: an inline <script> whose hash ${hash} the policy does not allow`);
    }
    if (t.name === 'script' && t.attrs.has('src') && /^(https?:)?\/\//.test(t.attrs.get('src')!)) {
      problems.push(`${file}: a script from another origin: ${t.attrs.get('src')}`);
    }
  }
  return problems;
}

describe('Content Security Policy', () => {
  it('every page carries one CSP <meta>, before any script or style, with no inline script allowed', () => {
    const files = htmlFiles(demo);
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((f) => cspProblems(f, demo.read(f)))).toEqual([]);
  });

  it('only the search page may compile WebAssembly, and no page loads a script of its own inline', () => {
    for (const f of htmlFiles(demo)) {
      const policy = directives(startTags(demo.read(f)).find((t) => t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy')!.attrs.get('content')!);
      expect(policy.get('script-src')!.includes("'wasm-unsafe-eval'"), f).toBe(f === 'search/index.html');
    }
  });

  it('the CSP test catches an inline script, a handler and a policy with unsafe-inline', () => {
    const page = (csp: string, body: string) => `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${csp}"></head><body>${body}</body></html>`;
    expect(cspProblems('a.html', page("script-src 'self'", '<script>alert(1)</script>'))[0]).toMatch(/inline <script> whose hash/);
    expect(cspProblems('a.html', page("script-src 'self'", '<img src="x" onerror="alert(1)">'))).toEqual(['a.html: <img onerror=…> (inline event handler)']);
    expect(cspProblems('a.html', page("script-src 'self' 'unsafe-inline'", ''))).toEqual(["a.html: script-src allows 'unsafe-inline'"]);
    expect(cspProblems('a.html', '<html><head></head></html>')).toEqual(['a.html: 0 CSP <meta> elements']);
  });
});

// ---------------------------------------------------------------------------

/** Elements and attributes the fixture's text spells out; none may exist as markup in dist/. */
function injected(file: string, html: string): string[] {
  const found: string[] = [];
  for (const t of startTags(html)) {
    if (t.name === 'script' && !isDataScript(t) && !/\/_astro\/[^/]+\.js$/.test(t.attrs.get('src') ?? '')) {
      found.push(`${file}: <script ${[...t.attrs.keys()].join(' ')}>${(t.body ?? '').slice(0, 60)}`);
    }
    if (t.name === 'script' && isDataScript(t) && /<\/script/i.test(t.body ?? '')) found.push(`${file}: </script> inside JSON-LD`);
    if (t.name === 'img' && t.attrs.get('src') === 'x') found.push(`${file}: <img src=x>`);
    if (t.name === 'iframe' && !file.includes('embed')) found.push(`${file}: <iframe>`);
    for (const name of t.attrs.keys()) if (name.startsWith('on')) found.push(`${file}: <${t.name} ${name}>`);
  }
  return found;
}

describe('raw HTML never reaches dist/', () => {
  it('a claim or source with raw HTML (a <script>, an onerror=) stops the build at its path:line:column, and nothing is written', async () => {
    const dir = join(CHECK_FIXTURES, 'raw-html');
    const site = await buildSite(dir, { allowFailure: true });
    expect(site.code).not.toBe(0);
    const rel = relative(ROOT, dir);
    expect(site.output).toContain(`${rel}/claims/html.md:8:1: raw HTML is not allowed in content (found \`<script>`);
    expect(site.output).toContain(`${rel}/claims/html.md:14:10: raw HTML is not allowed in content (found \`<img src="x.png" onerror="alert(1)">`);
    expect(site.output).toContain(`${rel}/sources/html-source.md:7:1: raw HTML is not allowed in content (found \`<div onclick=`);
    expect(site.files().filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('text that looks like markup, in every field and in the Markdown, is published as text only', () => {
    const files = htmlFiles(hostile);
    expect(files).toContain('claims/markup-in-text/index.html');
    expect(files).toContain('sources/forum-post/index.html');
    // The text is there, escaped: the fixture really exercised the pages.
    const claim = hostile.read('claims/markup-in-text/index.html');
    expect(claim).toContain('>The forum post &lt;script&gt;alert(&#39;claim&#39;)&lt;/script&gt; is harmless.</h1>');
    expect(hostile.read('sources/forum-post/index.html')).toContain("&lt;script&gt;alert('code')&lt;/script&gt;");
    expect(files.flatMap((f) => injected(f, hostile.read(f)))).toEqual([]);
    expect(files.flatMap((f) => cspProblems(f, hostile.read(f)))).toEqual([]);
  });

  it('feeds and JSON carry the same text escaped, never as markup', () => {
    expect(hostile.read('rss.xml')).not.toMatch(/<script|<img|<b /i);
    const json = JSON.parse(hostile.read('claims.json')) as unknown;
    expect(JSON.stringify(json)).toContain("<script>alert('claim')</script>");
  });

  it('the injection test sees a script and a handler that got through', () => {
    expect(injected('a.html', '<p>x</p><script>alert(1)</script><img src=x onerror="alert(2)">')).toEqual([
      'a.html: <script >alert(1)',
      'a.html: <img src=x>',
      'a.html: <img onerror>',
    ]);
    expect(injected('a.html', '<meta content="<script>alert(1)</script>"><p>&lt;script&gt;</p>')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

/** The `path:line:column: message` lines of a command's output. */
function problemLines(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[^\s:][^:]*:\d+:\d+: /.test(l));
}

describe('bad content stops the build', () => {
  const kinds = readdirSync(CHECK_FIXTURES).filter((k) => k !== 'good');
  const builds = new Map<string, Promise<BuiltSite>>();

  beforeAll(async () => {
    // Three at a time: a failing build is mostly Astro starting up, which leaves cores idle.
    const queue = [...kinds];
    const worker = async () => {
      for (let kind = queue.shift(); kind; kind = queue.shift()) {
        const pending = buildSite(join(CHECK_FIXTURES, kind), { allowFailure: true });
        builds.set(kind, pending);
        await pending;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  });

  it('there is a fixture per error kind of the format', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(15);
  });

  it.each(kinds)('%s: check and build both stop with the same path:line:column messages', async (kind) => {
    const dir = join(CHECK_FIXTURES, kind);
    const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: dir };
    delete env.INIT_CWD;
    delete env.GITHUB_ACTIONS;
    const check = spawnSync(NODE, [join(ROOT, 'scripts/check.ts')], { cwd: ROOT, env, encoding: 'utf8' });
    expect(check.status).toBe(1);
    const expected = problemLines(check.stderr);
    expect(expected.length).toBeGreaterThan(0);
    for (const line of expected) expect(line.startsWith(`${relative(ROOT, dir)}/`), line).toBe(true);

    const build = await builds.get(kind)!;
    expect(build.code).not.toBe(0);
    expect(problemLines(build.output)).toEqual(expected);
    expect(build.files().filter((f) => f.endsWith('.html'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('reproducible builds', () => {
  it('a second build of the same commit, in another folder, time zone and locale, is byte-identical', async () => {
    // In a shared working copy the sources may have changed since the shared build: build them as they are now.
    if (demoKey() !== demo.key) demo = await demoBuild();
    const key = demo.key;
    const again = await buildSite(DEMO_CONTENT, {
      siteUrl: DEMO_SITE_URL,
      env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', SOURCE_DATE_EPOCH: '0' },
    });
    expect(demoKey(), 'the sources changed while the second build ran; run the test again').toBe(key);
    const a = listFiles(demo.dist);
    const b = listFiles(again.dist);
    const onlyA = a.filter((f) => !b.includes(f));
    const onlyB = b.filter((f) => !a.includes(f));
    const differing = a.filter((f) => b.includes(f) && !readFileSync(join(demo.dist, f)).equals(readFileSync(join(again.dist, f))));
    expect({ onlyInFirst: onlyA, onlyInSecond: onlyB, differing }).toEqual({ onlyInFirst: [], onlyInSecond: [], differing: [] });
    expect(a.some((f) => f.startsWith('pagefind/'))).toBe(true);
  }, 300_000);
});

// ---------------------------------------------------------------------------

describe('weight budget', () => {
  it(`every claim page is at most ${CLAIM_PAGE_BUDGET / 1024} KB of HTML and CSS, with no JavaScript`, () => {
    const claims = htmlFiles(demo).filter((f) => /^claims\/[^/]+\/index\.html$/.test(f));
    expect(claims.length).toBeGreaterThan(3);
    for (const f of claims) {
      const w = pageWeight(demo.dist, f, DEMO_BASE);
      expect(w.scripts, f).toEqual([]);
      expect(w.css.length, f).toBeGreaterThan(0);
      expect(w.total, `${f}: ${w.html} B HTML + ${w.cssBytes} B CSS`).toBeLessThanOrEqual(CLAIM_PAGE_BUDGET);
    }
  });
});
