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
