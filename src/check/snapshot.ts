/**
 * The checked corpus, kept on disk between processes. `npm run check` and the
 * build's content check each read, parse and match the whole content folder,
 * the second time for nothing when a build follows a check of the same files
 * (CI, the bench, an editor's check-then-build). The snapshot is keyed by
 * everything the corpus depends on: every content file's path and bytes, the
 * code that reads them (the loader's import closure, code-digest.ts), the
 * locked versions of its packages, Node's version and where problems are
 * reported from; any change misses and the folder is read again. Only the
 * latest snapshot is kept.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { codeDigest } from './code-digest.ts';
import { joinedSpan, type SourceBlock, type SourceText, sourceText } from '../core/matcher.ts';
import type { Corpus, LoadOptions, SourceExcerpt } from './corpus.ts';
import { COLLECTIONS } from './passes/files.ts';
import { loadCorpus } from './load-corpus.ts';
import { type FileRead, kindOf, listFolder, readHead, readRegularFile } from './regular-file.ts';
import { startReaders } from './workers.ts';

const CODE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(CODE, '../..');
/** The modules whose code makes a corpus: the loader and the snapshot's own reading and writing. */
const READERS = [join(CODE, 'load-corpus.ts'), join(CODE, 'snapshot.ts')];

/**
 * What the check reads of a content folder, and nothing else: site.yml and the *.md files of
 * the collections, each by its bytes; the names and kinds of what else the collections hold
 * (a stray folder or a link is a problem, so it must change the key too); the names, kinds,
 * sizes and first bytes of the pictures in images/. Nothing is followed and nothing but a
 * regular file is opened: a link to an endless file or a FIFO in the folder would hang the
 * key, and anything else in the folder is none of its business.
 */
function hashContent(hash: ReturnType<typeof createHash>, dir: string, kept?: KeyReading): void {
  const hashFile = (path: string, name: string) => {
    const kind = kindOf(path);
    hash.update(`\0${name}\0${kind}\0`);
    if (kind !== 'file') return;
    const read = readRegularFile(path, name);
    if (!('bytes' in read)) {
      // A file too large to read is a problem whatever it holds, until its size changes.
      hash.update(`${read.problem}\0${statSync(path, { throwIfNoEntry: false })?.size}`);
      return;
    }
    // Each file's own SHA-256 goes into the key: the same strength as its bytes, and the digest
    // an entry's reading is compared with (fileDigest is its first 16 hex digits).
    const digest = createHash('sha256').update(read.bytes).digest('hex');
    hash.update(digest);
    if (kept && name !== 'site.yml') {
      kept.files.set(name, read);
      kept.digests.set(name, digest);
    }
  };
  // The folder itself is followed if it is a link, as loadCorpus follows it.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
  hashFile(join(dir, 'site.yml'), 'site.yml');
  for (const collection of COLLECTIONS) {
    const folder = join(dir, collection);
    const kind = kindOf(folder);
    hash.update(`\0${collection}/\0${kind}`);
    if (kind !== 'folder') continue;
    for (const entry of listFolder(folder).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = `${collection}/${entry.name}`;
      if (entry.name.endsWith('.md')) hashFile(join(folder, entry.name), name);
      else hash.update(`\0${name}\0${entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other'}`);
    }
  }
  // Pictures are checked for being there, their kind and their size, never read: so are they hashed.
  const images = join(dir, 'images');
  hash.update(`\0images/\0${kindOf(images)}`);
  if (kindOf(images) !== 'folder') return;
  for (const entry of listFolder(images).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const kind = entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'other';
    const size = kind === 'file' ? lstatSync(join(images, entry.name)).size : 0;
    hash.update(`\0images/${entry.name}\0${kind}\0${size}\0`);
    if (kind === 'file') hash.update(readHead(join(images, entry.name)));
  }
}

/**
 * What the key read of each content file, by `<collection>/<name>`: its bytes, handed to the
 * check so that its calling thread does not read them again (and dropped as they are used),
 * and each file's SHA-256, which the check's readings are held to before a snapshot is saved.
 */
interface KeyReading {
  files: Map<string, FileRead>;
  digests: Map<string, string>;
}

/**
 * Whether every entry of a corpus was read from the bytes the key was made of. A file saved
 * while the folder was being checked (after the key read it) was checked as it is now, not as
 * the key says: such a corpus must not be saved under that key, where a later folder holding
 * the first bytes again would find it.
 */
export function readAsKeyed(corpus: Corpus, digests: ReadonlyMap<string, string>): boolean {
  for (const collection of COLLECTIONS) {
    for (const entry of corpus[collection].values()) {
      if (!digests.get(entry.path)?.startsWith(entry.digest)) return false;
    }
  }
  return true;
}

/** About how many content files a folder holds (its collections' entries), to know how many workers to start before listing them. */
function contentFileCount(dir: string): number {
  // A collection that is a link is refused, never listed (files.ts): it counts for nothing here either.
  return COLLECTIONS.reduce((n, c) => n + (kindOf(join(dir, c)) === 'folder' ? listFolder(join(dir, c)).length : 0), 0);
}

/**
 * A digest of the content folder (what loadCorpus reads of it), the corpus code, its packages and
 * the options; null when the code is not on disk (inside a bundle). With `kept`, what was read of
 * each content file is kept there for a check that follows.
 */
export function corpusKey(dir: string, displayBase: string, kept?: KeyReading): string | null {
  if (!existsSync(READERS[0]!)) return null;
  const hash = createHash('sha256');
  hash.update(`${resolve(dir)}\0${resolve(displayBase)}\0${process.version}\0${codeDigest(READERS, ROOT)}`);
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  hashContent(hash, dir, kept);
  return hash.digest('hex').slice(0, 32);
}

/** Where snapshots are kept (git-ignored); `CORPUS_CACHE_DIR` overrides it. */
export function snapshotDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(
    env.CORPUS_CACHE_DIR?.trim() || fileURLToPath(new URL('../../node_modules/.cache/factcheck-corpus', import.meta.url)),
  );
}

// The key each corpus was loaded under: astro.config's content digest includes it, and hashing
// every content file again for it doubled that cost at the start of a build.
const keys = new WeakMap<Corpus, string>();

/** The key a corpus from loadCorpusSnapshot was loaded under (corpusKey of its folder when it was read). */
export function keyOf(corpus: Corpus): string | undefined {
  return keys.get(corpus);
}

/**
 * A corpus as a snapshot holds it: each source's text as its blocks alone, and each excerpt
 * without its text where that is the stretch of the source its ranges span.
 */
type Stored = Omit<Corpus, 'texts' | 'excerpts'> & {
  texts: Map<string, SourceBlock[]>;
  excerpts: Map<string, (Omit<SourceExcerpt, 'text'> & { text?: string })[]>;
};

/** The stretch of its source's joined text that an excerpt's ranges span (joinedSpan). */
function spanned(text: SourceText, excerpt: Pick<SourceExcerpt, 'ranges'>): string {
  const span = joinedSpan(text, excerpt.ranges);
  return span ? text.joined.slice(span.start, span.end) : '';
}

/**
 * A source's joined text is its blocks' texts again, end to end: half of what a snapshot held.
 * It is joined again when the snapshot is read, and each block's text is then cut from the
 * joined one, which V8 keeps as a view of it, not a copy: the corpus the build holds keeps each
 * source's text once, where the one read from the folder kept it twice. An excerpt's text is cut
 * from it too, where it is that cut (the matcher makes it so): a text that is not is kept as it is.
 */
function toStored(corpus: Corpus): Stored {
  const excerpts = new Map(
    [...corpus.excerpts].map(([slug, list]) => {
      const text = corpus.texts.get(slug);
      return [slug, list.map((e) => (text && spanned(text, e) === e.text ? { ...e, text: undefined } : e))] as const;
    }),
  );
  return { ...corpus, texts: new Map([...corpus.texts].map(([slug, t]) => [slug, t.blocks])), excerpts };
}

/** A corpus's snapshot, the bytes loadCorpusSnapshot writes and reads back. */
export function snapshotBytes(corpus: Corpus): Buffer {
  return serialize(toStored(corpus));
}

/**
 * The file of a corpus's snapshot, for a worker thread that needs the same corpus: undefined for a
 * corpus no snapshot holds (read without one, or from a folder whose snapshot could not be written).
 */
export function snapshotFileOf(corpus: Corpus, env: Record<string, string | undefined> = process.env): string | undefined {
  const key = keys.get(corpus);
  if (key === undefined) return undefined;
  const file = join(snapshotDir(env), `${key}.bin`);
  return existsSync(file) ? file : undefined;
}

/** A snapshot file read back: the corpus loadCorpusSnapshot had when it wrote it. */
export function readSnapshot(file: string): Corpus {
  return fromStored(deserialize(readFileSync(file)) as Stored);
}

function fromStored(stored: Stored): Corpus {
  const texts = new Map<string, SourceText>();
  for (const [slug, blocks] of stored.texts) {
    const text = sourceText(blocks);
    blocks.forEach((b, i) => {
      b.text = text.joined.slice(text.blockStarts[i], text.blockStarts[i]! + b.text.length);
    });
    texts.set(slug, text);
  }
  const excerpts = new Map<string, SourceExcerpt[]>();
  for (const [slug, list] of stored.excerpts) {
    const text = texts.get(slug);
    excerpts.set(
      slug,
      list.map((e) => ({ ...e, text: e.text ?? (text ? spanned(text, e) : '') })),
    );
  }
  return { ...stored, texts, excerpts };
}

/** Whether a store holds any snapshot: when it holds none, no key can hit. */
function holdsSnapshot(store: string): boolean {
  try {
    return readdirSync(store).some((name) => name.endsWith('.bin'));
  } catch {
    return false;
  }
}

/** loadCorpus, from the snapshot when the folder and the code are as they were, and saving a snapshot otherwise. */
export function loadCorpusSnapshot(dir: string, options: LoadOptions = {}): Corpus {
  const displayBase = options.displayBase ?? process.cwd();
  if (options.skipExcerpts || !existsSync(READERS[0]!)) return loadCorpus(dir, options);
  const store = snapshotDir();
  // In case the key misses: the workers load their parsers while it is computed (on a large
  // folder, where they are started at all), and start reading when no snapshot is there to hit;
  // the check's calling thread reads each file from the key's reading of it. On a hit both are
  // simply dropped.
  const kept: KeyReading = { files: new Map(), digests: new Map() };
  const readers = startReaders(dir, displayBase, contentFileCount(dir), { eager: !holdsSnapshot(store) });
  let corpus: Corpus;
  let key: string;
  try {
    key = corpusKey(dir, displayBase, kept)!;
    const file = join(store, `${key}.bin`);
    if (existsSync(file)) {
      try {
        kept.files.clear();
        corpus = readSnapshot(file);
        keys.set(corpus, key);
        return corpus;
      } catch {
        // A snapshot from another Node or a torn write: read the folder instead.
      }
    }
    corpus = loadCorpus(dir, { ...options, displayBase }, { readers, preread: kept.files });
  } finally {
    readers?.stop();
    kept.files.clear();
  }
  if (!readAsKeyed(corpus, kept.digests)) return corpus;
  const file = join(store, `${key}.bin`);
  keys.set(corpus, key);
  try {
    mkdirSync(store, { recursive: true });
    for (const old of readdirSync(store)) rmSync(join(store, old), { force: true });
    // Write then rename: a process killed mid-write leaves no torn snapshot under the key.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, snapshotBytes(corpus));
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk costs the next process a read of the folder, nothing more.
  }
  return corpus;
}
