import { describe, expect, it } from 'vitest';
import { absoluteUrl, internalHref, resolveSiteUrl, siteLocation, siteUrlProblem } from '../../src/site/location.ts';
import { paths } from '../../src/site/routes.ts';

describe('site location', () => {
  it('splits a URL with a path into origin and base', () => {
    expect(siteLocation('https://example.org/repo')).toEqual({
      origin: 'https://example.org',
      base: '/repo/',
      href: 'https://example.org/repo/',
    });
    expect(siteLocation('https://example.org')).toEqual({
      origin: 'https://example.org',
      base: '/',
      href: 'https://example.org/',
    });
  });

  it('lets SITE_URL override site.yml, and ignores an empty one', () => {
    expect(resolveSiteUrl('https://a.example/', { SITE_URL: 'https://b.example/x/' })).toBe('https://b.example/x/');
    expect(resolveSiteUrl('https://a.example', { SITE_URL: ' ' })).toBe('https://a.example/');
  });

  it('names a malformed SITE_URL instead of throwing, and builds nothing from it', () => {
    for (const bad of ['http://[bad', 'example.org', 'ftp://example.org/', 'javascript:alert(1)']) {
      expect(() => resolveSiteUrl('https://a.example/', { SITE_URL: bad }), bad).not.toThrow();
      expect(resolveSiteUrl('https://a.example/', { SITE_URL: bad }), bad).toBe('https://a.example/');
      expect(siteUrlProblem({ SITE_URL: bad }), bad).toMatch(/^SITE_URL `.*` is not an absolute http\(s\) URL; set it to /);
    }
    expect(siteUrlProblem({ SITE_URL: 'https://b.example/x/' })).toBeUndefined();
    expect(siteUrlProblem({})).toBeUndefined();
  });
});

describe('links', () => {
  it('makes internal links under the base path', () => {
    expect(internalHref('/repo/', paths.claim('x'))).toBe('/repo/claims/x/');
    expect(internalHref('/repo', '/sources/y/')).toBe('/repo/sources/y/');
    expect(internalHref('/', paths.home())).toBe('/');
    expect(internalHref('/repo/', paths.excerpt('s', 'q-a-1'))).toBe('/repo/sources/s/#q-a-1');
  });

  it('makes absolute URLs on the site origin and base', () => {
    expect(absoluteUrl('https://example.org/repo/', paths.claim('x'))).toBe('https://example.org/repo/claims/x/');
    expect(absoluteUrl(siteLocation('https://example.org'), '')).toBe('https://example.org/');
  });
});
