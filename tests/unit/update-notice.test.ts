import { describe, expect, it } from 'vitest';
import { updateNotice, verdictChanges } from '../../src/site/corrections.ts';
import { typesetText } from '../../src/core/typography.ts';
import { claimantSlug } from '../../src/site/published.ts';

describe('the update notice', () => {
  const updates = [
    { date: '2024-01-02', note: 'First.', previous_verdict: 'true' },
    { date: '2024-01-05', note: 'Second.' },
    { date: '2024-01-09', note: 'Third.', previous_verdict: 'misleading' },
    { date: '2024-01-10', note: 'Typo.' },
  ];

  it('reads each change of verdict from the verdict the next change replaced, or the current one', () => {
    expect(verdictChanges({ verdict: 'false', updates })).toEqual([
      { from: 'true', to: 'misleading' },
      undefined,
      { from: 'misleading', to: 'false' },
      undefined,
    ]);
  });

  it('shows the latest update and the latest change of verdict', () => {
    expect(updateNotice({ verdict: 'false', updates })).toEqual({
      latest: { date: '2024-01-10', note: 'Typo.' },
      count: 4,
      change: { from: 'misleading', to: 'false', date: '2024-01-09' },
    });
    expect(updateNotice({ verdict: 'false', updates: [{ date: '2024-01-01', note: 'Only.' }] })).toEqual({
      latest: { date: '2024-01-01', note: 'Only.' },
      count: 1,
    });
    expect(updateNotice({ verdict: 'false' })).toBeUndefined();
  });
});

describe('front-matter typography and claimant slugs', () => {
  it('sets a front-matter line as the body is set', () => {
    expect(typesetText(`The mayor's "ban" -- for good...`)).toBe('The mayor’s “ban” — for good…');
    expect(typesetText("officers' union")).toBe('officers’ union');
    expect(typesetText('no marks')).toBe('no marks');
  });

  it('gives every claimant a slug a folder can take', () => {
    expect(claimantSlug('Lori Lightfoot')).toBe('lori-lightfoot');
    expect(claimantSlug(' Social media posts ')).toBe('social-media-posts');
    expect(claimantSlug('???')).toMatch(/^claimant-[0-9a-z]{7}$/);
    const long = claimantSlug('a'.repeat(150));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).not.toBe(claimantSlug(`${'a'.repeat(150)}b`));
  });
});
