/**
 * Reads a content folder once and checks everything the format promises
 * (docs/content-format.md), in named passes: the files, each read and checked
 * on its own (read-file.ts, on every core through workers.ts); then, over the
 * whole folder, slugs and aliases (slugs.ts), links (links.ts), and excerpts
 * and verdicts (excerpts.ts).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile, type ParsedFile } from '../core/frontmatter.ts';
import { textOf, type SourceIndex } from '../core/matcher.ts';
import { sortProblems, type Problem } from '../core/problems.ts';
import { makeScale } from '../core/verdicts.ts';
import { defaultVerdicts } from '../i18n/languages.ts';
import type { CheckContext, CitationFound, Corpus, Entry, LoadOptions, QuotationFound } from './corpus.ts';
import { checkExcerpts, sortExcerpts } from './passes/excerpts.ts';
import { checkGuidelines } from './passes/guidelines.ts';
import { checkQuotations } from './passes/quotations.ts';
import { contentFiles } from './passes/files.ts';
import { checkFragments } from './passes/fragments.ts';
import { checkLinks } from './passes/links.ts';
import { displayPath, type Anchor, type FieldPosition, type PreRead } from './read-file.ts';
import { loadSite } from './site-settings.ts';
import { checkSlugs } from './passes/slugs.ts';
import { readRegularText } from './regular-file.ts';
import { readContentFiles, type Readers } from './workers.ts';

/** What loadCorpusSnapshot may have ready for a read of the folder: workers already started, files already read. */
export interface Prepared {
  readers?: Readers | null;
  preread?: PreRead;
}

export function loadCorpus(dir: string, options: LoadOptions = {}, prepared: Prepared = {}): Corpus {
  const base = options.displayBase ?? process.cwd();
  const display = (abs: string) => displayPath(base, abs);
  const problems: Problem[] = [];
  // The folder itself may be a link (CONTENT_DIR is the operator's choice, not content): it is followed.
  const isFolder = (() => {
    try {
      return statSync(dir).isDirectory() ? 'folder' : 'other';
    } catch {
      return 'missing';
    }
  })();
  if (isFolder !== 'folder') {
    problems.push({
      file: display(dir),
      line: 1,
      column: 1,
      message:
        isFolder === 'missing'
          ? 'the content folder does not exist (set CONTENT_DIR or create content/)'
          : 'the content folder is not a folder (set CONTENT_DIR to a folder that holds site.yml)',
    });
  }
  const site = isFolder === 'folder' ? loadSite(dir, display, problems) : null;
  const corpus: Corpus = {
    dir,
    site,
    scale: makeScale(site?.verdicts, defaultVerdicts(site?.language ?? 'en')),
    sources: new Map(),
    claims: new Map(),
    pages: new Map(),
    citations: new Map(),
    quotations: new Map(),
    headlines: new Map(),
    excerpts: new Map(),
    texts: new Map(),
    problems,
    warnings: [],
    stats: { claims: 0, sources: 0, pages: 0, drafts: 0, excerpts: 0, quotations: 0 },
  };

  // Where a front-matter field is, for the problems found below: as the file's reader found it (for
  // the fields the guidelines point at, the most asked for), else from the front matter parsed
  // again (files are read in worker threads, and a parsed document does not travel).
  const frontMatter = new Map<string, ParsedFile>();
  const known = new Map<string, FieldPosition[]>();
  const locate = (rel: string, path: readonly PropertyKey[]) => {
    const found = known.get(rel)?.find((p) => p.path.length === path.length && p.path.every((k, i) => k === path[i]));
    if (found) return { line: found.line, column: found.column };
    let parsed = frontMatter.get(rel);
    if (!parsed) {
      // The file was read once already; should it have changed since, a position falls back to its first line.
      const read = readRegularText(join(dir, rel), rel);
      frontMatter.set(rel, (parsed = parseFile('text' in read ? read.text : '', { fast: true })));
    }
    return parsed.locate(path);
  };
  const context: CheckContext = { dir, corpus, problems, display, locate };

  // What the passes below need of each body: its tree is dropped as soon as it is read.
  const anchors = new Map<string, Anchor[]>();
  const headings = new Map<string, string[]>();
  const citations = new Map<string, CitationFound[]>();
  const quotations = new Map<string, QuotationFound[]>();
  // Normalised texts are kept only while matching: the corpus outlives the check (snapshot, build).
  const indexes = new Map<string, SourceIndex>();
  const jobs = isFolder === 'folder' ? contentFiles(dir, display, problems) : [];
  const read = readContentFiles(dir, jobs, base, prepared);
  jobs.forEach(({ collection, name }, i) => {
    const { problems: own, entry: found } = read[i]!;
    problems.push(...own);
    if (!found) return;
    const rel = `${collection}/${name}`;
    const entry: Entry<unknown> = {
      collection,
      slug: found.slug,
      path: rel,
      data: found.data,
      bodyLineOffset: found.bodyLineOffset,
      digest: found.digest,
    };
    if (found.lede !== undefined) entry.lede = found.lede;
    (corpus[collection] as Map<string, Entry<unknown>>).set(found.slug, entry);
    anchors.set(rel, found.anchors);
    if (found.headingIds) headings.set(rel, found.headingIds);
    if (found.positions) known.set(rel, found.positions);
    citations.set(rel, found.citations);
    if (found.quotations) quotations.set(rel, found.quotations);
    if (found.index) {
      corpus.texts.set(found.slug, textOf(found.index));
      indexes.set(found.slug, found.index);
    }
    if ((found.data as { draft?: boolean }).draft === true) corpus.stats.drafts++;
  });
  corpus.stats.claims = corpus.claims.size;
  corpus.stats.sources = corpus.sources.size;
  corpus.stats.pages = corpus.pages.size;

  checkSlugs(context);
  const fragmentLinks = checkLinks(context, anchors);
  checkExcerpts(context, { citations, indexes, skipExcerpts: options.skipExcerpts });
  if (!options.skipExcerpts) checkQuotations(context, { citations, quotations, indexes });
  checkFragments(context, { links: fragmentLinks, headings, excerpts: !options.skipExcerpts });
  sortExcerpts(corpus);
  corpus.warnings = sortProblems(checkGuidelines(context));
  corpus.problems = sortProblems(problems);
  return corpus;
}
