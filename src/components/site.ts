/**
 * What every page needs to know about the build it is part of: the corpus (loaded
 * once), the base path and the canonical location. The one place pages read
 * `import.meta.env`.
 */
import { getCorpus } from '../lib/corpus-cache.ts';
import { absoluteUrl, internalHref, siteLocation, type SiteLocation } from '../lib/site-url.ts';
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

export function siteContext(): SiteContext {
  const corpus = getCorpus();
  if (!corpus.site) throw new Error('site.yml could not be read; run npm run check');
  const location = siteLocation(new URL(import.meta.env.BASE_URL, import.meta.env.SITE).href);
  return {
    corpus,
    config: corpus.site,
    location,
    lang: corpus.site.language,
    href: (path = '') => internalHref(location.base, path),
    abs: (path = '') => absoluteUrl(location, path),
  };
}
