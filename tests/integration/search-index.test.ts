/**
 * The search index is indexed in shards and merged into one (src/search-index/). What holds it
 * to "the same index": Pagefind itself, given the same pages as one index in the order of their
 * URLs, writes the same files, decompressed byte for byte, as the merge of any cut of them into
 * shards. And a later build re-indexes only the shards whose pages changed, into the same index
 * a build from nothing writes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildSearchIndex } from '../../src/integrations/pagefind.ts';
import { describeBundle, mergeBundles } from '../../src/search-index/merge.ts';
import { candidatePages, shardOf } from '../../src/search-index/shards.ts';
import { UNINDEXED_SELECTORS } from '../../src/site/routes.ts';

// Small word-index chunks, so that these small sites have several, cut and named by the merge as
// by Pagefind. Set before this file starts Pagefind's binary, which reads it then.
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = '150';

const dirs: string[] = [];
afterAll(() => {
  if (!process.env.DEBUG_MERGE) for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'search-index-'));
  dirs.push(dir);
  return dir;
};

/** A page as the site writes one: a marked body, filters, meta, a date sort, headings with ids. */
function page(i: number, words: string, extra = ''): string {
  const day = String((i % 27) + 1).padStart(2, '0');
  return `<html lang="en"><body><nav>Menu</nav><article data-pagefind-body>
<h1 data-pagefind-meta="title">Claim ${i}: ${words.split(' ').slice(0, 3).join(' ')}</h1>
<span data-pagefind-filter="type">${i % 3 === 0 ? 'source' : 'claim'}</span>
<span data-pagefind-filter="tag">${['police', 'budget', 'Café policy'][i % 3]}</span>
${i % 4 === 0 ? '' : `<span data-pagefind-meta="date" data-pagefind-sort="date">2019-0${(i % 9) + 1}-${day}</span>`}
${i % 5 === 0 ? `<span data-pagefind-meta="verdict_rating">${i % 6}</span>` : ''}
<h2 id="analysis">Analysis</h2><p>${words}</p>
<p class="excerpt-from">Left out of the index ${i}</p>${extra}
</article></body></html>`;
}

const WORDS = [
  'the mayor signed an order about police databases',
  'ICE agents lose access to the Chicago police database',
  'a café owner said the naïve plan was résumé padding',
  'the council voted on the budget the mayor proposed',
  'sanctuary cities and the federal government disagree',
  'immigration enforcement and local police cooperation',
  'the executive order is permanent according to the mayor',
  'Lightfoot announced the change on Monday morning',
  'critics said the ban was not in writing',
  'the spokesman gave a statement to reporters',
  'cafe Cafe CAFÉ café: the same word four ways',
  'numbers 2019 1,200 and 3.5 percent of cases',
];

function desk(n: number): string {
  const dir = temp();
  const write = (p: string, html: string) => {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), html);
  };
  write('index.html', '<html lang="en"><body><h1>Home</h1></body></html>');
  write('about/index.html', page(0, 'about this site and how we rate claims'));
  for (let i = 1; i < n; i++)
    write(
      `${i % 3 === 0 ? 'sources' : 'claims'}/p${i}/index.html`,
      page(i, `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}`),
    );
  return dir;
}

/** Every file of a bundle, Pagefind's compressed ones decompressed. */
function files(bundle: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(bundle, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const name = relative(bundle, join(e.parentPath, e.name));
    const bytes = readFileSync(join(bundle, name));
    out.set(name, /\.pf_/.test(name) ? gunzipSync(bytes) : bytes);
  }
  return out;
}

const url = (p: string) => `/${p.replace(/index\.html$/, '')}`;

/** Pagefind's own index of `pages` (in that order), through its Node API. */
async function pagefindIndex(site: string, pages: string[], out: string): Promise<void> {
  const pagefind = await import('pagefind');
  const { index } = await pagefind.createIndex({ excludeSelectors: UNINDEXED_SELECTORS });
  for (const p of pages) {
    const added = await index!.addHTMLFile({ url: url(p), content: readFileSync(join(site, p), 'utf8') });
    expect(added.errors).toEqual([]);
  }
  expect((await index!.writeFiles({ outputPath: out })).errors).toEqual([]);
  await index!.deleteIndex();
  await pagefind.close();
}

describe('the merged search index', () => {
  it('is, file for file, the index Pagefind writes for all the pages at once in the order of their URLs', async () => {
    const site = desk(40);
    const pages = candidatePages(site).filter((p) => p !== 'index.html');
    const byUrl = [...pages].sort((a, b) => Buffer.compare(Buffer.from(url(a)), Buffer.from(url(b))));
    const work = temp();
    await pagefindIndex(site, byUrl, join(work, 'one'));
    // Shards of about ten pages, each given to Pagefind in reverse order: the merge renumbers.
    const inputs = [];
    for (let s = 0; s < 4; s++) {
      const dir = join(work, `shard-${s}`);
      await pagefindIndex(site, pages.filter((p) => shardOf(p, 4) === s).reverse(), dir);
      inputs.push({ dir, pages: describeBundle(dir) });
    }
    expect(await mergeBundles(inputs, join(work, 'merged'))).toEqual({ en: pages.length });
    const one = files(join(work, 'one'));
    const merged = files(join(work, 'merged'));
    if (process.env.DEBUG_MERGE) console.log(JSON.stringify(work));
    expect([...merged.keys()].sort()).toEqual([...one.keys()].sort());
    const differing = [...one].filter(([name, bytes]) => !merged.get(name)?.equals(bytes)).map(([name]) => name);
    expect(differing).toEqual([]);
    // What the fixture exercises: several index chunks, filters, a sort, diacritic variants.
    expect([...one.keys()].filter((n) => n.startsWith('filter/'))).toHaveLength(2);
    expect([...one.keys()].filter((n) => n.startsWith('index/')).length).toBeGreaterThan(3);
    expect([...one.values()].some((b) => b.includes('café'))).toBe(true);
  });

  it('is the same however the site is cut into shards, and a page is in exactly one', async () => {
    const site = desk(30);
    const one = await buildSearchIndex(site, { shardPages: 1000, cacheDir: join(temp(), 'cache') });
    expect(one.shards).toBe(1);
    const whole = files(one.outputPath);
    const cut = await buildSearchIndex(site, { shardPages: 7, cacheDir: join(temp(), 'cache') });
    expect(cut.shards).toBeGreaterThan(3);
    // Every page has a shard, and the shards are used about evenly.
    const pages = candidatePages(site).filter((p) => p !== 'index.html');
    const sizes = [0, 1, 2, 3, 4].map((s) => pages.filter((p) => shardOf(p, 5) === s).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(pages.length);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(cut.pages).toBe(one.pages);
    expect(cut.pages).toBe(30);
    const sharded = files(cut.outputPath);
    expect([...sharded.keys()].sort()).toEqual([...whole.keys()].sort());
    expect([...whole].filter(([name, bytes]) => !sharded.get(name)?.equals(bytes)).map(([n]) => n)).toEqual([]);
  });

  it('re-indexes only the shards whose pages changed, into the index a build from nothing writes', async () => {
    const site = desk(30);
    const cache = join(temp(), 'cache');
    const first = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
    expect(first.indexedShards).toBe(first.shards);
    const again = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
    expect(again.indexedShards).toBe(0);

    const edited = 'claims/p4/index.html';
    writeFileSync(join(site, edited), page(4, 'an edited analysis with the word zebra'));
    const kept = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
    expect(kept.indexedShards).toBe(1);
    const incremental = files(kept.outputPath);
    expect([...incremental.values()].some((b) => b.includes('zebra'))).toBe(true);
    const fresh = await buildSearchIndex(site, { shardPages: 7, cacheDir: join(temp(), 'cache') });
    const whole = files(fresh.outputPath);
    expect([...incremental.keys()].sort()).toEqual([...whole.keys()].sort());
    expect([...whole].filter(([name, bytes]) => !incremental.get(name)?.equals(bytes)).map(([n]) => n)).toEqual([]);
    // Shards no build uses any more are not kept; beside them, the compressed files of the merge.
    expect(readdirSync(cache).filter((n) => n.startsWith('shard-'))).toHaveLength(kept.shards);
    expect(readdirSync(cache).sort()).toEqual([...readdirSync(cache).filter((n) => n.startsWith('shard-')), 'compressed'].sort());
  });

  it('indexes every page again when a kept shard is damaged, into the index a build from nothing writes', async () => {
    const site = desk(20);
    const cache = join(temp(), 'cache');
    const first = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
    const whole = files(first.outputPath);
    const shards = () => readdirSync(cache).filter((n) => n.startsWith('shard-'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // A metadata file cut short, as a killed build or a full disk leaves it.
      const bundle = join(cache, shards()[0]!, 'bundle');
      const meta = readdirSync(bundle).find((n) => n.endsWith('.pf_meta'))!;
      writeFileSync(join(bundle, meta), readFileSync(join(bundle, meta)).subarray(0, 10));
      const again = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
      expect(again.indexedShards).toBe(again.shards);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/kept shard\(s\) in .*could not be used .*indexing every page again/);
      const rebuilt = files(again.outputPath);
      expect([...rebuilt.keys()].sort()).toEqual([...whole.keys()].sort());
      expect([...whole].filter(([name, bytes]) => !rebuilt.get(name)?.equals(bytes)).map(([n]) => n)).toEqual([]);

      // A description that is not JSON.
      writeFileSync(join(cache, shards()[1]!, 'pages.json'), '{"en": [');
      const third = await buildSearchIndex(site, { shardPages: 7, cacheDir: cache });
      expect(third.indexedShards).toBe(third.shards);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(files(third.outputPath)).toEqual(whole);
    } finally {
      warn.mockRestore();
    }
  });

  it('compresses again a kept compressed file that does not hold what it is named for', async () => {
    const site = desk(12);
    const cache = join(temp(), 'cache');
    const first = await buildSearchIndex(site, { shardPages: 5, cacheDir: cache });
    const whole = new Map(
      [...readdirSync(first.outputPath, { recursive: true, withFileTypes: true })]
        .filter((e) => e.isFile())
        .map((e) => [relative(first.outputPath, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]),
    );
    const kept = readdirSync(join(cache, 'compressed'));
    expect(kept.length).toBeGreaterThan(2);
    // One cut short, as a killed build leaves it; one whole but another file's.
    const gz = (n: string) => join(cache, 'compressed', n);
    writeFileSync(gz(kept[0]!), readFileSync(gz(kept[0]!)).subarray(0, 12));
    writeFileSync(gz(kept[1]!), readFileSync(gz(kept[2]!)));
    const again = await buildSearchIndex(site, { shardPages: 5, cacheDir: cache });
    expect(again.indexedShards).toBe(0);
    for (const [name, bytes] of whole) expect(readFileSync(join(again.outputPath, name)).equals(bytes), name).toBe(true);
    expect(readFileSync(gz(kept[0]!)).equals(readFileSync(gz(kept[1]!)))).toBe(false);
    expect(readdirSync(join(cache, 'compressed')).sort()).toEqual([...kept].sort());
  });

  it('fails, without a second try, when no kept shard is in play', async () => {
    const site = desk(3);
    writeFileSync(join(site, 'claims/p1/index.html'), page(1, 'no language').replace(' lang="en"', ''));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(buildSearchIndex(site, { shardPages: 1, cacheDir: join(temp(), 'cache') })).rejects.toThrow(/language/);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a bundle of a Pagefind version it was not written for, saying which', async () => {
    const site = desk(3);
    const cache = join(temp(), 'cache');
    const built = await buildSearchIndex(site, { cacheDir: cache });
    const bundle = built.outputPath;
    const entryFile = join(bundle, 'pagefind-entry.json');
    writeFileSync(entryFile, readFileSync(entryFile, 'utf8').replace('"1.6.0"', '"9.9.9"'));
    await expect(mergeBundles([{ dir: bundle, pages: {} }], join(temp(), 'out'))).rejects.toThrow(
      /Pagefind 9\.9\.9 index; the search index merge reads 1\.6\.0/,
    );
  });
});
