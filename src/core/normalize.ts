/**
 * The comparison form of the content format: NFKC, straight quotes, one kind of
 * dash, single spaces, lower case. Every normalised character remembers the
 * offset of the original character it came from, so a match found in the
 * normalised text can be highlighted in the original.
 */

const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u02BC': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
};
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015']);
/** Curly quotes and dashes by character code, for the common case of one without combining marks. */
const QUICK_FOLD = new Map<number, number>([
  ...Object.entries(QUOTES).map(([c, q]): [number, number] => [c.charCodeAt(0), q.charCodeAt(0)]),
  ...[...DASHES].map((d): [number, number] => [d.charCodeAt(0), 45]),
]);
const COMBINING = /\p{M}/u;
const SPACE = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]/u;

export interface Normalized {
  /** The comparison form. */
  text: string;
  /** `map[i]` is the offset in the original of normalised character `i`; `map[text.length]` is the original length. */
  map: Int32Array;
}

/** Maps one original character cluster (a base and its combining marks) to its comparison form. */
function foldCluster(cluster: string): string {
  const first = cluster[0]!;
  if (cluster.length === 1) {
    const q = QUOTES[first];
    if (q) return q;
    if (DASHES.has(first)) return '-';
  }
  let out = cluster.normalize('NFKC');
  // NFKC can itself produce curly quotes or dashes (rare); fold them too.
  out = out.replace(
    /[\u2018\u2019\u201A\u201B\u2032\u02BC\u201C\u201D\u201E\u201F\u2033\u2010-\u2015]/g,
    (c) => QUOTES[c] ?? '-',
  );
  // Lower-casing one cluster at a time cannot know where a Greek word ends, so
  // final sigma is folded to σ on both sides (as Unicode case folding does).
  return out.toLowerCase().replace(/\u03C2/g, '\u03C3');
}

const UTF16 = new TextDecoder('utf-16le');

/** A string from UTF-16 code units; the decoder would replace a lone surrogate, so text with one is built by hand. */
function fromCodes(codes: Uint16Array, wellFormed: boolean): string {
  if (wellFormed) return UTF16.decode(codes);
  let s = '';
  for (let k = 0; k < codes.length; k++) s += String.fromCharCode(codes[k]!);
  return s;
}

export function normalize(original: string): Normalized {
  // Character codes and their origins go into typed arrays, turned into a string once at the end:
  // appending to a string one character at a time was most of the cost of indexing a source.
  // One slot per original character is enough unless NFKC expands (ﬁ → fi); grow then.
  let out = new Uint16Array(original.length + 1);
  let map = new Int32Array(original.length + 1);
  let len = 0;
  const room = (extra: number) => {
    if (len + extra + 1 <= map.length) return;
    const size = Math.max(map.length * 2, len + extra + 1);
    const biggerOut = new Uint16Array(size);
    biggerOut.set(out);
    out = biggerOut;
    const biggerMap = new Int32Array(size);
    biggerMap.set(map);
    map = biggerMap;
  };
  const put = (s: string, at: number) => {
    room(s.length);
    for (let k = 0; k < s.length; k++) {
      out[len] = s.charCodeAt(k);
      map[len++] = at;
    }
  };
  let pendingSpace = -1; // offset of the first white space of a run not yet written
  const flushSpace = () => {
    if (pendingSpace >= 0) {
      if (len > 0) {
        room(1);
        out[len] = 32;
        map[len++] = pendingSpace;
      }
      pendingSpace = -1;
    }
  };
  let i = 0;
  const n = original.length;
  while (i < n) {
    const code = original.charCodeAt(i);
    // Fast path for ASCII not followed by a combining mark (all marks are at U+0300 or above).
    if (code < 0x80 && !(i + 1 < n && original.charCodeAt(i + 1) >= 0x300)) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (pendingSpace < 0) pendingSpace = i;
        i++;
        continue;
      }
      flushSpace();
      if (len + 2 > map.length) room(1);
      out[len] = code >= 65 && code <= 90 ? code + 32 : code;
      map[len++] = i;
      i++;
      continue;
    }
    const quick = QUICK_FOLD.get(code);
    if (quick !== undefined && !(i + 1 < n && original.charCodeAt(i + 1) >= 0x300)) {
      flushSpace();
      if (len + 2 > map.length) room(1);
      out[len] = quick;
      map[len++] = i;
      i++;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    let ch = original.slice(i, i + width);
    if (SPACE.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      i += width;
      continue;
    }
    let j = i + width;
    while (j < n && original.charCodeAt(j) >= 0x300) {
      const next = original.codePointAt(j)!;
      const w = next > 0xffff ? 2 : 1;
      const c = original.slice(j, j + w);
      if (!COMBINING.test(c)) break;
      ch += c;
      j += w;
    }
    flushSpace();
    put(foldCluster(ch), i);
    i = j;
  }
  map[len] = n;
  return { text: fromCodes(out.subarray(0, len), original.isWellFormed()), map: map.subarray(0, len + 1) };
}

const ASCII = /^[\x00-\x7F]*$/;

/**
 * The comparison form alone, for short strings such as excerpts. ASCII text has no quotes or
 * dashes to fold and nothing NFKC changes: it is lower-cased and its white space collapsed, as
 * normalize does it, without building the map.
 */
export function fold(s: string): string {
  return ASCII.test(s)
    ? s
        .replace(/[\t-\r ]+/g, ' ')
        .trim()
        .toLowerCase()
    : normalize(s).text;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}

/** Scripts written without spaces between words: any character may start or end a quotation. */
export const UNSPACED_SCRIPT =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]';
const UNSPACED = new RegExp(UNSPACED_SCRIPT, 'u');

/** True when a quotation may not begin or end between `a` and `b` because that would split a word. */
export function splitsWord(a: string | undefined, b: string | undefined): boolean {
  return isWordChar(a) && isWordChar(b) && !UNSPACED.test(a!) && !UNSPACED.test(b!);
}
