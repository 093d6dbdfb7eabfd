/**
 * Refuses to build a site from content with problems: before Astro reads a
 * single page, the whole content folder is checked (the same loadCorpus as
 * `npm run check`) and every problem is printed as `path:line:column: message`.
 * The corpus it loads is the one the pages and the remark plugin then use.
 */
import type { AstroIntegration } from 'astro';
import { relative } from 'node:path';
import { getCorpus, invalidateCorpus } from '../check/cache.ts';
import { formatProblem, formatWarning, githubAnnotation } from '../core/problems.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  dir: string;
}

export default function contentCheck({ dir }: ContentCheckOptions): AstroIntegration {
  return {
    name: 'factcheck:content-check',
    hooks: {
      'astro:config:setup': ({ logger, command, addWatchFile }) => {
        const corpus = getCorpus(dir);
        const problems = corpus.problems;
        // Warnings do not stop a build: the review is sound, only short of a guideline (npm run check -- --strict fails on them).
        const warnings = problems.length > 0 ? [] : corpus.warnings;
        for (const w of warnings) logger.warn(formatWarning(w));
        if (process.env.GITHUB_ACTIONS) for (const w of warnings) console.log(githubAnnotation(w, 'warning'));
        if (problems.length === 0) {
          logger.info(
            `${corpus.stats.claims} claims, ${corpus.stats.sources} sources, ${corpus.stats.excerpts} excerpts and ${corpus.stats.quotations} quotations verified (${relative(process.cwd(), dir) || '.'})`,
          );
          return;
        }
        const list = problems.map(formatProblem).join('\n');
        if (process.env.GITHUB_ACTIONS) for (const p of problems) console.log(githubAnnotation(p));
        if (command === 'dev') {
          // The dev server stays up so the editor can fix the files; every page says what is wrong.
          logger.error(`${problems.length} problem(s) in the content:\n${list}`);
          void addWatchFile;
          return;
        }
        const summary = `${problems.length} problem${problems.length === 1 ? '' : 's'} in the content; nothing was built.`;
        const error = new Error(`${summary}\n${list}`);
        // The list above is the useful part; a stack trace into Astro's internals is not.
        error.stack = `ContentError: ${summary}`;
        error.name = 'ContentError';
        throw error;
      },
      'astro:server:setup': ({ server }) => {
        // A content edit in dev must not keep serving the old excerpts.
        server.watcher.on('all', (_event, file) => {
          if (file.startsWith(dir)) invalidateCorpus(dir);
        });
      },
    },
  };
}
