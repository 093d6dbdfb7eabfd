/**
 * A source's metadata as the page itself states it, and where it says so: schema.org
 * JSON-LD first (a `NewsArticle` or one of its kin), then Open Graph and `article:` meta
 * tags, then plain meta tags and `<link rel="canonical">`. Nothing is inferred from the
 * layout or the text: what the page does not state is left out, as the format asks.
 */
import { toIsoDay } from '../../src/core/dates.ts';

export interface PageMetadata {
  title?: string;
  outlet?: string;
  author?: string[];
  /** `YYYY-MM-DD`: the day as the page writes it, in the publisher's own time zone. */
  published?: string;
  url?: string;
  language?: string;
}

export type Field = keyof PageMetadata;
export const FIELDS: readonly Field[] = ['title', 'outlet', 'author', 'published', 'url', 'language'];

export interface MetadataFound {
  data: PageMetadata;
  /** Where each field was read, in words (`JSON-LD NewsArticle headline`, `meta og:site_name`). */
  from: Partial<Record<Field, string>>;
  /** Values the page states that could not be used, and why. */
  ignored: string[];
}

/** schema.org types whose object describes the article itself. */
const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'AnalysisNewsArticle',
  'AskPublicNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReportageNewsArticle',
  'ReviewNewsArticle',
  'BlogPosting',
  'LiveBlogPosting',
  'SocialMediaPosting',
  'DiscussionForumPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
  'SatiricalArticle',
  'AdvertiserContentArticle',
  'Legislation',
  'SpeechObject',
]);

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const types = (o: Record<string, Json>): string[] =>
  (Array.isArray(o['@type']) ? o['@type'] : [o['@type']])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));

/** Every object of the page's JSON-LD blocks that describes an article, `@graph`s included. */
function jsonLdArticles(document: Document, ignored: string[]): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObj(v)) {
      if (types(v).some((t) => ARTICLE_TYPES.has(t))) out.push(v);
      if (v['@graph']) visit(v['@graph'], depth + 1);
    }
  };
  for (const script of [...document.querySelectorAll('script[type="application/ld+json" i]')]) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      ignored.push('a JSON-LD block that is not valid JSON');
    }
  }
  return out;
}

/** The plain text of a JSON-LD value: a string, or the `name` of an object (a Person, an Organization). */
function names(v: Json): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (isObj(v) && typeof v.name === 'string' && v.name.trim()) return [v.name.trim()];
  return [];
}

function urlOf(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v['@id'] === 'string') return v['@id'];
  if (isObj(v) && typeof v.url === 'string') return v.url;
  return undefined;
}

/** The content of the first `<meta>` whose property or name is one of `keys`, in that order of preference. */
function meta(document: Document, ...keys: string[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    for (const el of [...document.querySelectorAll('meta')]) {
      const k = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').trim().toLowerCase();
      const value = el.getAttribute('content')?.trim();
      if (k === key.toLowerCase() && value) return { key, value };
    }
  }
  return undefined;
}

function metas(document: Document, key: string): string[] {
  return [...document.querySelectorAll('meta')]
    .filter((el) => (el.getAttribute('property') ?? el.getAttribute('name') ?? '').trim().toLowerCase() === key)
    .map((el) => el.getAttribute('content')?.trim() ?? '')
    .filter(Boolean);
}

/** `2019-07-10T18:04:00-05:00` → `2019-07-10`: the calendar day written, never shifted to another zone. */
function dayOf(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (!m) return undefined;
  return toIsoDay(`${m[1]}-${m[2]}-${m[3]}`) ?? undefined;
}

/** An absolute http(s) URL, a relative one resolved against the address the page was fetched from, or nothing. */
function absolute(value: string, base: string | undefined): string | undefined {
  const v = value.trim();
  if (URL.canParse(v)) {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  }
  if (base && URL.canParse(v, base)) return new URL(v, base).href;
  return undefined;
}

/** `en_US` (Open Graph) → `en-US`; a tag the platform refuses is not a language. */
function languageOf(value: string): string | undefined {
  const tag = value.trim().replace(/_/g, '-');
  try {
    const [canon] = Intl.getCanonicalLocales(tag);
    return canon;
  } catch {
    return undefined;
  }
}

export function pageMetadata(document: Document, pageUrl?: string): MetadataFound {
  const data: PageMetadata = {};
  const from: MetadataFound['from'] = {};
  const ignored: string[] = [];
  const articles = jsonLdArticles(document, ignored);
  const set = <F extends Field>(field: F, value: PageMetadata[F] | undefined, where: string): boolean => {
    if (value === undefined || data[field] !== undefined) return false;
    if (Array.isArray(value) && value.length === 0) return false;
    data[field] = value;
    from[field] = where;
    return true;
  };
  const ld = (key: string, read: (v: Json) => PageMetadata[Field] | undefined, field: Field, label = key) => {
    for (const a of articles) {
      if (a[key] === undefined) continue;
      const value = read(a[key]);
      if (set(field, value as never, `JSON-LD ${types(a).find((t) => ARTICLE_TYPES.has(t))} ${label}`)) return;
      if (value === undefined)
        ignored.push(`JSON-LD ${label} ${JSON.stringify(a[key]).slice(0, 60)} (not usable as \`${field}\`)`);
    }
  };
  const fromMeta = (field: Field, read: (v: string) => PageMetadata[Field] | undefined, ...keys: string[]) => {
    for (const key of keys) {
      const m = meta(document, key);
      if (!m) continue;
      const value = read(m.value);
      if (set(field, value as never, `meta ${key}`)) return;
      if (value === undefined) ignored.push(`meta ${key} “${m.value.slice(0, 60)}” (not usable as \`${field}\`)`);
    }
  };
  const text = (v: Json) => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined);

  ld('headline', text, 'title');
  ld('name', text, 'title');
  fromMeta('title', (v) => v.replace(/\s+/g, ' '), 'og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'title');

  ld('publisher', (v) => names(v)[0], 'outlet', 'publisher');
  fromMeta('outlet', (v) => v, 'og:site_name', 'publisher', 'dc.publisher', 'dcterms.publisher', 'application-name');

  ld('author', (v) => names(v), 'author');
  // article:author is often a profile URL: only a name is an author.
  const ogAuthors = metas(document, 'article:author');
  const named = ogAuthors.filter((a) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  set('author', named, 'meta article:author');
  if (named.length < ogAuthors.length && !from.author?.startsWith('meta article:author'))
    ignored.push('meta article:author holding a URL rather than a name');
  set('author', metas(document, 'author'), 'meta author');
  set('author', metas(document, 'dc.creator'), 'meta dc.creator');

  ld('datePublished', (v) => (typeof v === 'string' ? dayOf(v) : undefined), 'published', 'datePublished');
  fromMeta(
    'published',
    dayOf,
    'article:published_time',
    'og:published_time',
    'date',
    'pubdate',
    'publishdate',
    'dc.date.issued',
    'dcterms.issued',
    'dc.date',
    'dcterms.date',
  );

  ld('url', (v) => absolute(urlOf(v) ?? '', pageUrl), 'url');
  ld('mainEntityOfPage', (v) => absolute(urlOf(v) ?? '', pageUrl), 'url', 'mainEntityOfPage');
  fromMeta('url', (v) => absolute(v, pageUrl), 'og:url');
  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  if (canonical !== undefined && canonical !== null) {
    if (!set('url', absolute(canonical, pageUrl), 'link rel=canonical') && data.url === undefined)
      ignored.push(`link rel=canonical “${canonical.slice(0, 60)}” (not an absolute http(s) address)`);
  }
  if (pageUrl) set('url', pageUrl, 'the address it was fetched from');

  ld('inLanguage', (v) => (typeof v === 'string' ? languageOf(v) : undefined), 'language', 'inLanguage');
  fromMeta('language', languageOf, 'og:locale', 'dc.language', 'content-language', 'language');
  const lang = document.documentElement?.getAttribute('lang');
  if (lang) set('language', languageOf(lang), '<html lang>');

  if (data.title === undefined) {
    const title = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
    if (title) set('title', title, '<title>');
  }
  // A <title> or og:title that ends with the outlet's name (`Headline | Outlet`) has it only as a suffix.
  if (data.title && data.outlet && !from.title?.startsWith('JSON-LD')) {
    const suffix = new RegExp(`\\s+[|–—:·-]\\s+${data.outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
    const cut = data.title.replace(suffix, '');
    if (cut !== data.title && cut.trim()) {
      data.title = cut.trim();
      from.title = `${from.title}, less “${data.outlet}” at its end`;
    }
  }
  return { data, from, ignored };
}
