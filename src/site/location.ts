/**
 * Where the site lives: `SITE_URL` (environment) or site.yml's `url`. The URL
 * may carry a path (a project site served under `/repo/`), so every internal
 * link is made from the base path and never from `/`. The config, the pages and
 * the feeds all take the location of a corpus from `locationOf`, computed once.
 */
import type { Corpus } from '../check/corpus.ts';

export interface SiteLocation {
  /** `https://example.org` — no trailing slash, no path. */
  origin: string;
  /** `/` or `/repo/` — always starts and ends with a slash. */
  base: string;
  /** origin + base: `https://example.org/repo/`. */
  href: string;
}

/** Parses a site URL; the path becomes the base. Query strings and fragments are dropped. */
export function siteLocation(url: string): SiteLocation {
  const u = new URL(url);
  let base = u.pathname.replace(/\/+/g, '/');
  if (!base.endsWith('/')) base += '/';
  return { origin: u.origin, base, href: u.origin + base };
}

const isHttpUrl = (url: string) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);

/**
 * What is wrong with `SITE_URL`, if anything: it must be an absolute http(s) URL. The build
 * refuses a bad one with this message (content-check.ts); until then it is ignored, so that
 * loading the config never throws a TypeError from deep inside `new URL`.
 */
export function siteUrlProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  const fromEnv = env.SITE_URL?.trim();
  if (!fromEnv || isHttpUrl(fromEnv)) return undefined;
  return `SITE_URL \`${fromEnv.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200)}\` is not an absolute http(s) URL; set it to the address the site is served at, such as https://example.org/ or https://owner.github.io/repository/`;
}

/** The site URL a build uses: `SITE_URL` wins over site.yml's `url` (a malformed one is ignored: see siteUrlProblem). */
export function resolveSiteUrl(siteYmlUrl: string | undefined, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.SITE_URL?.trim();
  const url = [fromEnv, siteYmlUrl].find((u): u is string => !!u && isHttpUrl(u));
  if (!url) return 'http://localhost:4321/';
  return siteLocation(url).href;
}

/** A link inside the site: `internalHref('/repo/', 'claims/x/')` is `/repo/claims/x/`. */
export function internalHref(base: string, path = ''): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

/** The absolute URL of a path inside the site: `https://example.org/repo/claims/x/`. */
export function absoluteUrl(location: SiteLocation | string, path = ''): string {
  const loc = typeof location === 'string' ? siteLocation(location) : location;
  return loc.origin + internalHref(loc.base, path);
}

// Asked for by every page, feed and card: computed once per corpus and SITE_URL.
const locations = new WeakMap<Corpus, Map<string, SiteLocation>>();

/**
 * The location a build of this corpus uses: `SITE_URL` over site.yml's `url`, read
 * from the environment and never from `import.meta.env` (a BASE_URL left in the
 * environment, as Vitest sets one, must not move the links).
 */
export function locationOf(corpus: Corpus, env: Record<string, string | undefined> = process.env): SiteLocation {
  const url = resolveSiteUrl(corpus.site?.url, env);
  let byUrl = locations.get(corpus);
  if (!byUrl) locations.set(corpus, (byUrl = new Map()));
  let location = byUrl.get(url);
  if (!location) byUrl.set(url, (location = siteLocation(url)));
  return location;
}
