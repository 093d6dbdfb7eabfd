import { isAbsolute, resolve } from 'node:path';

// getCorpus asks for the folder several times a page: resolve it once per root and CONTENT_DIR.
let last: { root: string; dir: string | undefined; path: string } | undefined;

/** The content folder: `CONTENT_DIR` (absolute, or relative to the project root) or `content/`. */
export function contentDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  const dir = env.CONTENT_DIR?.trim();
  if (last && last.root === root && last.dir === dir) return last.path;
  const path = !dir ? resolve(root, 'content') : isAbsolute(dir) ? dir : resolve(root, dir);
  last = { root, dir, path };
  return path;
}
