/**
 * Astro builds its content data store into the site's code as one module,
 * `export default JSON.parse("<the whole store>")`. On a large desk that is a module
 * of tens of megabytes (every claim's rendered HTML) that the bundler parses and
 * writes, and that V8 then keeps twice for the whole build: as the module's source
 * and as its string constant (docs/performance.md). In a build this module reads the
 * store's file when the pages first load it instead: the same bytes parsed by the
 * same JSON.parse, and the text let go once parsed. It is loaded before Astro's own
 * loader is asked, which would read the file, parse it whole to validate it and
 * quote it into a string literal, all at once, only for the code to be replaced.
 * The dev server keeps Astro's own module, which it reloads when the store changes.
 * Should the read fail, Astro gives the pages an empty store without a word; the
 * content check then refuses the site, which lacks the entries' pages.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The id Astro resolves `astro:data-layer-content` to (astro/dist/content/consts.js). */
export const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** The store's file in the cache folder, as a build writes it (astro/dist/content/paths.js). */
export const DATA_STORE_FILE = 'data-store.json';

/**
 * The metadata Astro's loader gives the module (astro/dist/core/build/incremental-metadata.js):
 * content data, which incremental builds leave out of a page's code digest because the page's
 * cacheKey covers it.
 */
export const contentDataMeta = () => ({ astroIncremental: { kind: 'content-data' } });

/** The module's code: the store read from `file` when the module is first evaluated. */
export function dataStoreModule(file: string): string {
  return `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
}

export default function dataStore(): AstroIntegration {
  return {
    name: 'factcheck:data-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        // A chunked store is a module per chunk, loaded otherwise: left as Astro writes it.
        if (command !== 'build' || (config.experimental.collectionStorage ?? 'single-file') !== 'single-file') return;
        const file = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'factcheck:data-store',
                // Astro's content plugin is `enforce: 'pre'` and comes before this one, so its own
                // load would answer first; a hook ordered 'pre' runs before every unordered one.
                enforce: 'pre',
                load: {
                  order: 'pre',
                  handler(id) {
                    // No store yet (no collection): Astro's empty one.
                    if (id !== DATA_STORE_MODULE || !existsSync(file)) return null;
                    return { code: dataStoreModule(file), map: { mappings: '' }, meta: contentDataMeta() };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
