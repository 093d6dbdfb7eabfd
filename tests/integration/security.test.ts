import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostile, buildSite, type BuiltSite, cleanBuilds, htmlFiles, ROOT } from '../helpers/build-site.ts';
import { demoBuild, type DemoSite } from '../helpers/demo-build.ts';
import { startTags, type StartTag } from '../helpers/tags.ts';

const CHECK_FIXTURES = join(ROOT, 'tests', 'fixtures', 'check');

let demo: DemoSite;
let hostile: BuiltSite;

beforeAll(async () => {
  demo = await demoBuild();
  hostile = await buildHostile();
});
afterAll(cleanBuilds);

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
  // Pictures from the site only: no tracking pixel, even one the check let through, would load.
  if (policy.get('img-src')?.join(' ') !== "'self'") problems.push(`${file}: img-src is not 'self' alone`);
  const scriptSrc = policy.get('script-src') ?? policy.get('default-src');
  if (!scriptSrc) problems.push(`${file}: no script-src`);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
    if (scriptSrc?.includes(bad)) problems.push(`${file}: script-src allows ${bad}`);
  }
  // A policy in a <meta> covers only what follows it (JSON-LD is data, not script).
  const first = tags.find(
    (t) =>
      (t.name === 'script' && !isDataScript(t)) ||
      t.name === 'style' ||
      (t.name === 'link' && t.attrs.get('rel') === 'stylesheet'),
  );
  if (first && first.at < meta.at)
    problems.push(`${file}: a <${first.name}> comes before the CSP <meta>, which does not cover it`);
  for (const t of tags) {
    for (const name of t.attrs.keys()) {
      if (name.startsWith('on')) problems.push(`${file}: <${t.name} ${name}=…> (inline event handler)`);
      if (name === 'style') problems.push(`${file}: <${t.name} style="${t.attrs.get('style')}"> (blocked by style-src)`);
    }
    if (t.name === 'script' && !isDataScript(t) && !t.attrs.has('src')) {
      const hash = `'sha256-${createHash('sha256')
        .update(t.body ?? '')
        .digest('base64')}'`;
      if (!scriptSrc?.includes(hash)) problems.push(`${file}: an inline <script> whose hash ${hash} the policy does not allow`);
    }
    if (t.name === 'img' && /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(t.attrs.get('src') ?? '')) {
      problems.push(`${file}: a picture from elsewhere: ${t.attrs.get('src')}`);
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
      const policy = directives(
        startTags(demo.read(f))
          .find((t) => t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy')!
          .attrs.get('content')!,
      );
      expect(policy.get('script-src')!.includes("'wasm-unsafe-eval'"), f).toBe(f === 'search/index.html');
    }
  });

  it('the CSP test catches an inline script, a handler and a policy with unsafe-inline', () => {
    const page = (csp: string, body: string) =>
      `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${csp}"></head><body>${body}</body></html>`;
    expect(cspProblems('a.html', page("script-src 'self'; img-src 'self'", '<script>alert(1)</script>'))[0]).toMatch(
      /inline <script> whose hash/,
    );
    expect(cspProblems('a.html', page("script-src 'self'; img-src 'self'", '<img src="x" onerror="alert(1)">'))).toEqual([
      'a.html: <img onerror=…> (inline event handler)',
    ]);
    expect(cspProblems('a.html', page("script-src 'self' 'unsafe-inline'; img-src 'self'", ''))).toEqual([
      "a.html: script-src allows 'unsafe-inline'",
    ]);
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
    if (t.name === 'script' && isDataScript(t) && /<\/script/i.test(t.body ?? ''))
      found.push(`${file}: </script> inside JSON-LD`);
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
    expect(site.output).toContain(
      `${rel}/claims/html.md:14:10: raw HTML is not allowed in content (found \`<img src="x.png" onerror="alert(1)">`,
    );
    expect(site.output).toContain(`${rel}/sources/html-source.md:7:1: raw HTML is not allowed in content (found \`<div onclick=`);
    expect(site.files().filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('text that looks like markup, in every field and in the Markdown, is published as text only', () => {
    const files = htmlFiles(hostile);
    expect(files).toContain('claims/markup-in-text/index.html');
    expect(files).toContain('sources/forum-post/index.html');
    // The text is there, escaped: the fixture really exercised the pages.
    const claim = hostile.read('claims/markup-in-text/index.html');
    // (Front-matter text is typeset like the body: its straight quotes are curly.)
    expect(claim).toContain('>The forum post &lt;script&gt;alert(‘claim’)&lt;/script&gt; is harmless.</h1>');
    expect(hostile.read('sources/forum-post/index.html')).toContain("&lt;script&gt;alert('code')&lt;/script&gt;");
    expect(files.flatMap((f) => injected(f, hostile.read(f)))).toEqual([]);
    expect(files.flatMap((f) => cspProblems(f, hostile.read(f)))).toEqual([]);
  });

  it('publishes a picture of the content folder from the site itself, its alt text as text', () => {
    const claim = hostile.read('claims/markup-in-text/index.html');
    const img = startTags(claim).find((t) => t.name === 'img');
    expect(img?.attrs.get('alt')).toBe('The post, saying <b>bold</b> things');
    expect(img?.attrs.get('src')).toMatch(/^\/_astro\/screenshot\.[\w-]+\.\w+$/);
    expect(hostile.exists(img!.attrs.get('src')!.slice(1))).toBe(true);
  });

  it('the policy check sees a picture from another host and a policy without img-src', () => {
    const page = (csp: string, body: string) =>
      `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${csp}"></head><body>${body}</body></html>`;
    expect(
      cspProblems('a.html', page("script-src 'self'; img-src 'self'", '<img src="https://t.example/p.gif" alt="">')),
    ).toEqual(['a.html: a picture from elsewhere: https://t.example/p.gif']);
    expect(cspProblems('a.html', page("script-src 'self'", ''))).toEqual(["a.html: img-src is not 'self' alone"]);
  });

  it('feeds and JSON carry the same text escaped, never as markup', () => {
    expect(hostile.read('rss.xml')).not.toMatch(/<script|<img|<b /i);
    const json = JSON.parse(hostile.read('claims.json')) as unknown;
    expect(JSON.stringify(json)).toContain('<script>alert(‘claim’)</script>');
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
