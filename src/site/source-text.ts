/**
 * A source's text as published on its page: paragraphs as plain text, every
 * cited excerpt highlighted with a <mark>, and an element carrying each
 * excerpt's id where it starts, so `/sources/<slug>/#<id>` lands on it. Where
 * excerpts overlap, the highlights merge but every id keeps its own anchor.
 */
import type { SourceBlock, BlockRange } from '../core/matcher.ts';

export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  /** The excerpt's id goes on the range where the excerpt starts. */
  first: boolean;
}

export interface PublishedBlock {
  index: number;
  kind: SourceBlock['kind'];
  html: string;
  /** Ids of the excerpts that start in this block. */
  starts: string[];
  /** True when the previous published block is not the one just before it in the source. */
  gapBefore: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One block's HTML with its highlights. */
export function highlightBlock(text: string, ranges: readonly HighlightRange[]): string {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping or touching ranges into marks.
  const marks: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = marks[marks.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else marks.push({ start: r.start, end: r.end });
  }
  const anchors = ranges.filter((r) => r.first).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  let html = '';
  let at = 0;
  for (const m of marks) {
    html += escapeHtml(text.slice(at, m.start));
    const inside = anchors.filter((a) => a.start >= m.start && a.start < m.end);
    // The first excerpt that starts where the mark starts names the mark; any other gets an anchor of its own.
    const named = inside.find((a) => a.start === m.start);
    html += named ? `<mark id="${escapeHtml(named.id)}">` : '<mark>';
    let pos = m.start;
    for (const a of inside) {
      if (a === named) continue;
      html += `${escapeHtml(text.slice(pos, a.start))}<span class="excerpt-anchor" id="${escapeHtml(a.id)}"></span>`;
      pos = a.start;
    }
    html += `${escapeHtml(text.slice(pos, m.end))}</mark>`;
    at = m.end;
  }
  return html + escapeHtml(text.slice(at));
}

/**
 * The blocks to publish with their highlights: all of them (`full`) or only those
 * that hold a cited excerpt (`excerpts`).
 */
export function publishBlocks(
  blocks: readonly SourceBlock[],
  excerpts: readonly { id: string; ranges: readonly BlockRange[] }[],
  show: 'full' | 'excerpts',
): PublishedBlock[] {
  const perBlock = new Map<number, HighlightRange[]>();
  for (const e of excerpts) {
    e.ranges.forEach((r, i) => {
      const list = perBlock.get(r.block) ?? [];
      list.push({ id: e.id, start: r.start, end: r.end, first: i === 0 });
      perBlock.set(r.block, list);
    });
  }
  const out: PublishedBlock[] = [];
  let prev = -1;
  blocks.forEach((b, index) => {
    const ranges = perBlock.get(index) ?? [];
    if (show === 'excerpts' && ranges.length === 0) return;
    out.push({
      index,
      kind: b.kind,
      html: highlightBlock(b.text, ranges),
      starts: ranges.filter((r) => r.first).map((r) => r.id),
      gapBefore: index !== prev + 1,
    });
    prev = index;
  });
  return out;
}
