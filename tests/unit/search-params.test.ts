import { describe, expect, it } from 'vitest';
import { hasQuery, parseSearchParams, toSearchParams } from '../../src/client/search-params.ts';

describe('search URL state', () => {
  it('reads the term and repeated filters, ignoring unknown and empty parameters', () => {
    const state = parseSearchParams('?q=+ice+databases+&verdict=False&outlet=Fox%20News&outlet=HuffPost&utm=x&tag=');
    expect(state).toEqual({ term: 'ice databases', filters: { verdict: ['False'], outlet: ['Fox News', 'HuffPost'] } });
    expect(hasQuery(state)).toBe(true);
    expect(hasQuery(parseSearchParams(''))).toBe(false);
  });

  it('writes filters in a stable order and round-trips', () => {
    const query = toSearchParams('café', { tag: ['ice'], verdict: ['Needs context'], type: ['claim'], extra: 'x' });
    expect(query).toBe('?q=caf%C3%A9&type=claim&verdict=Needs+context&tag=ice&extra=x');
    expect(parseSearchParams(query)).toEqual({
      term: 'café',
      filters: { type: ['claim'], verdict: ['Needs context'], tag: ['ice'] },
    });
  });

  it('writes nothing for an empty search', () => {
    expect(toSearchParams('  ', { verdict: [] })).toBe('');
  });
});
