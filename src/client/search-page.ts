/**
 * The search page's behaviour, bundled by Astro as an external module script (the
 * site's Content Security Policy allows no inline script). It drives Pagefind's JS
 * API directly and renders the filters and results with a little DOM code: Pagefind's
 * Component UI would take most of the budget a first search may transfer (scripts/weight.ts).
 * The URL is kept in step with the query and the filters, so a search is a link.
 */
import { hasQuery, parseSearchParams, toSearchParams, SEARCH_FILTERS } from './search-params.ts';

type Filters = Record<string, string[]>;
type Counts = Record<string, Record<string, number>>;

interface ResultData {
  url: string;
  excerpt?: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}

interface SearchResponse {
  results: { id: string; data(): Promise<ResultData> }[];
  filters?: Counts;
  totalFilters?: Counts;
}

interface Pagefind {
  options(options: { baseUrl?: string }): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Counts>;
  search(term: string | null, options?: { filters?: Filters }): Promise<SearchResponse | null>;
}

/** Results rendered at once; each one fetches a fragment of the index, so a first search stays light. */
const PAGE_SIZE = 10;
/** Typing searches once the reader pauses, not at every keystroke. */
const TYPING_PAUSE_MS = 120;

const root = document.querySelector<HTMLElement>('[data-search]');
if (root) start(root);

function start(root: HTMLElement): void {
  const text = root.dataset as Record<string, string>;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const form = root.querySelector<HTMLFormElement>('[data-search-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const ui = root.querySelector<HTMLElement>('[data-search-ui]')!;
  const pane = root.querySelector<HTMLElement>('[data-search-filters]')!;
  const summary = root.querySelector<HTMLElement>('[data-search-summary]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
  const filterPane = root.querySelector<HTMLDetailsElement>('[data-search-filter-pane]')!;
  const legends = JSON.parse(text.filterLegends!) as Record<string, string>;
  const kinds = JSON.parse(text.kinds!) as Record<string, string>;
  // "3 results" in the page's language: its plural forms, chosen by Intl.PluralRules, and its digits.
  const lang = document.documentElement.lang || 'en';
  const forms = JSON.parse(text.found!) as Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const countText = (n: number) =>
    n === 0 ? text.none! : (forms[plurals.select(n)] ?? forms.other).replace('{n}', numbers.format(n));

  const state = parseSearchParams(location.search);
  const filters: Filters = Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [k, [...(v ?? [])]]));
  // The box is usable before the index loads: what a reader typed meanwhile wins.
  if (!input.value) input.value = state.term;
  // The filters are folded away on a narrow screen (the results come first), unless some are set.
  if (matchMedia('(min-width: 50rem)').matches || Object.keys(filters).length > 0) filterPane.open = true;

  if (import.meta.env.DEV) {
    // `astro dev` serves no index: it is written by `astro build`.
    status.textContent = text.noIndex!;
    return;
  }

  status.textContent = text.loading!;
  const loading: Promise<Pagefind | null> = (async () => {
    try {
      const pagefind = (await import(/* @vite-ignore */ `${text.bundle}pagefind.js`)) as Pagefind;
      await pagefind.options({ baseUrl: text.base });
      await pagefind.init();
      return pagefind;
    } catch {
      return null;
    }
  })();

  let searchId = 0;
  let pending: { id: string; data(): Promise<ResultData> }[] = [];
  let typing: ReturnType<typeof setTimeout> | undefined;
  const activeFilters = () => Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length > 0));

  /**
   * Every filter value the index knows, so the checkboxes do not depend on a query. Its
   * filter indexes grow with the desk's claimants, outlets and tags (docs/performance.md),
   * so they are fetched once the first results are shown or the pane is opened, not before
   * the first results; a search that uses a filter fetches that filter's index itself.
   */
  let filled: Promise<void> | undefined;
  const fillPane = (pagefind: Pagefind) =>
    (filled ??= (async () => {
      const all = await pagefind.filters();
      buildPane(all);
      const id = searchId;
      const term = input.value.trim();
      const active = activeFilters();
      // The counts of the search on screen, now that every filter's index is loaded.
      const search = hasQuery({ term, filters: active }) ? await pagefind.search(term || null, { filters: active }) : null;
      if (id !== searchId) return;
      if (search) showCounts(search.filters ?? {}, search.totalFilters ?? null);
      else showCounts(all, null);
    })());
  // Opened by the reader. (The pane opened at the start, on a wide screen, is filled after the first results.)
  let shown = false;
  /** Once results (or none) are on screen: an open pane is filled after they are painted, so they come first. */
  const resultsShown = (pagefind: Pagefind) => {
    shown = true;
    if (filterPane.open) requestAnimationFrame(() => setTimeout(() => void fillPane(pagefind)));
  };
  filterPane.addEventListener('toggle', () => {
    if (filterPane.open && shown) void loading.then((pagefind) => pagefind && fillPane(pagefind));
  });

  async function run(): Promise<void> {
    clearTimeout(typing);
    const id = ++searchId;
    const term = input.value.trim();
    const query = toSearchParams(term, filters);
    if (query !== location.search) history.replaceState(history.state, '', location.pathname + query);
    const pagefind = await loading;
    if (!pagefind || id !== searchId) return;
    const active = activeFilters();
    if (!hasQuery({ term, filters: active })) {
      if (filled) showCounts(await pagefind.filters(), null);
      if (id !== searchId) return;
      pending = [];
      list.replaceChildren();
      more.hidden = true;
      summary.textContent = '';
      resultsShown(pagefind);
      return;
    }
    const search = await pagefind.search(term || null, { filters: active });
    if (!search || id !== searchId) return;
    showCounts(search.filters ?? {}, search.totalFilters ?? null);
    pending = search.results;
    const page = await nextPage(id);
    if (!page) return;
    list.replaceChildren(...page);
    const found = countText(search.results.length);
    summary.textContent = term ? text.foundFor!.replace('{found}', found).replace('{term}', term) : found;
    resultsShown(pagefind);
  }

  /** The next results as list items, or null if a newer search has started meanwhile. */
  async function nextPage(id: number): Promise<HTMLLIElement[] | null> {
    const source = pending;
    const batch = source.slice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (id !== searchId || pending !== source) return null;
    pending = source.slice(batch.length);
    more.hidden = pending.length === 0;
    return data.map((d) => renderResult(d, kinds, text));
  }

  /**
   * Updates the checkboxes (one fieldset per filter, built once from every value the
   * index knows) after a search: a checked value shows how many results it alone would
   * give, any other how many adding it would leave; a value that would leave none is
   * hidden unless it is checked or has the focus.
   */
  function showCounts(available: Counts, total: Counts | null): void {
    for (const box of pane.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      box.checked = filters[box.name]?.includes(box.value) ?? false;
      const count = (box.checked && total ? total : available)[box.name]?.[box.value] ?? 0;
      const label = box.closest('li')!;
      label.querySelector('.search-filter-count')!.textContent = `(${count})`;
      label.hidden = count === 0 && !box.checked && !label.contains(document.activeElement);
    }
  }

  function buildPane(counts: Counts): void {
    const names = [...SEARCH_FILTERS, ...Object.keys(counts).filter((n) => !(SEARCH_FILTERS as readonly string[]).includes(n))];
    for (const name of names) {
      const values = Object.keys(counts[name] ?? {});
      if (values.length === 0) continue;
      const label = (v: string) => (name === 'type' ? (kinds[v] ?? v) : v);
      values.sort((a, b) => label(a).localeCompare(label(b)));
      const fieldset = element('fieldset', 'search-filter');
      fieldset.append(element('legend', '', legends[name] ?? name));
      const ul = element('ul', 'search-filter-values');
      for (const value of values) {
        const li = element('li', '');
        const lab = element('label', '');
        const box = element('input', '');
        box.type = 'checkbox';
        box.name = name;
        box.value = value;
        const caption = element('span', '', `${label(value)} `);
        caption.append(element('span', 'search-filter-count'));
        lab.append(box, caption);
        li.append(lab);
        ul.append(li);
      }
      fieldset.append(ul);
      pane.append(fieldset);
    }
  }

  pane.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    const values = (filters[box.name] ??= []);
    if (box.checked && !values.includes(box.value)) values.push(box.value);
    if (!box.checked) filters[box.name] = values.filter((v) => v !== box.value);
    void run();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void run(), TYPING_PAUSE_MS);
  });

  more.addEventListener('click', async () => {
    const page = await nextPage(searchId);
    if (!page) return;
    list.append(...page);
    // Keep the reader's place: focus the first of the new results (the button may be gone).
    page[0]?.querySelector('a')?.focus();
  });

  // The arrow keys move from the box into the results and between them, as in
  // Pagefind's own UI; up from the first result goes back to the box.
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.search-result-link')];
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = links()[0];
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const i = all.indexOf(event.target as HTMLAnchorElement);
    if (i === -1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? all[i + 1] : (all[i - 1] ?? input);
    next?.focus();
  });

  void loading.then((pagefind) => {
    if (!pagefind) {
      status.textContent = text.noIndex!;
      return;
    }
    ui.hidden = false;
    status.textContent = '';
    void run();
  });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Pagefind's excerpt is escaped text with <mark> around the matches. It is rebuilt
 * from text nodes and <mark>s only, so nothing else in it could ever become markup.
 */
function excerptNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html').body;
  return [...parsed.childNodes].map((node) =>
    node.nodeName === 'MARK' ? element('mark', '', node.textContent ?? '') : document.createTextNode(node.textContent ?? ''),
  );
}

/** One result: its kind, the verdict badge of a claim, its title link, byline and excerpt. */
function renderResult(result: ResultData, kinds: Record<string, string>, text: Record<string, string>): HTMLLIElement {
  const type = result.filters?.type?.[0];
  const li = element('li', 'search-result');
  if (type) li.dataset.type = type;

  const kind = element('p', 'search-result-kind', type ? (kinds[type] ?? type) : '');
  if (result.meta.verdict) {
    // The site's verdict badge (src/components/VerdictBadge.astro): label and rating as text, not colour alone.
    const badge = element('span', 'verdict');
    if (result.meta.verdict_id) badge.dataset.verdict = result.meta.verdict_id;
    const rating = result.meta.verdict_rating;
    if (rating) badge.dataset.rating = rating;
    badge.append(
      element('span', 'visually-hidden', `${text.verdictLabel} `),
      element('span', 'search-result-verdict', result.meta.verdict),
    );
    if (rating) badge.append(' ', element('span', 'rating', text.ratingText!.replace('{n}', rating)));
    kind.append(kind.textContent ? ' ' : '', badge);
  }
  if (kind.textContent) li.append(kind);

  const title = element('h3', 'search-result-title');
  const link = element('a', 'search-result-link', result.meta.title ?? result.url);
  link.href = result.url;
  title.append(link);
  li.append(title);

  // The date as the page writes it (date_label, see SearchFacets.astro), not the sort key's YYYY-MM-DD.
  const byline = [result.meta.claimant, result.meta.outlet, result.meta.date_label ?? result.meta.date]
    .filter(Boolean)
    .join(' · ');
  if (byline) li.append(element('p', 'search-result-byline', byline));

  if (result.excerpt) {
    const excerpt = element('p', 'search-result-excerpt');
    excerpt.append(...excerptNodes(result.excerpt));
    li.append(excerpt);
  }
  return li;
}
