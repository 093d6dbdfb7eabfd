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
import dataStore, { DATA_STORE_FILE, DATA_STORE_MODULE, dataStoreModule } from '../../src/integrations/data-store.ts';
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
    const transform = pluginFor('build')!.transform as (code: string, id: string) => { code: string } | null;
    const inlined = `export default JSON.parse(${JSON.stringify(store)})`;
    const code = transform(inlined, DATA_STORE_MODULE)!.code;
    expect(code).toBe(dataStoreModule(join(tmp, DATA_STORE_FILE)));
    expect(code).not.toContain('claims');
    const module = join(tmp, 'module.mjs');
    writeFileSync(module, code);
    const read = (await import(pathToFileURL(module).href)).default;
    expect(read).toEqual(JSON.parse(store));
    // Every other module is left alone.
    expect(transform('export default 1', '/src/pages/index.astro')).toBeNull();
  });

  it('is left to Astro in the dev server and for a chunked store', () => {
    expect(pluginFor('dev')).toBeUndefined();
    expect(pluginFor('build', 'chunked')).toBeUndefined();
    expect(pluginFor('build', 'single-file')).toBeDefined();
  });
});
