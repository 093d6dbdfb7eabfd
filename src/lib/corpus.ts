/**
 * Reads a content folder once and checks everything the format promises:
 * front matter, slugs and aliases, verdicts, links, raw HTML, and that every
 * excerpt occurs in its source. The checker prints the problems; the build
 * refuses to start with any; the pages read the resolved citations from here.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import type { z } from 'astro/zod';
import { parseFile, type ParsedFile } from './frontmatter.ts';
import { deepestNode, MAX_NESTING, parseMarkdown, rawHtml, sourceBlocks, walk } from './markdown.ts';
import { collectCitations, resolveContentLink, type Citation } from './citations.ts';
import { indexSource, matchExcerpt, parseExcerpt, textOf, type BlockRange, type ExcerptPattern, type MatchResult, type SourceIndex, type SourceText } from './matcher.ts';
import { excerptId } from './excerpt-id.ts';
import { readContentFiles, type FileJob } from './corpus-workers.ts';
import { makeScale, findVerdict, type Scale } from './verdicts.ts';
import {
  SLUG,
  schemas,
  siteSchema,
  type ClaimData,
  type Collection,
  type PageData,
  type SiteConfig,
  type SourceData,
} from './schema.ts';
import type { Problem } from './problems.ts';
import { sortProblems } from './problems.ts';

export interface Entry<D> {
  collection: Collection;
  slug: string;
  /** Path relative to the content folder, e.g. `claims/x.md`. */
  path: string;
  data: D;
  /** Lines before the body: add to a body line to get a file line. (The body itself is not kept: pages render from Astro's collections and `texts`.) */
  bodyLineOffset: number;
}

/** A citation without its tree nodes: what the checks keep once a body's tree is dropped. */
export type CitationFound = Omit<Citation, 'link' | 'blockquote' | 'quote'>;

export interface ResolvedCitation extends CitationFound {
  /** Id of the excerpt on the source page, for block and inline excerpts that matched. */
  id?: string;
  ranges?: BlockRange[];
}

/** One excerpt as it appears on its source page, with every claim that quotes it. */
export interface SourceExcerpt {
  id: string;
  ranges: BlockRange[];
  text: string;
  citedBy: { claim: string; stance: Citation['stance']; draft: boolean }[];
}

export interface Corpus {
  dir: string;
  site: SiteConfig | null;
  scale: Scale;
  sources: Map<string, Entry<SourceData>>;
  claims: Map<string, Entry<ClaimData>>;
  pages: Map<string, Entry<PageData>>;
  /** Citations per claim slug, in reading order. */
  citations: Map<string, ResolvedCitation[]>;
  /** Excerpts per source slug, in source order. */
  excerpts: Map<string, SourceExcerpt[]>;
  /** Each source's text, as its page shows it and match offsets refer to. */
  texts: Map<string, SourceText>;
  problems: Problem[];
  stats: { claims: number; sources: number; pages: number; drafts: number; excerpts: number };
}

/** URL schemes a link in content may use; anything else (javascript:, data:, ...) is code or a trap. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** Top-level routes that a page slug or alias must not take. */
export const RESERVED_PAGE_SLUGS = new Set([
  'claims', 'sources', 'verdicts', 'tags', 'search', 'matrix', 'coverage', 'corrections', 'outlets',
  'pagefind', '404', 'rss.xml', 'claims.json', 'robots.txt', 'sitemap-index.xml', 'og', '_astro', 'schemas',
]);

export interface LoadOptions {
  /** Problems name files relative to this folder (default: the current folder). */
  displayBase?: string;
  /** Skip matching excerpts (for callers that only need the entries). */
  skipExcerpts?: boolean;
}

/** One decoder for every file: making one per file cost more than decoding. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.name.endsWith('.md') && !d.isDirectory() && (!d.isSymbolicLink() || !statSync(join(dir, d.name)).isDirectory()))
    .map((d) => d.name)
    .sort();
}

/** Looks like content but would be skipped: a folder, or Markdown under another extension. */
const MARKDOWN_LIKE = /\.(?:markdown|mdown|mkd|mdx|txt)$|\.md$/i;
function strayEntries(dir: string): { name: string; folder: boolean }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .filter((d) => d.isDirectory() || (MARKDOWN_LIKE.test(d.name) && !d.name.endsWith('.md')))
    .map((d) => ({ name: d.name, folder: d.isDirectory() }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function zodProblems(error: z.core.$ZodError, parsed: ParsedFile, file: string, data: Record<string, unknown>): Problem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    let message = issue.message;
    // Dates and verdicts are unions: a missing one fails as invalid_union, not invalid_type.
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && getIn(data, issue.path) === undefined;
    if (missing) message = `required field \`${field}\` is missing`;
    else if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    } else if (issue.code === 'invalid_type') message = `\`${field}\` must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    else if (issue.code === 'invalid_value') message = `\`${field}\` must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    else if (issue.code === 'invalid_union') message = `\`${field}\` ${issue.message === 'Invalid input' ? 'has the wrong type' : issue.message}`;
    else message = field ? `\`${field}\` ${issue.message}` : issue.message;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : missing ? issue.path.slice(0, -1) : issue.path;
    const at = missing && issue.path.length <= 1 ? { line: 1, column: 1 } : parsed.locate(path);
    return { file, ...at, message };
  });
}

/**
 * The fields of a file that are valid on their own, marked `invalid`: one bad
 * field must not hide the problems of the others (an unknown verdict beside a
 * misspelt field name, an alias collision beside a bad date).
 */
function validFields(schema: z.ZodObject, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { invalid: true };
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in data)) continue;
    const r = (field as z.ZodType).safeParse(data[key]);
    if (r.success) out[key] = r.data;
  }
  return out;
}

function getIn(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export function loadSite(dir: string, display: (abs: string) => string, problems: Problem[]): SiteConfig | null {
  const abs = join(dir, 'site.yml');
  const file = display(abs);
  if (!existsSync(abs)) {
    problems.push({ file, line: 1, column: 1, message: 'site.yml is missing: every site needs a title, description, url and publisher' });
    return null;
  }
  const parsed = parseFile(readFileSync(abs, 'utf8'), { wholeYaml: true });
  for (const e of parsed.errors) problems.push({ file, ...e, message: e.message.replace(/^front matter: /, '').replace(/^front matter /, 'site.yml ') });
  if (parsed.errors.length) return null;
  const result = siteSchema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...zodProblems(result.error, parsed, file, parsed.data));
    return null;
  }
  const seen = new Set<string>();
  result.data.verdicts?.forEach((v, i) => {
    if (seen.has(v.id)) problems.push({ file, ...parsed.locate(['verdicts', i, 'id']), message: `verdict id \`${v.id}\` is defined twice` });
    seen.add(v.id);
  });
  return result.data;
}

/** A link, definition or image of a body, for the link checks over the whole folder. */
export interface Anchor {
  type: 'link' | 'definition' | 'image';
  url: string;
  line: number;
  column: number;
}

/** What one content file gives the checks over the whole folder; `entry` is absent when the file cannot be an entry. */
export interface FileReading {
  problems: Problem[];
  entry?: { slug: string; data: unknown; bodyLineOffset: number; anchors: Anchor[]; citations: CitationFound[]; index?: SourceIndex };
}

/**
 * Reads and checks one file on its own (name, encoding, front matter, schema,
 * Markdown), and keeps of its tree only what the checks over the whole folder
 * need. Files are independent here, so worker threads can read them side by side.
 */
export function readContentFile(dir: string, collection: Collection, name: string, displayBase: string): FileReading {
  const problems: Problem[] = [];
  const rel = `${collection}/${name}`;
  const abs = join(dir, rel);
  const file = displayPath(displayBase, abs);
  const slug = name.slice(0, -3);
  if (!SLUG.test(slug)) {
    problems.push({ file, line: 1, column: 1, message: `file name \`${name}\` is not a valid slug: use lowercase letters, digits and - (e.g. ${slugHint(slug)}.md)` });
    return { problems };
  }
  if (collection === 'pages' && RESERVED_PAGE_SLUGS.has(slug)) {
    problems.push({ file, line: 1, column: 1, message: `the page slug \`${slug}\` is reserved for a page the site generates; rename the file` });
    return { problems };
  }
  let raw: string;
  try {
    const buf = readFileSync(abs);
    raw = UTF8.decode(buf);
  } catch {
    problems.push({ file, line: 1, column: 1, message: 'the file is not valid UTF-8 text' });
    return { problems };
  }
  // The fast reading is kept only when the schema accepts its data; otherwise the file is read
  // again by the parser that knows where each field is, and the problems come from that reading.
  let parsed = parseFile(raw, { fast: true });
  let result = parsed.fast ? schemas[collection].safeParse(parsed.data) : undefined;
  if (parsed.fast && !result!.success) {
    parsed = parseFile(raw);
    result = undefined;
  }
  for (const e of parsed.errors) problems.push({ file, ...e });
  if (parsed.errors.length) return { problems };
  if (!/^---/.test(raw.replace(/^\uFEFF/, ''))) {
    problems.push({ file, line: 1, column: 1, message: 'the file has no front matter: it must start with a line of --- ' });
    return { problems };
  }
  result ??= schemas[collection].safeParse(parsed.data);
  // A file with bad front matter is still read to the end, so one run lists all its problems.
  if (!result.success) problems.push(...zodProblems(result.error, parsed, file, parsed.data));
  const data = (result.success ? result.data : validFields(schemas[collection], parsed.data)) as { draft?: boolean; aliases?: unknown };
  let tree: Root;
  try {
    tree = parseMarkdown(parsed.body);
  } catch (e) {
    problems.push({ file, line: parsed.bodyLineOffset + 1, column: 1, message: `the Markdown could not be read: ${(e as Error).message}` });
    return { problems };
  }
  const deepest = deepestNode(tree);
  if (deepest.depth > MAX_NESTING) {
    problems.push({
      file,
      line: deepest.line + parsed.bodyLineOffset,
      column: deepest.column,
      message: `the Markdown is nested ${deepest.depth} levels deep (lists or quotes inside each other); at most ${MAX_NESTING} can be read`,
    });
    return { problems };
  }
  for (const h of rawHtml(tree)) {
    problems.push({
      file,
      line: h.line + parsed.bodyLineOffset,
      column: h.column,
      message: `raw HTML is not allowed in content (found \`${h.value.trim().slice(0, 40)}\`); write plain Markdown`,
    });
  }
  // Links first: collectCitations turns reference-style citations into links.
  const anchors: Anchor[] = [];
  walk(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition' && node.type !== 'image') return;
    anchors.push({ type: node.type, url: node.url, line: (node.position?.start.line ?? 1) + parsed.bodyLineOffset, column: node.position?.start.column ?? 1 });
  });
  const citations: CitationFound[] = collectCitations(tree, rel, parsed.bodyLineOffset).map(({ link: _l, blockquote: _b, quote: _q, ...rest }) => rest);
  return {
    problems,
    entry: {
      slug,
      data,
      bodyLineOffset: parsed.bodyLineOffset,
      anchors,
      citations,
      // A source is indexed for matching here, on whichever thread reads it.
      ...(collection === 'sources' ? { index: indexSource(sourceBlocks(tree)) } : {}),
    },
  };
}

/** How problems name a file: relative to where the editor is, or absolute when it is that folder itself. */
function displayPath(base: string, abs: string): string {
  return relative(base, abs) || abs;
}

export function loadCorpus(dir: string, options: LoadOptions = {}): Corpus {
  const base = options.displayBase ?? process.cwd();
  const display = (abs: string) => displayPath(base, abs);
  const problems: Problem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push({ file: display(dir), line: 1, column: 1, message: 'the content folder does not exist (set CONTENT_DIR or create content/)' });
  }
  const site = existsSync(dir) ? loadSite(dir, display, problems) : null;
  const scale = makeScale(site?.verdicts);
  const corpus: Corpus = {
    dir,
    site,
    scale,
    sources: new Map(),
    claims: new Map(),
    pages: new Map(),
    citations: new Map(),
    excerpts: new Map(),
    texts: new Map(),
    problems,
    stats: { claims: 0, sources: 0, pages: 0, drafts: 0, excerpts: 0 },
  };

  // Every entry in the same URL space must have its own slug: file names and aliases alike.
  const claimed = { sources: new Map<string, string>(), claims: new Map<string, string>(), pages: new Map<string, string>() };
  type At = { line: number; column: number };
  const takeSlug = (collection: Collection, slug: string, owner: string, at: At | (() => At), what: string) => {
    const other = claimed[collection].get(slug);
    if (other !== undefined && other !== owner) {
      problems.push({ file: display(join(dir, owner)), ...(typeof at === 'function' ? at() : at), message: `${what} \`${slug}\` is already used by ${other}` });
      return;
    }
    claimed[collection].set(slug, owner);
  };

  // Where a front-matter field is, for the problems found below: the file's front matter is parsed
  // again for it (files are read in worker threads, and a parsed document does not travel).
  const frontMatter = new Map<string, ParsedFile>();
  const locate = (rel: string, path: readonly PropertyKey[]) => {
    let parsed = frontMatter.get(rel);
    if (!parsed) frontMatter.set(rel, (parsed = parseFile(readFileSync(join(dir, rel), 'utf8'))));
    return parsed.locate(path);
  };
  const readings: FileJob[] = [];
  // What the checks below need of each body: its tree is dropped as soon as it is read.
  const anchors = new Map<string, Anchor[]>();
  const citations = new Map<string, CitationFound[]>();
  // Normalised texts are kept only while matching: the corpus outlives the check (snapshot, build).
  const indexes = new Map<string, SourceIndex>();
  for (const collection of ['sources', 'claims', 'pages'] as const) {
    // Nothing in a content folder may be skipped without a word: the site would silently lack it.
    for (const stray of strayEntries(join(dir, collection))) {
      problems.push({
        file: display(join(dir, collection, stray.name)),
        line: 1,
        column: 1,
        message: stray.folder
          ? `${collection}/${stray.name} is a folder; files in ${collection}/ must sit directly in it, not in subfolders`
          : `${collection}/${stray.name} is not read: content files end in .md (rename it to ${stray.name.replace(/\.[^.]+$/, '')}.md)`,
      });
    }
    const names = listMarkdown(join(dir, collection));
    readings.push(...names.map((name) => ({ collection, name })));
  }
  const read = readContentFiles(dir, readings, base);
  readings.forEach(({ collection, name }, i) => {
    const { problems: own, entry: found } = read[i]!;
    problems.push(...own);
    if (!found) return;
    const rel = `${collection}/${name}`;
    const entry = { collection, slug: found.slug, path: rel, data: found.data, bodyLineOffset: found.bodyLineOffset };
    (corpus[collection] as Map<string, Entry<unknown>>).set(found.slug, entry);
    anchors.set(rel, found.anchors);
    citations.set(rel, found.citations);
    if (found.index) {
      corpus.texts.set(found.slug, textOf(found.index));
      indexes.set(found.slug, found.index);
    }
    takeSlug(collection, found.slug, rel, { line: 1, column: 1 }, 'the slug');
    if ((found.data as { draft?: boolean }).draft === true) corpus.stats.drafts++;
  });
  // Aliases after all slugs, so the message names the file that holds the slug.
  for (const collection of ['sources', 'claims', 'pages'] as const) {
    for (const entry of (corpus[collection] as Map<string, Entry<{ aliases?: string[] }>>).values()) {
      const listed = new Set<string>();
      entry.data.aliases?.forEach((alias, i) => {
        const at = () => locate(entry.path, ['aliases', i]);
        const file = display(join(dir, entry.path));
        // An alias that repeats the slug would put a redirect to itself at the page's own URL.
        if (alias === entry.slug) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is this file's own slug; list only old slugs` });
          return;
        }
        if (listed.has(alias)) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is listed twice` });
          return;
        }
        listed.add(alias);
        if (collection === 'pages' && RESERVED_PAGE_SLUGS.has(alias)) {
          problems.push({ file, ...at(), message: `the alias \`${alias}\` is reserved for a page the site generates` });
        } else takeSlug(collection, alias, entry.path, at, 'the alias');
      });
    }
  }
  corpus.stats.claims = corpus.claims.size;
  corpus.stats.sources = corpus.sources.size;
  corpus.stats.pages = corpus.pages.size;

  const sourceIndex = (slug: string): SourceIndex => indexes.get(slug)!;

  // Links between content files (any collection) must land on a file that exists.
  for (const collection of ['sources', 'claims', 'pages'] as const) {
    for (const entry of (corpus[collection] as Map<string, Entry<{ draft: boolean }>>).values()) {
      const file = display(join(dir, entry.path));
      for (const node of anchors.get(entry.path)!) {
        const { line, column } = node;
        // A javascript: (or data:, vbscript:) link is code, like a <script>; browsers ignore
        // tabs, line breaks and leading spaces in a URL, so those do not hide the scheme.
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(node.url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !SAFE_SCHEMES.has(scheme)) {
          problems.push({ file, line, column, message: `the link \`${node.url.slice(0, 40).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\` uses the ${scheme}: scheme; links must be http(s), mailto or relative` });
          continue;
        }
        if (node.type === 'image') continue;
        const target = resolveContentLink(entry.path, node.url);
        if (!target) continue;
        if (target.collection === 'other') {
          problems.push({ file, line, column, message: `the link \`${node.url}\` does not point to a file in sources/, claims/ or pages/` });
          continue;
        }
        const found = (corpus[target.collection] as Map<string, Entry<{ draft: boolean }>>).get(target.slug);
        if (!found) {
          problems.push({ file, line, column, message: `the link \`${node.url}\` points to ${target.path}, which does not exist` });
        } else if (found.data.draft && !entry.data.draft) {
          problems.push({ file, line, column, message: `the link \`${node.url}\` points to a draft (${target.path}), which is never published` });
        }
      }
    }
  }

  /** Reports a citation's own problems and matches its excerpt; the match and the parsed excerpt, when there is one. */
  const verify = (c: CitationFound, file: string): { result: MatchResult; pattern: ExcerptPattern } | undefined => {
    if (c.problem) problems.push({ file, line: c.linkLine, column: c.linkColumn, message: c.problem });
    if (c.badStance !== undefined) {
      problems.push({
        file,
        line: c.linkLine,
        column: c.linkColumn,
        message: `unknown stance "${c.badStance}": the link title must be supports, disputes or context`,
      });
    }
    const source = corpus.sources.get(c.source);
    if (!source || c.excerpt === undefined || options.skipExcerpts) return undefined;
    const pattern = parseExcerpt(c.excerpt);
    const result = matchExcerpt(sourceIndex(c.source), pattern);
    if (result.ok) {
      corpus.stats.excerpts++;
      return { result, pattern };
    }
    const short = c.excerpt.replace(/\s+/g, ' ').trim();
    problems.push({
      file,
      line: c.line,
      column: c.column,
      message:
        `excerpt not found in source ${c.source} (${source.path}): ${result.reason}. ` +
        `Excerpt: “${short.length > 120 ? short.slice(0, 117) + '…' : short}”. ` +
        (result.closest
          ? `Closest passage: “${result.closest}”`
          : sourceIndex(c.source).blocks.length > 0
            ? 'No passage of the source shares a word with it.'
            : 'The source has no text.'),
    });
    return { result, pattern };
  };

  // Quotations in content pages and sources are verified too, though only claims feed the matrix.
  for (const collection of ['pages', 'sources'] as const) {
    for (const entry of (corpus[collection] as Map<string, Entry<unknown>>).values()) {
      const file = display(join(dir, entry.path));
      for (const c of citations.get(entry.path)!) verify(c, file);
    }
  }

  for (const claim of corpus.claims.values()) {
    const file = display(join(dir, claim.path));
    if (claim.data.verdict !== undefined && !findVerdict(scale, claim.data.verdict)) {
      problems.push({
        file,
        ...locate(claim.path, ['verdict']),
        message: `unknown verdict \`${claim.data.verdict}\`; the scale has ${scale.verdicts.map((v) => v.id).join(', ')}`,
      });
    }
    claim.data.appearance?.forEach((slug, i) => {
      const appeared = corpus.sources.get(slug);
      if (!appeared) {
        problems.push({ file, ...locate(claim.path, ['appearance', i]), message: `appearance \`${slug}\` is not a source (no sources/${slug}.md)` });
      } else if (appeared.data.draft && !claim.data.draft) {
        problems.push({ file, ...locate(claim.path, ['appearance', i]), message: `appearance \`${slug}\` is a draft, which is never published` });
      }
    });
    const resolved: ResolvedCitation[] = [];
    for (const c of citations.get(claim.path)!) {
      const r: ResolvedCitation = { ...c };
      resolved.push(r);
      const verified = verify(c, file);
      if (verified?.result.ok) {
        const { result, pattern } = verified;
        r.id = excerptId(pattern);
        r.ranges = result.ranges;
        const list = corpus.excerpts.get(c.source) ?? [];
        let ex = list.find((e) => e.id === r.id);
        if (!ex) {
          ex = { id: r.id, ranges: result.ranges, text: result.text, citedBy: [] };
          list.push(ex);
          corpus.excerpts.set(c.source, list);
        }
        ex.citedBy.push({ claim: claim.slug, stance: c.stance, draft: claim.data.draft === true });
      }
    }
    corpus.citations.set(claim.slug, resolved);
  }
  for (const list of corpus.excerpts.values()) {
    list.sort((a, b) => a.ranges[0]!.block - b.ranges[0]!.block || a.ranges[0]!.start - b.ranges[0]!.start);
  }
  corpus.problems = sortProblems(problems);
  return corpus;
}

function slugHint(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-file'
  );
}
