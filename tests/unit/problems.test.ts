import { describe, expect, it } from 'vitest';
import { formatProblem, githubAnnotation, inert, refusalSummary, sortProblems } from '../../src/core/problems.ts';

describe('problem lines are inert', () => {
  const hostile = {
    file: 'claims/x.md',
    line: 3,
    column: 5,
    message: 'the link `a\n::warning::pwned\r\u001b[2J\u202e` is broken',
  };

  it('spell out line breaks, escape sequences and bidirectional overrides from content', () => {
    expect(formatProblem(hostile)).toBe('claims/x.md:3:5: the link `a\\n::warning::pwned\\r\\u001b[2J\\u202e` is broken');
    expect(formatProblem(hostile).split('\n')).toHaveLength(1);
    expect(inert('tab\there\u2028and\u0085')).toBe('tab\\there\\u2028and\\u0085');
    expect(inert('plain “text” — café')).toBe('plain “text” — café');
  });

  it('keep a GitHub annotation on one line, so that no workflow command starts a line of its own', () => {
    const a = githubAnnotation(hostile);
    expect(a.split(/\r|\n/)).toHaveLength(1);
    expect(a).toBe('::error file=claims/x.md,line=3,col=5::the link `a%0A::warning::pwned%0D\\u001b[2J\\u202e` is broken');
    expect(githubAnnotation({ ...hostile, file: 'claims/a\nb.md' })).toMatch(/^::error file=claims\/a%0Ab\.md,line=3,/);
  });
});

describe('sortProblems', () => {
  it('orders by file, line, column and message, and keeps identical problems once', () => {
    const p = (file: string, line: number, message = 'm') => ({ file, line, column: 1, message });
    expect(sortProblems([p('b', 1), p('a', 2), p('a', 1), p('a', 2), p('a', 2, 'n'), p('b', 1)])).toEqual([
      p('a', 1),
      p('a', 2),
      p('a', 2, 'n'),
      p('b', 1),
    ]);
  });
});

describe('refusalSummary', () => {
  it('is the one summary line of check and build', () => {
    expect(refusalSummary(1, 'content')).toBe('✗ 1 problem in content; nothing was published.');
    expect(refusalSummary(3, '.')).toBe('✗ 3 problems in .; nothing was published.');
  });
});

describe('the field a misspelt one meant', () => {
  it('is the nearest known field within a third of its length in edits, when one is nearest', async () => {
    const { fieldsAt, nearest } = await import('../../src/core/field-problems.ts');
    const { claimSchema, siteSchema } = await import('../../src/core/schema.ts');
    const claim = fieldsAt(claimSchema, []);
    expect(nearest('tgas', claim)).toBe('tags');
    expect(nearest('verdikt', claim)).toBe('verdict');
    expect(nearest('Summary', claim)).toBe('summary');
    expect(nearest('colour', claim)).toBeUndefined();
    expect(nearest('x', claim)).toBeUndefined();
    expect(fieldsAt(claimSchema, ['updates', 0])).toEqual(['date', 'note', 'previous_verdict']);
    expect(nearest('nmae', fieldsAt(siteSchema, ['publisher']))).toBe('name');
  });
});
