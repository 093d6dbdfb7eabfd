/**
 * Front matter with positions. The file is split as gray-matter splits it; the `yaml` package
 * parses it (YAML 1.2 core schema: dates stay strings, so a date such as
 * 2019-02-30 is caught instead of silently rolled over) and keeps the source
 * range of every node, so an error can point at the line of the bad field.
 *
 * Keeping those ranges makes `yaml` nine times slower than js-yaml, the parser
 * Astro reads front matter with, and positions only matter when something is
 * wrong. So `fast` reads plain front matter with js-yaml, resolving scalars by
 * the same core schema; the caller reads the file again without `fast` when
 * the data is not what it should be, and problems then come from `yaml`.
 */
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import {
  CST,
  Lexer,
  parseDocument,
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  visit,
  YAMLParseError,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
} from 'yaml';

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** Lines before the body (front matter and its delimiters): add to a body line to get a file line. */
  bodyLineOffset: number;
  /** Finds the 1-based line and column of a field path; falls back to the front matter's first line. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
  errors: { line: number; column: number; message: string }[];
  /** True when js-yaml read the data (`fast`): a file whose data is rejected must be read again without `fast` for its problems. */
  fast: boolean;
}

const OCT = /^0o[0-7]+$/;
const DEC = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// js-yaml keeps one implicit type per tag, so each tag's tests are one type.
const scalar = (tag: string, resolve: (s: string) => boolean, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: string | null) => resolve(s ?? ''),
    construct: (s: string | null) => construct(s ?? ''),
  });

/** YAML 1.2's core schema as the `yaml` package resolves it (its tests, in its order), for js-yaml. */
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar(
      'null',
      (s) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
      () => null,
    ),
    scalar(
      'bool',
      (s) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
      (s) => s[0] === 't' || s[0] === 'T',
    ),
    scalar(
      'int',
      (s) => OCT.test(s) || DEC.test(s) || HEX.test(s),
      (s) => (OCT.test(s) ? parseInt(s.slice(2), 8) : HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    ),
    scalar(
      'float',
      (s) => NAN_INF.test(s) || EXP.test(s) || FLOAT.test(s),
      (s) =>
        NAN_INF.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity) : parseFloat(s),
    ),
  ],
});

/**
 * Anchors, aliases, tags, directives, complex keys, merge keys and tabs are where
 * YAML parsers part ways (and aliases can multiply data): front matter with any
 * of them is left to `yaml`.
 */
// `[^\S\n\u2028\u2029]`, not `\s`: a `\s*` after `^` would run on through every blank line below each one.
const NOT_PLAIN = /[&*!%\t]|^[^\S\n\u2028\u2029]*[?]|<<|__proto__/m;

/** js-yaml's reading of plain front matter as a map, or undefined when it is not plain or not a map. */
function readFast(yaml: string): Record<string, unknown> | undefined {
  if (NOT_PLAIN.test(yaml)) return undefined;
  let warned = false;
  try {
    const data = load(yaml, { schema: CORE, onWarning: () => (warned = true) });
    return !warned && data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The characters YAML does not allow in a stream (js-yaml's list): Astro's reader throws on them
 * and `yaml` keeps them, so the check refuses them itself rather than pass what the build rejects.
 */
// (js-yaml also refuses lone surrogates, which text decoded strictly from UTF-8 cannot hold.)
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** How many aliases (`*name`) a document may expand: a few nested ones can otherwise multiply into billions of nodes. */
export const MAX_ALIASES = 100;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/**
 * How deeply front matter may nest lists and maps. Both YAML parsers recurse once per level, and
 * how deep they get before the stack overflows depends on the thread (a worker's stack is larger
 * than the main thread's): without a limit of its own, a file nested a thousand deep would be read
 * on one thread and refused on the other, and a build's reading of it could crash. No field of
 * the format nests more than three deep.
 */
export const MAX_FRONT_MATTER_NESTING = 100;

/** The characters a list or map can begin with: `- `, `? ` and `: ` in block style, `[` and `{` in flow style. */
const OPENER = /[-?:](?=[ \t\n]|$)|[[{]/gm;

/**
 * Why a YAML text is not parsed, when it nests lists and maps more than MAX_FRONT_MATTER_NESTING
 * deep, as a problem at an offset. Each level takes at least one opener, so a text with no more
 * openers than the limit is passed at once. The rest is measured on the tokens of yaml's lexer,
 * which does not recurse (its parser does): a flow collection is a bracket; a block list or map
 * is its indicator's column (a map's is its key's), nested in the open ones to its left, or, a
 * list only, in a map at its own column (`key:` above `- item`).
 *
 * That measure holds for valid YAML. Three mistakes make yaml's error recovery nest what follows
 * them in ways the columns do not tell (a second `key:` on a line, a `- ` item inside brackets,
 * brackets left open): in a text with more openers than the limit, the first of them is the
 * problem, so that the answer never depends on how deep the reading thread's stack lets the
 * parser go.
 */
function tooDeep(yaml: string): { offset: number; message: string } | undefined {
  OPENER.lastIndex = 0;
  let openers = 0;
  while (OPENER.exec(yaml) && ++openers <= MAX_FRONT_MATTER_NESTING);
  if (openers <= MAX_FRONT_MATTER_NESTING) return undefined;
  const blocks: { column: number; map: boolean }[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  /** Where the node being read began, for a map whose key it turns out to be; -1 before it. */
  let nodeAt = -1;
  /** Implicit keys (`key:`) since the line began or since its last `- ` or `? `. */
  let keys = 0;
  let mistake: { offset: number; message: string } | undefined;
  const wrong = (at: number, what: string) => {
    mistake ??= {
      offset: at,
      message: `the front matter is not valid YAML here (${what}), and it holds more than ${MAX_FRONT_MATTER_NESTING} lists and maps, so it is not read past the mistake; correct it`,
    };
  };
  let deepest = { depth: 0, offset: 0 };
  const reach = (at: number) => {
    if (blocks.length + flow > deepest.depth) deepest = { depth: blocks.length + flow, offset: at };
  };
  const open = (at: number, map: boolean) => {
    const column = at - lineStart;
    for (let top = blocks.at(-1); top && top.column >= column; top = blocks.at(-1)) {
      if (top.column === column && top.map === map) return;
      if (top.column === column && top.map && !map) break;
      blocks.pop();
    }
    blocks.push({ column, map });
    reach(at);
  };
  for (const token of new Lexer().lex(yaml)) {
    const type = CST.tokenType(token);
    const at = offset;
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) {
      lineStart = at + newline + 1;
      keys = 0;
    }
    if (type === 'newline' || type === 'space' || type === 'comment' || type === 'doc-mode' || type === 'scalar') {
      if (type === 'newline') nodeAt = -1;
    } else if (type === 'doc-start') {
      blocks.length = flow = 0;
      nodeAt = -1;
    } else if (type === 'flow-error-end') {
      wrong(at, 'a [ or { is not closed');
      flow = 0;
    } else if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (nodeAt < 0) nodeAt = at;
      flow++;
      reach(at);
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow > 0) {
      if (type === 'seq-item-ind') wrong(at, 'a list item, “- ”, inside [ ] or { }');
    } else if (type === 'seq-item-ind' || type === 'explicit-key-ind') {
      open(at, type === 'explicit-key-ind');
      nodeAt = -1;
      keys = 0;
    } else if (type === 'map-value-ind') {
      const key = nodeAt >= 0 && nodeAt >= lineStart;
      if (key && ++keys > 1) wrong(at, 'a second “key:” on one line');
      if (!key) keys = 0;
      open(key ? nodeAt : at, true);
      nodeAt = -1;
    } else if (nodeAt < 0) {
      nodeAt = at;
    }
  }
  if (deepest.depth > MAX_FRONT_MATTER_NESTING)
    return {
      offset: deepest.offset,
      message: `the front matter is nested ${deepest.depth} levels deep (lists or maps inside each other); at most ${MAX_FRONT_MATTER_NESTING} can be read`,
    };
  return mistake;
}

/**
 * Front matter nested deeper than MAX_FRONT_MATTER_NESTING is reported at its deepest list or map
 * before either parser sees it; should a parser still overflow the stack, the file is reported at
 * its most deeply nested line, not thrown.
 */
export function parseFile(raw: string, options: { wholeYaml?: boolean; fast?: boolean } = {}): ParsedFile {
  const wholeYaml = options.wholeYaml ?? false;
  // CRLF files from Windows editors: the yaml parser would keep a \r at the end of each value.
  const src = lineFeeds(raw);
  const fence = wholeYaml ? undefined : FENCED.exec(src)?.[0];
  const deep = tooDeep(wholeYaml ? src : (fence ?? ''));
  if (deep)
    return {
      data: {},
      body: '',
      bodyLineOffset: 0,
      locate: () => ({ line: 1, column: 1 }),
      errors: [{ ...lineCol(src, deep.offset), message: deep.message }],
      fast: false,
    };
  try {
    const parsed = parseFileUnguarded(src, fence, wholeYaml, options.fast ?? false);
    // An unclosed fence leaves the whole file to be searched: Astro's reader would read it all.
    const yamlText = wholeYaml ? src : /^---[ \t]*\n/.test(src) ? (fence ?? src) : '';
    const control = wholeYaml
      ? controlCharacter(src, yamlText)
      : (fenceDisagreement(raw, src) ?? controlCharacter(src, yamlText));
    // The body is still the body; the data is none, as Astro would have none.
    return control ? { ...parsed, data: {}, errors: [control], fast: false, locate: () => ({ line: 1, column: 1 }) } : parsed;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const lines = raw.split(/\r\n?|\n/);
    let line = 0;
    let most = -1;
    lines.forEach((l, i) => {
      const n = (l.match(/[[{]|-\s/g) ?? []).length;
      if (n > most) [most, line] = [n, i];
    });
    return {
      data: {},
      body: '',
      bodyLineOffset: 0,
      locate: () => ({ line: 1, column: 1 }),
      errors: [{ line: line + 1, column: 1, message: `front matter could not be read: it is nested too deeply (${e.message})` }],
      fast: false,
    };
  }
}

const FENCED = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Where Astro's reader (`@astrojs/internal-helpers/frontmatter`, which the site's collections use)
 * takes front matter to be: from a first line that starts with --- or +++ to the next line that
 * starts with either, and only with LF or CRLF line ends. The check reads the block between
 * the first two lines that are exactly ---, as the format says.
 */
const ASTRO_FENCED = /(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;
const EXACT_FENCE = /^---[ \t]*$/;

/**
 * A file whose front matter Astro would read otherwise than the check, as an error at the line
 * where the two part: what the check verified must be what the site publishes (a `draft: true`
 * below a line such as `---- optional ----` would be body text to the site, and the draft public).
 */
function fenceDisagreement(raw: string, src: string): ParsedFile['errors'][number] | undefined {
  // Lone CRs are kept: they are what Astro's reader does not take for line ends.
  const text = raw.includes('\r') ? raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') : src;
  if (!text.startsWith('---')) return undefined;
  const first = /^[^\n]*/.exec(text)![0];
  if (first.includes('\r'))
    return {
      line: 1,
      column: 1,
      message:
        'the front matter’s lines end in a carriage return alone (CR); save the file with LF or CRLF line endings (the site would find no front matter)',
    };
  if (!EXACT_FENCE.test(first))
    return {
      line: 1,
      column: 1,
      message:
        'the first line begins with --- but is not exactly ---: the site would read front matter from it and the check would not; make it exactly ---',
    };
  const theirs = ASTRO_FENCED.exec(text);
  if (theirs?.index !== 0) return undefined;
  const close = theirs[0].length - 3;
  const line = /^[^\n]*/.exec(text.slice(close))![0];
  // The first line that starts with --- or +++ is also the first that is exactly --- : both end there.
  if (EXACT_FENCE.test(line)) return undefined;
  return {
    ...lineCol(text, close),
    message: `this line begins with ${line.slice(0, 3)} but is not exactly ---: the site would end the front matter here and the check would not; change the line (a YAML comment starts with #) or indent it`,
  };
}

/** The first character of the YAML that YAML does not allow, as an error at its line and column. */
function controlCharacter(src: string, yamlText: string): ParsedFile['errors'][number] | undefined {
  const control = NON_PRINTABLE.exec(yamlText);
  if (!control) return undefined;
  return {
    ...lineCol(src, control.index),
    message: `front matter holds the control character ${codePoint(control[0])}, which YAML does not allow; delete it`,
  };
}

/** The text without a byte order mark, its line ends LF. */
function lineFeeds(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * gray-matter's split of front matter, which Astro's collections used to read with: the YAML
 * runs from the end of the opening `---` to the first line that begins with `---`, and the body
 * from that line's end, less one line end. (fenceDisagreement refuses the files where the first
 * line that begins with `---` is not exactly `---`.)
 */
function splitFence(head: string): { yaml: string; rest: string } {
  const close = head.indexOf('\n---', 3);
  if (close < 0) return { yaml: head.slice(3), rest: '' };
  let rest = head.slice(close + 4);
  if (rest[0] === '\n') rest = rest.slice(1);
  return { yaml: head.slice(3, close), rest };
}

/**
 * A YAML text with nothing in it but white space and comments, which gray-matter did not parse.
 * gray-matter's test, `/^\s*#[^\n]+/gm` removed and the rest trimmed, takes time in the square of
 * the blank lines (each line's `\s*` runs on through every blank line below it): this is the same
 * test, line by line. A line holds a comment for it when `#` has something after it.
 */
function isEmptyYaml(yaml: string): boolean {
  for (const line of yaml.split('\n')) {
    const text = line.trimStart();
    if (text !== '' && !(text[0] === '#' && text.length > 1)) return false;
  }
  return true;
}

/**
 * yaml's own `uniqueKeys` compares each key with every key before it in its map: a map of
 * tens of thousands of keys took minutes. The same test with a set per map, reported as yaml
 * reports it (at the second key, its message), in document order among yaml's errors.
 */
function duplicateKeys(doc: Document): void {
  const found: YAMLError[] = [];
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // yaml compares scalars by value with ===, so a NaN key repeats nothing; other keys by
        // identity, and no two pairs share a key node.
        const value = isScalar(key) ? key.value : key;
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) {
          const at = (key as Node | null)?.range?.[0] ?? 0;
          found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(value);
      }
    },
  });
  if (!found.length) return;
  doc.errors = [...doc.errors, ...found].sort((a, b) => a.pos[0] - b.pos[0]);
}

function parseFileUnguarded(src: string, fence: string | undefined, wholeYaml: boolean, fast: boolean): ParsedFile {
  let doc: Document | undefined;
  let js: unknown;
  const lc = new LineCounter();
  let fastData: Record<string, unknown> | undefined;
  let fastYaml = '';
  let aliasAt: number | undefined;
  const engine = (s: string) => {
    if (fast && (fastData = readFast(s))) {
      fastYaml = s;
      return fastData;
    }
    doc = parseDocument(s, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
    duplicateKeys(doc);
    try {
      js = doc.errors.length ? {} : doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      // Too many aliases: reported at the first one, the data left empty.
      let at = 0;
      visit(doc, {
        Alias: (_, node) => {
          at = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      aliasAt = at;
      js = {};
    }
    return js ?? {};
  };
  let body = '';
  // The YAML starts at the end of the opening --- line, so its first line is the file's first.
  const yamlLine = 1;
  if (wholeYaml) {
    engine(src);
  } else if (/^---[ \t]*\r?\n/.test(src)) {
    const head = fence;
    if (head === undefined) {
      return {
        data: {},
        body: '',
        bodyLineOffset: 0,
        locate: () => ({ line: 1, column: 1 }),
        errors: [{ line: 1, column: 1, message: 'front matter is not closed by a line of ---' }],
        fast: false,
      };
    }
    const { yaml, rest } = splitFence(head);
    if (!isEmptyYaml(yaml)) engine(yaml);
    body = rest + src.slice(head.length);
  } else {
    body = src;
  }
  const bodyStart = src.length - body.length;
  const bodyLineOffset = wholeYaml ? 0 : lineCol(src, bodyStart).line - 1;
  const errors: ParsedFile['errors'] = [];
  if (doc) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const at = lc.linePos(e.pos[0]);
      const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?.*$/, '');
      errors.push({ line: yamlLine + at.line - 1, column: at.col, message: `front matter: ${msg}` });
    }
  }
  if (aliasAt !== undefined) {
    const at = lc.linePos(aliasAt);
    errors.push({
      line: yamlLine + at.line - 1,
      column: at.col,
      message: `front matter: the aliases (*name) expand to too much data; repeat the values instead (at most ${MAX_ALIASES} aliases)`,
    });
  }
  if (fastData) {
    let exact: ParsedFile | undefined;
    // Read once, on the first position asked for: a file may be asked for thousands.
    let plain: Map<string, { line: number; column: number }> | undefined;
    return {
      data: fastData,
      body,
      bodyLineOffset,
      locate: (path) =>
        pathPosition((plain ??= plainPositions(fastYaml, fastData!, yamlLine)), path) ??
        (exact ??= parseFileUnguarded(src, fence, wholeYaml, false)).locate(path),
      errors: [],
      fast: true,
    };
  }
  const data = doc && !doc.errors.length && aliasAt === undefined ? js : {};
  if (doc && !doc.errors.length && data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    errors.push({ line: wholeYaml ? 1 : 2, column: 1, message: 'front matter must be a set of `field: value` lines' });
  }
  const locate = (path: readonly PropertyKey[]) => {
    if (doc?.contents) {
      // Walk down as far as the path exists; point at the deepest node found.
      let node: Node | null = doc.contents as Node;
      let keyNode: Node | null = null;
      for (const k of path) {
        if (isMap(node)) {
          const pair: Pair | undefined = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(k));
          if (!pair) break;
          keyNode = pair.key as Node;
          node = (pair.value as Node | null) ?? keyNode;
        } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
          node = node.items[k] as Node;
          keyNode = null;
        } else break;
      }
      const target = node?.range ? node : keyNode;
      if (target?.range) {
        const at = lc.linePos(target.range[0]);
        return { line: yamlLine + at.line - 1, column: at.col };
      }
    }
    return { line: 1, column: 1 };
  };
  return {
    data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    body,
    bodyLineOffset,
    locate,
    errors,
    fast: false,
  };
}

const TOP_KEY = /^([A-Za-z_][\w-]*)[ ]*:(?=[ ]|$)/;

/** One line's scalar as js-yaml reads it by the core schema, or a marker that matches nothing. */
function lineScalar(text: string): unknown {
  try {
    return (load(`v: ${text}`, { schema: CORE }) as { v: unknown }).v;
  } catch {
    return Symbol('unreadable');
  }
}

/** A field path as plainPositions keys it: a top-level field, or `field\0index` for a list item. */
const positionKey = (key: string, index?: number) => (index === undefined ? key : `${key}\0${index}`);

/**
 * Where each top-level field (`claim`) and each item of a top-level block list (`appearance`, 0)
 * is in plain front matter, found by reading its lines once; what is not found here is left to
 * `yaml`. Warnings about many files point at such fields, and parsing each file again with `yaml`
 * for its positions was a large part of a big desk's check. A position is given only when the
 * line's value reads back as the data has it: a line that merely looks like the field (inside a
 * block scalar, a second key of the same name) gives none.
 */
export function plainPositions(
  yaml: string,
  data: Record<string, unknown>,
  firstLine: number,
): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  const lines = yaml.split('\n');
  // Each top-level key's line and the length of its `key:`; a key on two lines is left to yaml.
  const keyLines = new Map<string, { at: number; length: number } | null>();
  lines.forEach((l, i) => {
    const m = TOP_KEY.exec(l);
    if (m) keyLines.set(m[1]!, keyLines.has(m[1]!) ? null : { at: i, length: m[0].length });
  });
  const oneLine = (text: string) => !/^[>|[{'"]/.test(text) || (/^['"]/.test(text) && text.trimEnd().endsWith(text[0]!));
  // The next line must not continue the value: it is a key, a list item, the end, or nothing.
  const continues = (i: number, indent: number) =>
    i < lines.length && lines[i]!.trim() !== '' && lines[i]!.search(/\S/) > indent && !/^\s*-(?: |$)/.test(lines[i]!);
  for (const [key, found] of keyLines) {
    if (!found || !Object.hasOwn(data, key)) continue;
    const line = lines[found.at]!;
    const value = line.slice(found.length).trimStart();
    const expected = data[key];
    if (value !== '') {
      if (value.startsWith('#') || !oneLine(value) || continues(found.at + 1, 0)) continue;
      if (typeof expected === 'object' || !Object.is(lineScalar(value), expected)) continue;
      positions.set(positionKey(key), { line: firstLine + found.at, column: line.length - value.length + 1 });
      continue;
    }
    if (!Array.isArray(expected)) continue;
    const items: { line: number; column: number }[] = [];
    let indent = -1;
    for (let i = found.at + 1; i < lines.length && items.length < expected.length; i++) {
      const m = /^( *)-( +)(\S.*)$/.exec(lines[i]!);
      if (!m) break;
      if (indent < 0) indent = m[1]!.length;
      const text = m[3]!;
      if (m[1]!.length !== indent || text.startsWith('#') || !oneLine(text) || continues(i + 1, indent + 1)) break;
      const v = lineScalar(text);
      if (typeof v === 'object' || !Object.is(v, expected[items.length])) break;
      items.push({ line: firstLine + i, column: indent + 1 + m[2]!.length + 1 });
    }
    // Only a list read to its end, item for item as the data has it, is trusted.
    if (items.length === expected.length) for (const [i, p] of items.entries()) positions.set(positionKey(key, i), p);
  }
  return positions;
}

/** plainPositions' answer for one path (`['claim']`, `['appearance', 0]`), or undefined. */
export function plainLocate(
  yaml: string,
  data: Record<string, unknown>,
  path: readonly PropertyKey[],
  firstLine: number,
): { line: number; column: number } | undefined {
  return pathPosition(plainPositions(yaml, data, firstLine), path);
}

function pathPosition(
  positions: Map<string, { line: number; column: number }>,
  path: readonly PropertyKey[],
): { line: number; column: number } | undefined {
  const [key, index] = path;
  if (typeof key !== 'string' || path.length > 2 || (path.length === 2 && typeof index !== 'number')) return undefined;
  return positions.get(positionKey(key, index as number | undefined));
}
