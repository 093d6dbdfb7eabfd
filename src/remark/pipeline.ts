/**
 * The site's Markdown pipeline (what Astro's `markdown.processor` runs): Astro's `unified()`
 * pipeline, with the checker's parser (which also typesets: no SmartyPants) and the
 * citations plugin, less what cannot change what it renders here. remark-gfm adds GFM
 * to remark's own parser, which the checker's parser (satteri, GFM included) replaces.
 * rehype-raw turns raw HTML into elements by feeding every tree through parse5, the
 * HTML parser, whether or not it holds any; the format refuses raw HTML and
 * remarkCitations drops any that reaches it, so it is run only on a tree that parse5
 * would build otherwise than it is: a link inside a link (an autolink in a link's text,
 * a verified quotation inside an editor's link: parse5 ends the outer link there), a
 * block inside a paragraph, a code block whose text starts with a line break (parse5
 * drops it). Elsewhere the one thing its round trip changed, a `data-` attribute
 * without a value written `=""` (the footnotes' markers), is done here. Everything else
 * runs as Astro runs it, in its order: the pictures that Astro's image service then
 * processes, the heading ids and the list of headings. Most of the rendering's cost was
 * parse5's (docs/performance.md). tests/unit/markdown-processor.test.ts holds the output
 * equal to Astro's pipeline on every content file of the demo and of the fixture sites,
 * and on each of those constructs. processor.ts hands this pipeline to Astro; render-worker.ts
 * runs it in a worker thread.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AstroMarkdownOptions, rehypeHeadingIds, remarkCollectImages } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { type Plugin, type Processor, unified } from 'unified';
import remarkCitations, { type RemarkCitationsOptions } from './citations.ts';
import remarkCheckerParser from './parser.ts';

/**
 * Astro's plugin that marks a Markdown picture for its image service, which the package does not
 * export: loaded from beside its entry point (the equality test fails if it moves).
 */
async function rehypeImages(): Promise<Plugin> {
  const entry = fileURLToPath(import.meta.resolve('@astrojs/markdown-remark'));
  return ((await import(pathToFileURL(join(dirname(entry), 'rehype-images.js')).href)) as { rehypeImages: Plugin }).rehypeImages;
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** What closes an open paragraph in HTML's parsing: such an element inside a `<p>` is moved out of it. */
const CLOSES_P = new Set(
  'address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav ol p plaintext pre search section summary table ul xmp'.split(
    ' ',
  ),
);
/** Elements whose first line break parse5 drops. */
const DROPS_FIRST_NEWLINE = new Set(['pre', 'listing', 'textarea']);

function firstText(node: HastNode): string | undefined {
  if (node.type === 'text') return node.value;
  for (const child of node.children ?? []) {
    const text = firstText(child);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Whether parse5 would build this tree otherwise than it is (the cases above), or it holds raw HTML. */
export function parse5WouldChange(tree: HastNode): boolean {
  const visit = (node: HastNode, inLink: boolean, inParagraph: boolean): boolean => {
    if (node.type === 'raw') return true;
    if (node.type !== 'element' && node.type !== 'root') return false;
    const tag = node.tagName;
    if (tag === 'a' && inLink) return true;
    if (tag !== undefined && inParagraph && CLOSES_P.has(tag)) return true;
    if (tag !== undefined && DROPS_FIRST_NEWLINE.has(tag) && /^[\r\n]/.test(firstText(node) ?? '')) return true;
    const link = inLink || tag === 'a';
    const paragraph = inParagraph || tag === 'p';
    return (node.children ?? []).some((c) => visit(c, link, paragraph));
  };
  return visit(tree, false, false);
}

/** A `data-` attribute set to true (remark-rehype's footnotes) as parse5 writes it back: empty, `=""`. */
function emptyDataAttributes(node: HastNode): void {
  if (node.properties)
    for (const [key, value] of Object.entries(node.properties))
      if (value === true && /^data[A-Z0-9]/.test(key)) node.properties[key] = '';
  if (node.children) for (const child of node.children) emptyDataAttributes(child);
}

/** parse5's tree where it would differ (rehype-raw, as Astro runs it), the same tree written as parse5 writes it elsewhere. */
function rehypeAsParse5() {
  const raw = rehypeRaw() as unknown as (tree: HastNode, file: unknown) => HastNode;
  return (tree: HastNode, file: unknown) => {
    if (parse5WouldChange(tree)) return raw(tree, file);
    emptyDataAttributes(tree);
    return tree;
  };
}

interface AstroData {
  astro?: {
    headings?: { depth: number; slug: string; text: string }[];
    localImagePaths?: string[];
    remoteImagePaths?: string[];
    frontmatter?: Record<string, unknown>;
  };
}

/** What an entry's rendering needs: its body, its file and its front matter, as Astro gives them. */
export interface RenderJob {
  content: string;
  path: string | undefined;
  frontmatter: Record<string, unknown>;
}

/** What a rendering gives back besides the front matter it was given. */
export interface Rendered {
  code: string;
  headings: { depth: number; slug: string; text: string }[];
  localImagePaths: string[];
  remoteImagePaths: string[];
}

/** The pipeline, as the calling thread and each render worker build it. */
export async function createProcessor(options: RemarkCitationsOptions, image: unknown): Promise<Processor> {
  return (
    unified()
      .use(remarkCheckerParser)
      .use(remarkCitations, options)
      .use(remarkCollectImages, image as AstroMarkdownOptions['image'])
      // No raw HTML enters the HTML tree, so none can leave it.
      .use(remarkRehype, { allowDangerousHtml: false, passThrough: [] })
      .use(await rehypeImages())
      .use(rehypeHeadingIds)
      .use(rehypeAsParse5)
      .use(rehypeStringify) as unknown as Processor
  );
}

/** One entry through the pipeline. */
export async function renderWith(processor: Processor, job: RenderJob): Promise<Rendered> {
  const file = await processor.process({ value: job.content, path: job.path, data: { astro: { frontmatter: job.frontmatter } } });
  const { astro } = file.data as AstroData;
  return {
    code: String(file.value),
    headings: astro?.headings ?? [],
    localImagePaths: astro?.localImagePaths ?? [],
    remoteImagePaths: astro?.remoteImagePaths ?? [],
  };
}
