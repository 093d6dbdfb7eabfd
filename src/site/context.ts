/**
 * What every page needs to know about the build it is part of: the corpus (loaded
 * once), the base path and the canonical location.
 */
import { getCorpus } from '../check/cache.ts';
import { absoluteUrl, internalHref, locationOf, type SiteLocation } from './location.ts';
import type { Corpus } from '../check/corpus.ts';
import { ContentError } from '../core/problems.ts';
import type { SiteConfig } from '../core/schema.ts';
import { uiOf, type Ui } from '../i18n/ui.ts';

export interface SiteContext {
  corpus: Corpus;
  config: SiteConfig;
  location: SiteLocation;
  lang: string;
  /** The site's words, numbers, dates and direction, in its language. */
  ui: Ui;
  /** Base-aware link to a site path: `href('claims/x/')`. */
  href: (path?: string) => string;
  /** Absolute URL of a site path. */
  abs: (path?: string) => string;
}

// Every page asks for it, twice a claim on a large desk; it changes only with the corpus.
const contexts = new WeakMap<Corpus, SiteContext>();

/** True on the dev server, where content with problems is served (the build refuses it first). */
const DEV = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true;

export function siteContext(): SiteContext {
  const corpus = getCorpus();
  // The dev server stays up on content with problems, but no page of it is shown as if it had
  // been checked: each one is Astro's error overlay, listing every problem at its path:line:col.
  if (DEV && corpus.problems.length > 0) throw new ContentError(corpus.problems);
  let context = contexts.get(corpus);
  if (!context) contexts.set(corpus, (context = buildContext(corpus)));
  return context;
}

function buildContext(corpus: Corpus): SiteContext {
  if (!corpus.site) throw new Error('site.yml could not be read; run npm run check');
  const location = locationOf(corpus);
  return {
    corpus,
    config: corpus.site,
    location,
    lang: corpus.site.language,
    ui: uiOf(corpus.site),
    href: (path = '') => internalHref(location.base, path),
    abs: (path = '') => absoluteUrl(location, path),
  };
}
