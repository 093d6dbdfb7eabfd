/**
 * Where Astro keeps what a later build reuses: its content store (each entry's rendering, by its
 * digest) and, for incremental builds, the manifest of page keys and a copy of every keyed page.
 * One folder per content folder, so that fixture builds never share (or race on) the demo's;
 * ASTRO_CACHE_DIR gives a build one of its own. The Deploy workflow keeps ASTRO_CACHE_ROOT
 * between deploys (tests/unit/workflows.test.ts holds it to this).
 */
import { fnv1a } from '../core/hash.ts';

export const ASTRO_CACHE_ROOT = 'node_modules/.astro';

export function astroCacheDir(contentDir: string, env: Record<string, string | undefined> = process.env): string {
  return env.ASTRO_CACHE_DIR?.trim() || `./${ASTRO_CACHE_ROOT}/${fnv1a(contentDir)}`;
}
