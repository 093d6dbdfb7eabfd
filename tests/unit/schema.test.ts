import { describe, expect, it } from 'vitest';
import { claimSchema, day, MAX_SLUG, pageSchema, siteSchema, sourceSchema, tagSlug } from '../../src/core/schema.ts';
import { toIsoDay, formatDay } from '../../src/core/dates.ts';
import { DEFAULT_VERDICTS, findVerdict, makeScale } from '../../src/core/verdicts.ts';

const claim = (extra: Record<string, unknown> = {}) => ({
  claim: 'The ban is permanent.',
  claimant: 'Lori Lightfoot',
  verdict: 'needs-context',
  summary: 'It is a policy, not an ordinance.',
  reviewed: '2019-07-15',
  ...extra,
});

describe('dates', () => {
  it('accepts a YAML date or a string, and gives YYYY-MM-DD', () => {
    expect(day.parse('2019-07-11')).toBe('2019-07-11');
    expect(day.parse(new Date(Date.UTC(2019, 6, 11)))).toBe('2019-07-11');
    expect(day.parse('2020-02-29')).toBe('2020-02-29');
  });

  it.each(['2019-02-30', '2019-02-29', '2019-13-01', '2019-00-10', '2019-04-31', '11/07/2019', 'July 11, 2019', '2019-7-11', ''])(
    'rejects %j',
    (v) => {
      const r = day.safeParse(v);
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/is not a real date \(write YYYY-MM-DD\)/);
    },
  );

  it('rejects an invalid Date and non-dates', () => {
    expect(day.safeParse(new Date('nope')).success).toBe(false);
    expect(day.safeParse(20190711).success).toBe(false);
    expect(toIsoDay(null)).toBeNull();
  });

  it('formats a day the same in every time zone', () => {
    expect(formatDay('2019-07-11', 'en')).toBe('July 11, 2019');
  });
});

describe('claimSchema', () => {
  it('accepts a claim and fills the defaults', () => {
    expect(claimSchema.parse(claim())).toMatchObject({ verdict: 'needs-context', draft: false, reviewed: '2019-07-15' });
  });

  it('reads unquoted true/false as the verdicts "true" and "false"', () => {
    expect(claimSchema.parse(claim({ verdict: false })).verdict).toBe('false');
    expect(claimSchema.parse(claim({ verdict: true })).verdict).toBe('true');
    expect(findVerdict(makeScale(undefined), claimSchema.parse(claim({ verdict: false })).verdict)?.label).toBe('False');
  });

  it('reports a missing required field by its path', () => {
    const r = claimSchema.safeParse({ ...claim(), summary: undefined });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path)).toEqual([['summary']]);
  });

  it('reports an unknown field', () => {
    const r = claimSchema.safeParse(claim({ verdikt: 'false' }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['verdikt'] }]);
  });

  it('reports a mistyped field', () => {
    const r = claimSchema.safeParse(claim({ tags: 'ice' }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['tags']);
    expect(claimSchema.safeParse(claim({ draft: 'yes' })).success).toBe(false);
    expect(claimSchema.safeParse(claim({ claim: '   ' })).success).toBe(false);
  });

  it('checks dates in the updates log', () => {
    const r = claimSchema.safeParse(claim({ updates: [{ date: '2019-02-30', note: 'x' }] }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['updates', 0, 'date']);
  });

  it('takes appearance as one slug or a list, and aliases as slugs', () => {
    expect(claimSchema.parse(claim({ appearance: 'huffpost-ban' })).appearance).toEqual(['huffpost-ban']);
    expect(claimSchema.safeParse(claim({ aliases: ['Old Slug'] })).success).toBe(false);
    expect(claimSchema.parse(claim({ tags: ['ICE', 2019] })).tags).toEqual(['ICE', '2019']);
  });
  it('keeps slugs, aliases and tag slugs to a length every file system takes', () => {
    expect(claimSchema.safeParse(claim({ aliases: ['a'.repeat(MAX_SLUG)] })).success).toBe(true);
    expect(claimSchema.safeParse(claim({ aliases: ['a'.repeat(MAX_SLUG + 1)] })).success).toBe(false);
    expect(claimSchema.safeParse(claim({ appearance: 'a'.repeat(MAX_SLUG + 1) })).success).toBe(false);
    expect(claimSchema.safeParse(claim({ tags: ['x'.repeat(MAX_SLUG)] })).success).toBe(true);
    expect(claimSchema.safeParse(claim({ tags: ['x'.repeat(MAX_SLUG + 1)] })).success).toBe(false);
    // The limit is in bytes: 34 Cyrillic letters are 68 bytes, 51 are 102.
    expect(claimSchema.safeParse(claim({ tags: ['д'.repeat(34)] })).success).toBe(true);
    expect(claimSchema.safeParse(claim({ tags: ['д'.repeat(51)] })).success).toBe(false);
  });
});

describe('sourceSchema', () => {
  const source = { title: 'T', outlet: 'HuffPost' };
  it('takes the author as a string or a list', () => {
    expect(sourceSchema.parse({ ...source, author: 'Jane Doe' }).author).toEqual(['Jane Doe']);
    expect(sourceSchema.parse({ ...source, author: ['Jane Doe', 'John Roe'] }).author).toEqual(['Jane Doe', 'John Roe']);
    expect(sourceSchema.safeParse({ ...source, author: 7 }).success).toBe(false);
  });
  it('requires the outlet, http(s) URLs and a known show mode', () => {
    expect(sourceSchema.safeParse({ title: 'T' }).success).toBe(false);
    expect(sourceSchema.safeParse({ ...source, url: 'ftp://example.org/x' }).success).toBe(false);
    expect(sourceSchema.safeParse({ ...source, url: 'https://example.org/x' }).success).toBe(true);
    expect(sourceSchema.safeParse({ ...source, show: 'all' }).success).toBe(false);
    expect(sourceSchema.parse(source).show).toBe('excerpts');
  });
  it('takes four-digit years from 1000 only, from a string or a YAML date', () => {
    expect(sourceSchema.parse({ ...source, published: '1000-01-01' }).published).toBe('1000-01-01');
    const early = new Date(0);
    early.setUTCFullYear(19, 6, 11);
    for (const v of ['0019-07-11', '0999-12-31', early]) {
      const r = sourceSchema.safeParse({ ...source, published: v });
      expect(r.success, String(v)).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/has a year before 1000: write a four-digit year from 1000/);
    }
  });
  it('checks published and retrieved dates', () => {
    expect(sourceSchema.safeParse({ ...source, published: '2019-02-30' }).success).toBe(false);
    expect(sourceSchema.parse({ ...source, published: new Date(Date.UTC(2019, 6, 11)) }).published).toBe('2019-07-11');
  });
});

describe('siteSchema and pageSchema', () => {
  const site = { title: 'T', description: 'D', url: 'https://factcheck.example.org', publisher: { name: 'Desk' } };
  it('accepts a minimal site and defaults the language', () => {
    expect(siteSchema.parse(site).language).toBe('en');
  });
  it('draws a share card per claim unless the site asks for one per verdict', () => {
    expect(siteSchema.parse(site).share_cards).toBe('claim');
    expect(siteSchema.parse({ ...site, share_cards: 'verdict' }).share_cards).toBe('verdict');
    for (const bad of ['verdicts', 'none', true])
      expect(siteSchema.safeParse({ ...site, share_cards: bad }).success, String(bad)).toBe(false);
  });
  it('rejects a missing publisher, a bad URL and unknown fields', () => {
    expect(siteSchema.safeParse({ ...site, publisher: undefined }).success).toBe(false);
    expect(siteSchema.safeParse({ ...site, url: 'factcheck.example.org' }).success).toBe(false);
    expect(siteSchema.safeParse({ ...site, colour: 'red' }).success).toBe(false);
    expect(siteSchema.safeParse({ ...site, language: 'English' }).success).toBe(false);
  });
  it('takes only language tags that Intl accepts, though the pattern lets more through', () => {
    for (const ok of ['en', 'pt-BR', 'zh-Hant-TW', 'sr-Latn'])
      expect(siteSchema.safeParse({ ...site, language: ok }).success, ok).toBe(true);
    for (const bad of ['en-GB-oed', 'i-klingon', 'en-US-u'])
      expect(siteSchema.safeParse({ ...site, language: bad }).success, bad).toBe(false);
  });
  it('accepts a custom verdict scale, with true/false as ids', () => {
    const s = siteSchema.parse({
      ...site,
      verdicts: [
        { id: true, label: 'Yes', rating: 2, description: 'd' },
        { id: 'nope', label: 'No', description: 'd' },
      ],
    });
    expect(makeScale(s.verdicts)).toMatchObject({ best: 2, worst: 2 });
    expect(s.verdicts!.map((v) => v.id)).toEqual(['true', 'nope']);
  });
  it('pages need a title; the description is optional', () => {
    expect(pageSchema.safeParse({ description: 'Who we are.' }).success).toBe(false);
    expect(pageSchema.parse({ title: 'About' })).toEqual({ title: 'About', draft: false });
    expect(pageSchema.parse({ title: 'About', description: 'Who we are.' }).description).toBe('Who we are.');
    expect(pageSchema.safeParse({ title: 'About', description: ' ' }).success).toBe(false);
  });
  it('a verdict needs an id and a label, and nothing else', () => {
    const s = siteSchema.parse({ ...site, verdicts: [{ id: 'yes', label: 'Yes' }] });
    expect(s.verdicts).toEqual([{ id: 'yes', label: 'Yes' }]);
    expect(siteSchema.safeParse({ ...site, verdicts: [{ id: 'yes' }] }).success).toBe(false);
  });
});

describe('verdicts and tags', () => {
  it('the default scale runs from true (5) to false (1), with unproven outside it', () => {
    expect(DEFAULT_VERDICTS.map((v) => v.id)).toEqual([
      'true',
      'mostly-true',
      'needs-context',
      'misleading',
      'false',
      'unproven',
    ]);
    expect(makeScale(undefined)).toMatchObject({ best: 5, worst: 1 });
    expect(findVerdict(makeScale(undefined), 'unproven')?.rating).toBeUndefined();
  });
  it('tag slugs drop accents and punctuation', () => {
    expect(tagSlug('Police Databases')).toBe('police-databases');
    expect(tagSlug('São Paulo!')).toBe('sao-paulo');
    expect(tagSlug('!!!')).toBe('tag');
  });
});
