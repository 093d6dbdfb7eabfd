/**
 * `npm run check` in a pull request: with GITHUB_ACTIONS set, every problem is
 * also a workflow command, so GitHub shows it on the changed line.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { githubAnnotation } from '../../src/core/problems.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = 'tests/fixtures/sites/annotated';

function check(contentDir: string, cwd: string, github: boolean) {
  const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: contentDir, INIT_CWD: cwd };
  delete env.GITHUB_ACTIONS;
  if (github) env.GITHUB_ACTIONS = 'true';
  return spawnSync(process.execPath, [join(root, 'scripts/check.ts')], { cwd: root, env, encoding: 'utf8' });
}

describe('npm run check on GitHub Actions', () => {
  it('prints one ::error annotation per problem, on the line and column of the problem', () => {
    const r = check(fixture, root, true);
    expect(r.status).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([
      '::error file=tests/fixtures/sites/annotated/claims/bad-verdict.md,line=4,col=10::unknown verdict `half-true`; ' +
        'the scale has true, mostly-true, needs-context, misleading, false, unproven',
      expect.stringMatching(
        /^::error file=tests\/fixtures\/sites\/annotated\/claims\/ordinance-passed\.md,line=10,col=1::excerpt not found in source council-minutes .*Closest passage: “The council voted nine to four to adopt the ordinance/,
      ),
    ]);
    // The readable list still goes to the log, one problem per line.
    expect(r.stderr).toContain('tests/fixtures/sites/annotated/claims/bad-verdict.md:4:10: unknown verdict `half-true`');
    expect(r.stderr).toContain('tests/fixtures/sites/annotated/claims/ordinance-passed.md:10:1: excerpt not found');
  });

  it('prints no annotations outside GitHub Actions', () => {
    const r = check(fixture, root, false);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('::error');
    expect(r.stderr).toContain('2 problems');
  });

  it('escapes commas and colons in file names and percent signs in messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'annotations-'));
    cpSync(join(root, fixture), dir, { recursive: true });
    writeFileSync(join(dir, 'claims/odd,name:here.md'), '---\nclaim: x\n---\n');
    writeFileSync(
      join(dir, 'claims/bad-verdict.md'),
      '---\nclaim: x\nclaimant: y\nverdict: "100%"\nsummary: z\nreviewed: 2024-05-01\n---\nText.\n',
    );
    const r = check(dir, dir, true);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toContain(
      '::error file=claims/bad-verdict.md,line=4,col=10::unknown verdict `100%25`; the scale has true, mostly-true, needs-context, misleading, false, unproven',
    );
    const odd = annotations.find((l) => l.includes('odd'));
    expect(odd).toMatch(
      /^::error file=claims\/odd%2Cname%3Ahere\.md,line=1,col=1::file name `odd,name:here\.md` is not a valid slug/,
    );
  });
});

describe('githubAnnotation', () => {
  it('escapes the property and message characters GitHub reserves', () => {
    expect(githubAnnotation({ file: 'a,b:c%.md', line: 3, column: 7, message: '50% done:\r\nsecond line, with comma' })).toBe(
      '::error file=a%2Cb%3Ac%25.md,line=3,col=7::50%25 done:%0D%0Asecond line, with comma',
    );
  });
});
