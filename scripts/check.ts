/**
 * `npm run check`. Most of a check of a small desk is Node compiling the parsers
 * it loads (remark, yaml, zod); Node's compile cache keeps that work between runs.
 */
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

enableCompileCache?.(fileURLToPath(new URL('../node_modules/.cache/node-compile', import.meta.url)));
await import('./check-main.ts');
