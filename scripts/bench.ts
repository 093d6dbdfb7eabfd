/**
 * `npm run bench -- --claims N [--json] [--seed S] [--keep] [--no-baseline] [--warm-cards] [--share-cards claim|verdict] [--no-incremental] [--query Q]`
 *
 * Generates a seeded corpus of N claims and N/5 sources in a temporary folder,
 * then measures the whole pipeline on it, each step in its own process:
 *   1. `npm run check` (node scripts/check.ts, without npm's own start-up),
 *   2. the build of the real site (`npm run build`: scripts/build.ts, Astro's build
 *      and then the Pagefind index), which logs its own indexing time; that time
 *      is reported as `index_s` and taken out of `build_s`,
 *   3. the search page's first query (`/search/?q=council` in Chromium): what it
 *      transfers, gzip-compressed as a static host sends text (scripts/weight.ts),
 *   4. an incremental build: one claim's analysis edited (scripts/bench/edit.ts),
 *      then check and build again with every cache of the first build kept and
 *      without its dist/, as the Deploy workflow builds,
 *   5. the baseline: the bare Astro site in scripts/bench/baseline/ over the same
 *      content, plus its Pagefind index.
 * Peak RSS is sampled every 100 ms over the whole process tree of each step
 * (Astro, its workers, the Pagefind binary), summed, and the largest sum of
 * steps 1–2 is reported. Prints a table; with --json, a last line that is one
 * JSON object. Not a test: timings depend on the machine and its load.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateCorpus } from './bench/corpus.ts';
import { fnv1a } from '../src/core/hash.ts';
import { pagefindSeconds, treeRss } from './bench/measure.ts';
import { editOneClaim } from './bench/edit.ts';
import { firstQueryTransfer } from './weight.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
// What `npm run build` runs (without npm's own start-up): Astro's build, then the search index.
const buildScript = join(root, 'scripts/build.ts');

interface Args {
  claims: number;
  seed: number;
  json: boolean;
  keep: boolean;
  baseline: boolean;
  warmCards: boolean;
  /** The desk's `share_cards` (site.yml): a card per claim, or one per verdict. */
  shareCards: 'claim' | 'verdict';
  incremental: boolean;
  query: string;
}

const USAGE =
  'npm run bench -- --claims N [--json] [--seed S] [--keep] [--no-baseline] [--warm-cards] [--share-cards claim|verdict] [--no-incremental] [--query Q]';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    claims: 1000,
    seed: 20191,
    json: false,
    keep: false,
    baseline: true,
    warmCards: false,
    shareCards: 'claim',
    incremental: true,
    // A word of the generated desk's prose, in many claims and sources.
    query: 'council',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive whole number`);
      return v;
    };
    if (a === '--claims' || a === '-n') args.claims = value();
    else if (a.startsWith('--claims=')) args.claims = Number(a.slice(9));
    else if (a === '--seed') args.seed = value();
    else if (a === '--json') args.json = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--no-baseline') args.baseline = false;
    else if (a === '--warm-cards') args.warmCards = true;
    else if (a === '--share-cards' && (argv[i + 1] === 'claim' || argv[i + 1] === 'verdict'))
      args.shareCards = argv[++i] as Args['shareCards'];
    else if (a === '--no-incremental') args.incremental = false;
    else if (a === '--query' && argv[i + 1]) args.query = argv[++i]!;
    else throw new Error(`unknown option ${a}; usage: ${USAGE}`);
  }
  if (!Number.isInteger(args.claims) || args.claims < 1) throw new Error('--claims needs a positive whole number');
  return args;
}

interface Run {
  seconds: number;
  peakRss: number;
  code: number | null;
  output: string;
}

/** Runs a command, sampling its process tree's memory every 100 ms; output is kept for parsing and for errors. */
function run(cmd: string, args: string[], env: Record<string, string>, cwd = root): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let peakRss = 0;
    const sample = () => {
      if (child.pid !== undefined) peakRss = Math.max(peakRss, treeRss(child.pid));
    };
    const timer = setInterval(sample, 100);
    child.on('spawn', sample);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolvePromise({ seconds: (performance.now() - started) / 1000, peakRss, code, output });
    });
  });
}

function must(step: string, r: Run): Run {
  if (r.code !== 0) {
    const tail = r.output.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${step} failed (exit ${r.code}):\n${tail}`);
  }
  return r;
}

function walk(dir: string, visit: (path: string, size: number, name: string) => void): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else if (e.isFile()) visit(p, statSync(p).size, e.name);
  }
}

function sizeMb(dir: string): number {
  let total = 0;
  walk(dir, (_p, size) => (total += size));
  return total / 1e6;
}

function countFiles(dir: string): number {
  let n = 0;
  walk(dir, () => n++);
  return n;
}

function countPages(dir: string): number {
  let n = 0;
  walk(dir, (_p, _s, name) => {
    if (name === 'index.html') n++;
  });
  return n;
}

/** Indexes a built site with Pagefind's Node API in a child process, for a site whose build does not. */
async function indexSeparately(dist: string): Promise<Run> {
  const script = `
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join('\\n'));
    const added = await index.addDirectory({ path: ${JSON.stringify(dist)} });
    await index.writeFiles({ outputPath: ${JSON.stringify(join(dist, 'pagefind'))} });
    await pagefind.close();
    console.log('indexed', added.page_count);
  `;
  return must('pagefind', await run(process.execPath, ['--input-type=module', '-e', script], {}));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Progress goes to stderr, the table to stdout, so that with --json the last line of stdout is the JSON.
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const print = (s: string) => process.stdout.write(`${s}\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'factcheck-bench-'));
  const content = join(tmp, 'content');
  // The builds' output stays inside the project: Astro puts its prerender chunks under the outDir only
  // when that is inside the working folder (else in <cwd>/.astro/, where a concurrent build of the project
  // clobbers them), and those chunks import packages that resolve from the project's node_modules.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const out = mkdtempSync(join(root, 'tmp', 'bench-'));
  const env = { CONTENT_DIR: content };
  // The real site keeps one Astro cache per content folder (astro.config.mjs), and the search index's
  // shards beside it (integrations/pagefind.ts); this run's are removed at the end.
  const siteCache = join(root, 'node_modules/.astro', fnv1a(content));
  try {
    const t = performance.now();
    const files = generateCorpus({ claims: args.claims, seed: args.seed, shareCards: args.shareCards });
    for (const f of files) {
      const p = join(content, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
    }
    const mdFiles = files.filter((f) => f.path.endsWith('.md')).length;
    const corpusMb = files.reduce((a, f) => a + Buffer.byteLength(f.content), 0) / 1e6;
    log(
      `corpus: ${args.claims} claims, ${mdFiles} Markdown files, ${corpusMb.toFixed(1)} MB in ${content} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );

    log('check…');
    const check = must('npm run check', await run(process.execPath, [join(root, 'scripts/check.ts')], env));

    log('build…');
    const dist = join(out, 'dist');
    // A new desk's first build: no share card cached yet (they are kept across real builds).
    // With --warm-cards, one cache for every bench run: cards are keyed by what they show, so a
    // run with the same seed reuses the last one's and only draws what changed.
    const buildEnv = {
      ...env,
      CARD_CACHE_DIR: args.warmCards ? join(root, 'node_modules/.cache/factcheck-bench-cards') : join(out, 'cards'),
    };
    if (args.warmCards) {
      // A desk's later builds: every card already in the cache. Drawn here, untimed, with the build's own code.
      log('share cards… (untimed: --warm-cards)');
      const mod = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href);
      const script = `
        const { loadCorpus } = await import(${mod('src/check/load-corpus.ts')});
        const { publishedReviews, shareCardOf } = await import(${mod('src/site/feeds.ts')});
        const { predrawCards } = await import(${mod('src/share-cards/pool.ts')});
        const corpus = loadCorpus(process.env.CONTENT_DIR);
        const inputs = publishedReviews(corpus).map((r) => shareCardOf(corpus, r).input);
        const { done } = predrawCards(inputs, { cacheDir: process.env.CARD_CACHE_DIR, workers: 2 });
        const { failed } = await done;
        if (failed.length) throw new Error(failed.join('\\n'));
      `;
      // A file, not --eval: the pool's worker threads inherit the process's flags, and --input-type breaks them.
      const file = join(out, 'draw-cards.mjs');
      writeFileSync(file, script);
      must('drawing share cards', await run(process.execPath, [file], buildEnv));
    }
    const build = must('npm run build', await run(process.execPath, [buildScript, '--outDir', dist], buildEnv));
    writeFileSync(join(out, 'build.log'), build.output);
    let index_s = pagefindSeconds(build.output);
    let build_s = build.seconds;
    let indexRss = 0;
    if (index_s !== null) {
      build_s -= index_s; // indexed inside the build: the integration timed it
    } else if (!existsSync(join(dist, 'pagefind'))) {
      log('index… (the build wrote no Pagefind index: indexing it here)');
      const idx = await indexSeparately(dist);
      index_s = idx.seconds;
      indexRss = idx.peakRss;
    } else {
      // Indexed, but not timed: time a second index of the same site and take it out of the build.
      log('index… (the build indexed the site without logging the time: timing a second index)');
      const idx = await indexSeparately(dist);
      index_s = idx.seconds;
      build_s = Math.max(0, build_s - index_s);
    }

    // What the first build wrote, measured before the incremental build rewrites dist/.
    const pages = countPages(dist);
    const fileCount = countFiles(dist);
    const distMb = sizeMb(dist);
    const pagefindMb = sizeMb(join(dist, 'pagefind'));
    log(`first query… (/search/?q=${args.query} in Chromium)`);
    const search = await firstQueryTransfer(dist, '/', args.query);
    if (!search) log('(no Chromium: first_query_kb not measured)');

    let incremental: { check: Run; build: Run; file: string } | null = null;
    if (args.incremental) {
      // A one-line correction: the same desk with one claim's analysis edited, built again with
      // every cache the first build left (content snapshot, Astro's cache, the cards), and no dist/:
      // the Deploy workflow builds in a fresh checkout, with only its caches restored.
      const file = editOneClaim(content);
      rmSync(dist, { recursive: true, force: true });
      log(`incremental… (${file.slice(content.length + 1)} edited)`);
      const check2 = must('npm run check (incremental)', await run(process.execPath, [join(root, 'scripts/check.ts')], env));
      const build2 = must('npm run build (incremental)', await run(process.execPath, [buildScript, '--outDir', dist], buildEnv));
      writeFileSync(join(out, 'incremental.log'), build2.output);
      incremental = { check: check2, build: build2, file };
    }

    let baselineSeconds = NaN;
    let baselinePages = NaN;
    if (args.baseline) {
      log('baseline…');
      const baseDist = join(out, 'baseline-dist');
      const base = must(
        'baseline astro build',
        await run(process.execPath, [astroBin, 'build', '--root', join(root, 'scripts/bench/baseline'), '--outDir', baseDist], {
          ...env,
          BENCH_CACHE_DIR: join(out, 'baseline-cache'),
        }),
      );
      writeFileSync(join(out, 'baseline.log'), base.output);
      baselineSeconds = base.seconds;
      baselinePages = countPages(baseDist);
    }

    // Share cards are drawn in worker threads during the build (and cached across real builds): say what they cost.
    const cards = /(\d+) share cards? drawn in ([\d.]+) s/.exec(build.output);
    const check_s = check.seconds;
    const total = check_s + build_s + index_s;
    const incremental_s = incremental ? incremental.check.seconds + incremental.build.seconds : null;
    const result = {
      claims: args.claims,
      check_s: round(check_s, 2),
      check_files_per_s: Math.round(mdFiles / check_s),
      build_s: round(build_s, 2),
      index_s: round(index_s, 2),
      pages,
      pages_per_s: round(pages / total, 1),
      peak_rss_mb: Math.round(Math.max(check.peakRss, build.peakRss, indexRss) / 2 ** 20),
      dist_mb: round(distMb, 1),
      pagefind_mb: round(pagefindMb, 1),
      baseline_ratio: args.baseline ? round((build_s + index_s) / baselineSeconds, 2) : null,
      files: fileCount,
      incremental_s: incremental_s === null ? null : round(incremental_s, 2),
      incremental_ratio: incremental_s === null ? null : round(incremental_s / total, 3),
      first_query_kb: search ? round(search.total / 1024, 1) : null,
      // Fetched once the results are shown: the filter pane's values (wide screens).
      after_query_kb: search ? round(search.afterTotal / 1024, 1) : null,
      // Cold: every card drawn during the build (a new desk); warm: all cached (every later build).
      warm_cards: args.warmCards,
      share_cards: args.shareCards,
    };

    const rows: [string, string, string][] = [
      ['claims', String(result.claims), `${mdFiles} Markdown files, ${corpusMb.toFixed(1)} MB`],
      ['check_s', result.check_s.toFixed(2), 'npm run check (node scripts/check.ts)'],
      ['check_files_per_s', String(result.check_files_per_s), 'target >= 2000'],
      [
        'build_s',
        result.build_s.toFixed(2),
        `npm run build, Pagefind excluded; ${cards ? `${cards[1]} share cards drawn alongside in ${cards[2]} s` : args.warmCards ? 'share cards cached (--warm-cards)' : 'no share card drawn'}`,
      ],
      ['index_s', result.index_s.toFixed(2), 'Pagefind'],
      ['pages', String(result.pages), 'index.html files in dist'],
      ['pages_per_s', result.pages_per_s.toFixed(1), `pages / (check + build + index) = ${total.toFixed(1)} s; target >= 150`],
      [
        'peak_rss_mb',
        String(result.peak_rss_mb),
        `whole process tree (check ${Math.round(check.peakRss / 2 ** 20)}, build ${Math.round(build.peakRss / 2 ** 20)}); target <= 4000`,
      ],
      [
        'dist_mb',
        result.dist_mb.toFixed(1),
        `target <= 1000 (a GitHub Pages site is at most 1 GB); a share card per ${args.shareCards} (--share-cards)`,
      ],
      ['files', String(result.files), 'every file in dist'],
      ['pagefind_mb', result.pagefind_mb.toFixed(1), ''],
      [
        'first_query_kb',
        result.first_query_kb === null ? 'skipped' : result.first_query_kb.toFixed(1),
        search
          ? `/search/?q=${args.query} until its results are shown: ${search.responses.length} responses, gzip as a static host sends text; then ${result.after_query_kb} KB of filter values; target <= 150`
          : 'no Chromium',
      ],
      [
        'incremental_s',
        result.incremental_s === null ? 'skipped' : result.incremental_s.toFixed(2),
        incremental
          ? `check ${incremental.check.seconds.toFixed(1)} s + build and index ${incremental.build.seconds.toFixed(1)} s after editing one claim's analysis (peak RSS ${Math.round(Math.max(incremental.check.peakRss, incremental.build.peakRss) / 2 ** 20)} MB)`
          : '--no-incremental',
      ],
      [
        'incremental_ratio',
        result.incremental_ratio === null ? 'skipped' : result.incremental_ratio.toFixed(3),
        'incremental_s / (check + build + index); target <= 0.1',
      ],
      [
        'baseline_ratio',
        result.baseline_ratio === null ? 'skipped' : result.baseline_ratio.toFixed(2),
        args.baseline
          ? `(build + index) / bare Astro + Pagefind ${baselineSeconds.toFixed(1)} s, ${baselinePages} pages; target <= 1.5`
          : '',
      ],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    print('');
    for (const [k, v, note] of rows) print(`${k.padEnd(w0)}  ${v.padStart(w1)}  ${note}`);
    print(
      `\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    );
    if (args.keep) log(`kept ${tmp} and ${out}`);
    if (args.json) console.log(JSON.stringify(result));
  } finally {
    if (!args.keep) {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
    rmSync(siteCache, { recursive: true, force: true });
    rmSync(`${siteCache}-search`, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error)?.message ?? String(e)}`);
  process.exitCode = 1;
});
