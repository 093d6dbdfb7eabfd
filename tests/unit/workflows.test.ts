/**
 * The workflows are code too: they must parse, and every npm script they run
 * must exist, or a pull request fails for a reason no editor can fix.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { defaultCacheDir } from '../../src/share-cards/card.ts';
import { ASTRO_CACHE_ROOT, astroCacheDir } from '../../src/integrations/astro-cache.ts';
import { searchCacheDir } from '../../src/integrations/pagefind.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>);

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, { 'runs-on': string; needs?: string | string[]; steps: Step[]; environment?: { name: string } }>;
}

const dir = join(root, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const load = (name: string) => parse(readFileSync(join(dir, name), 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
/** Every npm command in a step's shell script, e.g. `npm run check`, `npm ci`, `npm test`. */
const npmCommands = (w: Workflow) =>
  steps(w).flatMap((s) =>
    [...(s.run ?? '').matchAll(/\bnpm\s+(run\s+[\w:-]+|ci|test|install)\b/g)].map((m) => m[1]!.replace(/\s+/g, ' ')),
  );

describe('GitHub workflows', () => {
  it('parse, and every npm script they name exists in package.json', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['check.yml', 'deploy.yml']));
    for (const f of files) {
      const w = load(f);
      expect(Object.keys(w.jobs).length, f).toBeGreaterThan(0);
      for (const s of steps(w))
        expect(Boolean(s.run) !== Boolean(s.uses), `${f}: a step runs a command or uses an action`).toBe(true);
      for (const cmd of npmCommands(w)) {
        if (cmd.startsWith('run ')) expect(scripts, `${f}: npm ${cmd}`).toContain(cmd.slice(4));
      }
      // `npm install` would rewrite the lock file; CI installs exactly what is locked.
      expect(npmCommands(w), f).not.toContain('install');
    }
  });

  it('check every pull request: npm ci, then npm run check, then npm test, on Node 22', () => {
    const w = load('check.yml');
    expect(Object.keys(w.on)).toContain('pull_request');
    expect(npmCommands(w)).toEqual(['ci', 'run check', 'test']);
    expect(scripts).toContain('test');
    const node = steps(w).find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('22');
  });

  it('deploy main to GitHub Pages with the site URL from the Pages configuration', () => {
    const w = load('deploy.yml');
    expect(w.on).toMatchObject({ push: { branches: ['main'] } });
    expect(w.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(w.concurrency?.group).toBeTruthy();
    const all = steps(w);
    const pages = all.find((s) => s.uses?.startsWith('actions/configure-pages@'));
    expect(pages?.id).toBe('pages');
    const build = all.find((s) => /\bnpm run build\b/.test(s.run ?? ''));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    expect(build?.env?.SITE_URL).toBe('${{ steps.pages.outputs.base_url }}');
    expect(all.indexOf(pages!)).toBeLessThan(all.indexOf(build!));
    const upload = all.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('dist');
    const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'));
    // "Last updated" comes from git: a shallow clone would date every page to the last push.
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const deploy = Object.values(w.jobs).find((j) => j.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
    expect(deploy?.needs).toBe('build');
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(npmCommands(w)).toEqual(['ci', 'run build']);
  });

  it('keep the share cards and Astro’s cache between deploys, restored after npm ci (which empties node_modules) and before the build', () => {
    const all = steps(load('deploy.yml'));
    // Exactly the caches a later build reuses, and no more: the cards and Astro's (docs/performance.md).
    const caches = all.filter((s) => s.uses?.startsWith('actions/cache@'));
    expect(caches.map((c) => c.with?.path)).toEqual([relative(root, defaultCacheDir(root, {})), ASTRO_CACHE_ROOT]);
    // Every content folder's Astro cache is under the folder kept.
    expect(astroCacheDir(join(root, 'content'), {})).toMatch(new RegExp(`^\\./${ASTRO_CACHE_ROOT}/[^/]+$`));
    const [cards, astro] = caches;
    // The search index's shards are kept beside each content folder's Astro cache, so under the folder kept.
    for (const dir of ['content', '/srv/desk'])
      expect(relative(root, searchCacheDir(root, { CONTENT_DIR: dir })).startsWith(`${ASTRO_CACHE_ROOT}/`)).toBe(true);
    // The cards' key changes with the code that draws and encodes a card.
    expect(String(cards?.with?.key)).toContain("'src/share-cards/card.ts', 'src/share-cards/png.ts'");
    expect(String(cards?.with?.['restore-keys'])).toBe('share-cards-');
    expect(String(cards?.with?.key)).toMatch(/^share-cards-\$\{\{ hashFiles\(/);
    // Astro's is saved after every deploy, and the latest one restored: pages are reused by their own keys.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    expect(String(astro?.with?.key)).toBe('astro-${{ github.sha }}');
    expect(String(astro?.with?.['restore-keys'])).toBe('astro-');
    const install = all.findIndex((s) => /\bnpm ci\b/.test(s.run ?? ''));
    const build = all.findIndex((s) => /\bnpm run build\b/.test(s.run ?? ''));
    for (const cache of caches) {
      expect(install).toBeLessThan(all.indexOf(cache));
      expect(all.indexOf(cache)).toBeLessThan(build);
    }
  });
});
