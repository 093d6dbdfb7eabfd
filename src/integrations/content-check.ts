/**
 * Refuses to build a site from content with problems: before Astro reads a
 * single page, the whole content folder is checked (the same loadCorpus as
 * `npm run check`) and every problem is printed as `path:line:column: message`.
 * The corpus it loads is the one the pages and the remark plugin then use.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, writeSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCorpus, invalidateCorpus } from '../check/cache.ts';
import { corpusKey, keyOf } from '../check/snapshot.ts';
import { formatProblem, formatWarning, githubAnnotation, inert, refusalSummary } from '../core/problems.ts';
import { siteUrlProblem } from '../site/location.ts';
import { pageFiles } from '../site/published.ts';
import type { Corpus } from '../check/corpus.ts';

export interface ContentCheckOptions {
  /** Absolute path of the content folder. */
  dir: string;
}

/**
 * Ends a build that must not go on with exactly what is wrong, as `npm run check` prints it.
 * A hook that throws makes Astro print "An unhandled error occurred" and a stack trace around
 * the list; nothing has been built yet, so there is nothing to clean up and the process exits.
 * Written synchronously, so that no line is lost to the exit.
 */
function refuse(lines: string[]): never {
  writeSync(2, `${lines.join('\n')}\n`);
  process.exit(1);
}

/**
 * What is wrong with a written site for the corpus: the pages it lacks and the drafts' pages it
 * has (published.ts, pageFiles), one line each; none when it is whole.
 */
export function siteProblems(corpus: Corpus, outDir: string): string[] {
  const { required, forbidden } = pageFiles(corpus);
  return [
    ...required.filter((f) => !existsSync(join(outDir, f))).map((f) => `${f}: missing, though the content publishes it`),
    ...forbidden.filter((f) => existsSync(join(outDir, f))).map((f) => `${f}: written, though it is a draft's`),
  ];
}

export default function contentCheck({ dir }: ContentCheckOptions): AstroIntegration {
  return {
    name: 'factcheck:content-check',
    hooks: {
      'astro:config:setup': ({ logger, command, addWatchFile }) => {
        const corpus = getCorpus(dir);
        const problems = corpus.problems;
        const where = relative(process.cwd(), dir) || '.';
        const badUrl = siteUrlProblem();
        if (badUrl) {
          if (command === 'build') refuse([inert(badUrl), '', '✗ SITE_URL is not a URL; nothing was published.']);
          logger.error(`${inert(badUrl)} (ignored: the site uses site.yml's url)`);
        }
        // Warnings do not stop a build: the review is sound, only short of a guideline (npm run check -- --strict fails on them).
        const warnings = problems.length > 0 ? [] : corpus.warnings;
        for (const w of warnings) logger.warn(formatWarning(w));
        if (process.env.GITHUB_ACTIONS) for (const w of warnings) console.log(githubAnnotation(w, 'warning'));
        if (problems.length === 0) {
          logger.info(
            `${corpus.stats.claims} claims, ${corpus.stats.sources} sources, ${corpus.stats.excerpts} excerpts and ${corpus.stats.quotations} quotations verified (${where})`,
          );
          return;
        }
        const list = problems.map(formatProblem);
        if (process.env.GITHUB_ACTIONS) for (const p of problems) console.log(githubAnnotation(p));
        if (command === 'dev') {
          // The dev server stays up so the editor can fix the files; every page says what is wrong.
          logger.error(`${problems.length} problem(s) in the content:\n${list.join('\n')}`);
          void addWatchFile;
          return;
        }
        if (command === 'build') refuse([...list, '', refusalSummary(problems.length, where)]);
        // Anything else (astro sync, check) stops with the list, through Astro's own error path.
        const error = new Error(`${refusalSummary(problems.length, where)}\n${list.join('\n')}`);
        error.stack = `ContentError: ${refusalSummary(problems.length, where)}`;
        error.name = 'ContentError';
        throw error;
      },
      'astro:build:done': ({ dir: out }) => {
        // Astro has written every page; none may be missing or a draft's, whatever went wrong.
        const problems = siteProblems(getCorpus(dir), fileURLToPath(out));
        if (problems.length === 0) return;
        refuse([
          ...problems,
          '',
          `✗ The site in ${relative(process.cwd(), fileURLToPath(out)) || '.'} does not match the checked content (${problems.length} page(s) above); it must not be published.`,
          '  The content is not at fault: build again from a clean checkout, and report it if it happens again.',
        ]);
      },
      'astro:server:setup': ({ server }) => {
        // The collections' loaders watch claims/ and pages/; sources, images and site.yml are read
        // through the corpus, and the content folder may lie outside the project.
        server.watcher.add(dir);
        // A content edit in dev must not keep serving the old excerpts.
        server.watcher.on('all', (_event, file) => {
          if (file === dir || file.startsWith(dir + sep)) invalidateCorpus(dir);
        });
        // Content with problems is never previewed as if it had been checked: every page is an error
        // page with the check's problems (path:line:col, the closest passage), readable without
        // JavaScript, and reloaded by Vite's client when a file is saved.
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '/').split('?')[0]!;
          if (req.method !== 'GET' || /^\/(?:@|_astro\/|node_modules\/|src\/)/.test(path) || /\.(?!html$)[a-z0-9]+$/i.test(path))
            return next();
          let corpus = getCorpus(dir);
          // Before refusing a page, make sure the problems are those of the files as they are now: a
          // corpus read while an editor's save was landing could otherwise outlive the fix. Hashing the
          // folder costs a read of every file, paid only while there are problems.
          if (corpus.problems.length > 0 && keyOf(corpus) !== corpusKey(dir, process.cwd())) {
            invalidateCorpus(dir);
            corpus = getCorpus(dir);
          }
          const { problems } = corpus;
          if (problems.length === 0) return next();
          res.statusCode = 500;
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(
            problemsPage(problems.map(formatProblem), refusalSummary(problems.length, relative(process.cwd(), dir) || '.')),
          );
        });
      },
    },
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The dev server's page while the content has problems: the check's lines, as `npm run check` prints them. */
export function problemsPage(lines: readonly string[], summary: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Problems in the content</title>',
    '<script type="module" src="/@vite/client"></script>',
    '<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}li{margin:.6rem 0;font-family:ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}</style>',
    '</head><body><main>',
    `<h1>${escapeHtml(summary.replace(/^✗ /, ''))}</h1>`,
    '<p>The preview shows no page until the content passes the check. Fix each line below and save: this page reloads.</p>',
    `<ol class="problems">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ol>`,
    '</main></body></html>',
  ].join('\n');
}
