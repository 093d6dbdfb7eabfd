/**
 * "Last updated" from git: the day of each content file's newest commit, read
 * in one `git log` over the content folder (a process per file would cost
 * seconds on a large site). Without git, outside a repository, or for a file
 * never committed, there is simply no date: a tarball still builds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type GitRun = (args: string[], cwd: string) => string;

const runGit: GitRun = (args, cwd) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });

/** Starts each commit's record; a NUL cannot occur in a path or a date. */
const MARK = '\u0000';

/**
 * Parses `git log --format=%x00%H %ct %cs --name-only` output into the newest
 * committer day per path. Newest is by timestamp, not by the order git prints,
 * since that order follows the graph, not the clock. `shallow` holds the
 * boundary commits of a shallow clone: git shows them as adding every file, so
 * they say nothing about when a file last changed.
 */
export function parseGitLog(out: string, shallow: ReadonlySet<string> = new Set()): Map<string, string> {
  const best = new Map<string, { t: number; day: string }>();
  for (const record of out.split(MARK)) {
    const lines = record.split('\n');
    const head = /^([0-9a-f]{7,64}) (-?\d+) (\d{4}-\d{2}-\d{2})$/.exec(lines[0]!.trim());
    if (!head || shallow.has(head[1]!)) continue;
    const t = Number(head[2]);
    for (const raw of lines.slice(1)) {
      const path = unquote(raw.trim());
      if (!path) continue;
      const prev = best.get(path);
      if (!prev || t > prev.t) best.set(path, { t, day: head[3]! });
    }
  }
  return new Map([...best].map(([path, v]) => [path, v.day]));
}

/** git quotes paths with unusual bytes (`"caf\303\251.md"`) unless core.quotePath is off; we turn it off, but be safe. */
function unquote(p: string): string {
  if (!(p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes: number[] = [];
  const s = p.slice(1, -1);
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && /[0-7]{3}/.test(s.slice(i + 1, i + 4))) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else if (s[i] === '\\') {
      const c = s[++i]!;
      bytes.push(...Buffer.from(({ n: '\n', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c] ?? c));
    } else bytes.push(...Buffer.from(s[i]!));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Day of the newest commit (committer date, in the committer's own time zone)
 * for every file under `dir`, keyed by path relative to `dir` with `/`
 * separators, e.g. `claims/ban-is-permanent.md`. Empty when git cannot answer.
 */
export function gitDates(dir: string, run: GitRun = runGit): Map<string, string> {
  try {
    const log = run(
      [
        '-c',
        'core.quotePath=false',
        'log',
        '--relative',
        '--no-merges',
        '--no-renames',
        '--format=%x00%H %ct %cs',
        '--name-only',
        '--',
        '.',
      ],
      dir,
    );
    let shallow = new Set<string>();
    if (/[0-9a-f]/.test(log)) {
      try {
        // Only a shallow clone has this file; reading it costs one process, once.
        const file = resolve(dir, run(['rev-parse', '--git-path', 'shallow'], dir).trim());
        shallow = new Set(readLines(file));
      } catch {
        /* not shallow, or an old git: no boundary commits to ignore */
      }
    }
    return parseGitLog(log, shallow);
  } catch {
    return new Map();
  }
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * "Last updated": the later of the newest `updates` entry and the file's last
 * commit, as `YYYY-MM-DD`; `fallback` (e.g. `reviewed`) when neither exists.
 */
export function lastUpdated(
  updates: readonly { date: string }[] | undefined,
  gitDate: string | undefined,
  fallback?: string,
): string | undefined {
  const days = [...(updates ?? []).map((u) => u.date), gitDate].filter((d): d is string => typeof d === 'string' && d.length > 0);
  if (days.length === 0) return fallback;
  return days.reduce((a, b) => (b > a ? b : a));
}

const cache = new Map<string, Map<string, string>>();

/** `gitDates` once per content folder per process: every page of a build asks, git answers once. */
export function cachedGitDates(dir: string): Map<string, string> {
  let dates = cache.get(dir);
  if (!dates) {
    dates = gitDates(dir);
    cache.set(dir, dates);
  }
  return dates;
}
