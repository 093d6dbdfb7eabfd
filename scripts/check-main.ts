/**
 * `npm run check`: proves the content folder is publishable without running
 * Astro. Prints every problem as `path:line:column: message` and exits 1, or one
 * summary line and exits 0. Warnings (`path:line:column: warning: …`, see
 * src/check/guidelines.ts) are printed for content without problems, and fail only with `--strict`.
 */
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { contentDir } from '../src/check/content-dir.ts';
import { loadCorpusSnapshot } from '../src/check/snapshot.ts';
import { formatProblem, formatWarning, githubAnnotation, refusalSummary } from '../src/core/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// npm runs scripts in the project root; name files relative to where the editor typed the command.
const here = process.env.INIT_CWD ?? process.cwd();

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

try {
  const started = performance.now();
  const dir = contentDir(root);
  const corpus = loadCorpusSnapshot(dir, { displayBase: here });
  const ms = Math.round(performance.now() - started);
  const strict = process.argv.includes('--strict');
  // Problems first: warnings are worth reading only about content that can be published.
  for (const w of corpus.problems.length > 0 ? [] : corpus.warnings) {
    console.error(formatWarning(w));
    if (process.env.GITHUB_ACTIONS) console.log(githubAnnotation(w, 'warning'));
  }
  if (corpus.problems.length > 0) {
    for (const p of corpus.problems) {
      console.error(formatProblem(p));
      if (process.env.GITHUB_ACTIONS) console.log(githubAnnotation(p));
    }
    console.error(`\n${refusalSummary(corpus.problems.length, relative(here, dir) || '.')}`);
    process.exitCode = 1;
  } else {
    const s = corpus.stats;
    console.log(
      `✓ ${plural(s.claims, 'claim')}, ${plural(s.sources, 'source')}, ${plural(s.pages, 'page')}, ` +
        `${plural(s.excerpts, 'excerpt')} and ${plural(s.quotations, 'quotation')} verified, ${plural(s.drafts, 'draft')} (${relative(here, dir) || '.'}, ${ms} ms)`,
    );
    if (strict && corpus.warnings.length > 0) {
      console.error(`✗ ${plural(corpus.warnings.length, 'warning')} with --strict; nothing was published.`);
      process.exitCode = 1;
    }
  }
} catch (e) {
  // A crash here is our bug, not the editor's: say so in one line.
  console.error(`check: internal error: ${(e as Error)?.message ?? String(e)}`);
  process.exitCode = 2;
}
