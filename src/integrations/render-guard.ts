/**
 * Astro's glob loader catches an error while it renders an entry, logs it and stores the
 * entry without its HTML: the build goes on and publishes the page with an empty analysis,
 * exit 0. Wrapped here, any error the loader logs ends a build with the entry's path and line
 * as a problem, and the same summary line as a refusal of the check. The dev server only logs.
 */
import { writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatProblem, type Problem, refusalSummary } from '../core/problems.ts';

export interface RenderGuardOptions {
  /** The content folder and the collection's folder in it. */
  dir: string;
  collection: string;
  /** The first line of an entry's body (`claims/x.md`), where its problem is reported. */
  lineOf?: (path: string) => number;
  /** How the build ends (replaced in tests). */
  exit?: (lines: string[]) => void;
  /**
   * What an entry's rendering depends on besides its own file (a claim: the sources it quotes), as
   * a string that changes with them, given the file's text. It is part of the entry's digest, so
   * that Astro renders the entry again when it changes, instead of keeping the rendering of an
   * unchanged file.
   */
  dependencies?: (contents: string) => string;
  /** On the dev server: the entries (`claims/x.md`) to render again when a file (absolute path) changes. */
  dependents?: (file: string) => string[];
}

const LOGGED = /^Error (?:rendering|reading) (.+?): ([\s\S]*)$/;

function stop(lines: string[]): void {
  writeSync(2, `${lines.join('\n')}\n`);
  process.exit(1);
}

/** The problems of the errors a loader logged, one per entry. */
export function renderProblems(messages: readonly string[], options: RenderGuardOptions): Problem[] {
  const base = process.cwd();
  return messages.map((message) => {
    const m = LOGGED.exec(message);
    const path = m ? `${options.collection}/${m[1]}` : options.collection;
    return {
      file: relative(base, join(options.dir, path)) || path,
      line: m ? (options.lineOf?.(path) ?? 1) : 1,
      column: 1,
      message: `the site could not render this file: ${(m ? m[2]! : message).split('\n')[0]}`,
    };
  });
}

export function renderGuard(loader: Loader, options: RenderGuardOptions): Loader {
  // Watchers already followed for dependents: the content layer may load a collection more than once.
  const following = new WeakSet<object>();
  return {
    ...loader,
    load: async (context: LoaderContext) => {
      const logged: string[] = [];
      const logger = new Proxy(context.logger, {
        get(target, key, receiver) {
          if (key === 'error') {
            return (message: string) => {
              logged.push(message);
              target.error(message);
            };
          }
          const value = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const { dependencies, dependents } = options;
      const generateDigest: LoaderContext['generateDigest'] = dependencies
        ? (data) => context.generateDigest(typeof data === 'string' ? `${data}\u0000${dependencies(data)}` : data)
        : context.generateDigest;
      await loader.load({ ...context, logger, generateDigest });
      const watcher = context.watcher;
      if (watcher && dependents && !following.has(watcher)) {
        following.add(watcher);
        // The glob loader renders an entry again when its own file changes; a source edit changes what a
        // claim that quotes it shows (its captions, excerpt ids, links, or an excerpt it no longer holds).
        watcher.on('change', (file) => {
          for (const entry of dependents(file)) watcher.emit('change', join(options.dir, entry));
        });
      }
      // In dev the watcher is there, and the server stays up so that the editor can fix the file.
      if (logged.length === 0 || context.watcher) return;
      const problems = renderProblems(logged, options);
      const where = relative(process.cwd(), options.dir) || '.';
      (options.exit ?? stop)([...problems.map(formatProblem), '', refusalSummary(problems.length, where)]);
    },
  };
}
