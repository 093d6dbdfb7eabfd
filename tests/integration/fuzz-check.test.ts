/**
 * The checker on broken input: a valid content folder (tests/fixtures/check/good)
 * mutated at random under a fixed seed (truncation, swapped fields and lines, bad
 * UTF-8, NUL bytes, huge values, deep nesting, removed files) a few hundred times.
 * Every run must end in success or in problems that each name a file, a line and a
 * column, never in an exception. A handful of runs go through the real CLI too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { mulberry32 as prng } from '../../scripts/bench/prng.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GOOD = join(ROOT, 'tests', 'fixtures', 'check', 'good');
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;
const SEED = 20240310;
const RUNS = 300;
const CLI_RUNS = 6;

function files(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n), base) : [relative(base, join(dir, n))]));
}

type Mutation = (bytes: Buffer, rnd: () => number) => Buffer;
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const at = (rnd: () => number, n: number) => Math.floor(rnd() * (n + 1));
const lines = (b: Buffer) => b.toString('utf8').split('\n');
const join_ = (ls: string[]) => Buffer.from(ls.join('\n'));

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, at(r, b.length)),
  swapLines: (b, r) => {
    const ls = lines(b);
    const i = at(r, ls.length - 1);
    const j = at(r, ls.length - 1);
    [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    return join_(ls);
  },
  /** Two front-matter values change places (a date where a verdict goes, a list where a string goes). */
  swapFields: (b, r) => {
    const ls = lines(b);
    const fields = ls.map((l, i) => [i, /^([a-z]+):\s?(.*)$/.exec(l)] as const).filter(([, m]) => m !== null);
    if (fields.length < 2) return b;
    const [i, mi] = pick(r, fields);
    const [j, mj] = pick(r, fields);
    ls[i] = `${mi![1]}: ${mj![2]}`;
    ls[j] = `${mj![1]}: ${mi![2]}`;
    return join_(ls);
  },
  deleteLine: (b, r) => {
    const ls = lines(b);
    ls.splice(at(r, ls.length - 1), 1);
    return join_(ls);
  },
  duplicateLine: (b, r) => {
    const ls = lines(b);
    const i = at(r, ls.length - 1);
    ls.splice(i, 0, ls[i]!);
    return join_(ls);
  },
  badUtf8: (b, r) => {
    const i = at(r, b.length);
    const junk = pick(r, [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x80], [0xc0, 0xaf]]);
    return Buffer.concat([b.subarray(0, i), Buffer.from(junk), b.subarray(i)]);
  },
  nulBytes: (b, r) => {
    const i = at(r, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from([0, 0, 0]), b.subarray(i)]);
  },
  randomBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let k = 0; k < 8 && out.length > 0; k++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
    return out;
  },
  hugeValue: (b, r) => {
    const ls = lines(b);
    const i = Math.min(at(r, ls.length - 1), ls.length - 1);
    const huge = pick(r, [
      'x'.repeat(100_000),
      '9'.repeat(5_000),
      `[${Array.from({ length: 5_000 }, (_, k) => `t${k}`).join(', ')}]`,
      `"${'“quoted” '.repeat(5_000)}"`,
      `${'word '.repeat(30_000)}`,
    ]);
    const m = /^([a-z]+):/.exec(ls[i]!);
    ls[i] = m ? `${m[1]}: ${huge}` : `${ls[i]} ${huge}`;
    return join_(ls);
  },
  deepNesting: (b, r) => {
    const ls = lines(b);
    const i = at(r, ls.length);
    const deep = pick(r, [
      `${'> '.repeat(3000)}deep`,
      // Indented lists grow as the square of their depth (200 levels is 40 KB of spaces).
      Array.from({ length: 200 }, (_, k) => `${'  '.repeat(k)}- item`).join('\n'),
      `${'- '.repeat(1000)}deep`,
      `tags: ${'['.repeat(5000)}${']'.repeat(5000)}`,
      `updates: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}`,
      `${'*'.repeat(5000)}emphasis${'*'.repeat(5000)}`,
      `${'['.repeat(4000)}link${']'.repeat(4000)}(../sources/town-paper.md)`,
      `> [“${'['.repeat(2000)}”](../sources/town-paper.md)`,
    ]);
    ls.splice(i, 0, deep);
    return join_(ls);
  },
  frontMatterFence: (b, r) => {
    const ls = lines(b);
    ls.splice(at(r, ls.length), 0, pick(r, ['---', '---\n---', '...', '--- ---']));
    return join_(ls);
  },
  crlfAndBom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n'))]),
  empty: () => Buffer.alloc(0),
};

interface Case {
  dir: string;
  applied: string[];
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A copy of the good folder with one to three random mutations, named for the failure message. */
function mutatedCopy(rnd: () => number): Case {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-check-'));
  made.push(dir);
  cpSync(GOOD, dir, { recursive: true });
  const all = files(dir);
  const applied: string[] = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < count; k++) {
    const file = pick(rnd, all);
    if (!existsSync(join(dir, file))) continue;
    if (rnd() < 0.04) {
      unlinkSync(join(dir, file));
      applied.push(`remove ${file}`);
      continue;
    }
    const name = pick(rnd, Object.keys(MUTATIONS));
    writeFileSync(join(dir, file), MUTATIONS[name]!(readFileSync(join(dir, file)), rnd));
    applied.push(`${name} ${file}`);
  }
  return { dir, applied };
}

/** What is wrong with the problems of a run: each names a file of the folder, a line in it and a column. */
function badProblems(dir: string, problems: { file: string; line: number; column: number; message: string }[]): string[] {
  const bad: string[] = [];
  for (const p of problems) {
    const where = `${p.file}:${p.line}:${p.column}: ${p.message}`;
    if (typeof p.file !== 'string' || p.file === '' || p.file.startsWith('..')) bad.push(`no file in the folder: ${where}`);
    if (!Number.isInteger(p.line) || p.line < 1) bad.push(`bad line: ${where}`);
    if (!Number.isInteger(p.column) || p.column < 1) bad.push(`bad column: ${where}`);
    if (typeof p.message !== 'string' || p.message.trim() === '') bad.push(`no message: ${where}`);
    const abs = join(dir, p.file);
    if (existsSync(abs) && statSync(abs).isFile()) {
      const count = readFileSync(abs, 'utf8').split('\n').length;
      if (p.line > count) bad.push(`line ${p.line} is past the end of the file (${count} lines): ${where}`);
    }
  }
  return bad;
}

describe(`the checker on ${RUNS} random mutations of a valid folder (seed ${SEED})`, () => {
  it('the unmutated folder is valid (the mutations start from success)', () => {
    expect(loadCorpus(GOOD, { displayBase: GOOD }).problems).toEqual([]);
  });

  it('never throws, and reports every problem at a file:line:column', () => {
    const rnd = prng(SEED);
    const failures: string[] = [];
    let withProblems = 0;
    for (let run = 0; run < RUNS; run++) {
      const c = mutatedCopy(rnd);
      try {
        const corpus = loadCorpus(c.dir, { displayBase: c.dir });
        if (corpus.problems.length > 0) withProblems++;
        for (const b of badProblems(c.dir, corpus.problems)) failures.push(`run ${run} [${c.applied.join('; ')}]: ${b}`);
      } catch (error) {
        failures.push(
          `run ${run} [${c.applied.join('; ')}]: threw ${(error as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(error)}`,
        );
      }
      rmSync(c.dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    // The mutations bite: most runs find something wrong.
    expect(withProblems).toBeGreaterThan(RUNS / 2);
  }, 300_000);

  it(`through the CLI (${CLI_RUNS} runs): exit 0 or 1, and every problem line is path:line:column: message`, () => {
    const rnd = prng(SEED + 1);
    for (let run = 0; run < CLI_RUNS; run++) {
      const c = mutatedCopy(rnd);
      const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: c.dir };
      delete env.INIT_CWD;
      delete env.GITHUB_ACTIONS;
      const r = spawnSync(NODE, [join(ROOT, 'scripts/check.ts')], {
        cwd: c.dir,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const label = `run ${run} [${c.applied.join('; ')}]`;
      expect([0, 1], `${label}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`).toContain(r.status);
      const out = r.stderr.split('\n').filter((l) => l.trim() !== '');
      if (r.status === 1) {
        const summary = out.pop();
        expect(summary, label).toMatch(/^✗ \d+ problems? in /);
        expect(out.length, label).toBeGreaterThan(0);
        for (const l of out) expect(l, label).toMatch(/^[^:\s][^:]*:\d+:\d+: \S/);
      } else {
        expect(out, label).toEqual([]);
        expect(r.stdout, label).toMatch(/^✓ /);
      }
    }
  }, 120_000);
});

describe('what the fuzzing found: nesting deep enough to overflow the stack is a problem at its line', () => {
  const write = (file: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-check-'));
    made.push(dir);
    cpSync(GOOD, dir, { recursive: true });
    writeFileSync(join(dir, file), text);
    return loadCorpus(dir, { displayBase: dir }).problems.filter((p) => p.file === file);
  };

  it('front matter nested thousands deep', () => {
    const text = readFileSync(join(GOOD, 'claims/bridge-closed-forever.md'), 'utf8').replace(
      /^tags:.*$/m,
      `tags:\n  ${'- '.repeat(3000)}deep`,
    );
    const line = text.split('\n').findIndex((l) => l.startsWith('  - - -')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(write('claims/bridge-closed-forever.md', text)).toEqual([
      {
        file: 'claims/bridge-closed-forever.md',
        line,
        column: 2 * 3000 + 1,
        message: 'the front matter is nested 3001 levels deep (lists or maps inside each other); at most 100 can be read',
      },
    ]);
  });

  it('Markdown lists nested thousands deep', () => {
    const text = `${readFileSync(join(GOOD, 'sources/town-paper.md'), 'utf8')}\n\n${'- '.repeat(1000)}deep\n`;
    const line = text.split('\n').length - 1;
    const problems = write('sources/town-paper.md', text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line,
      message: expect.stringMatching(/^the Markdown is nested \d+ levels deep .*at most 100 can be read$/),
    });
  });
});

describe('a hostile file system: every case ends within seconds, in bounded memory, in problems at their paths', () => {
  /** A copy of the good folder changed by `change`, checked by the CLI under a time and a memory limit. */
  const checkCopy = (change: (dir: string) => void, contentDir?: (dir: string) => string) => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-fs-'));
    made.push(dir);
    cpSync(GOOD, dir, { recursive: true });
    change(dir);
    const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: contentDir?.(dir) ?? dir };
    delete env.INIT_CWD;
    delete env.GITHUB_ACTIONS;
    const r = spawnSync(NODE, ['--max-old-space-size=256', join(ROOT, 'scripts/check.ts')], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.error, 'the check ended in time').toBeUndefined();
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    const lines = r.stderr.split('\n').filter((l) => /^\S.*:\d+:\d+: /.test(l));
    return { status: r.status, lines, stdout: r.stdout };
  };
  const fifo = (path: string) => execFileSync('mkfifo', [path]);
  const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

  it.skipIf(!hasMkfifo)('a FIFO where a content file belongs is a problem; one anywhere else is never opened', () => {
    const r = checkCopy((dir) => {
      fifo(join(dir, 'claims', 'pipe.md'));
      fifo(join(dir, 'claims', 'notes'));
      fifo(join(dir, 'notes.md'));
      mkdirSync(join(dir, 'images'));
      fifo(join(dir, 'images', 'x.png'));
    });
    expect(r.lines).toEqual([
      'claims/pipe.md:1:1: claims/pipe.md is not a regular file (a FIFO, socket or device); content files must be regular files',
    ]);
  });

  it('links to endless files are never followed, in a collection or as site.yml', () => {
    const r = checkCopy((dir) => {
      symlinkSync('/dev/zero', join(dir, 'claims', 'zero.md'));
      symlinkSync('/dev/urandom', join(dir, 'sources', 'random'));
      symlinkSync('user@host.1234:1700000000', join(dir, 'claims', '.#bridge-draft.md'));
      rmSync(join(dir, 'site.yml'));
      symlinkSync('/dev/zero', join(dir, 'site.yml'));
    });
    expect(r.lines).toEqual([
      'claims/zero.md:1:1: claims/zero.md is a symbolic link; content files must be regular files (put the file itself here)',
      'site.yml:1:1: site.yml is a symbolic link; content files must be regular files (put the file itself here)',
    ]);
  });

  it('a collection that is a link to a folder elsewhere is not read', () => {
    const r = checkCopy((dir) => {
      rmSync(join(dir, 'pages'), { recursive: true });
      symlinkSync('/etc', join(dir, 'pages'));
    });
    expect(r.lines).toContainEqual('pages:1:1: pages is a symbolic link; pages/ must be a folder in the content folder');
  });

  it('a file over the size limit is a problem, not a slow read', () => {
    const r = checkCopy((dir) =>
      writeFileSync(join(dir, 'sources', 'huge.md'), `---\ntitle: T\noutlet: O\n---\n${'word '.repeat(600_000)}\n`),
    );
    expect(r.lines).toEqual(['sources/huge.md:1:1: sources/huge.md is 2.9 MB; a content file may be at most 2 MB: split it']);
  });

  it('CONTENT_DIR naming a file is a problem at that path', () => {
    const r = checkCopy(
      () => {},
      (dir) => join(dir, 'site.yml'),
    );
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      'site.yml:1:1: the content folder is not a folder (set CONTENT_DIR to a folder that holds site.yml)',
    ]);
  });

  it('site.yml and content in UTF-16 or invalid UTF-8 are problems, and so is front matter with CR-only line ends', () => {
    const r = checkCopy((dir) => {
      const site = readFileSync(join(dir, 'site.yml'), 'utf8');
      writeFileSync(join(dir, 'site.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(site, 'utf16le')]));
      const page = join(dir, 'pages', 'about.md');
      writeFileSync(page, Buffer.concat([readFileSync(page), Buffer.from([0xc3, 0x28])]));
      const claim = join(dir, 'claims', 'bridge-repair-cost.md');
      writeFileSync(claim, readFileSync(claim, 'utf8').replace(/\n/g, '\r'));
    });
    expect(r.lines).toEqual([
      // A file refused is no entry, so a link to it has nothing to land on.
      'claims/bridge-closed-forever.md:27:10: the link `./bridge-repair-cost.md` points to claims/bridge-repair-cost.md, which does not exist',
      // Astro's reader finds front matter only between LF or CRLF line ends.
      'claims/bridge-repair-cost.md:1:1: the front matter’s lines end in a carriage return alone (CR); save the file with LF or CRLF line endings (the site would find no front matter)',
      'pages/about.md:1:1: the file is not valid UTF-8 text',
      'site.yml:1:1: site.yml is not valid UTF-8 text; save it as UTF-8',
    ]);
  });

  it('an alias bomb in site.yml is refused at its first alias', () => {
    const r = checkCopy((dir) =>
      writeFileSync(
        join(dir, 'site.yml'),
        `${readFileSync(join(dir, 'site.yml'), 'utf8')}x0: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from(
          { length: 8 },
          (_, i) => `x${i + 1}: &${'b'.repeat(i + 1)} [${`*${i === 0 ? 'a' : 'b'.repeat(i)}, `.repeat(9)}0]`,
        ).join('\n')}\n`,
      ),
    );
    expect(r.lines).toEqual([
      'site.yml:10:9: the aliases (*name) expand to too much data; repeat the values instead (at most 100 aliases)',
    ]);
  });
});
