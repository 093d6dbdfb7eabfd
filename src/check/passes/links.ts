/**
 * Links: no link in content may run code (a javascript: or data: URL), and every
 * link between content files (any collection) must land on a file that exists
 * and that is published wherever the linking file is.
 */
import { join } from 'node:path';
import { resolveContentLink } from '../../core/citations.ts';
import type { CheckContext, Entry } from '../corpus.ts';
import { COLLECTIONS } from './files.ts';
import type { Anchor } from '../read-file.ts';

/** URL schemes a link in content may use; anything else (javascript:, data:, ...) is code or a trap. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** A URL as a message can show it: control characters spelled out, so that none hides in the terminal. */
function printable(url: string): string {
  return url.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `anchors`: the links, definitions and images of each file, by its path (`claims/x.md`). */
export function checkLinks({ dir, corpus, problems, display }: CheckContext, anchors: ReadonlyMap<string, Anchor[]>): void {
  for (const collection of COLLECTIONS) {
    for (const entry of (corpus[collection] as Map<string, Entry<{ draft: boolean }>>).values()) {
      const file = display(join(dir, entry.path));
      for (const node of anchors.get(entry.path)!) {
        const { line, column } = node;
        // A javascript: (or data:, vbscript:) link is code, like a <script>; browsers ignore
        // tabs, line breaks and leading spaces in a URL, so those do not hide the scheme.
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(node.url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !SAFE_SCHEMES.has(scheme)) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${printable(node.url.slice(0, 40))}\` uses the ${scheme}: scheme; links must be http(s), mailto or relative`,
          });
          continue;
        }
        if (node.type === 'image') continue;
        const target = resolveContentLink(entry.path, node.url);
        if (!target) continue;
        if (target.collection === 'other') {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` does not point to a file in sources/, claims/ or pages/`,
          });
          continue;
        }
        const found = (corpus[target.collection] as Map<string, Entry<{ draft: boolean }>>).get(target.slug);
        if (!found) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` points to ${target.path}, which does not exist`,
          });
        } else if (found.data.draft && !entry.data.draft) {
          problems.push({
            file,
            line,
            column,
            message: `the link \`${node.url}\` points to a draft (${target.path}), which is never published`,
          });
        }
      }
    }
  }
}
