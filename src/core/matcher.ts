/**
 * The excerpt matcher: does a quotation occur in its source, and where?
 *
 * A source is indexed once (its blocks joined, normalised, with a map back to
 * the original offsets); every excerpt of every claim is then matched against
 * that index, so the cost grows with the text, not with claims times sources.
 */
import { fold, normalize, splitsWord, UNSPACED_SCRIPT, type Normalized } from './normalize.ts';

/** One block of a source's text: a paragraph or a heading, as plain text. */
export interface SourceBlock {
  kind: 'paragraph' | 'heading';
  text: string;
  /** 1-based line of the block in the source file's body. */
  line?: number;
}

/** A source's text as blocks, and joined into one string that match offsets refer to. */
export interface SourceText {
  blocks: SourceBlock[];
  /** The blocks joined by blank lines: the "original text" the offsets below refer to. */
  joined: string;
  /** Offset in `joined` at which each block starts. */
  blockStarts: number[];
}

/** What matching needs of a source: its text and that text normalised (only while matching: four bytes a character). */
export interface SourceIndex extends SourceText {
  norm: Normalized;
  /** Word spans in the normalised text, built on first use by the closest-passage search. */
  words?: { start: number; end: number; word: string }[];
}

/** A highlighted range inside one block, in that block's own text offsets. */
export interface BlockRange {
  block: number;
  start: number;
  end: number;
}

export type Gap = 'none' | 'insertion' | 'elision';

export interface ExcerptPattern {
  /** The literal parts, already normalised. */
  segments: string[];
  /** `gaps[i]` separates segments[i] and segments[i + 1]; `insertions[i]` counts the bracketed insertions in it. */
  gaps: Gap[];
  insertions: number[];
  /** The literal parts as written, for messages. */
  written: string[];
}

export type MatchResult =
  | {
      ok: true;
      /** Highlight ranges, one per stretch of contiguous source text, in source order. */
      ranges: BlockRange[];
      /** The exact source text from the start of the match to its end (elided text included). */
      text: string;
      /** Start and end of the whole match in `SourceIndex.joined`. */
      start: number;
      end: number;
    }
  | {
      ok: false;
      reason: string;
      closest: string;
      closestBlock: number;
      /** Where the excerpt (or its part that does not occur) first differs from the closest passage. */
      difference?: Difference;
    };

/** Up to this many words of source may stand behind one `[insertion]`. */
export const INSERTION_MAX_WORDS = 12;

const ELISION = /\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\./g;
const INSERTION = /\[[^[\]]*\]/g;

/** A source's blocks joined: the offsets of matches and highlights are in this text. */
export function sourceText(blocks: SourceBlock[]): SourceText {
  const blockStarts: number[] = [];
  let joined = '';
  for (const b of blocks) {
    if (joined.length > 0) joined += '\n\n';
    blockStarts.push(joined.length);
    joined += b.text;
  }
  return { blocks, joined, blockStarts };
}

/** Where ranges lie in their source's joined text: from the first one's start to the last one's end; null for no range. */
export function joinedSpan(text: SourceText, ranges: readonly BlockRange[]): { start: number; end: number } | null {
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  if (!first || !last) return null;
  return { start: text.blockStarts[first.block]! + first.start, end: text.blockStarts[last.block]! + last.end };
}

export function indexSource(blocks: SourceBlock[]): SourceIndex {
  const text = sourceText(blocks);
  return { ...text, norm: normalize(text.joined) };
}

/** An index's text alone, without what only matching needs. */
export function textOf(index: SourceIndex): SourceText {
  return { blocks: index.blocks, joined: index.joined, blockStarts: index.blockStarts };
}

/** Splits an excerpt into normalised literal segments and the gaps (elisions, insertions) between them. */
export function parseExcerpt(excerpt: string): ExcerptPattern {
  const marked = excerpt.replace(ELISION, '\u0001').replace(INSERTION, '\u0002');
  const segments: string[] = [];
  const written: string[] = [];
  const gaps: Gap[] = [];
  const insertions: number[] = [];
  let pendingGap: Gap = 'none';
  let pendingIns = 0;
  for (const piece of marked.split(/([\u0001\u0002])/)) {
    if (piece === '\u0001') {
      pendingGap = 'elision';
    } else if (piece === '\u0002') {
      if (pendingGap !== 'elision') pendingGap = 'insertion';
      pendingIns++;
    } else {
      const seg = fold(piece).trim();
      if (seg.length === 0) continue;
      if (segments.length > 0) {
        gaps.push(pendingGap);
        insertions.push(pendingIns);
      }
      segments.push(seg);
      written.push(piece.trim().replace(/\s+/g, ' '));
      pendingGap = 'none';
      pendingIns = 0;
    }
  }
  return { segments, gaps, insertions, written };
}

function boundaryOk(text: string, seg: string, at: number): boolean {
  return !splitsWord(text[at - 1], seg[0]) && !splitsWord(seg[seg.length - 1], text[at + seg.length]);
}

type Find = (seg: string, from: number) => number;
const plainFind =
  (text: string): Find =>
  (seg, from) =>
    text.indexOf(seg, from);

/**
 * `indexOf` that remembers, per segment, the last answer: when a search bounded by an
 * [insertion] window fails, the next search from a later point would otherwise scan the
 * same text again, which made common words quadratic in the length of the source.
 */
function cachedFind(text: string): Find {
  const last = new Map<string, { from: number; at: number }>();
  return (seg, from) => {
    const c = last.get(seg);
    if (c && from >= c.from && (c.at < 0 || from <= c.at)) return c.at;
    const at = text.indexOf(seg, from);
    last.set(seg, { from, at });
    return at;
  };
}

function* occurrences(text: string, seg: string, from: number, to = Infinity, find: Find = plainFind(text)): Generator<number> {
  let at = find(seg, from);
  while (at >= 0 && at <= to) {
    if (boundaryOk(text, seg, at)) yield at;
    at = find(seg, at + 1);
  }
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** The space-separated tokens of `s` that hold a letter or a digit, counted in one pass (it runs for every candidate of every [insertion]). */
function countWords(s: string): number {
  let n = 0;
  let wordy = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 32) {
      if (wordy) n++;
      wordy = false;
    } else if (!wordy) {
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) wordy = true;
      else if (c > 127) {
        // A letter outside the Basic Multilingual Plane is a surrogate pair: test it whole.
        const ch = c >= 0xd800 && c <= 0xdbff ? s.slice(k, k + 2) : s[k]!;
        if (LETTER_OR_NUMBER.test(ch)) wordy = true;
      }
    }
  }
  return wordy ? n + 1 : n;
}

/** The furthest normalised offset at which the next segment may start after `from` when up to `words` words may intervene. */
function windowEnd(text: string, from: number, words: number): number {
  let at = from;
  // skip the separator, then `words` tokens each followed by their separator
  for (let w = 0; w <= words; w++) {
    const space = text.indexOf(' ', at + (w === 0 ? 0 : 1));
    if (space < 0) return text.length;
    at = space;
  }
  return at + 1;
}

/**
 * Finds the normalised spans of all segments, honouring order, insertions and elisions.
 * Whether segment i can be matched from offset `from` onwards depends on nothing else, so
 * each (i, from) that failed is remembered: without that, every occurrence in an
 * [insertion]'s window tried every occurrence in the next window, and a chain of insertions
 * over a repetitive source took time exponential in its length. With it, each state is
 * tried once, and the search is polynomial in the excerpt's and the source's lengths.
 */
function locate(text: string, p: ExcerptPattern): [number, number][] | null {
  const spans: [number, number][] = [];
  const failed = new Set<number>();
  const stateOf = (i: number, from: number) => i * (text.length + 1) + from;
  // For a segment after an elision, failing from `from` means failing from anywhere later:
  // remembering that keeps common words from making the search quadratic.
  const failedFrom: number[] = [];
  const find = cachedFind(text);
  const step = (i: number, from: number): boolean => {
    if (failed.has(stateOf(i, from))) return false;
    const seg = p.segments[i]!;
    const gap: Gap = i === 0 ? 'elision' : p.gaps[i - 1]!;
    if (gap === 'elision' && i > 0 && from >= (failedFrom[i] ?? Infinity)) return false;
    let to = Infinity;
    if (gap === 'none')
      to = from + 1; // a space at most
    else if (gap === 'insertion') to = windowEnd(text, from, INSERTION_MAX_WORDS * p.insertions[i - 1]!);
    for (const at of occurrences(text, seg, from, to, find)) {
      if (gap !== 'elision' && i > 0) {
        const between = text.slice(from, at);
        if (gap === 'none' && between.trim().length > 0) continue;
        if (gap === 'insertion' && countWords(between) > INSERTION_MAX_WORDS * p.insertions[i - 1]!) continue;
      }
      spans[i] = [at, at + seg.length];
      if (i + 1 === p.segments.length || step(i + 1, at + seg.length)) return true;
      // Between two elisions the earliest occurrence is always the best one to continue from;
      // before an [insertion] a later occurrence may still be followed closely enough.
      if (gap === 'elision' && i > 0 && p.gaps[i] === 'elision') break;
    }
    if (gap === 'elision' && i > 0) failedFrom[i] = Math.min(failedFrom[i] ?? Infinity, from);
    failed.add(stateOf(i, from));
    return false;
  };
  if (p.segments.length === 0) return null;
  return step(0, 0) ? spans : null;
}

function toOriginal(index: SourceIndex, s: number, e: number): [number, number] {
  const { map } = index.norm;
  const start = map[s]!;
  let end = map[e]! > map[e - 1]! ? map[e]! : map[e - 1]! + 1;
  while (end > start && /\s/.test(index.joined[end - 1]!)) end--;
  return [start, end];
}

function blockOf(index: SourceIndex, offset: number): number {
  let lo = 0;
  let hi = index.blockStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.blockStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Splits an original range at block boundaries into per-block ranges. */
function toBlockRanges(index: SourceIndex, start: number, end: number): BlockRange[] {
  const out: BlockRange[] = [];
  let b = blockOf(index, start);
  let at = start;
  while (at < end && b < index.blocks.length) {
    const base = index.blockStarts[b]!;
    const blockEnd = base + index.blocks[b]!.text.length;
    const e = Math.min(end, blockEnd);
    if (e > at) out.push({ block: b, start: at - base, end: e - base });
    b++;
    at = index.blockStarts[b] ?? end;
  }
  return out;
}

/**
 * `excerpt` may come parsed (parseExcerpt), when its id is wanted too. `explain: false` skips the
 * search for the closest passage on a miss, for callers that try several sources in turn.
 */
export function matchExcerpt(index: SourceIndex, excerpt: string | ExcerptPattern, { explain = true } = {}): MatchResult {
  const pattern = typeof excerpt === 'string' ? parseExcerpt(excerpt) : excerpt;
  if (pattern.segments.length === 0) {
    return { ok: false, reason: 'the excerpt is empty', closest: '', closestBlock: 0 };
  }
  const text = index.norm.text;
  const spans = locate(text, pattern);
  if (!spans) return explain ? explainMiss(index, pattern) : { ok: false, reason: '', closest: '', closestBlock: 0 };
  // Segments joined by an insertion or nothing form one contiguous highlight; an elision starts a new one.
  const stretches: [number, number][] = [];
  spans.forEach(([s, e], i) => {
    const last = stretches[stretches.length - 1];
    if (last && pattern.gaps[i - 1] !== 'elision') last[1] = e;
    else stretches.push([s, e]);
  });
  const ranges = stretches.flatMap(([s, e]) => {
    const [os, oe] = toOriginal(index, s, e);
    return toBlockRanges(index, os, oe);
  });
  const [start] = toOriginal(index, spans[0]![0], spans[0]![1]);
  const [, end] = toOriginal(index, spans[spans.length - 1]![0], spans[spans.length - 1]![1]);
  return { ok: true, ranges, text: index.joined.slice(start, end), start, end };
}

function explainMiss(index: SourceIndex, p: ExcerptPattern): MatchResult & { ok: false } {
  const text = index.norm.text;
  const missingAt = p.segments.findIndex((seg) => occurrences(text, seg, 0).next().done);
  const missing = missingAt >= 0 ? p.segments[missingAt] : undefined;
  let reason: string;
  let probe: string;
  if (missing !== undefined) {
    reason =
      p.segments.length > 1
        ? `“${p.written[missingAt]}” does not occur in the source`
        : 'the excerpt does not occur in the source';
    probe = missing;
  } else {
    reason =
      'each part occurs, but not in this order or not close enough (an [insertion] stands for at most ' +
      `${INSERTION_MAX_WORDS} words; use … to leave out more)`;
    probe = p.segments.join(' ');
  }
  const { text: closest, block } = closestPassage(index, probe);
  const difference = missing !== undefined && closest ? firstDifference(p.written[missingAt]!, closest) : undefined;
  return { ok: false, reason, closest, closestBlock: block, ...(difference ? { difference } : {}) };
}

/** Words of context shown on each side of the closest passage. */
const CONTEXT_WORDS = 3;

/** A word for the closest-passage search; in scripts without spaces, each character counts as one. */
const LETTER = `(?:(?!${UNSPACED_SCRIPT})[\\p{L}\\p{N}])`;
const WORD_RE = new RegExp(`${UNSPACED_SCRIPT}|${LETTER}+(?:['-]${LETTER}+)*`, 'gu');

function wordsOf(index: SourceIndex): NonNullable<SourceIndex['words']> {
  if (!index.words) {
    const words: NonNullable<SourceIndex['words']> = [];
    for (const m of index.norm.text.matchAll(WORD_RE)) words.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    index.words = words;
  }
  return index.words;
}

/**
 * The passage of the source most like `probe`: the window of as many words
 * that shares the most words with it, found in one pass with running counts.
 */
export function closestPassage(index: SourceIndex, probe: string): { text: string; block: number } {
  const words = wordsOf(index);
  const wanted = new Map<string, number>();
  const probeWords = normalize(probe).text.match(WORD_RE) ?? [];
  for (const w of probeWords) wanted.set(w, (wanted.get(w) ?? 0) + 1);
  const size = Math.max(1, Math.min(probeWords.length, words.length));
  if (words.length === 0) return { text: '', block: 0 };
  const have = new Map<string, number>();
  let score = 0;
  const add = (w: string, d: 1 | -1) => {
    const before = have.get(w) ?? 0;
    const want = wanted.get(w) ?? 0;
    const after = before + d;
    have.set(w, after);
    score += Math.min(after, want) - Math.min(before, want);
  };
  let best = -1;
  let bestScore = 0;
  let bestAt = 0;
  for (let i = 0; i < words.length; i++) {
    add(words[i]!.word, 1);
    if (i >= size) add(words[i - size]!.word, -1);
    const startIdx = Math.max(0, i - size + 1);
    // Prefer windows that start on a wanted word: they read better in a message.
    const bonus = wanted.has(words[startIdx]!.word) ? 0.5 : 0;
    if (i >= size - 1 && score + bonus > best) {
      best = score + bonus;
      bestScore = score;
      bestAt = startIdx;
    }
  }
  // A passage that shares no word with the excerpt would only mislead.
  if (bestScore === 0) return { text: '', block: 0 };
  // Trim the window to the words the excerpt shares with it, then widen it by a few words
  // within its paragraph: a passage cut mid-phrase does not show the editor what to fix.
  let a = bestAt;
  let b = Math.min(words.length - 1, bestAt + size - 1);
  while (a < b && !wanted.has(words[a]!.word)) a++;
  while (b > a && !wanted.has(words[b]!.word)) b--;
  const blockAt = (k: number) => blockOf(index, index.norm.map[words[k]!.start]!);
  for (let k = 0, home = blockAt(a); k < CONTEXT_WORDS && a > 0 && blockAt(a - 1) === home; k++) a--;
  for (let k = 0, home = blockAt(b); k < CONTEXT_WORDS && b < words.length - 1 && blockAt(b + 1) === home; k++) b++;
  const [s, e] = toOriginal(index, words[a]!.start, words[b]!.end);
  return { text: index.joined.slice(s, e).replace(/\s+/g, ' '), block: blockOf(index, s) };
}

/** What an excerpt has where its closest passage has something else, each with a word of context. */
export interface Difference {
  excerpt: string;
  source: string;
}

/** Words and single punctuation marks, so that a changed comma or a trailing full stop is a difference of its own. */
const TOKEN_RE = new RegExp(`${UNSPACED_SCRIPT}|${LETTER}+(?:['’-]${LETTER}+)*|[^\\s\\p{L}\\p{N}]`, 'gu');
/** Longest texts compared word by word (the table is their product); the closest passage is short. */
const DIFF_MAX_TOKENS = 400;

function tokens(text: string): { at: number; end: number; key: string }[] {
  return [...text.matchAll(TOKEN_RE)]
    .slice(0, DIFF_MAX_TOKENS)
    .map((m) => ({ at: m.index, end: m.index + m[0].length, key: normalize(m[0]).text }));
}

/**
 * The first place where `excerpt` and `passage` (the closest passage, which has a few words of
 * context on each side) differ, word by word under the format's comparison: the longest common
 * subsequence aligns them, the context the excerpt does not reach is ignored, and each side of
 * the first difference is shown with the matching word before and after it.
 */
export function firstDifference(excerpt: string, passage: string): Difference | undefined {
  const a = tokens(excerpt);
  const b = tokens(passage);
  if (a.length === 0 || b.length === 0) return undefined;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const w = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i]!.key === b[j]!.key ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]!.key === b[j]!.key) pairs.push([i++, j++]);
    else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  // A passage that shares less than half the excerpt's words is not a version of it: no difference is worth showing.
  if (pairs.length < Math.max(2, Math.ceil(a.length / 2))) return undefined;
  // The passage's context before the excerpt's first matched word is not a difference, nor after its last.
  let prev: [number, number] = [-1, pairs[0]![1] - 1 - pairs[0]![0]];
  for (const pair of [...pairs, [a.length, b.length] as [number, number]]) {
    const [i, j] = pair;
    const gapA = i - prev[0] - 1;
    const atEnd = i === a.length;
    const gapB = atEnd ? Math.min(b.length - prev[1] - 1, Math.max(1, gapA)) : j - Math.max(prev[1], -1) - 1;
    if (gapA > 0 || (gapB > 0 && prev[0] >= 0 && !atEnd)) {
      const fromA = Math.max(0, prev[0]);
      const toA = Math.min(a.length - 1, i);
      const fromB = Math.max(0, prev[0] >= 0 ? prev[1] : j - Math.max(1, gapA));
      const toB = atEnd ? Math.min(b.length - 1, prev[1] + gapB) : Math.min(b.length - 1, j);
      const show = (text: string, t: typeof a, from: number, to: number) =>
        to < from ? '' : text.slice(t[from]!.at, t[to]!.end);
      const source = show(passage, b, fromB, toB);
      const excerptSide = show(excerpt, a, fromA, toA);
      if (normalize(source).text !== normalize(excerptSide).text) return { excerpt: excerptSide, source };
    }
    prev = pair;
  }
  return undefined;
}
