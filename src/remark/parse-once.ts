/**
 * Parse each content file once. The checker (loadCorpus, run by the build
 * before any page) has already parsed every body into mdast with the same
 * remark-parse and remark-gfm that Astro's Markdown processor uses; this plugin
 * replaces the processor's parser so that Astro renders a copy of that tree
 * instead of parsing the file a second time. Anything it cannot vouch for (a
 * file outside the content folder, a body that is not the one the corpus read)
 * goes to the original parser, so the output never depends on the shortcut.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import { relative, sep } from 'node:path';
import type { Corpus } from '../lib/corpus.ts';
import { getCorpus } from '../lib/corpus-cache.ts';

export interface ParseOnceOptions {
  /** Absolute path of the content folder. */
  contentDir: string;
}

type Parser = (doc: string, file?: { path?: string }) => Root;

/** End point of a document as micromark reports it for the root node. */
function endOf(doc: string): { line: number; column: number; offset: number } {
  let line = 1;
  let last = -1;
  for (let i = doc.indexOf('\n'); i >= 0; i = doc.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: doc.length - last, offset: doc.length };
}

/**
 * The corpus's tree for `doc`, copied, or undefined. Astro passes the body
 * trimmed; when nothing but trailing white space was trimmed every node keeps
 * its position, and only the root's end moves.
 */
export function treeFromCorpus(corpus: Corpus, contentDir: string, doc: string, path: string | undefined): Root | undefined {
  if (!path) return undefined;
  const rel = relative(contentDir, path).split(sep).join('/');
  const m = /^(claims|sources|pages)\/([^/]+)\.md$/.exec(rel);
  if (!m) return undefined;
  const entry = corpus[m[1] as 'claims' | 'sources' | 'pages'].get(m[2]!);
  if (!entry || entry.body.trimEnd() !== doc) return undefined;
  const tree = structuredClone(entry.tree);
  if (tree.position) tree.position.end = endOf(doc);
  return tree;
}

export default function remarkParseOnce(this: Processor, options: ParseOnceOptions) {
  const parse = this.parser as Parser | undefined;
  if (typeof parse !== 'function') return;
  const once: Parser = (doc, file) => treeFromCorpus(getCorpus(options.contentDir), options.contentDir, doc, file?.path) ?? parse(doc, file);
  this.parser = once as Processor['parser'];
}
