import { describe, expect, it } from 'vitest';
import { cellOf, coverageMatrix } from '../../src/lib/coverage.ts';

describe('coverage matrix', () => {
  const citations = new Map([
    ['a', [{ source: 's1', stance: 'supports' as const }, { source: 's1', stance: 'supports' as const }, { source: 's2', stance: 'context' as const }]],
    ['b', [{ source: 's1', stance: 'supports' as const }, { source: 's1', stance: 'disputes' as const }]],
  ]);

  it('gives each cell one stance, mixed, or not cited', () => {
    const m = coverageMatrix(['a', 'b', 'c'], ['s1', 's2', 's3'], citations);
    expect(m.cells).toEqual([
      ['supports', 'context', 'not-cited'],
      ['mixed', 'not-cited', 'not-cited'],
      ['not-cited', 'not-cited', 'not-cited'],
    ]);
    expect(m.citedBy).toEqual([2, 1, 0]);
  });

  it('keeps the order it is given', () => {
    const m = coverageMatrix(['b', 'a'], ['s2', 's1'], citations);
    expect(m.claims).toEqual(['b', 'a']);
    expect(m.cells[1]).toEqual(['context', 'supports']);
  });

  it('cellOf ignores other sources', () => {
    expect(cellOf([{ source: 'x', stance: 'disputes' }], 'y')).toBe('not-cited');
  });
});
