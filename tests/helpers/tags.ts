/**
 * The start tags of an HTML document, with their attributes, as a browser's tokenizer
 * sees them: text inside quoted attribute values, comments and the raw text of
 * <script>/<style> is not markup. Enough for asserting what elements a page holds.
 */
import { decodeEntities } from './html.ts';

export interface StartTag {
  name: string;
  attrs: Map<string, string>;
  /** The raw text of a <script> or <style> element. */
  body?: string;
  /** Offset of the tag in the document. */
  at: number;
}

const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function startTags(html: string): StartTag[] {
  const out: StartTag[] = [];
  const token = /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/[a-z][^>]*>|<([a-z][a-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html))) {
    if (!m[1]) continue;
    const name = m[1].toLowerCase();
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(ATTR)) attrs.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    const tag: StartTag = { name, attrs, at: m.index };
    if (name === 'script' || name === 'style') {
      const end = html.toLowerCase().indexOf(`</${name}`, token.lastIndex);
      tag.body = html.slice(token.lastIndex, end < 0 ? html.length : end);
      token.lastIndex = end < 0 ? html.length : end;
    }
    out.push(tag);
  }
  return out;
}
