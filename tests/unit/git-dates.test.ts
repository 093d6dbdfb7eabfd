import { describe, expect, it } from 'vitest';
import { lastUpdated, parseGitLog } from '../../src/site/git-dates.ts';

describe('parseGitLog', () => {
  it('keeps the newest day per path and unquotes quoted paths', () => {
    const out =
      '\u0000aaaaaaa 200 2024-02-02\n\nclaims/x.md\n"claims/caf\\303\\251.md"\n' +
      '\u0000bbbbbbb 300 2024-03-03\n\nclaims/x.md\n' +
      '\u0000ccccccc 100 2024-01-01\n\nclaims/y.md\n';
    expect(Object.fromEntries(parseGitLog(out))).toEqual({
      'claims/x.md': '2024-03-03',
      'claims/café.md': '2024-02-02',
      'claims/y.md': '2024-01-01',
    });
    expect(Object.fromEntries(parseGitLog(out, new Set(['bbbbbbb'])))).toMatchObject({ 'claims/x.md': '2024-02-02' });
    expect(parseGitLog('').size).toBe(0);
  });
});

describe('lastUpdated', () => {
  it('is the later of the newest update and the last commit', () => {
    expect(lastUpdated([{ date: '2024-01-01' }, { date: '2024-06-01' }], '2024-03-01')).toBe('2024-06-01');
    expect(lastUpdated([{ date: '2024-01-01' }], '2024-03-01')).toBe('2024-03-01');
    expect(lastUpdated(undefined, '2024-03-01')).toBe('2024-03-01');
    expect(lastUpdated([{ date: '2024-01-01' }], undefined)).toBe('2024-01-01');
  });
  it('falls back when there is neither', () => {
    expect(lastUpdated(undefined, undefined)).toBeUndefined();
    expect(lastUpdated([], undefined, '2023-12-31')).toBe('2023-12-31');
  });
});
