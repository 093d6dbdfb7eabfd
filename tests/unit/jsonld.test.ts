import { describe, expect, it } from 'vitest';
import { claimReview, serializeJsonLd } from '../../src/site/jsonld.ts';
import { claimSchema, sourceSchema, siteSchema } from '../../src/core/schema.ts';
import { makeScale } from '../../src/core/verdicts.ts';

const site = siteSchema.parse({
  title: 'T',
  description: 'D',
  url: 'https://example.org/',
  publisher: { name: 'Desk', url: 'https://example.org/about/' },
});
const sources = new Map([
  [
    'first',
    sourceSchema.parse({
      title: 'First report',
      outlet: 'Gazette',
      url: 'https://news.example.com/1',
      published: '2024-01-02',
      author: 'Ann',
    }),
  ],
  ['second', sourceSchema.parse({ title: 'Second report', outlet: 'Courier' })],
]);
const claim = (over: Record<string, unknown> = {}) =>
  claimSchema.parse({
    claim: 'X is Y.',
    claimant: 'A person',
    verdict: 'false',
    summary: 'No.',
    reviewed: '2024-02-03',
    ...over,
  });
const review = (over: Record<string, unknown> = {}, scale = makeScale(undefined)) =>
  claimReview({ claim: claim(over), url: 'https://example.org/claims/x/', site, scale, source: (s) => sources.get(s) }) as Record<
    string,
    any
  >;

describe('claimReview', () => {
  it('carries the fields fact-check aggregators read', () => {
    const r = review({ claimed: '2024-01-01' });
    expect(r['@context']).toBe('https://schema.org');
    expect(r['@type']).toBe('ClaimReview');
    expect(r.url).toBe('https://example.org/claims/x/');
    expect(r.claimReviewed).toBe('X is Y.');
    expect(r.datePublished).toBe('2024-02-03');
    expect(r.author).toEqual({ '@type': 'Organization', name: 'Desk', url: 'https://example.org/about/' });
    expect(r.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 });
    expect(r.itemReviewed).toEqual({
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'A person' },
      datePublished: '2024-01-01',
    });
  });

  it('names an organisation as one, and no author for a group with no single voice', () => {
    expect(review({ claimant: 'HuffPost', claimant_type: 'organization' }).itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'HuffPost',
    });
    expect(review({ claimant: 'Social media posts', claimant_type: 'group' }).itemReviewed).toEqual({ '@type': 'Claim' });
  });

  it('leaves the numbers out for a verdict outside the scale', () => {
    expect(review({ verdict: 'unproven' }).reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unproven' });
  });

  it('takes best and worst from a custom scale', () => {
    const scale = makeScale([
      { id: 'good', label: 'Good', rating: 3, description: 'g' },
      { id: 'meh', label: 'Meh', rating: 2, description: 'm' },
      { id: 'bad', label: 'Bad', rating: 1, description: 'b' },
    ]);
    expect(review({ verdict: 'meh' }, scale).reviewRating).toMatchObject({
      ratingValue: 2,
      bestRating: 3,
      worstRating: 1,
      alternateName: 'Meh',
    });
  });

  it('lists the appearances, the first as firstAppearance, without inventing URLs', () => {
    const item = review({ appearance: ['first', 'second', 'missing'] }).itemReviewed;
    expect(item.appearance).toHaveLength(2);
    expect(item.firstAppearance).toEqual({
      '@type': 'CreativeWork',
      url: 'https://news.example.com/1',
      headline: 'First report',
      datePublished: '2024-01-02',
      author: [{ '@type': 'Person', name: 'Ann' }],
      publisher: { '@type': 'Organization', name: 'Gazette' },
    });
    expect(item.appearance[1]).not.toHaveProperty('url');
    expect(item.appearance[1].publisher.name).toBe('Courier');
  });
});

describe('serializeJsonLd', () => {
  it('cannot close the script element it is in', () => {
    const s = serializeJsonLd({ claimReviewed: 'a </script><script>alert(1)</script> b' });
    expect(s).not.toContain('<');
    expect(JSON.parse(s).claimReviewed).toBe('a </script><script>alert(1)</script> b');
  });
});
