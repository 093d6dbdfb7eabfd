/** Git dates from a real repository made in a temporary folder, with fixed commit dates. */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedGitDates, gitDates } from '../../src/site/git-dates.ts';

/** A repository whose commits carry fixed dates, so the expected days never depend on the clock. */
function makeRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'git-dates-'));
  const git = (args: string[], date?: string) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Editor', '-c', 'user.email=editor@example.org', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
        },
      },
    );
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const commit = (date: string, message: string) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], date);
  };
  git(['init', '-q', '-b', 'main']);
  write('content/site.yml', 'title: t\n');
  write('content/claims/a.md', 'a1\n');
  write('content/claims/b.md', 'b1\n');
  write('content/sources/s.md', 's1\n');
  write('README.md', 'outside the content folder\n');
  commit('2024-01-10T12:00:00+00:00', 'first');
  write('content/claims/a.md', 'a2\n');
  write('README.md', 'changed outside\n');
  commit('2024-03-05T09:30:00+00:00', 'edit a');
  // Late evening in Chicago is already the next day in UTC: the day is the committer's.
  write('content/sources/s.md', 's2\n');
  commit('2024-04-01T23:30:00-05:00', 'edit s in the evening');
  // A commit dated earlier than its parent (a rebased or imported commit): newest date wins, not log order.
  write('content/claims/a.md', 'a3\n');
  commit('2024-02-01T08:00:00+00:00', 'backdated edit of a');
  write('content/claims/café.md', 'c\n');
  renameSync(join(repo, 'content/claims/b.md'), join(repo, 'content/claims/b-renamed.md'));
  commit('2024-05-20T10:00:00+00:00', 'add a file with an accent; rename b');
  write('content/claims/uncommitted.md', 'never committed\n');
  return repo;
}

describe('gitDates', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeRepo();
  });

  it('gives each file under the content folder the day of its newest commit, relative to that folder', () => {
    const dates = gitDates(join(repo, 'content'));
    expect(dates.get('site.yml')).toBe('2024-01-10');
    expect(dates.get('claims/a.md')).toBe('2024-03-05');
    expect(dates.get('sources/s.md')).toBe('2024-04-01');
    expect(dates.get('claims/café.md')).toBe('2024-05-20');
    expect(dates.get('claims/b-renamed.md')).toBe('2024-05-20');
    expect(dates.has('claims/uncommitted.md')).toBe(false);
    expect(dates.has('README.md')).toBe(false);
    expect(dates.has('../README.md')).toBe(false);
  });

  it('runs git once for the log (plus one look for a shallow clone), not once per file', () => {
    const calls: string[][] = [];
    const dates = gitDates(join(repo, 'content'), (args, cwd) => {
      calls.push(args);
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    });
    expect(dates.size).toBeGreaterThanOrEqual(5);
    expect(calls.filter((a) => a.includes('log'))).toHaveLength(1);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it('answers once per folder when cached', () => {
    const first = cachedGitDates(join(repo, 'content'));
    expect(first.get('claims/a.md')).toBe('2024-03-05');
    expect(cachedGitDates(join(repo, 'content'))).toBe(first);
  });

  it('ignores the boundary commit of a shallow clone, which claims to add every file', () => {
    const clone = mkdtempSync(join(tmpdir(), 'git-dates-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo}`, clone], { stdio: 'ignore' });
    const dates = gitDates(join(clone, 'content'));
    // Only the newest commit is inside the history; the one before it is the boundary.
    expect(dates.get('claims/café.md')).toBe('2024-05-20');
    expect(dates.has('site.yml')).toBe(false);
    expect(dates.has('claims/a.md')).toBe(false);
    rmSync(clone, { recursive: true, force: true });
  });

  it('is quietly empty outside a repository, or without git', () => {
    const plain = mkdtempSync(join(tmpdir(), 'no-git-'));
    writeFileSync(join(plain, 'x.md'), 'x');
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temporary folder.
    process.env.GIT_CEILING_DIRECTORIES = tmpdir();
    try {
      expect(gitDates(plain).size).toBe(0);
    } finally {
      delete process.env.GIT_CEILING_DIRECTORIES;
    }
    expect(gitDates(join(repo, 'missing-folder')).size).toBe(0);
    const noGit = () => {
      throw Object.assign(new Error('spawnSync git ENOENT'), { code: 'ENOENT' });
    };
    expect(gitDates(join(repo, 'content'), noGit).size).toBe(0);
  });
});
