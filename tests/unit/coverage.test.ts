import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/bench/prng.ts';
import { cellOf, coverageMatrix } from '../../src/site/coverage.ts';

const perSource = (slugs: string[]) => slugs.map((s) => ({ key: s, sources: [s] }));

describe('coverage matrix', () => {
  const citations = new Map([
    [
      'a',
      [
        { source: 's1', stance: 'supports' as const },
        { source: 's1', stance: 'supports' as const },
        { source: 's2', stance: 'context' as const },
      ],
    ],
    [
      'b',
      [
        { source: 's1', stance: 'supports' as const },
        { source: 's1', stance: 'disputes' as const },
      ],
    ],
  ]);

  /** A cell as "stance count" words, as the matrix writes it. */
  const words = (cell: ReturnType<typeof cellOf>) => cell.groups.map((g) => `${g.stance} ${g.count}`);

  it('gives each cell its stances with their counts (never one word for all combinations), or none', () => {
    const m = coverageMatrix(['a', 'b', 'c'], perSource(['s1', 's2', 's3']), citations);
    expect(m.cells.map((row) => row.map(words))).toEqual([
      [['supports 2'], ['context 1'], []],
      [['supports 1', 'disputes 1'], [], []],
      [[], [], []],
    ]);
    expect(m.citedBy).toEqual([2, 1, 0]);
  });

  it('keeps the order it is given', () => {
    const m = coverageMatrix(['b', 'a'], perSource(['s2', 's1']), citations);
    expect(m.claims).toEqual(['b', 'a']);
    expect(m.cells[1]!.map(words)).toEqual([['context 1'], ['supports 2']]);
  });

  it('lists where the claim was made first, apart from the evidence, and links each group to its passages', () => {
    const cell = cellOf(
      [
        { source: 's1', stance: 'supports', id: 'q-a' },
        { source: 's1', stance: 'claim', id: 'q-said' },
        { source: 's1', stance: 'supports', id: 'q-b' },
        { source: 's1', stance: 'supports', id: 'q-a' },
        { source: 's1', stance: 'context' },
      ],
      's1',
    );
    expect(cell.groups.map((g) => [g.stance, g.count, g.passages.map((p) => p.id)])).toEqual([
      ['claim', 1, ['q-said']],
      ['supports', 3, ['q-a', 'q-b']],
      ['context', 1, []],
    ]);
    // A plain link has no passage: its group links to the source page.
    expect(cell.groups[2]!.source).toBe('s1');
  });

  it('cellOf ignores other sources', () => {
    expect(cellOf([{ source: 'x', stance: 'disputes' }], 'y').groups).toEqual([]);
  });
});

const words = (cell: ReturnType<typeof cellOf>) => cell.groups.map((g) => `${g.stance} ${g.count}`);

describe('coverage matrix of a large desk', async () => {
  const { matrixColumns } = await import('../../src/site/coverage.ts');
  const sources = [
    { slug: 'a1', outlet: 'Outlet A' },
    { slug: 'b1', outlet: 'Outlet B' },
    { slug: 'a2', outlet: 'Outlet A' },
  ];

  it('keeps one column per source while the table stays small', () => {
    expect(matrixColumns(2, sources, 6)).toEqual({
      byOutlet: false,
      columns: [
        { key: 'a1', sources: ['a1'] },
        { key: 'b1', sources: ['b1'] },
        { key: 'a2', sources: ['a2'] },
      ],
    });
  });

  it('groups the columns by outlet past the cell limit', () => {
    expect(matrixColumns(3, sources, 6)).toEqual({
      byOutlet: true,
      columns: [
        { key: 'Outlet A', sources: ['a1', 'a2'] },
        { key: 'Outlet B', sources: ['b1'] },
      ],
    });
  });

  it('combines the stances of all of an outlet’s sources in one cell', () => {
    const outletA = { key: 'Outlet A', sources: ['a1', 'a2'] };
    const cell = (c: { source: string; stance: 'supports' | 'disputes' }[]) => words(cellOf(c, outletA.sources));
    expect(
      cell([
        { source: 'a1', stance: 'supports' },
        { source: 'a2', stance: 'supports' },
      ]),
    ).toEqual(['supports 2']);
    expect(
      cell([
        { source: 'a1', stance: 'supports' },
        { source: 'a2', stance: 'disputes' },
      ]),
    ).toEqual(['supports 1', 'disputes 1']);
    expect(cell([{ source: 'b1', stance: 'disputes' }])).toEqual([]);
  });
});

describe('coverage matrix, cell by cell', () => {
  it('is the cell of each claim and column, with columns that share or repeat sources', () => {
    // Seeded, so that a failure names a case that can be made again.
    const random = mulberry32(7);
    const next = (n: number) => Math.floor(random() * n);
    const stances = ['claim', 'supports', 'disputes', 'context'] as const;
    const sources = ['s1', 's2', 's3', 's4', 's5'];
    const claims = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const citations = new Map(
      claims.map((claim) => [
        claim,
        Array.from({ length: next(7) }, () => ({
          source: sources[next(sources.length)]!,
          stance: stances[next(stances.length)]!,
          ...(next(3) > 0 ? { id: `q-${next(3)}` } : {}),
        })),
      ]),
    );
    const columns = [
      { key: 'one', sources: ['s1'] },
      { key: 'outlet', sources: ['s2', 's3'] },
      { key: 'overlap', sources: ['s3', 's4', 's3'] },
      { key: 'none', sources: ['s9'] },
      { key: 'all', sources },
    ];
    const m = coverageMatrix(claims, columns, citations);
    expect(m.cells).toEqual(claims.map((claim) => columns.map((col) => cellOf(citations.get(claim)!, col.sources))));
    expect(m.citedBy).toEqual(columns.map((_, j) => m.cells.filter((row) => row[j]!.groups.length > 0).length));
    expect(m.citedBy[3]).toBe(0);
    expect(m.citedBy[4]).toBeGreaterThan(0);
  });
});
