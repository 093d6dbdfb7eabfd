/**
 * The site's Markdown processor as Astro takes it (`markdown.processor`): the pipeline of
 * pipeline.ts, run on the calling thread or, while `astro build` syncs a large desk, in a worker
 * thread (render-pool.ts). Wherever an entry is rendered, the HTML and the errors are the same.
 */
import { fileURLToPath } from 'node:url';
import type { AstroMarkdownOptions, MarkdownProcessor, MarkdownRenderer } from '@astrojs/markdown-remark';
import { corpusLoadedAt, getCorpus } from '../check/cache.ts';
import type { Corpus } from '../check/corpus.ts';
import { snapshotFileOf } from '../check/snapshot.ts';
import type { RemarkCitationsOptions } from './citations.ts';
import { createProcessor, type RenderJob, type Rendered, renderWith } from './pipeline.ts';
import { ENTRIES_FOR_THREADS, renderPoolFor, renderThreadsAllowed } from './render-pool.ts';

// The snapshot a worker may read the corpus from: none for a desk too small for a worker.
const snapshots = new WeakMap<Corpus, string | null>();
function snapshotForThreads(corpus: Corpus): string | null {
  let file = snapshots.get(corpus);
  if (file === undefined) {
    file = corpus.claims.size + corpus.pages.size >= ENTRIES_FOR_THREADS ? (snapshotFileOf(corpus) ?? null) : null;
    snapshots.set(corpus, file);
  }
  return file;
}

export function factcheckMarkdown(options: RemarkCitationsOptions): MarkdownProcessor<RemarkCitationsOptions> {
  return {
    name: 'factcheck',
    options,
    async createRenderer(shared: AstroMarkdownOptions): Promise<MarkdownRenderer> {
      // Astro hands over the deprecated `markdown.remarkPlugins` and the like; run silently, they would be lost.
      for (const key of ['remarkPlugins', 'rehypePlugins'] as const)
        if ((shared[key]?.length ?? 0) > 0)
          throw new Error(
            `markdown.${key} is not run by this site's Markdown processor: add the plugin in src/remark/pipeline.ts`,
          );
      const processor = await createProcessor(options, shared.image);
      const here = (job: RenderJob) => renderWith(processor, job);
      // Each collection asks for a renderer of its own; they share one pool (render-pool.ts).
      const inWorker = (job: RenderJob): Promise<Rendered> | null => {
        if (!renderThreadsAllowed()) return null;
        const corpus = getCorpus(options.contentDir);
        const snapshot = snapshotForThreads(corpus);
        const loadedAt = corpusLoadedAt(options.contentDir);
        if (!snapshot || loadedAt === undefined) return null;
        return renderPoolFor({ options, image: shared.image, snapshot, loadedAt }, here)?.render(job) ?? null;
      };
      return {
        async render(content, renderOptions) {
          const job: RenderJob = {
            content,
            path: renderOptions?.fileURL ? fileURLToPath(renderOptions.fileURL) : undefined,
            frontmatter: renderOptions?.frontmatter ?? {},
          };
          const rendered = await (inWorker(job) ?? here(job)).catch((e: unknown) => {
            throw new Error(`Failed to parse Markdown file "${job.path ?? 'Markdown'}":\n${(e as Error)?.message ?? String(e)}`, {
              cause: e,
            });
          });
          return {
            code: rendered.code,
            metadata: {
              headings: rendered.headings,
              localImagePaths: rendered.localImagePaths,
              remoteImagePaths: rendered.remoteImagePaths,
              frontmatter: job.frontmatter,
            },
          };
        },
      };
    },
  };
}
