/**
 * The coverage matrix: which claim cites which source, and how. A cell is the
 * stance of every citation of that source in that claim: one stance, `mixed`
 * when they differ, or `not-cited`.
 */
import type { Stance } from './citations.ts';

export type Cell = Stance | 'mixed' | 'not-cited';

export interface Matrix {
  claims: string[];
  sources: string[];
  /** `cells[i][j]`: claim i, source j. */
  cells: Cell[][];
  /** How many claims cite each source (same order as `sources`). */
  citedBy: number[];
}

export interface CitationLike {
  source: string;
  stance: Stance;
}

export function cellOf(citations: readonly CitationLike[], source: string): Cell {
  const stances = new Set(citations.filter((c) => c.source === source).map((c) => c.stance));
  if (stances.size === 0) return 'not-cited';
  if (stances.size === 1) return [...stances][0]!;
  return 'mixed';
}

/** Claims and sources in the order given; citations per claim slug. */
export function coverageMatrix(claims: readonly string[], sources: readonly string[], citations: ReadonlyMap<string, readonly CitationLike[]>): Matrix {
  const cells = claims.map((claim) => sources.map((source) => cellOf(citations.get(claim) ?? [], source)));
  const citedBy = sources.map((_, j) => cells.filter((row) => row[j] !== 'not-cited').length);
  return { claims: [...claims], sources: [...sources], cells, citedBy };
}

export const CELL_LABELS: Record<Cell, string> = {
  supports: 'Supports',
  disputes: 'Disputes',
  context: 'Context',
  mixed: 'Mixed',
  'not-cited': 'Not cited',
};

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
  if (claimCount * sources.length <= limit) return { byOutlet: false, columns: sources.map((s) => ({ key: s.slug, sources: [s.slug] })) };
  const byOutlet = new Map<string, string[]>();
  for (const s of sources) {
    const list = byOutlet.get(s.outlet);
    if (list) list.push(s.slug);
    else byOutlet.set(s.outlet, [s.slug]);
  }
  return { byOutlet: true, columns: [...byOutlet].map(([key, slugs]) => ({ key, sources: slugs })) };
}

/** The cell of one claim and one column: the stances of its citations of any of the column's sources. */
export function columnCell(citations: readonly CitationLike[], column: MatrixColumn): Cell {
  const stances = new Set(citations.filter((c) => column.sources.includes(c.source)).map((c) => c.stance));
  if (stances.size === 0) return 'not-cited';
  if (stances.size === 1) return [...stances][0]!;
  return 'mixed';
}
