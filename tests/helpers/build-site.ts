/**
 * Builds a fixture site with the real `astro build`, once per fixture and
 * SITE_URL in a test file, into its own folder under tmp/site-builds/.
 *
 *   const site = await buildSite('basic', { siteUrl: 'https://example.org/repo/' });
 *   site.read('claims/x/index.html')   // a file of dist/
 *
 * A fixture is a content folder: tests/fixtures/sites/<name>/ (site.yml, sources/,
 * claims/, pages/), or any absolute path. The build runs in a child process on
 * the same Node as the tests, from the project root, with CONTENT_DIR set.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'sites');
export const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const BUILDS = join(ROOT, 'tmp', 'site-builds');

export interface BuildOptions {
  /** SITE_URL for the build (may carry a path). Default: the fixture's site.yml url. */
  siteUrl?: string;
  /** More environment variables. */
  env?: Record<string, string>;
  /** Resolve instead of throwing when the build fails (to test failures). */
  allowFailure?: boolean;
}

export interface BuiltSite {
  /** Absolute path of the built site. */
  dist: string;
  /** The content folder built. */
  contentDir: string;
  /** Exit code of `astro build`. */
  code: number;
  /** stdout and stderr together. */
  output: string;
  /** Reads a file of the built site (path relative to dist). */
  read(path: string): string;
  exists(path: string): boolean;
  /** Every file of the built site, relative to dist, with `/` separators. */
  files(): string[];
}

const cache = new Map<string, Promise<BuiltSite>>();

/**
 * The environment for an `astro` child process: this one's, less the variables Vitest
 * puts in it (BASE_URL, MODE, NODE_ENV=test...), which a real build never has and
 * which would move every link off the base path.
 */
export function astroEnv(extra: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(e[0]),
    ),
  );
  return { ...inherited, ...extra };
}

/** `astro <args>` in a child process from the project root, on this Node, with astroEnv(env). */
export function runAstro(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, ...args], {
      cwd: ROOT,
      env: astroEnv({ ...env, FORCE_COLOR: '0', NO_COLOR: '1' }),
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? listFiles(abs, base) : [relative(base, abs).split('\\').join('/')];
  });
}

export function buildSite(fixture: string, options: BuildOptions = {}): Promise<BuiltSite> {
  const contentDir = isAbsolute(fixture) ? fixture : join(FIXTURES, fixture);
  const key = JSON.stringify([contentDir, options.siteUrl ?? '', options.env ?? {}]);
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      if (!existsSync(contentDir)) throw new Error(`no fixture at ${contentDir}`);
      // Inside the project (tmp/ is git-ignored): with an outDir outside the working folder Astro
      // puts its prerender chunks in the shared .astro/, and concurrent builds then break each other.
      mkdirSync(BUILDS, { recursive: true });
      const dist = mkdtempSync(join(BUILDS, `${basename(contentDir)}-`));
      // A cache of its own: builds of one fixture side by side must not copy pages from each other's
      // (incremental builds), nor race on one content store; and a second build proves nothing if it
      // only copied the first one's pages.
      const env: Record<string, string> = { CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: `${dist}.cache`, ...(options.env ?? {}) };
      if (options.siteUrl) env.SITE_URL = options.siteUrl;
      else env.SITE_URL = '';
      const { code, output } = await runAstro(['build', '--outDir', dist], env);
      rmSync(`${dist}.cache`, { recursive: true, force: true });
      if (code !== 0 && !options.allowFailure) {
        rmSync(dist, { recursive: true, force: true });
        throw new Error(`astro build of ${fixture} failed (exit ${code}):\n${output}`);
      }
      return {
        dist,
        contentDir,
        code,
        output,
        read: (path: string) => readFileSync(resolve(dist, path), 'utf8'),
        exists: (path: string) => existsSync(resolve(dist, path)),
        files: () => (existsSync(dist) ? listFiles(dist) : []),
      };
    })();
    cache.set(key, pending);
  }
  return pending;
}

/** Removes the builds made by this test file (call from afterAll). */
export async function cleanBuilds(): Promise<void> {
  for (const p of cache.values()) {
    const site = await p.catch(() => null);
    if (site) rmSync(site.dist, { recursive: true, force: true });
  }
  cache.clear();
}

/** The HTML pages of a built site, by their paths in dist/. */
export const htmlFiles = (site: BuiltSite): string[] => site.files().filter((f) => f.endsWith('.html'));

/** The fixture full of markup-looking text, which the validity and security suites both read. */
export const buildHostile = (): Promise<BuiltSite> => buildSite('hostile', { siteUrl: 'https://hostile.example.org/' });
