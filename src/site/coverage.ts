/**
 * The coverage matrix: which claim cites which source (or outlet), and how. A
 * cell holds every citation of the column's sources in that claim, grouped by
 * stance, each group with its count and the passages it stands for, so that a
 * cell shows "2 supporting, 1 disputing" rather than one word for all
 * combinations. The passage where the claim was made (stance `claim`) is its
 * own group: it is where the claim was said, not evidence for it.
 */
import type { Stance } from '../core/citations.ts';

/** The order a cell lists its stances in: where the claim was made, then the evidence. */
export const CELL_ORDER: readonly Stance[] = ['claim', 'supports', 'disputes', 'context'];

export interface StanceGroup {
  stance: Stance;
  /** How many citations of the column's sources the claim makes with this stance (excerpts and plain links). */
  count: number;
  /** The cited passages, in reading order: a source slug and the excerpt's id on its page. Plain links have none. */
  passages: { source: string; id: string }[];
  /** The first source cited with this stance, for a group of plain links only. */
  source: string;
}

/** A claim's citations of one column: no group when it does not cite it. */
export interface Cell {
  groups: StanceGroup[];
}

export interface Matrix {
  claims: string[];
  columns: MatrixColumn[];
  /** `cells[i][j]`: claim i, column j. */
  cells: Cell[][];
  /** How many claims cite each column (same order as `columns`). */
  citedBy: number[];
}

export interface CitationLike {
  source: string;
  stance: Stance;
  /** The excerpt's id on the source page, for an excerpt that matched. */
  id?: string;
}

/** The cell of citations that are all of the column's sources, in the claim's order. */
function groupCitations(citations: readonly CitationLike[]): Cell {
  const groups = new Map<Stance, StanceGroup>();
  for (const c of citations) {
    let g = groups.get(c.stance);
    if (!g) groups.set(c.stance, (g = { stance: c.stance, count: 0, passages: [], source: c.source }));
    g.count++;
    if (c.id && !g.passages.some((p) => p.id === c.id && p.source === c.source)) g.passages.push({ source: c.source, id: c.id });
  }
  return { groups: CELL_ORDER.flatMap((s) => groups.get(s) ?? []) };
}

/** The cell of a claim's citations of one source, or of any of several (an outlet's). */
export function cellOf(citations: readonly CitationLike[], sources: string | readonly string[]): Cell {
  const wanted = new Set(typeof sources === 'string' ? [sources] : sources);
  return groupCitations(citations.filter((c) => wanted.has(c.source)));
}

/**
 * Claims and columns in the order given; citations per claim slug. Each claim's citations are
 * sorted into their columns once: asking every cell for its column's sources cost claims times
 * sources, which an outlet's column of a large desk made most of a build's matrix page.
 */
export function coverageMatrix(
  claims: readonly string[],
  columns: readonly MatrixColumn[],
  citations: ReadonlyMap<string, readonly CitationLike[]>,
): Matrix {
  const columnsOf = new Map<string, number[]>();
  columns.forEach((col, j) => {
    for (const source of new Set(col.sources)) {
      const list = columnsOf.get(source);
      if (list) list.push(j);
      else columnsOf.set(source, [j]);
    }
  });
  const citedBy = columns.map(() => 0);
  const cells = claims.map((claim) => {
    const byColumn = new Map<number, CitationLike[]>();
    for (const c of citations.get(claim) ?? []) {
      for (const j of columnsOf.get(c.source) ?? []) {
        const list = byColumn.get(j);
        if (list) list.push(c);
        else byColumn.set(j, [c]);
      }
    }
    return columns.map((_, j): Cell => {
      const list = byColumn.get(j);
      const cell = list ? groupCitations(list) : { groups: [] };
      if (cell.groups.length > 0) citedBy[j]!++;
      return cell;
    });
  });
  return { claims: [...claims], columns: [...columns], cells, citedBy };
}

/**
 * Past this many cells a claims × sources table stops being readable (and a
 * large desk's would weigh hundreds of megabytes): the matrix then has one
 * column per outlet, the grouping readers compare coverage by.
 */
export const MATRIX_CELL_LIMIT = 20_000;

export interface MatrixColumn {
  /** The outlet's name, or the source's slug. */
  key: string;
  /** The source slugs the column stands for. */
  sources: string[];
}

/** One column per source, or per outlet (in first-seen order) when the per-source table would pass `limit` cells. */
export function matrixColumns(
  claimCount: number,
  sources: readonly { slug: string; outlet: string }[],
  limit = MATRIX_CELL_LIMIT,
): { byOutlet: boolean; columns: MatrixColumn[] } {
  if (claimCount * sources.length <= limit)
    return { byOutlet: false, columns: sources.map((s) => ({ key: s.slug, sources: [s.slug] })) };
  const byOutlet = new Map<string, string[]>();
  for (const s of sources) {
    const list = byOutlet.get(s.outlet);
    if (list) list.push(s.slug);
    else byOutlet.set(s.outlet, [s.slug]);
  }
  return { byOutlet: true, columns: [...byOutlet].map(([key, slugs]) => ({ key, sources: slugs })) };
}
