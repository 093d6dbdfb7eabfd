/**
 * A digest of the code that reads and renders content: given entry modules, the
 * bytes of each and of every module it imports, transitively, through relative
 * `.ts` specifiers (imports, dynamic imports and worker URLs alike). The corpus
 * snapshot and Astro's content cache are keyed by it, so an edit to the
 * matcher throws them away and an edit to the share cards or the benchmark,
 * which they do not depend on, keeps them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A relative module specifier in a quoted string: `'./x.ts'`, `"../core/y.ts"`. */
const RELATIVE_MODULE = /['"](\.{1,2}\/[^'"\s]+\.ts)['"]/g;

/** Every module that the entries import, transitively, themselves included, in a stable order. */
export function importClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((e) => resolve(e));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RELATIVE_MODULE)) pending.push(resolve(dirname(file), spec!));
  }
  return [...seen].sort();
}

/** The digest of the entries' import closure, with file names relative to `root` so that it does not depend on where the project is. */
export function codeDigest(entries: readonly string[], root: string): string {
  const hash = createHash('sha256');
  for (const file of importClosure(entries)) {
    hash.update(`\0${relative(root, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

/** The modules that make an entry's rendering and its data: the Markdown processor (with its remark plugins) and the collections' definition. */
export const RENDERERS = ['src/remark/processor.ts', 'src/content.config.ts'];
let renderCode: string | undefined;

/**
 * A digest of what renders a claim's Markdown and shapes the collections' data besides the
 * content: the Markdown processor and its remark plugins, the collections' definition and everything they import, and the
 * locked package versions (Astro's Markdown pipeline). Part of every entry's digest in Astro's
 * content store (content.config.ts) and of every page's key (site/page-keys.ts: no route imports
 * the plugins), so that a change to either renders everything again while a content edit renders
 * only what it touches. Without the code on disk nothing can be known to be unchanged: a new value
 * every time.
 */
export function renderCodeDigest(): string {
  renderCode ??= computeRenderCodeDigest();
  return renderCode;
}

function computeRenderCodeDigest(): string {
  const pluginsIn = (root: string) => RENDERERS.map((p) => resolve(root, p));
  // Bundled (the pages' keys, src/site/page-keys.ts, run in the build's bundle), this module is not
  // beside its source: the project is then the folder Astro builds in.
  const root = [resolve(dirname(fileURLToPath(import.meta.url)), '../..'), process.cwd()].find((r) =>
    pluginsIn(r).every((p) => existsSync(p)),
  );
  if (root === undefined) return randomUUID();
  const plugins = pluginsIn(root);
  const lock = resolve(root, 'package-lock.json');
  return createHash('sha256')
    .update(codeDigest(plugins, root))
    .update(existsSync(lock) ? readFileSync(lock) : '')
    .digest('hex')
    .slice(0, 32);
}
