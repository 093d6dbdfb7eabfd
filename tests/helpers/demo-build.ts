/**
 * The demo site (content/), built once and shared by every test file that reads
 * its dist/ (quality gates, accessibility, weight). Vitest isolates test files, so
 * an in-memory cache would rebuild per file; this one lives on disk, under
 * node_modules/.cache/demo-build/<key>/ (out of tmp/, which scratch builds may empty),
 * where the key is a digest of everything the build reads (sources, content, config,
 * lockfile, the git commit for "last updated" dates, SITE_URL).
 *
 *   const site = await demoBuild();   // a BuiltSite, as buildSite() returns
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildSite, ROOT, type BuiltSite } from './build-site.ts';

/** The demo is served under a path, the stricter case for links. */
export const DEMO_BASE = '/factcheck/';
// Another origin than site.yml's, as on GitHub Pages: links to the publisher's own site stay external.
export const DEMO_SITE_URL = `https://example.github.io${DEMO_BASE}`;
export const DEMO_CONTENT = join(ROOT, 'content');

const CACHE = join(ROOT, 'node_modules', '.cache', 'demo-build');
const INPUTS = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const abs = join(dir, name);
      return statSync(abs).isDirectory() ? listFiles(abs, base) : [relative(base, abs).split('\\').join('/')];
    });
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'no-git';
  }
}

/** Digest of every input of the demo build. */
export function demoKey(siteUrl = DEMO_SITE_URL): string {
  const hash = createHash('sha256');
  hash.update(`${siteUrl}\0${gitHead()}\0`);
  for (const input of INPUTS) {
    const abs = join(ROOT, input);
    if (!existsSync(abs)) continue;
    const files = statSync(abs).isDirectory() ? listFiles(abs).map((f) => join(input, f)) : [input];
    for (const f of files)
      hash
        .update(`${f}\0`)
        .update(readFileSync(join(ROOT, f)))
        .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface DemoSite extends BuiltSite {
  /** The digest of the inputs it was built from (see demoKey). */
  key: string;
}

function siteAt(key: string, dist: string, code: number, output: string): DemoSite {
  return {
    key,
    dist,
    contentDir: DEMO_CONTENT,
    code,
    output,
    read: (path: string) => readFileSync(resolve(dist, path), 'utf8'),
    exists: (path: string) => existsSync(resolve(dist, path)),
    files: () => (existsSync(dist) ? listFiles(dist) : []),
  };
}

/** The demo site's build: reused when its inputs have not changed, else built now (and older builds removed). */
export async function demoBuild(): Promise<DemoSite> {
  const key = demoKey();
  const dir = join(CACHE, key);
  const dist = join(dir, 'dist');
  const log = join(dir, 'build.log');
  if (existsSync(log) && existsSync(join(dist, 'index.html'))) return siteAt(key, dist, 0, readFileSync(log, 'utf8'));

  const built = await buildSite(DEMO_CONTENT, { siteUrl: DEMO_SITE_URL });
  mkdirSync(CACHE, { recursive: true });
  // Older builds go, but not recent ones: another test run in this checkout may be reading them.
  for (const old of readdirSync(CACHE)) {
    if (old !== key && Date.now() - statSync(join(CACHE, old)).mtimeMs > 3_600_000)
      rmSync(join(CACHE, old), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  try {
    renameSync(built.dist, dist);
  } catch (error) {
    // Another test run got there first with the same inputs: use its build.
    rmSync(built.dist, { recursive: true, force: true });
    if (!existsSync(dist)) throw error;
  }
  // Written last: a folder without its log is an unfinished build.
  writeFileSync(log, built.output);
  return siteAt(key, dist, built.code, built.output);
}
