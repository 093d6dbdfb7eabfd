/**
 * The search page's state in its URL, so that a search can be shared as a link:
 * `?q=ice+databases&verdict=False&outlet=Fox+News`. Each filter is a query parameter
 * named after the Pagefind filter; a filter with several values repeats its parameter.
 */

/** The filters the pages carry (`data-pagefind-filter`), in the order the URL lists them. */
export const SEARCH_FILTERS = ['type', 'verdict', 'claimant', 'outlet', 'tag'] as const;
export type SearchFilterName = (typeof SEARCH_FILTERS)[number];

export interface SearchState {
  term: string;
  filters: Partial<Record<SearchFilterName, string[]>>;
}

function isFilterName(name: string): name is SearchFilterName {
  return (SEARCH_FILTERS as readonly string[]).includes(name);
}

/** Reads `?q=` and the known filters; unknown parameters and empty values are ignored. */
export function parseSearchParams(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: SearchState['filters'] = {};
  for (const [name, raw] of params) {
    const value = raw.trim();
    if (!value || !isFilterName(name)) continue;
    const values = (filters[name] ??= []);
    if (!values.includes(value)) values.push(value);
  }
  return { term: (params.get('q') ?? '').trim(), filters };
}

/**
 * Writes a state back as a query string (with its leading `?`, or `''` when empty).
 * Filters Pagefind reports that the page does not know are kept too: the URL must
 * say exactly what is being searched.
 */
export function toSearchParams(term: string, filters: Record<string, unknown>): string {
  const params = new URLSearchParams();
  if (term.trim()) params.set('q', term.trim());
  const names = Object.keys(filters).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const name of names) {
    const value = filters[name];
    const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    for (const v of values) if (typeof v === 'string' && v.trim()) params.append(name, v);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function rank(name: string): number {
  const i = (SEARCH_FILTERS as readonly string[]).indexOf(name);
  return i === -1 ? SEARCH_FILTERS.length : i;
}

/** True when the state asks for anything: a term or at least one filter value. */
export function hasQuery(state: SearchState): boolean {
  return state.term !== '' || Object.values(state.filters).some((v) => v && v.length > 0);
}
