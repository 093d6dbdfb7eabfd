/**
 * What every page needs to know about the build it is part of: the corpus (loaded
 * once), the base path and the canonical location.
 */
import { getCorpus } from '../lib/corpus-cache.ts';
import { absoluteUrl, internalHref, resolveSiteUrl, siteLocation, type SiteLocation } from '../lib/site-url.ts';
import type { Corpus } from '../lib/corpus.ts';
import type { SiteConfig } from '../lib/schema.ts';

export interface SiteContext {
  corpus: Corpus;
  config: SiteConfig;
  location: SiteLocation;
  lang: string;
  /** Base-aware link to a site path: `href('claims/x/')`. */
  href: (path?: string) => string;
  /** Absolute URL of a site path. */
  abs: (path?: string) => string;
}

// Every page asks for it (11,000 times at 5,000 claims); it changes only with the corpus.
const contexts = new WeakMap<Corpus, SiteContext>();

export function siteContext(): SiteContext {
  const corpus = getCorpus();
  let context = contexts.get(corpus);
  if (!context) contexts.set(corpus, (context = buildContext(corpus)));
  return context;
}

function buildContext(corpus: Corpus): SiteContext {
  if (!corpus.site) throw new Error('site.yml could not be read; run npm run check');
  // Computed exactly as astro.config.mjs does (SITE_URL or site.yml), not from import.meta.env:
  // a BASE_URL left in the environment (Vitest sets one) must not move the links.
  const location = siteLocation(resolveSiteUrl(corpus.site.url));
  return {
    corpus,
    config: corpus.site,
    location,
    lang: corpus.site.language,
    href: (path = '') => internalHref(location.base, path),
    abs: (path = '') => absoluteUrl(location, path),
  };
}
