/**
 * The build's content data store is read from its file when the pages load it
 * (src/integrations/data-store.ts), instead of being inlined into the code. The
 * module must give exactly what Astro's own gives, and the names it relies on must
 * still be Astro's: both are pinned here. The site built this way is the one every
 * integration test reads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import { build } from 'vite';
import dataStore, {
  DATA_STORE_FILE,
  DATA_STORE_MODULE,
  contentDataMeta,
  dataStoreModule,
} from '../../src/integrations/data-store.ts';
import { ROOT } from '../helpers/build-site.ts';

const tmp = mkdtempSync(join(tmpdir(), 'data-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The Vite plugin the integration adds for `command`, if any. */
function pluginFor(command: 'build' | 'dev', collectionStorage?: string): Plugin | undefined {
  let plugin: Plugin | undefined;
  const hook = dataStore().hooks['astro:config:setup'] as (options: unknown) => void;
  hook({
    command,
    config: { cacheDir: pathToFileURL(`${tmp}/`), experimental: { collectionStorage } },
    updateConfig: (c: { vite: { plugins: Plugin[] } }) => {
      plugin = c.vite.plugins[0];
    },
  });
  return plugin;
}

describe('the content data store in a build', () => {
  it("uses Astro's names for the module and the file", () => {
    const consts = readFileSync(join(ROOT, 'node_modules/astro/dist/content/consts.js'), 'utf8');
    expect(consts).toContain(`DATA_STORE_VIRTUAL_ID = "${DATA_STORE_MODULE.slice(1)}"`);
    expect(consts).toContain(`RESOLVED_DATA_STORE_VIRTUAL_ID = "\\0" + DATA_STORE_VIRTUAL_ID`);
    expect(consts).toContain(`DATA_STORE_FILE = "${DATA_STORE_FILE}"`);
    const paths = readFileSync(join(ROOT, 'node_modules/astro/dist/content/paths.js'), 'utf8');
    expect(paths).toContain('new URL(DATA_STORE_FILE, isDev ? settings.dotAstroDir : settings.config.cacheDir)');
  });

  it('is read from its file, and gives what parsing the file gives', async () => {
    const store = JSON.stringify([['Map', 1, 2], 'claims', { text: 'A “quoted” line\u2028 and </script>' }]);
    writeFileSync(join(tmp, DATA_STORE_FILE), store);
    const load = pluginFor('build')!.load as { handler: (id: string) => { code: string; meta: unknown } | null };
    const loaded = load.handler(DATA_STORE_MODULE)!;
    expect(loaded.code).toBe(dataStoreModule(join(tmp, DATA_STORE_FILE)));
    expect(loaded.code).not.toContain('claims');
    const module = join(tmp, 'module.mjs');
    writeFileSync(module, loaded.code);
    const read = (await import(pathToFileURL(module).href)).default;
    expect(read).toEqual(JSON.parse(store));
    // Every other module is left to its own loader.
    expect(load.handler('/src/pages/index.astro')).toBeNull();
  });

  it("is loaded before Astro's loader would read the store, with the metadata Astro gives it", async () => {
    writeFileSync(join(tmp, DATA_STORE_FILE), '[]');
    // A plugin shaped as Astro's content plugin is: 'pre', registered before ours, resolving the
    // id and loading it with a filtered hook of no order. Vite bundles a module importing it.
    const loaders: string[] = [];
    const astroLike: Plugin = {
      name: 'astro-like',
      enforce: 'pre',
      resolveId: { filter: { id: /^astro:data-layer-content$/ }, handler: () => DATA_STORE_MODULE },
      load: {
        filter: { id: /^\0astro:data-layer-content$/ },
        handler() {
          loaders.push('astro');
          return { code: 'export default "inlined"', meta: contentDataMeta() };
        },
      },
    };
    const plugin = pluginFor('build')!;
    const load = plugin.load as { order: 'pre'; handler: (id: string) => unknown };
    const ours: Plugin = {
      ...plugin,
      load: {
        order: load.order,
        handler(id: string) {
          const loaded = load.handler(id);
          if (loaded) loaders.push('ours');
          return loaded as null;
        },
      },
    };
    let meta: unknown;
    const probe: Plugin = {
      name: 'probe',
      buildEnd() {
        meta = this.getModuleInfo(DATA_STORE_MODULE)?.meta;
      },
    };
    writeFileSync(join(tmp, 'entry.js'), 'export { default } from "astro:data-layer-content";\n');
    const out = await build({
      root: tmp,
      configFile: false,
      logLevel: 'silent',
      plugins: [astroLike, ours, probe],
      build: { write: false, minify: false, lib: { entry: join(tmp, 'entry.js'), formats: ['es'] } },
    });
    expect(loaders).toEqual(['ours']);
    const code = (Array.isArray(out) ? out[0]! : (out as { output: { code?: string }[] })).output[0]!.code;
    expect(code).toContain('readFileSync');
    expect(code).not.toContain('inlined');
    expect(meta).toMatchObject(contentDataMeta());
    // Astro's own helper gives the same metadata, and recognises it as content data.
    const metadata = await import(pathToFileURL(join(ROOT, 'node_modules/astro/dist/core/build/incremental-metadata.js')).href);
    expect(contentDataMeta()).toEqual(metadata.createContentDataIncrementalMetadata());
    expect(metadata.isContentDataIncrementalModule({ meta: contentDataMeta() })).toBe(true);
    // The stand-in is shaped as Astro's plugin still is.
    const astroPlugin = readFileSync(join(ROOT, 'node_modules/astro/dist/content/vite-plugin-content-virtual-mod.js'), 'utf8');
    expect(astroPlugin).toContain('enforce: "pre"');
    expect(astroPlugin).toMatch(/load: \{\s*filter:/);
    expect(astroPlugin).not.toMatch(/order:/);
  });

  it('leaves a missing store to Astro, which gives an empty one', () => {
    rmSync(join(tmp, DATA_STORE_FILE), { force: true });
    const load = pluginFor('build')!.load as { handler: (id: string) => unknown };
    expect(load.handler(DATA_STORE_MODULE)).toBeNull();
  });

  it('is left to Astro in the dev server and for a chunked store', () => {
    expect(pluginFor('dev')).toBeUndefined();
    expect(pluginFor('build', 'chunked')).toBeUndefined();
    expect(pluginFor('build', 'single-file')).toBeDefined();
  });
});
