/**
 * Merges Pagefind bundles, each the index of a part of the site's pages, into one bundle that is
 * the index Pagefind would have written for all of them at once, with the pages numbered in the
 * order of their URLs. The reader's search then runs on one index: the same term statistics,
 * ranking, filters, sorting and excerpts as an index built whole. (Pagefind's own `mergeIndex`
 * merges indexes in the browser instead, each scored against its own pages: results differ.)
 *
 * It writes what Pagefind 1.6 writes (`pagefind/src/index/mod.rs` and `output/mod.rs`): the same
 * CBOR structures, chunked, named and hashed by the same rules, so that the files of a merge are,
 * decompressed, those Pagefind writes for the same pages in the same order
 * (tests/integration/search-index.test.ts holds it to that). A bundle of another format is
 * refused, with the version it has. Pages' word positions are copied as they are; only page
 * numbers, meta field numbers and what is named by a hash change.
 */
import {
  copyFileSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import { CborReader, CborWriter } from './cbor.ts';
import { fullHash, pagefindHex, sha1 } from './pagefind-hash.ts';

/** The Pagefind versions whose bundles this merge reads and writes. */
export const MERGEABLE_VERSIONS = ['1.6.0'];

/** Pagefind prefixes every compressed file's contents with this, so the browser can tell whether it was decompressed already. */
const SIGNATURE = Buffer.from('pagefind_dcd');

/**
 * Pagefind's word-index chunk size, counted in positions: `default_index_chunk_size`, or the
 * variable it reads in its place (tests set it to make small indexes of several chunks).
 */
function indexChunkSize(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE);
  return Number.isInteger(n) && n >= 0 && env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE?.trim() !== '' ? n : 20000;
}

export function readCompressed(file: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${file}: not a Pagefind file`);
  return raw.subarray(SIGNATURE.length);
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Writes Pagefind's compressed files, at Pagefind's level (its smallest), on the thread pool so that
 * both cores compress. A file whose contents an earlier merge compressed is copied from
 * `cacheDir`, where each is kept under its SHA-1 (the digest its name is cut from, given by the
 * caller): after an edit most of a large index's chunks are the same.
 */
class CompressedWriter {
  private pending: Promise<void>[] = [];
  private readonly used = new Set<string>();
  private readonly cacheDir: string | undefined;
  constructor(cacheDir: string | undefined) {
    this.cacheDir = cacheDir;
    if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  }

  async write(file: string, bytes: Buffer, digest: Buffer): Promise<void> {
    const key = digest.toString('hex');
    const cached = this.cacheDir && path.join(this.cacheDir, `${key}.gz`);
    if (cached) this.used.add(`${key}.gz`);
    const plain = Buffer.concat([SIGNATURE, bytes]);
    const job = (async () => {
      const kept = cached ? await readFile(cached).catch(() => undefined) : undefined;
      // Decompressing is far cheaper than compressing at level 9, and proves the kept file whole:
      // a copy cut short by a killed build or a half-restored cache would be a broken search page.
      if (kept && (await gunzipAsync(kept).catch(() => undefined))?.equals(plain)) {
        writeFileSync(file, kept);
        return;
      }
      const gz = await gzipAsync(plain, { level: 9 });
      writeFileSync(file, gz);
      if (cached) {
        writeFileSync(`${cached}.tmp`, gz);
        renameSync(`${cached}.tmp`, cached);
      }
    })();
    this.pending.push(job);
    // Bounded, so that a large index's chunks are not all held at once.
    if (this.pending.length >= 16) await Promise.all(this.pending.splice(0));
  }

  /** Waits for every write and removes from the cache what this merge did not use. */
  async finish(): Promise<void> {
    await Promise.all(this.pending.splice(0));
    if (!this.cacheDir) return;
    for (const name of readdirSync(this.cacheDir))
      if (!this.used.has(name)) rmSync(path.join(this.cacheDir, name), { force: true });
  }
}

/**
 * A hard link where the file system allows one, else a copy: for files that are never written
 * again once written (a shard's pages while Pagefind reads them, its fragments in the merged bundle).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
  }
}

interface EntryLanguage {
  hash: string;
  wasm: string | null;
  page_count: number;
}

interface Entry {
  version: string;
  languages: Record<string, EntryLanguage>;
  include_characters: string[];
}

function readEntry(dir: string): Entry {
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as Entry;
  if (!MERGEABLE_VERSIONS.includes(entry.version)) {
    throw new Error(
      `${dir}: a Pagefind ${entry.version} index; the search index merge reads ${MERGEABLE_VERSIONS.join(', ')} (src/search-index/merge.ts)`,
    );
  }
  return entry;
}

interface MetaPage {
  hash: string;
  wordCount: number;
  /** Fields after the word count, kept as they are. */
  rest: Buffer[];
}

interface Meta {
  version: string;
  pages: MetaPage[];
  chunks: { from: string; to: string; hash: string }[];
  filters: { filter: string; hash: string }[];
  sorts: { sort: string; pages: number[] }[];
  metaFields: string[];
}

function readMeta(file: string): Meta {
  const r = new CborReader(readCompressed(file));
  const fields = r.array();
  if (fields !== 6) throw new Error(`${file}: a Pagefind metadata file of ${fields} fields, not the 6 this merge reads`);
  const version = r.text();
  const pages: MetaPage[] = [];
  for (let i = 0, n = r.array(); i < n; i++) {
    const k = r.array();
    const hash = r.text();
    const wordCount = r.uint();
    const rest: Buffer[] = [];
    for (let j = 2; j < k; j++) rest.push(r.raw());
    pages.push({ hash, wordCount, rest });
  }
  const chunks: Meta['chunks'] = [];
  for (let i = 0, n = r.array(); i < n; i++) {
    r.array();
    chunks.push({ from: r.text(), to: r.text(), hash: r.text() });
  }
  const filters: Meta['filters'] = [];
  for (let i = 0, n = r.array(); i < n; i++) {
    r.array();
    filters.push({ filter: r.text(), hash: r.text() });
  }
  const sorts: Meta['sorts'] = [];
  for (let i = 0, n = r.array(); i < n; i++) {
    r.array();
    const sort = r.text();
    const list: number[] = [];
    for (let j = 0, m = r.array(); j < m; j++) list.push(r.uint());
    sorts.push({ sort, pages: list });
  }
  const metaFields: string[] = [];
  for (let i = 0, n = r.array(); i < n; i++) metaFields.push(r.text());
  if (!r.done) throw new Error(`${file}: unexpected data after the metadata`);
  return { version, pages, chunks, filters, sorts, metaFields };
}

/** What a merge needs of a bundle's pages that its index does not say: each page's URL and sort values, by page number. */
export interface BundlePages {
  [language: string]: { url: string; sort: Record<string, string> }[];
}

/**
 * Reads each page's fragment for its URL and, for every sort the index has, the page's meta value
 * of the same name (the site sets each sort with a meta field of its name: SearchFacets.astro).
 */
export function describeBundle(dir: string): BundlePages {
  const entry = readEntry(dir);
  const out: BundlePages = {};
  for (const [language, lang] of Object.entries(entry.languages)) {
    const meta = readMeta(path.join(dir, `pagefind.${lang.hash}.pf_meta`));
    const pages = meta.pages.map((p) => {
      const fragment = JSON.parse(readCompressed(path.join(dir, 'fragment', `${p.hash}.pf_fragment`)).toString('utf8')) as {
        url: string;
        meta: Record<string, string>;
      };
      return { url: fragment.url, meta: fragment.meta, sort: {} as Record<string, string> };
    });
    for (const { sort, pages: sorted } of meta.sorts) {
      for (const n of sorted) {
        const page = pages[n]!;
        const value = page.meta[sort];
        if (value === undefined) {
          throw new Error(
            `${page.url}: sorted by "${sort}" without a meta field "${sort}"; the search index merge needs both (SearchFacets.astro)`,
          );
        }
        page.sort[sort] = value;
      }
    }
    out[language] = pages.map(({ url, sort }) => ({ url, sort }));
  }
  return out;
}

export interface MergeInput {
  /** A bundle folder Pagefind wrote (`writeFiles`). */
  dir: string;
  /** Its pages, as describeBundle gives them. */
  pages: BundlePages;
}

const bytesOf = (s: string) => Buffer.from(s, 'utf8');
/** Rust's order of strings: by their UTF-8 bytes. */
const compareBytes = (a: string, b: string) => Buffer.compare(bytesOf(a), bytesOf(b));

interface PackedPage {
  page: number;
  locs: Buffer;
  locsCount: number;
  metaLocs: Buffer;
  metaCount: number;
}

interface PackedWord {
  word: string;
  key: Buffer;
  pages: PackedPage[];
  variants: { form: string; pages: PackedPage[] }[];
}

/** Meta positions name their field by its number among the index's meta fields: renumbered to the merged list. */
function remapMetaLocs(raw: Buffer, count: number, fields: readonly number[] | null): Buffer {
  if (!fields || count === 0) return raw;
  const r = new CborReader(raw);
  const values = r.ints();
  const w = new CborWriter();
  w.array(values.length);
  for (const v of values) w.int(v < 0 ? -(fields[-v - 1]! + 1) : v);
  return w.bytes();
}

function readPages(r: CborReader, pageOf: readonly number[], fields: readonly number[] | null): PackedPage[] {
  const n = r.array();
  const out: PackedPage[] = new Array(n);
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (r.array() !== 3) throw new Error('a Pagefind word index page of another shape');
    last += r.uint();
    const locs = r.rawArray();
    const meta = r.rawArray();
    const page = pageOf[last];
    if (page === undefined) throw new Error(`a word index names page ${last}, which the index does not have`);
    out[i] = {
      page,
      locs: locs.raw,
      locsCount: locs.count,
      metaLocs: remapMetaLocs(meta.raw, meta.count, fields),
      metaCount: meta.count,
    };
  }
  return out;
}

/** A bundle's words in order, read a chunk at a time. */
function* wordsOf(dir: string, meta: Meta, pageOf: readonly number[], fields: readonly number[] | null): Generator<PackedWord> {
  for (const chunk of meta.chunks) {
    const r = new CborReader(readCompressed(path.join(dir, 'index', `${chunk.hash}.pf_index`)));
    if (r.array() !== 1) throw new Error('a Pagefind word index of another shape');
    for (let i = 0, n = r.array(); i < n; i++) {
      if (r.array() !== 3) throw new Error('a Pagefind word of another shape');
      const word = r.text();
      const pages = readPages(r, pageOf, fields);
      const variants: PackedWord['variants'] = [];
      for (let j = 0, m = r.array(); j < m; j++) {
        r.array();
        const form = r.text();
        variants.push({ form, pages: readPages(r, pageOf, fields) });
      }
      yield { word, key: bytesOf(word), pages, variants };
    }
  }
}

function writePages(w: CborWriter, pages: readonly PackedPage[]): void {
  w.array(pages.length);
  let last = 0;
  for (const p of pages) {
    w.array(3)
      .uint(p.page - last)
      .raw(p.locs)
      .raw(p.metaLocs);
    last = p.page;
  }
}

const byPage = (a: PackedPage, b: PackedPage) => a.page - b.page;

/**
 * One word from its entries in one or more bundles, in the merged page order. Pagefind lists a
 * word's diacritic variants in the order its pages meet them: by the first page that has each,
 * where the variants of a page's text come before those only in its metadata, each group in byte
 * order.
 */
function mergeWord(parts: PackedWord[]): PackedWord {
  const pages = parts.flatMap((p) => p.pages).sort(byPage);
  const forms = new Map<string, PackedPage[]>();
  for (const part of parts) for (const v of part.variants) forms.set(v.form, [...(forms.get(v.form) ?? []), ...v.pages]);
  const variants = [...forms].map(([form, list]) => {
    list.sort(byPage);
    return { form, pages: list, first: list[0]!.page, metaOnly: list[0]!.locsCount === 0 ? 1 : 0 };
  });
  variants.sort((a, b) => a.first - b.first || a.metaOnly - b.metaOnly || compareBytes(a.form, b.form));
  return {
    word: parts[0]!.word,
    key: parts[0]!.key,
    pages,
    variants: variants.map(({ form, pages: p }) => ({ form, pages: p })),
  };
}

/** Pagefind's names for hashed files: `<language>_` and the hash's first characters, longer when two collide. */
function chunkName(language: string, digest: Buffer, taken: Set<string>): string {
  const hash = `${language}_${pagefindHex(digest)}`;
  let short = hash.slice(0, language.length + 8);
  // As Pagefind does for index and filter chunks: two more characters at a time.
  while (taken.has(short)) {
    short = hash.slice(0, short.length + 2);
    if (short.length >= hash.length) break;
  }
  taken.add(short);
  return short;
}

function parseIntSort(v: string): number | undefined {
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

function parseFloatSort(v: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Math.fround(Number(v)) : undefined;
}

const sortNumber = (v: string) => Math.fround(parseIntSort(v) ?? parseFloatSort(v) ?? 0);

/**
 * Writes into `outDir` one Pagefind bundle holding every page of `inputs`, numbered in the order
 * of their URLs. Returns the number of pages per language.
 */
export async function mergeBundles(
  inputs: readonly MergeInput[],
  outDir: string,
  options: { compressedCache?: string } = {},
): Promise<Record<string, number>> {
  if (inputs.length === 0) throw new Error('no search index to merge');
  const entries = inputs.map((i) => readEntry(i.dir));
  const first = entries[0]!;
  mkdirSync(outDir, { recursive: true });
  for (const sub of ['index', 'filter', 'fragment']) mkdirSync(path.join(outDir, sub), { recursive: true });
  // Pagefind's scripts, styles and WebAssembly: the same in every bundle of one version.
  for (const name of readdirSync(inputs[0]!.dir)) {
    if (['pagefind-entry.json', 'playground', 'index', 'filter', 'fragment'].includes(name) || name.endsWith('.pf_meta'))
      continue;
    copyFileSync(path.join(inputs[0]!.dir, name), path.join(outDir, name), constants.COPYFILE_FICLONE);
  }
  const languages = [...new Set(entries.flatMap((e) => Object.keys(e.languages)))].sort(compareBytes);
  const counts: Record<string, number> = {};
  const out = new CompressedWriter(options.compressedCache);
  const outEntry: Entry = { version: first.version, languages: {}, include_characters: first.include_characters };
  for (const language of languages) {
    if (language === 'unknown')
      throw new Error('a page without a language (`<html lang>`) cannot be merged into the search index');
    const parts = inputs.flatMap((input, i) => {
      const lang = entries[i]!.languages[language];
      if (!lang) return [];
      const pages = input.pages[language];
      const meta = readMeta(path.join(input.dir, `pagefind.${lang.hash}.pf_meta`));
      if (!pages || pages.length !== meta.pages.length)
        throw new Error(`${input.dir}: its description does not match its ${language} index`);
      return [{ dir: input.dir, lang, meta, pages }];
    });
    // Every page, numbered in the order of its URL.
    const all = parts.flatMap((part, s) => part.pages.map((p, i) => ({ s, i, url: p.url, key: bytesOf(p.url) })));
    all.sort((a, b) => Buffer.compare(a.key, b.key));
    const numberOf = parts.map((p) => new Array<number>(p.pages.length));
    all.forEach((p, n) => {
      if (n > 0 && all[n - 1]!.url === p.url) throw new Error(`${p.url}: indexed twice`);
      numberOf[p.s]![p.i] = n;
    });

    // Fragments: named as Pagefind names them in page order, the later of two colliding pages taking a longer name.
    const fragmentNames = new Set<string>();
    const outPages: MetaPage[] = [];
    for (const p of all) {
      const part = parts[p.s]!;
      const page = part.meta.pages[p.i]!;
      const file = path.join(part.dir, 'fragment', `${page.hash}.pf_fragment`);
      let name = page.hash.slice(0, language.length + 8);
      if (fragmentNames.has(name)) {
        const hash = `${language}_${fullHash(readCompressed(file))}`;
        while (fragmentNames.has(name)) name = hash.slice(0, name.length + 1);
      }
      fragmentNames.add(name);
      linkOrCopy(file, path.join(outDir, 'fragment', `${name}.pf_fragment`));
      outPages.push({ hash: name, wordCount: page.wordCount, rest: page.rest });
    }

    const metaFields = [...new Set(parts.flatMap((p) => p.meta.metaFields))].sort(compareBytes);
    const fieldMaps = parts.map((p) => {
      const map = p.meta.metaFields.map((f) => metaFields.indexOf(f));
      return map.every((g, i) => g === i) ? null : map;
    });

    // Words: a k-way merge of the bundles' sorted words, written in chunks as Pagefind cuts them.
    const streams = parts.map((p, s) => wordsOf(p.dir, p.meta, numberOf[s]!, fieldMaps[s]!));
    const heads = streams.map((it) => it.next().value as PackedWord | undefined);
    const chunkSize = indexChunkSize();
    const chunks: Meta['chunks'] = [];
    const chunkNames = new Set<string>();
    let chunk: PackedWord[] = [];
    let size = 0;
    const flush = async () => {
      const w = new CborWriter();
      w.array(1).array(chunk.length);
      for (const word of chunk) {
        w.array(3).text(word.word);
        writePages(w, word.pages);
        w.array(word.variants.length);
        for (const v of word.variants) {
          w.array(2).text(v.form);
          writePages(w, v.pages);
        }
      }
      const bytes = w.bytes();
      const digest = sha1(bytes);
      const hash = chunkName(language, digest, chunkNames);
      await out.write(path.join(outDir, 'index', `${hash}.pf_index`), bytes, digest);
      chunks.push({ from: chunk[0]!.word, to: chunk[chunk.length - 1]!.word, hash });
      chunk = [];
      size = 0;
    };
    for (;;) {
      let min: Buffer | undefined;
      for (const h of heads) if (h && (!min || Buffer.compare(h.key, min) < 0)) min = h.key;
      if (!min) break;
      const same: PackedWord[] = [];
      heads.forEach((h, s) => {
        if (h?.key.equals(min)) {
          same.push(h);
          heads[s] = streams[s]!.next().value as PackedWord | undefined;
        }
      });
      const word = mergeWord(same);
      // Pagefind 1.6 counts a word's diacritic variants' positions too.
      for (const list of [word.pages, ...word.variants.map((v) => v.pages)])
        for (const p of list) size += p.locsCount + p.metaCount + 1;
      chunk.push(word);
      if (size >= chunkSize) await flush();
    }
    if (chunk.length > 0) await flush();
    trimChunkBounds(chunks);

    // Filters: each value's pages, renumbered.
    const filterValues = new Map<string, Map<string, number[]>>();
    parts.forEach((part, s) => {
      for (const { filter, hash } of part.meta.filters) {
        const r = new CborReader(readCompressed(path.join(part.dir, 'filter', `${hash}.pf_filter`)));
        r.array();
        const name = r.text();
        if (name !== filter) throw new Error(`${part.dir}: the filter file of "${filter}" holds "${name}"`);
        const values = filterValues.get(filter) ?? new Map<string, number[]>();
        filterValues.set(filter, values);
        for (let i = 0, n = r.array(); i < n; i++) {
          r.array();
          const value = r.text();
          const list = values.get(value) ?? [];
          for (let j = 0, m = r.array(); j < m; j++) list.push(numberOf[s]![r.uint()]!);
          values.set(value, list);
        }
      }
    });
    const filters: Meta['filters'] = [];
    const filterNames = new Set<string>();
    for (const filter of [...filterValues.keys()].sort(compareBytes)) {
      const values = [...filterValues.get(filter)!].sort((a, b) => compareBytes(a[0], b[0]));
      const w = new CborWriter();
      w.array(2).text(filter).array(values.length);
      for (const [value, list] of values) {
        w.array(2).text(value);
        w.array(list.length);
        for (const n of list.sort((a, b) => a - b)) w.uint(n);
      }
      const bytes = w.bytes();
      const digest = sha1(bytes);
      const hash = chunkName(language, digest, filterNames);
      await out.write(path.join(outDir, 'filter', `${hash}.pf_filter`), bytes, digest);
      filters.push({ filter, hash });
    }

    // Sorts: Pagefind sorts by number when every value is one, else by the values' bytes, ties in page order.
    const sortKeys = [...new Set(parts.flatMap((p) => p.meta.sorts.map((s) => s.sort)))].sort(compareBytes);
    const sorts = sortKeys.map((sort) => {
      const values = parts.flatMap((part, s) =>
        (part.meta.sorts.find((x) => x.sort === sort)?.pages ?? []).map((i) => ({
          n: numberOf[s]![i]!,
          v: part.pages[i]!.sort[sort]!,
        })),
      );
      const numeric = values.every((x) => parseIntSort(x.v) !== undefined || parseFloatSort(x.v) !== undefined);
      values.sort((a, b) => a.n - b.n);
      if (numeric) {
        const keyed = values.map((x) => ({ ...x, k: sortNumber(x.v) }));
        keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) || a.n - b.n);
        return { sort, pages: keyed.map((x) => x.n) };
      }
      const keyed = values.map((x) => ({ ...x, k: bytesOf(x.v) }));
      keyed.sort((a, b) => Buffer.compare(a.k, b.k) || a.n - b.n);
      return { sort, pages: keyed.map((x) => x.n) };
    });

    const w = new CborWriter();
    w.array(6).text(parts[0]!.meta.version).array(outPages.length);
    for (const p of outPages) {
      w.array(2 + p.rest.length)
        .text(p.hash)
        .uint(p.wordCount);
      for (const r of p.rest) w.raw(r);
    }
    w.array(chunks.length);
    for (const c of chunks) w.array(3).text(c.from).text(c.to).text(c.hash);
    w.array(filters.length);
    for (const f of filters) w.array(2).text(f.filter).text(f.hash);
    w.array(sorts.length);
    for (const s of sorts) {
      w.array(2).text(s.sort).array(s.pages.length);
      for (const n of s.pages) w.uint(n);
    }
    w.array(metaFields.length);
    for (const f of metaFields) w.text(f);
    const metaBytes = w.bytes();
    const metaDigest = sha1(metaBytes);
    const metaHash = `${language}_${pagefindHex(metaDigest).slice(0, language.length + 8)}`;
    await out.write(path.join(outDir, `pagefind.${metaHash}.pf_meta`), metaBytes, metaDigest);
    const wasm = parts.map((p) => p.lang.wasm).find((x) => x) ?? null;
    if (wasm) {
      const from = parts.map((p) => path.join(p.dir, `wasm.${language}.pagefind`)).find((f) => existsSync(f));
      if (from) copyFileSync(from, path.join(outDir, `wasm.${language}.pagefind`), constants.COPYFILE_FICLONE);
    }
    outEntry.languages[language] = { hash: metaHash, wasm, page_count: outPages.length };
    counts[language] = outPages.length;
  }
  await out.finish();
  writeFileSync(path.join(outDir, 'pagefind-entry.json'), JSON.stringify(outEntry));
  return counts;
}

/**
 * Pagefind names a chunk's range by the shortest prefixes that tell it from its neighbours
 * (`chunk_meta`): each boundary is cut to one character past the words' common prefix, a chunk's
 * end only where that keeps it after its start.
 */
function trimChunkBounds(chunks: Meta['chunks']): void {
  for (let i = 0; i + 1 < chunks.length; i++) {
    const a = [...chunks[i]!.to];
    const b = [...chunks[i + 1]!.from];
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    const aPrefix = a.slice(0, common + 1).join('');
    const bPrefix = b.slice(0, common + 1).join('');
    if (compareBytes(aPrefix, chunks[i]!.from) >= 0) chunks[i]!.to = aPrefix;
    chunks[i + 1]!.from = bPrefix;
  }
}
