/**
 * What reads as a quotation (docs/content-format.md, "What an excerpt must
 * match" and "Quotations that are not links"): text between an opening and a
 * closing quotation mark of any script, once invisible format characters are
 * set aside. The checker and the remark plugin both find quotations here, so
 * they cannot disagree about what was verified.
 *
 * Marks are told apart by what stands beside them, not by their glyph: „…“,
 * »…«, ”…” and “…” are all used as quotation marks somewhere, so a mark opens
 * when it has a word on its right and none on its left, and closes the other
 * way round. An apostrophe inside a word (ICE's, don't), after one (officers'
 * union) or before a number ('90s) is not a mark. Quotations nested in one
 * another are one quotation.
 */

/** Marks that pair with marks of the same kind: double, or single. Any mark of a kind may close any of that kind. */
const DOUBLE = new Set([...'"\u201C\u201D\u201E\u201F\u00AB\u00BB\uFF02\u300C\u300D\u2E42']);
const SINGLE = new Set([..."'\u2018\u2019\u201A\u201B\u2039\u203A\uFF07\u300E\u300F"]);
const MARK = new RegExp(`[${[...DOUBLE, ...SINGLE].join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'u');
/** Corner brackets have a direction of their own, whatever stands beside them. */
const OPEN_ONLY = new Set([...'\u300C\u300E']);
const CLOSE_ONLY = new Set([...'\u300D\u300F']);
/** Marks drawn as openers in most scripts, which open when context alone cannot tell. */
const OPENING_GLYPHS = new Set([...'\u201C\u2018\u201E\u201A\u201F\u201B\u00AB\u2039']);
/** Marks that are also the apostrophe, and so never open a quotation after a letter or before a digit. */
const APOSTROPHES = new Set([..."'\u2019\uFF07"]);

import type { Nodes, Parent, Root, Text } from 'mdast';
import { walk } from './markdown.ts';
import { UNSPACED_SCRIPT } from './normalize.ts';

/** Unicode format characters (zero-width spaces and joiners, direction marks, soft hyphen, BOM): invisible, so never part of the decision. */
const INVISIBLE = /\p{Cf}/u;
const LETTERLIKE = /[\p{L}\p{N}\p{M}]/u;
/** In scripts written without spaces, a mark stands between two words as a matter of course: those letters do not bind it. */
const UNSPACED = new RegExp(UNSPACED_SCRIPT, 'u');
const SPACE = /\s/u;
/** Guillemets stand apart from the words they enclose in French (« ainsi »): look past the space on their inner side. */
const GUILLEMETS = new Set([...'\u00AB\u00BB\u2039\u203A']);

const wordy = (ch: string) => ch !== '' && LETTERLIKE.test(ch) && !UNSPACED.test(ch);

export function isQuotationMark(ch: string): boolean {
  return DOUBLE.has(ch) || SINGLE.has(ch);
}

export interface Quotation {
  /** Offsets in the text given: the opening mark, and just after the closing mark. */
  start: number;
  end: number;
  /** The words between the outermost marks, as written (invisible characters included). */
  inner: string;
}

export interface QuotationScan {
  quotations: Quotation[];
  /** Offsets of marks that open or close nothing: a quotation left unclosed, or a closing mark with no opening one. */
  unpaired: number[];
}

/** What each mark of a text does: opens or closes a quotation, or is an apostrophe (typography draws each as such). */
export type MarkRole = 'open' | 'close' | 'apostrophe';

/** The visible neighbour of `text[at]` in direction `step` (invisible characters, and spaces if asked, skipped), or '' at an end. */
function neighbour(text: string, at: number, step: 1 | -1, skipSpaces = false): string {
  for (let k = at + step; k >= 0 && k < text.length; k += step) {
    const ch = text[k]!;
    if (!INVISIBLE.test(ch) && !(skipSpaces && SPACE.test(ch))) return ch;
  }
  return '';
}

/**
 * Every quotation of a text (a paragraph, a heading, a field), outermost
 * first, in order; and every mark left without a partner. A quotation never
 * runs across texts: pass each paragraph on its own.
 */
export function scanQuotations(text: string, roles?: Map<number, MarkRole>): QuotationScan {
  const quotations: Quotation[] = [];
  const unpaired: number[] = [];
  const open: { at: number; kind: 'double' | 'single' }[] = [];
  // Marks are rare in prose: let the regex engine find them, rather than look at every character here.
  const marks = new RegExp(MARK.source, 'g');
  for (let m = marks.exec(text); m; m = marks.exec(text)) {
    const at = m.index;
    const ch = m[0];
    const kind = DOUBLE.has(ch) ? 'double' : 'single';
    const before = neighbour(text, at, -1);
    const after = neighbour(text, at, 1);
    const wordBefore = wordy(before);
    const wordAfter = wordy(after);
    if (APOSTROPHES.has(ch) && ((wordBefore && wordAfter) || (!wordBefore && /\p{N}/u.test(after)))) {
      roles?.set(at, 'apostrophe');
      continue;
    }
    const spaced = GUILLEMETS.has(ch);
    const inside = spaced ? neighbour(text, at, 1, true) : after;
    const insideBefore = spaced ? neighbour(text, at, -1, true) : before;
    let canOpen = inside !== '' && !SPACE.test(inside) && !wordBefore;
    let canClose = insideBefore !== '' && !SPACE.test(insideBefore) && !wordAfter;
    if (OPEN_ONLY.has(ch)) [canOpen, canClose] = [true, false];
    if (CLOSE_ONLY.has(ch)) [canOpen, canClose] = [false, true];
    // The typographic apostrophe opens nothing: 'em and ’tis are words, not quotations.
    if (ch === '\u2019' && !canClose) {
      roles?.set(at, 'apostrophe');
      continue;
    }
    const innermost = open.findLastIndex((o) => o.kind === kind);
    // Where either would do (« ainsi », a mark between punctuation), the glyph's own direction decides.
    if (canOpen && canClose && OPENING_GLYPHS.has(ch)) canClose = false;
    // Each branch says what the mark does: typography (core/typography.ts) draws it so.
    if (canClose && innermost >= 0) {
      roles?.set(at, 'close');
      const opener = open[innermost]!;
      open.length = innermost;
      if (open.length === 0) quotations.push({ start: opener.at, end: at + 1, inner: text.slice(opener.at + 1, at) });
    } else if (canOpen) {
      roles?.set(at, 'open');
      open.push({ at, kind });
    } else if (canClose && APOSTROPHES.has(ch)) {
      // A single mark after a word with nothing to close is a possessive: officers'.
      roles?.set(at, 'apostrophe');
    } else {
      // A closing mark with nothing to close, or a mark between two words or two spaces that reads
      // as neither: leave it to the reader, but not unchecked (an apostrophe-like one excepted).
      roles?.set(at, 'close');
      if (canClose || !APOSTROPHES.has(ch)) unpaired.push(at);
    }
  }
  for (const o of open) unpaired.push(o.at);
  return { quotations, unpaired: unpaired.sort((a, b) => a - b) };
}

/** The text without its invisible characters, for deciding what it is. */
export function visible(text: string): string {
  return text.replace(/\p{Cf}/gu, '');
}

/**
 * What a link text to a source is: an excerpt (the whole text one quotation,
 * punctuation after the closing mark allowed), a plain link (no quotation
 * mark at all), or a problem an editor must fix.
 */
export function linkTextQuotation(text: string): { excerpt: string } | { plain: true } | { problem: string } {
  const seen = visible(text).trim();
  // A text that opens with a mark and closes with one is the quotation, whatever marks the source's
  // own words carry inside it (a passage that starts inside someone's quoted sentence): those are
  // part of the excerpt, and verified with it.
  const first = seen[0] ?? '';
  const body = seen.slice(1).replace(/[.,;:!?\u2026]+$/u, '');
  const last = body[body.length - 1] ?? '';
  const opens =
    isQuotationMark(first) &&
    !CLOSE_ONLY.has(first) &&
    first !== '\u2019' &&
    !(APOSTROPHES.has(first) && /^\p{N}/u.test(seen.slice(1)));
  const closes = isQuotationMark(last) && !OPEN_ONLY.has(last);
  if (opens && closes && body.slice(0, -1).trim().length > 0) return { excerpt: body.slice(0, -1).trim() };
  const { quotations, unpaired } = scanQuotations(seen);
  if (quotations.length === 0 && unpaired.length === 0) return { plain: true };
  if (opens && !closes && quotations.length === 0) {
    return { problem: 'the quotation in this link is not closed: end it with a closing quotation mark' };
  }
  return {
    problem:
      'this link to a source holds a quotation but is not one: put the whole quotation, and nothing else, in the link text ' +
      '([“…”](../sources/slug.md)), and the other words outside it',
  };
}

/** Stands for what a quotation in running text may not hold unchecked: a source link, code, an image. */
const OPAQUE = '\uFFFC';

/** A quotation in running text (a claim's analysis), where the checker reports it and the site links it. */
export interface TextQuotation {
  /** The words between the marks, invisible characters set aside. */
  text: string;
  /** Where its opening mark is, 1-based, in the body given. */
  line: number;
  column: number;
  /** Why it cannot be verified as written (an unpaired mark, a link inside it). */
  problem?: string;
  /** The text node that holds the whole quotation, marks included, and where in its value; absent when it spans several nodes. */
  node?: Text;
  start?: number;
  end?: number;
}

type Piece = { from: number; node: Text | null };

/**
 * A block's running text, as the quotation check and typography both read it: its text nodes
 * joined, a hard break as a line break, and one OPAQUE character for each node a mark must not
 * pair across (code, an image, raw HTML, and `skip`); `pieces` maps offsets back to text nodes.
 */
export function blockText(block: Parent, skip: ReadonlySet<Nodes> = new Set()): { text: string; pieces: Piece[] } {
  let text = '';
  const pieces: Piece[] = [];
  const add = (value: string, node: Text | null) => {
    pieces.push({ from: text.length, node });
    text += value;
  };
  walk(block as Nodes, (n) => {
    if (n === block) return undefined;
    if (skip.has(n) || n.type === 'inlineCode' || n.type === 'image' || n.type === 'imageReference' || n.type === 'html') {
      add(OPAQUE, null);
      return false;
    }
    if (n.type === 'text') add(n.value, n);
    else if (n.type === 'break') add('\n', null);
    return undefined;
  });
  return { text, pieces };
}

/** The problem of a mark with no partner, wherever it is. */
export const UNPAIRED_MARK =
  'this quotation mark has no partner: close the quotation, or, for an apostrophe, write ’ (an apostrophe inside a word is never a mark)';
const HOLDS_OPAQUE =
  'this quotation holds a link to a source, code or an image, so its words cannot be checked: put the quotation marks inside the link text ([“…”](../sources/slug.md)) to make it an excerpt';

/**
 * Every quotation in the running text of a body (paragraphs, headings, table
 * cells), in document order, leaving out what is verified another way or is
 * not prose: `skip` (the links and blockquotes that are citations), code, and
 * images (alt text is never quoted text). `source` is the body as written, for
 * the columns of marks on continuation lines.
 */
export function bodyQuotations(tree: Root, skip: ReadonlySet<Nodes>, source: string): TextQuotation[] {
  const out: TextQuotation[] = [];
  const lines = source.split('\n');
  const where = (node: Text | null, offset: number): { line: number; column: number } => {
    const start = node?.position?.start;
    if (!node || !start) return { line: 1, column: 1 };
    const before = node.value.slice(0, offset);
    const newlines = before.split('\n').length - 1;
    if (newlines === 0) return { line: start.line, column: start.column + offset };
    const line = start.line + newlines;
    // On a continuation line the column depends on the prefix (> or indentation): find the text in the line as written.
    const lineText = before.slice(before.lastIndexOf('\n') + 1) + node.value[offset];
    const at = (lines[line - 1] ?? '').indexOf(lineText.trimStart());
    return { line, column: at >= 0 ? at + lineText.trimStart().length : 1 };
  };
  const scanBlock = (block: Parent) => {
    const { text, pieces } = blockText(block, skip);
    const pieceAt = (offset: number) => {
      let lo = 0;
      for (let hi = pieces.length - 1; lo < hi; ) {
        const mid = (lo + hi + 1) >> 1;
        if (pieces[mid]!.from <= offset) lo = mid;
        else hi = mid - 1;
      }
      return pieces[lo]!;
    };
    const { quotations, unpaired } = scanQuotations(text);
    for (const at of unpaired) {
      const p = pieceAt(at);
      out.push({ text: text.slice(at, at + 1), ...where(p.node, at - p.from), problem: UNPAIRED_MARK });
    }
    for (const q of quotations) {
      const p = pieceAt(q.start);
      const last = pieceAt(q.end - 1);
      const inner = visible(q.inner).trim();
      const found: TextQuotation = { text: inner, ...where(p.node, q.start - p.from) };
      if (inner.includes(OPAQUE)) found.problem = HOLDS_OPAQUE;
      else if (inner.length === 0) continue;
      if (p === last && p.node) Object.assign(found, { node: p.node, start: q.start - p.from, end: q.end - p.from });
      out.push(found);
    }
  };
  walk(tree, (n) => {
    if (skip.has(n) || n.type === 'code' || n.type === 'html' || n.type === 'definition') return false;
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
      scanBlock(n);
      return false;
    }
    return undefined;
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
