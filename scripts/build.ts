/**
 * `npm run build [-- astro options]`: `astro build`, then the search index in this
 * process once Astro's has exited. Inside `astro build` the index was written while
 * Astro's process still held the whole site, and on a large desk the two peaks added
 * up (docs/performance.md). The index is the same either way (buildSearchIndex); a
 * failure of either step fails the build.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_AFTER_ASTRO, buildSearchIndex, indexedLine, shardsLine } from '../src/integrations/pagefind.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const astroBin = resolve(root, 'node_modules/astro/bin/astro.mjs');
/**
 * V8 lets a heap grow to several times what is live before it collects, up to a limit set by the
 * machine's memory (a quarter of it, at most about 4 GB): on a large desk Astro's process then
 * held mostly garbage, and its peak depended on the machine rather than on the desk. Growing by a
 * quarter of what is live bounds the peak near the live set, with no hard limit that a larger
 * desk could hit (docs/performance.md has the measurements).
 */
export const ASTRO_NODE_FLAGS = ['--heap-growing-percent=25'];

/** Where Astro writes the site: `--outDir` when given (as Astro reads it, from the working folder), else dist/. */
export function outDirOf(args: string[], cwd = process.cwd()): string {
  let out = 'dist';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--outDir' && args[i + 1] !== undefined) out = args[++i]!;
    else if (a.startsWith('--outDir=')) out = a.slice('--outDir='.length);
  }
  return resolve(cwd, out);
}

async function main(args: string[]): Promise<number> {
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, [...ASTRO_NODE_FLAGS, astroBin, 'build', ...args], {
      stdio: 'inherit',
      env: { ...process.env, [INDEX_AFTER_ASTRO]: '1' },
    });
    child.on('error', fail);
    child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) return code;
  const result = await buildSearchIndex(outDirOf(args));
  console.log(indexedLine(result));
  console.log(shardsLine(result));
  if (result.pages === 0) console.warn('pagefind: no page was indexed; search will find nothing');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`build: ${(e as Error)?.message ?? String(e)}`);
      process.exitCode = 1;
    },
  );
}
