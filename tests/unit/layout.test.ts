/**
 * The house rules of docs/architecture.md, kept by a test: folders named for
 * roles hold at most 15 files each, no module imports itself through others,
 * the pure core does no I/O, browser code imports nothing of Node, and no
 * product code imports the benchmark, the tooling or the tests. The snapshot
 * key and the render-code digest (every entry's digest in Astro's content store)
 * cover the code that reads and renders content, and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importClosure } from '../../src/check/code-digest.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const rel = (abs: string) => relative(ROOT, abs);

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|astro|mjs)$/.test(d.name))
    .map((d) => rel(join(d.parentPath, d.name)));
}

/** Every import specifier of a module (static, dynamic, type-only and worker URLs), as written. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The project modules a module imports. */
function localImports(file: string): string[] {
  return specifiers(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => rel(join(ROOT, file, '..', s)))
    .filter((f) => /\.(ts|astro|mjs)$/.test(f));
}

/** Every cycle of a module graph, each as the path that closes it. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

const product = [...filesUnder('src'), 'astro.config.mjs'];

describe('the layout', () => {
  it('no folder under src/ holds more than 15 files directly', () => {
    const counts = new Map<string, number>();
    for (const d of readdirSync(join(ROOT, 'src'), { withFileTypes: true, recursive: true })) {
      if (d.isFile()) counts.set(rel(d.parentPath), (counts.get(rel(d.parentPath)) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(5);
    expect([...counts].filter(([, n]) => n > 15)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const graph = new Map(
      [...product, ...filesUnder('scripts'), ...filesUnder('tests/helpers')].map((f) => [f, localImports(f)]),
    );
    expect(graph.size).toBeGreaterThan(50);
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the cycle finder is not blind: it sees a cycle such as corpus.ts and corpus-workers.ts once made', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'a.ts']],
      ['c.ts', []],
    ]);
    expect(cyclesOf(graph)).toEqual(['a.ts → b.ts → a.ts']);
  });

  it('src/core/ is pure: it reads no file, starts no process or thread', () => {
    const io = /^node:(fs|fs\/promises|child_process|worker_threads|net|http|https|os)$/;
    const offenders = filesUnder('src/core').flatMap((f) =>
      specifiers(f)
        .filter((s) => io.test(s))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('src/client/ (browser code) imports nothing of Node', () => {
    const offenders = filesUnder('src/client').flatMap((f) =>
      specifiers(f)
        .filter((s) => s.startsWith('node:'))
        .map((s) => `${f}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no product code imports the benchmark, the tooling or the tests', () => {
    const offenders = product.flatMap((f) =>
      localImports(f)
        .filter((i) => /^(scripts|tests)\//.test(i))
        .map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('what the caches are keyed by', () => {
  const closure = (entries: string[]) => importClosure(entries.map((e) => join(ROOT, e))).map(rel);

  it('the corpus snapshot: the loader and everything it imports, not the site, the cards or the benchmark', () => {
    const readers = closure(['src/check/load-corpus.ts', 'src/check/snapshot.ts']);
    expect(readers).toEqual(
      expect.arrayContaining(['src/core/matcher.ts', 'src/core/normalize.ts', 'src/check/read-file.ts', 'src/check/worker.ts']),
    );
    // The site's languages are in it: the default scale's words and site.yml's `strings:` are checked against them.
    expect(readers).toEqual(expect.arrayContaining(['src/i18n/languages.ts', 'src/i18n/en.ts']));
    expect(readers.filter((f) => !/^src\/(core|check|i18n)\//.test(f))).toEqual(['src/site/routes.ts']);
  });

  it('the render-code digest: the remark plugins and everything they import, not the share cards or the benchmark', () => {
    const renderers = closure(['src/remark/processor.ts']);
    expect(renderers).toEqual(
      expect.arrayContaining([
        'src/remark/citations.ts',
        'src/remark/parser.ts',
        // Through the worker's URL: a change to what a worker runs renders every entry again.
        'src/remark/pipeline.ts',
        'src/remark/render-worker.ts',
        'src/site/text-fragment.ts',
        'src/core/matcher.ts',
      ]),
    );
    expect(renderers.filter((f) => /^(src\/share-cards|scripts|tests)\//.test(f))).toEqual([]);
  });
});
