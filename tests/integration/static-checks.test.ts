/**
 * The static checks are part of `npm test`, so CI fails on them: every .ts file
 * type-checks under TypeScript strict (astro/tsconfigs/strict), and Biome's
 * linter and formatter (biome.jsonc, `npm run lint`) find nothing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

it('type-checks with no error', () => {
  const run = spawnSync(bin('tsc'), ['--noEmit', '-p', root], { cwd: root, encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
});

it('lints and is formatted, with no error or warning', () => {
  // --error-on-warnings: a warning let through today is a hundred next month.
  const run = spawnSync(bin('biome'), ['ci', '--error-on-warnings', '--colors=off', root], { cwd: root, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout + run.stderr).toMatch(/Checked \d+ files/);
});
