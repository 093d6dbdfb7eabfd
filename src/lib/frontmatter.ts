/**
 * Front matter with positions. gray-matter splits the file; the `yaml` package
 * parses it (YAML 1.2 core schema: dates stay strings, so a date such as
 * 2019-02-30 is caught instead of silently rolled over) and keeps the source
 * range of every node, so an error can point at the line of the bad field.
 */
import matter from 'gray-matter';
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** Lines before the body (front matter and its delimiters): add to a body line to get a file line. */
  bodyLineOffset: number;
  /** Finds the 1-based line and column of a field path; falls back to the front matter's first line. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
  errors: { line: number; column: number; message: string }[];
}

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
 * The yaml parser recurses once per level of nesting: `[[[[…` thousands deep overflows
 * the stack. Such a file is reported at its most deeply nested line, not thrown.
 */
export function parseFile(raw: string, wholeYaml = false): ParsedFile {
  try {
    return parseFileUnguarded(raw, wholeYaml);
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
    };
  }
}

function parseFileUnguarded(raw: string, wholeYaml: boolean): ParsedFile {
  // CRLF files from Windows editors: the yaml parser would keep a \r at the end of each value.
  const src = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let doc: Document | undefined;
  let js: unknown;
  const lc = new LineCounter();
  // The YAML is turned into data once, here; gray-matter's copy of it is not used.
  const engine = (s: string) => {
    doc = parseDocument(s, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    js = doc.errors.length ? {} : doc.toJS({ maxAliasCount: 100 });
    return js ?? {};
  };
  let body = '';
  let yamlLine = 1;
  if (wholeYaml) {
    engine(src);
  } else if (/^---[ \t]*\r?\n/.test(src)) {
    if (!/^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.test(src)) {
      return {
        data: {},
        body: '',
        bodyLineOffset: 0,
        locate: () => ({ line: 1, column: 1 }),
        errors: [{ line: 1, column: 1, message: 'front matter is not closed by a line of ---' }],
      };
    }
    const parsed = matter(src, { engines: { yaml: engine } });
    body = parsed.content;
    // gray-matter hands the engine the text from the end of the opening --- line,
    // so the YAML's first line is the tail of that line.
    yamlLine = 1;
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
  const data = doc && !doc.errors.length ? js : {};
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
  };
}
