/**
 * Links: no link in content may run code (a javascript: or data: URL), every
 * link between content files (any collection) must land on a file that exists
 * and that is published wherever the linking file is, and a link to the site's
 * own pages (`/claims/x/`) on one of them.
 */
import { join, posix } from 'node:path';
import { kindOf, notAFile, readHead } from '../regular-file.ts';
import { lstatSync } from 'node:fs';
import { resolveContentLink } from '../../core/citations.ts';
import { tagSlug } from '../../core/schema.ts';
import { findVerdict } from '../../core/verdicts.ts';
import type { CheckContext, Corpus, Entry } from '../corpus.ts';
import { COLLECTIONS } from './files.ts';
import type { Anchor } from '../read-file.ts';

/** URL schemes a link in content may use; anything else (javascript:, data:, ...) is code or a trap. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** A URL as a message can show it: control characters spelled out, so that none hides in the terminal. */
function printable(url: string): string {
  return url.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page a working link lands on, for checking its `#fragment` once every page's ids are known. */
export type LinkedPage =
  | { entry: Entry<{ draft: boolean }> }
  /** A page of the site's own (home, indexes, search…): none of its ids but `main` is promised to content. */
  | { fixed: true }
  /** An old slug: its page sends the reader on, and a fragment does not travel with it. */
  | { alias: string; to: string };

export interface FragmentLink {
  file: string;
  line: number;
  column: number;
  url: string;
  /** The fragment as written, without `#`. */
  fragment: string;
  /** The linking entry, whose page a bare `#fragment` stays on. */
  from: Entry<{ draft: boolean }>;
  to: LinkedPage;
}

/**
 * `anchors`: the links, definitions and images of each file, by its path (`claims/x.md`).
 * Returns the working links that carry a `#fragment`, for fragments.ts.
 */
export function checkLinks(
  { dir, corpus, problems, display }: CheckContext,
  anchors: ReadonlyMap<string, Anchor[]>,
): FragmentLink[] {
  const fragments: FragmentLink[] = [];
  for (const collection of COLLECTIONS) {
    for (const entry of (corpus[collection] as Map<string, Entry<{ draft: boolean }>>).values()) {
      const file = display(join(dir, entry.path));
      const reported = new Set<string>();
      for (const node of anchors.get(entry.path)!) {
        const { line, column } = node;
        // A javascript: (or data:, vbscript:) link is code, like a <script>; browsers ignore
        // tabs, line breaks and leading spaces in a URL, so those do not hide the scheme.
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(node.url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !SAFE_SCHEMES.has(scheme)) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${printable(node.url.slice(0, 40))}\` uses the ${scheme}: scheme; links must be http(s), mailto or relative`,
          });
          continue;
        }
        if (node.type === 'image') {
          const wrong = imageProblem(dir, entry.path, node.url, node.alt ?? '');
          if (wrong) problems.push({ file, line, column, message: `the image \`${printable(node.url)}\` ${wrong}` });
          continue;
        }
        const hashAt = node.url.indexOf('#');
        const fragment = hashAt >= 0 ? node.url.slice(hashAt + 1) : '';
        const target = resolveContentLink(entry.path, node.url);
        if (!target) {
          const wrong = siteLinkProblem(corpus, dir, entry.path, node.url);
          if (wrong) problems.push({ file, line, column, message: `the link \`${printable(node.url)}\` ${wrong}` });
          else if (fragment) {
            const to = node.url.trim().startsWith('#') ? { entry } : sitePage(corpus, node.url);
            if (to) fragments.push({ file, line, column, url: node.url, fragment, from: entry, to });
          }
          continue;
        }
        if (target.collection === 'other') {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` does not point to a file in sources/, claims/ or pages/`,
          });
          continue;
        }
        const found = (corpus[target.collection] as Map<string, Entry<{ draft: boolean }>>).get(target.slug);
        // One cause, one message: a line that links to the same missing or draft file several times is one problem.
        const cause = `${line}\u0000${target.path}`;
        if ((!found || (found.data.draft && !entry.data.draft)) && reported.has(cause)) continue;
        reported.add(cause);
        if (!found) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` points to ${target.path}, which does not exist`,
          });
        } else if (found.data.draft && !entry.data.draft) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` points to a draft (${target.path}), which is never published`,
          });
        } else if (fragment) {
          fragments.push({ file, line, column, url: node.url, fragment, from: entry, to: { entry: found } });
        }
      }
    }
  }
  return fragments;
}

/** The page of a link to the site's own pages that routeProblem accepted; undefined when it is not ours to check. */
function sitePage(corpus: Corpus, url: string): LinkedPage | undefined {
  const own = ownPath(corpus, url.trim());
  if (!own || 'outside' in own) return undefined;
  const { parts } = own;
  const [first, second] = parts;
  const lookup = (collection: 'sources' | 'claims' | 'pages', slug: string): LinkedPage | undefined => {
    const entries = corpus[collection] as Map<string, Published>;
    const entry = entries.get(slug);
    if (entry) return { entry };
    for (const e of entries.values()) if (e.data.aliases?.includes(slug)) return { alias: slug, to: e.slug };
    return undefined;
  };
  if (parts.length === 1 && first && !FIXED.has(first) && !BUILT.has(first)) return lookup('pages', first);
  if (parts.length === 2 && (first === 'claims' || first === 'sources')) return lookup(first, second!);
  return { fixed: true };
}

type Published = Entry<{ draft: boolean; aliases?: string[] }>;
/** A slug or alias of a published entry of a collection. */
function publishes(corpus: Corpus, collection: 'sources' | 'claims' | 'pages', slug: string): boolean {
  const entry = (corpus[collection] as Map<string, Published>).get(slug);
  if (entry) return !entry.data.draft;
  for (const e of (corpus[collection] as Map<string, Published>).values())
    if (!e.data.draft && e.data.aliases?.includes(slug)) return true;
  return false;
}

/** Top-level pages and files the site always has, and folders of built files the check cannot see into. */
const FIXED = new Set([
  'claims',
  'sources',
  'verdicts',
  'tags',
  'corrections',
  'matrix',
  'search',
  '404',
  'rss.xml',
  'claims.json',
  'sitemap-index.xml',
  'robots.txt',
]);
const BUILT = new Set(['_astro', 'pagefind', 'og']);

/**
 * A link to the site's own pages (absolute on its origin, or from the root) as the parts of its
 * path under the site's base (`index.html` dropped); `outside` when it is not under the base;
 * undefined for any other link.
 */
function ownPath(corpus: Corpus, trimmed: string): { parts: string[] } | { outside: string } | undefined {
  const site = corpus.site?.url && URL.canParse(corpus.site.url) ? new URL(corpus.site.url) : undefined;
  const base = site ? site.pathname.replace(/\/?$/, '/') : '/';
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    if (!site || !URL.canParse(trimmed)) return undefined;
    const u = new URL(trimmed);
    if (u.origin !== site.origin) return undefined;
    path = u.pathname;
  } else if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
    path = trimmed.replace(/[?#].*$/, '');
  } else return undefined;
  try {
    path = decodeURIComponent(path);
  } catch {
    // kept as written
  }
  if (!path.startsWith(base)) return { outside: base };
  const parts = path
    .slice(base.length)
    .replace(/(?:^|\/)index\.html$/, '')
    .split('/')
    .filter(Boolean);
  return { parts };
}

/** Why a site path (its parts under the base) is no page of the site, or undefined when it is one. */
function routeProblem(corpus: Corpus, parts: readonly string[]): string | undefined {
  const [first, second, third] = parts;
  if (first === undefined) return undefined;
  if (BUILT.has(first)) return undefined;
  const none = (file: string) =>
    `points to no page of the site (there is no published ${file}); link to the file instead, relatively`;
  if (parts.length === 1) {
    if (FIXED.has(first) || publishes(corpus, 'pages', first)) return undefined;
    return none(`pages/${first}.md`);
  }
  if (
    (first === 'claims' && (parts.length === 2 || (parts.length === 3 && third === 'embed'))) ||
    (first === 'sources' && parts.length === 2)
  ) {
    return publishes(corpus, first, second!) ? undefined : none(`${first}/${second}.md`);
  }
  if (first === 'tags' && parts.length === 2) {
    for (const c of (corpus.claims as Map<string, Entry<{ draft: boolean; tags?: string[] }>>).values())
      if (!c.data.draft && c.data.tags?.some((t) => tagSlug(t) === second)) return undefined;
    return `points to no page of the site (no published review has a tag whose URL is /tags/${second}/)`;
  }
  if (first === 'verdicts' && parts.length === 2)
    return findVerdict(corpus.scale, second!)
      ? undefined
      : `points to no page of the site (the scale has no verdict \`${second}\`)`;
  return 'points to no page of the site';
}

/**
 * Why a link that is not to a `.md` file is broken, or undefined: a relative link must name a
 * content file (the site turns those into its URLs, and nothing else of the folder is published),
 * and a link to the site's own pages (`/claims/x/`, or on its own origin) must land on one.
 */
function siteLinkProblem(corpus: Corpus, dir: string, fromPath: string, url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('?') || trimmed.startsWith('//')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/')) {
    const own = ownPath(corpus, trimmed);
    if (!own) return undefined;
    if ('outside' in own) return `points outside the site, whose pages are under ${own.outside}`;
    return routeProblem(corpus, own.parts);
  }
  const rel = trimmed.replace(/[?#].*$/, '');
  let decoded = rel;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    // kept as written
  }
  const resolved = posix.normalize(posix.join(posix.dirname(fromPath), decoded));
  if (resolved === '..' || resolved.startsWith('../')) return 'points outside the content folder; link only to files in it';
  // A definition that an image reference (`![alt][id]`) uses names a picture, not a page.
  if (resolved.startsWith('images/')) return imageFileProblem(dir, resolved);
  const asFile = `${resolved.replace(/\/$/, '')}.md`;
  const m = /^(sources|claims|pages)\/([^/]+)\.md$/.exec(asFile);
  const hint = m && (corpus[m[1] as 'sources'] as Map<string, unknown>).has(m[2]!) ? ` (\`${rel.replace(/\/$/, '')}.md\`)` : '';
  return `does not point to a content file: link to the .md file${hint}, which the site turns into its page's URL`;
}

/** The largest picture: a screenshot of a claim is a fraction of it, and the build decodes every one. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** What the build's image pipeline reads. */
const IMAGE_TYPES = /\.(?:png|jpe?g|gif|webp|avif|svg)$/i;

/** Why `images/<name>` cannot be shown, or undefined when it is a picture the build can publish. */
function imageFileProblem(dir: string, resolved: string): string | undefined {
  if (!/^images\/[^/]+$/.test(resolved))
    return 'is not a file directly in images/: pictures live in images/ at the top of the content folder';
  if (!IMAGE_TYPES.test(resolved)) return 'is not a picture the site can show: use a .png, .jpg, .gif, .webp, .avif or .svg file';
  const abs = join(dir, resolved);
  const kind = kindOf(abs);
  if (kind === 'missing') return `points to ${resolved}, which does not exist`;
  if (kind !== 'file') return `is not shown: ${notAFile(resolved, kind)}`;
  const size = lstatSync(abs).size;
  if (size > MAX_IMAGE_BYTES)
    return `is ${(size / 1048576).toFixed(1)} MB; a picture may be at most ${MAX_IMAGE_BYTES / 1048576} MB`;
  // The build decodes every picture and stops with a stack trace on one it cannot: its signature is checked here.
  const type = /\.([a-z]+)$/i.exec(resolved)![1]!.toLowerCase();
  if (!SIGNATURES[type === 'jpeg' ? 'jpg' : type]!(readHead(abs)))
    return `is not a ${type.toUpperCase()} picture (its first bytes say otherwise); export it again from an image editor`;
  return undefined;
}

const ascii = (b: Buffer, at: number, s: string) => b.subarray(at, at + s.length).toString('latin1') === s;
/** How each picture type begins. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  png: (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n'),
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  webp: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  avif: (b) => ascii(b, 4, 'ftyp') && (ascii(b, 8, 'avif') || ascii(b, 8, 'avis')),
  svg: (b) => /<svg[\s>]/.test(b.toString('utf8')),
};

/**
 * Why an image cannot be published, or undefined: pictures are files under `images/`, linked
 * relatively and with alt text. One from another host would be fetched by every reader's browser
 * from there (a tracking pixel), and a path out of the folder would copy any file into the site.
 */
function imageProblem(dir: string, fromPath: string, url: string, alt: string): string | undefined {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//'))
    return "is on another host, which every reader's browser would then contact; save the picture under images/ and link to it relatively (../images/name.png)";
  if (trimmed.startsWith('/'))
    return 'is linked from the root; link to it relatively, as a file of the content folder (../images/name.png)';
  let path = trimmed.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return 'has a malformed %-escape in its path; write the file name as it is';
  }
  const resolved = posix.normalize(posix.join(posix.dirname(fromPath), path));
  if (resolved === '..' || resolved.startsWith('../')) return 'points outside the content folder; pictures live in images/';
  const wrong = imageFileProblem(dir, resolved);
  if (wrong) return wrong;
  if (alt.trim() === '') return 'has no alt text: say what the picture shows between the brackets, ![what it shows](…)';
  return undefined;
}
