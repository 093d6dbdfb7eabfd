/**
 * The site's Markdown processor (Astro's `markdown.processor`): Astro's `unified()`
 * pipeline, with the checker's parser (which also typesets: no SmartyPants) and the
 * citations plugin, less the two steps that cannot change what it renders here. rehype-raw turns raw HTML into elements by
 * writing every tree out and parsing it again with parse5, whether or not the tree
 * holds any; the format refuses raw HTML, and remarkCitations drops any that reaches
 * it, so there is none (most of the rendering's cost went there: docs/performance.md).
 * remark-gfm adds GFM to remark's own parser, which the checker's parser (satteri,
 * GFM included) replaces. Everything else runs as Astro runs it, in its order: the
 * pictures (local and remote) that Astro's image service then processes, the heading
 * ids and the list of headings. The one thing rehype-raw's round trip changed, a `data-`
 * attribute without a value written `=""` (the footnotes' markers), is written so here
 * too. tests/unit/markdown-processor.test.ts holds the output equal to Astro's pipeline
 * on every content file of the demo and the fixture sites, and on GFM's constructs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type AstroMarkdownOptions,
  type MarkdownProcessor,
  type MarkdownRenderer,
  rehypeHeadingIds,
  remarkCollectImages,
} from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { type Plugin, unified } from 'unified';
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
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** A `data-` attribute set to true (remark-rehype's footnotes) as parse5 writes it back: empty, `=""`. */
function rehypeEmptyDataAttributes() {
  const visit = (node: HastNode): void => {
    if (node.properties)
      for (const [key, value] of Object.entries(node.properties))
        if (value === true && /^data[A-Z0-9]/.test(key)) node.properties[key] = '';
    if (node.children) for (const child of node.children) visit(child);
  };
  return (tree: HastNode) => visit(tree);
}

interface AstroData {
  astro?: {
    headings?: { depth: number; slug: string; text: string }[];
    localImagePaths?: string[];
    remoteImagePaths?: string[];
    frontmatter?: Record<string, unknown>;
  };
}

export function factcheckMarkdown(options: RemarkCitationsOptions): MarkdownProcessor<RemarkCitationsOptions> {
  return {
    name: 'factcheck',
    options,
    async createRenderer(shared: AstroMarkdownOptions): Promise<MarkdownRenderer> {
      const processor = unified()
        .use(remarkCheckerParser)
        .use(remarkCitations, options)
        .use(remarkCollectImages, shared.image)
        // No raw HTML enters the HTML tree, so none can leave it.
        .use(remarkRehype, { allowDangerousHtml: false, passThrough: [] })
        .use(await rehypeImages())
        .use(rehypeHeadingIds)
        .use(rehypeEmptyDataAttributes)
        .use(rehypeStringify);
      return {
        async render(content, renderOptions) {
          const file = await processor
            .process({
              value: content,
              path: renderOptions?.fileURL ? fileURLToPath(renderOptions.fileURL) : undefined,
              data: { astro: { frontmatter: renderOptions?.frontmatter ?? {} } },
            })
            .catch((e: unknown) => {
              const path = renderOptions?.fileURL ? fileURLToPath(renderOptions.fileURL) : 'Markdown';
              throw new Error(`Failed to parse Markdown file "${path}":\n${(e as Error)?.message ?? String(e)}`, { cause: e });
            });
          const { astro } = file.data as AstroData;
          return {
            code: String(file.value),
            metadata: {
              headings: astro?.headings ?? [],
              localImagePaths: astro?.localImagePaths ?? [],
              remoteImagePaths: astro?.remoteImagePaths ?? [],
              frontmatter: astro?.frontmatter ?? {},
            },
          };
        },
      };
    },
  };
}
