/**
 * The coverage matrix: which claim cites which source (or outlet), and how. A
 * cell is the stance of every citation of the column's sources in that claim:
 * one stance, `mixed` when they differ, or `not-cited`.
 */
import type { Stance } from '../core/citations.ts';

export type Cell = Stance | 'mixed' | 'not-cited';

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
}

/** The cell of a claim's citations of one source, or of any of several (an outlet's). */
export function cellOf(citations: readonly CitationLike[], sources: string | readonly string[]): Cell {
  const wanted = typeof sources === 'string' ? [sources] : sources;
  const stances = new Set(citations.filter((c) => wanted.includes(c.source)).map((c) => c.stance));
  if (stances.size === 0) return 'not-cited';
  if (stances.size === 1) return [...stances][0]!;
  return 'mixed';
}

/** Claims and columns in the order given; citations per claim slug. */
export function coverageMatrix(
  claims: readonly string[],
  columns: readonly MatrixColumn[],
  citations: ReadonlyMap<string, readonly CitationLike[]>,
): Matrix {
  const cells = claims.map((claim) => columns.map((col) => cellOf(citations.get(claim) ?? [], col.sources)));
  const citedBy = columns.map((_, j) => cells.filter((row) => row[j] !== 'not-cited').length);
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
