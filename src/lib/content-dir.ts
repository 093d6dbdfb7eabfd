import { isAbsolute, resolve } from 'node:path';

/** The content folder: `CONTENT_DIR` (absolute, or relative to the project root) or `content/`. */
export function contentDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  const dir = env.CONTENT_DIR?.trim();
  if (!dir) return resolve(root, 'content');
  return isAbsolute(dir) ? dir : resolve(root, dir);
}
