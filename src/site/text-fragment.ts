/**
 * URL text fragments (WICG Scroll To Text Fragment): a link that scrolls the
 * original article to the quoted passage, `url#:~:text=[prefix-,]start[,end][,-suffix]`.
 *
 * The passage is taken from our copy of the source, which is the best knowledge
 * we have of the original's words; when the start alone occurs more than once in
 * that copy, the words around it are added as prefix/suffix so the browser lands
 * on the right occurrence.
 */

/** Percent-encodes one directive part; `-`, `,` and `&` are syntax in a text directive. */
export function encodeTextPart(part: string): string {
  return encodeURIComponent(part).replace(/-/g, '%2D');
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const BLOCK_BREAK = /\n\s*\n/;
/** The words of `s` (what `collapse(s).split(' ')` gives, without empty ones), in one split: it runs five times per excerpt. */
function words(s: string): string[] {
  const w = s.split(/\s+/);
  if (w[0] === '') w.shift();
  if (w.length > 0 && w[w.length - 1] === '') w.pop();
  return w;
}

/** A passage shorter than this many words is written whole; longer ones as start,end. */
const WHOLE_MAX_WORDS = 10;
const EDGE_WORDS = 4;
const CONTEXT_WORDS = 3;

export interface TextDirective {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/**
 * `hay` collapsed and lower-cased, remembered: every excerpt of a source asks about the same
 * text (the whole source), so without this each excerpt re-collapsed the source, twice.
 */
const folded = new Map<string, string>();
function foldedHay(hay: string): string {
  let h = folded.get(hay);
  if (h === undefined) {
    if (folded.size >= 4096) folded.clear(); // a bound for long-running dev servers
    h = collapse(hay).toLowerCase();
    folded.set(hay, h);
  }
  return h;
}

/** Whether `needle` (whitespace-collapsed) occurs more than once in `hay`, ignoring case. */
function repeated(hay: string, needle: string): boolean {
  if (!needle) return false;
  const h = foldedHay(hay);
  const n = needle.toLowerCase();
  const first = h.indexOf(n);
  return first >= 0 && h.indexOf(n, first + 1) >= 0;
}

/**
 * The directive for the passage `text.slice(start, end)`. Blocks (paragraphs) in
 * `text` are separated by blank lines; a passage that spans blocks is always
 * written as start,end, because a lone start cannot cross a block boundary.
 */
export function textDirective(text: string, start: number, end: number): TextDirective {
  const passage = text.slice(start, end);
  const all = words(passage);
  // Most passages lie within one paragraph: their words, joined, are their one block.
  const split = BLOCK_BREAK.test(passage);
  const blocks = split ? passage.split(BLOCK_BREAK).map(collapse).filter(Boolean) : all.length > 0 ? [all.join(' ')] : [];
  let d: TextDirective;
  if (blocks.length <= 1 && all.length <= WHOLE_MAX_WORDS) {
    d = { start: blocks[0] ?? '' };
  } else {
    const first = split ? words(blocks[0] ?? '') : all;
    const last = split ? words(blocks[blocks.length - 1] ?? '') : all;
    const n = blocks.length > 1 ? EDGE_WORDS : Math.min(EDGE_WORDS, Math.floor(all.length / 2));
    d = { start: first.slice(0, n).join(' '), end: last.slice(-n).join(' ') };
  }
  if (repeated(text, d.start) || (d.end !== undefined && repeated(text, d.end))) {
    // Context is taken within the passage's own paragraph: a prefix must be directly adjacent.
    const blockStart = text.lastIndexOf('\n\n', start);
    const before = words(text.slice(Math.max(blockStart, 0), start))
      .slice(-CONTEXT_WORDS)
      .join(' ');
    const blockEnd = text.indexOf('\n\n', end);
    const after = words(text.slice(end, blockEnd < 0 ? text.length : blockEnd))
      .slice(0, CONTEXT_WORDS)
      .join(' ');
    if (before) d.prefix = before;
    if (after) d.suffix = after;
  }
  return d;
}

/** `text=...` for a directive, every part encoded. */
export function formatTextDirective(d: TextDirective): string {
  const parts: string[] = [];
  if (d.prefix) parts.push(`${encodeTextPart(d.prefix)}-`);
  parts.push(encodeTextPart(d.start));
  if (d.end) parts.push(encodeTextPart(d.end));
  if (d.suffix) parts.push(`-${encodeTextPart(d.suffix)}`);
  return `text=${parts.join(',')}`;
}

/** The original's URL with a text fragment to the passage (after any fragment the URL already has). */
export function textFragmentUrl(url: string, text: string, start: number, end: number): string {
  const directive = formatTextDirective(textDirective(text, start, end));
  return url.includes('#') ? `${url.replace(/:~:.*$/, '')}:~:${directive}` : `${url}#:~:${directive}`;
}
