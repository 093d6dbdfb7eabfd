import { describe, expect, it } from 'vitest';
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

  it('gives each cell one stance, mixed, or not cited', () => {
    const m = coverageMatrix(['a', 'b', 'c'], perSource(['s1', 's2', 's3']), citations);
    expect(m.cells).toEqual([
      ['supports', 'context', 'not-cited'],
      ['mixed', 'not-cited', 'not-cited'],
      ['not-cited', 'not-cited', 'not-cited'],
    ]);
    expect(m.citedBy).toEqual([2, 1, 0]);
  });

  it('keeps the order it is given', () => {
    const m = coverageMatrix(['b', 'a'], perSource(['s2', 's1']), citations);
    expect(m.claims).toEqual(['b', 'a']);
    expect(m.cells[1]).toEqual(['context', 'supports']);
  });

  it('cellOf ignores other sources', () => {
    expect(cellOf([{ source: 'x', stance: 'disputes' }], 'y')).toBe('not-cited');
  });
});

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
    expect(
      cellOf(
        [
          { source: 'a1', stance: 'supports' },
          { source: 'a2', stance: 'supports' },
        ],
        outletA.sources,
      ),
    ).toBe('supports');
    expect(
      cellOf(
        [
          { source: 'a1', stance: 'supports' },
          { source: 'a2', stance: 'disputes' },
        ],
        outletA.sources,
      ),
    ).toBe('mixed');
    expect(cellOf([{ source: 'b1', stance: 'disputes' }], outletA.sources)).toBe('not-cited');
  });
});
