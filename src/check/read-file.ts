/**
 * One content file, read and checked on its own: name, encoding, front matter,
 * schema, Markdown, and what of its tree the checks over the whole folder need.
 * Files are independent here, so worker threads (workers.ts) read them side by side.
 */
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import { parseFile } from '../core/frontmatter.ts';
import { deepestNode, lede, MAX_NESTING, parseMarkdown, rawHtml, sourceBlocks, walk } from '../core/markdown.ts';
import { citedNodes, collectCitations } from '../core/citations.ts';
import { bodyQuotations, scanQuotations, UNPAIRED_MARK, visible } from '../core/quotations.ts';
import { indexSource, type SourceIndex } from '../core/matcher.ts';
import { headingIds } from '../core/heading-ids.ts';
import { fileDigest } from '../core/hash.ts';
import { validFields, zodProblems } from '../core/field-problems.ts';
import { placeholderProblems } from './placeholders.ts';
import { guidelineFields } from './passes/guidelines.ts';
import { MAX_SLUG, SLUG, schemas, type Collection } from '../core/schema.ts';
import type { Problem } from '../core/problems.ts';
import { RESERVED_PAGE_SLUGS } from '../site/routes.ts';
import type { CitationFound, QuotationFound } from './corpus.ts';
import { type FileRead, readRegularFile } from './regular-file.ts';

/** One file to read: `<collection>/<name>`. */
export interface FileJob {
  collection: Collection;
  name: string;
}

/** Content files already read, by `<collection>/<name>`: what readRegularFile gave for each. */
export type PreRead = Map<string, FileRead>;

/** One decoder for every file: making one per file cost more than decoding. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A link, definition or image of a body, for the link checks over the whole folder. */
export interface Anchor {
  type: 'link' | 'definition' | 'image';
  url: string;
  line: number;
  column: number;
  /** An image's alt text. */
  alt?: string;
}

/** Where a front-matter field (`['appearance', 0]`) of a file is. */
export interface FieldPosition {
  path: (string | number)[];
  line: number;
  column: number;
}

/** What one content file gives the checks over the whole folder; `entry` is absent when the file cannot be an entry. */
export interface FileReading {
  problems: Problem[];
  entry?: {
    /** A claim's or a page's quotations that are not links. */
    quotations?: QuotationFound[];
    slug: string;
    data: unknown;
    bodyLineOffset: number;
    /** The digest of the file's bytes (fileDigest). */
    digest: string;
    lede?: string;
    anchors: Anchor[];
    citations: CitationFound[];
    index?: SourceIndex;
    /** A claim's or a page's heading ids, as its page has them. */
    headingIds?: string[];
    /** Where the front-matter fields the guidelines may point at are (guidelineFields). */
    positions?: FieldPosition[];
  };
}

/**
 * Reads and checks one file on its own (name, encoding, front matter, schema,
 * Markdown), and keeps of its tree only what the checks over the whole folder
 * need. Files are independent here, so worker threads can read them side by side.
 */
export function readContentFile(
  dir: string,
  collection: Collection,
  name: string,
  displayBase: string,
  /** The file's bytes (or why it is not read) when they were read already. */
  preread?: FileRead,
): FileReading {
  const problems: Problem[] = [];
  const rel = `${collection}/${name}`;
  const abs = join(dir, rel);
  const file = displayPath(displayBase, abs);
  const slug = name.slice(0, -3);
  if (!SLUG.test(slug)) {
    problems.push({
      file,
      line: 1,
      column: 1,
      message: `file name \`${name}\` is not a valid slug: use lowercase letters, digits and - (e.g. ${slugHint(slug)}.md)`,
    });
    return { problems };
  }
  if (slug.length > MAX_SLUG) {
    problems.push({
      file,
      line: 1,
      column: 1,
      message: `file name \`${name}\` is too long: a slug may be at most ${MAX_SLUG} characters (it is ${slug.length})`,
    });
    return { problems };
  }
  if (collection === 'pages' && RESERVED_PAGE_SLUGS.has(slug)) {
    problems.push({
      file,
      line: 1,
      column: 1,
      message: `the page slug \`${slug}\` is reserved for a page the site generates; rename the file`,
    });
    return { problems };
  }
  const read = preread ?? readRegularFile(abs, rel);
  if ('problem' in read) {
    problems.push({ file, line: 1, column: 1, message: read.problem });
    return { problems };
  }
  let raw: string;
  try {
    raw = UTF8.decode(read.bytes);
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
  if (!result.success) problems.push(...zodProblems(result.error, parsed, file, parsed.data, schemas[collection]));
  const data = (result.success ? result.data : validFields(schemas[collection], parsed.data)) as {
    draft?: boolean;
    aliases?: unknown;
  };
  let tree: Root;
  try {
    tree = parseMarkdown(parsed.body);
  } catch (e) {
    problems.push({
      file,
      line: parsed.bodyLineOffset + 1,
      column: 1,
      message: `the Markdown could not be read: ${(e as Error).message}`,
    });
    return { problems };
  }
  const indented = indentedStart(parsed.body, tree);
  if (indented) {
    problems.push({
      file,
      line: parsed.bodyLineOffset + indented,
      column: 1,
      message:
        'the body’s first line is indented: the site reads the body with that indentation removed, so it would show it otherwise (code becomes text); remove the indentation, or start the body with a line that is not indented',
    });
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
    anchors.push({
      type: node.type,
      url: node.url,
      line: (node.position?.start.line ?? 1) + parsed.bodyLineOffset,
      column: node.position?.start.column ?? 1,
      ...(node.type === 'image' ? { alt: node.alt ?? '' } : {}),
    });
  });
  const found = collectCitations(tree, rel, parsed.bodyLineOffset);
  const citations: CitationFound[] = found.map(({ link: _l, blockquote: _b, quote: _q, ...rest }) => rest);
  problems.push(...placeholderProblems(collection, data, parsed, raw, citations, file));
  const positions =
    collection === 'claims' && result.success ? guidelineFields(data).map((path) => ({ path, ...parsed.locate(path) })) : [];
  const quotations =
    collection === 'sources'
      ? undefined
      : claimQuotations(data as ClaimFields, bodyQuotations(tree, citedNodes(found), parsed.body));
  return {
    problems,
    entry: {
      ...(positions.length ? { positions } : {}),
      ...(quotations ? { quotations: quotations.map((q) => (q.line ? { ...q, line: q.line + parsed.bodyLineOffset } : q)) } : {}),
      slug,
      data,
      bodyLineOffset: parsed.bodyLineOffset,
      digest: fileDigest(read.bytes),
      ...(collection === 'pages' ? { lede: lede(tree) } : {}),
      anchors,
      citations,
      // A source is indexed for matching here, on whichever thread reads it.
      ...(collection === 'sources' ? { index: indexSource(sourceBlocks(tree)) } : {}),
      // Last: it typesets the headings of the tree in place.
      ...(collection !== 'sources' ? { headingIds: headingIds(tree) } : {}),
    },
  };
}

type ClaimFields = { summary?: unknown; updates?: { note?: unknown }[] };

/** A claim's or a page's quotations that are not links: a claim's summary's, the body's (found in its tree), a claim's updates notes'. */
function claimQuotations(data: ClaimFields, analysis: ReturnType<typeof bodyQuotations>): QuotationFound[] {
  const inField = (value: unknown, where: QuotationFound['where'], field: (string | number)[]): QuotationFound[] => {
    if (typeof value !== 'string') return [];
    const { quotations, unpaired } = scanQuotations(value);
    return [
      ...unpaired.map((offset) => ({ where, text: value.slice(offset, offset + 1), field, offset, problem: UNPAIRED_MARK })),
      ...quotations.map((q) => ({ where, text: visible(q.inner).trim(), field, offset: q.start })),
    ].sort((a, b) => a.offset - b.offset);
  };
  return [
    ...inField(data.summary, 'summary', ['summary']),
    ...analysis.map(({ text, line, column, problem }) => ({
      where: 'analysis' as const,
      text,
      line,
      column,
      ...(problem ? { problem } : {}),
    })),
    ...(Array.isArray(data.updates) ? data.updates.flatMap((u, i) => inField(u?.note, 'update', ['updates', i, 'note'])) : []),
  ];
}

/** A tree without its positions, to compare what two texts mean. */
const shape = (tree: Root) => JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value));

/**
 * The body line (1-based) of an indented first line whose indentation changes what it is, else 0.
 * Astro renders `body.trim()`, so the first line's indentation (four spaces: code) is gone on the
 * site; the body is parsed again without it only when it is indented, which is rare.
 */
function indentedStart(body: string, tree: Root): number {
  const start = body.search(/\S/);
  if (start <= 0 || body[start - 1] === '\n') return 0;
  if (shape(parseMarkdown(body.trimStart())) === shape(tree)) return 0;
  return body.slice(0, start).split('\n').length;
}

/** How problems name a file: relative to where the editor is, or absolute when it is that folder itself. */
export function displayPath(base: string, abs: string): string {
  return relative(base, abs) || abs;
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
