/**
 * The search page's behaviour, bundled by Astro as an external module script (the
 * site's Content Security Policy allows no inline script). It loads Pagefind's
 * Component UI from the index bundle written at build time, keeps the URL in step
 * with the query and filters, and renders each result with its kind and verdict.
 */
import { hasQuery, parseSearchParams, toSearchParams } from '../lib/search-params.ts';

type Filters = Record<string, string[]>;

interface ResultData {
  url: string;
  excerpt?: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}

interface PagefindInstance {
  on(event: 'search', callback: (term: string, filters: Filters) => void): void;
  on(event: 'error', callback: (error: { message?: string }) => void): void;
  triggerSearch(term: string): void;
  triggerSearchWithFilters(term: string, filters: Filters): void;
  triggerLoad(): Promise<void>;
  searchFilters: Filters;
}

interface PagefindComponents {
  getInstanceManager(): { getInstance(name: string): PagefindInstance };
}

interface ResultsElement extends HTMLElement {
  resultTemplate: ((result: ResultData) => Element) | null;
}

const root = document.querySelector<HTMLElement>('[data-search]');
if (root) void start(root);

async function start(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const form = root.querySelector<HTMLFormElement>('[data-search-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const ui = root.querySelector<HTMLElement>('[data-search-ui]')!;
  const bundle = root.dataset.bundle!;
  const labels = { claim: root.dataset.labelClaim!, source: root.dataset.labelSource!, page: root.dataset.labelPage! };

  const state = parseSearchParams(location.search);
  // The box is usable before the index loads: what a reader typed meanwhile wins.
  if (!input.value) input.value = state.term;

  if (import.meta.env.DEV) {
    // `astro dev` serves no index: it is written by `astro build`.
    status.textContent = root.dataset.noIndex!;
    return;
  }

  let components: PagefindComponents | undefined;
  try {
    await import(/* @vite-ignore */ `${bundle}pagefind-component-ui.js`);
    components = (window as unknown as { PagefindComponents?: PagefindComponents }).PagefindComponents;
  } catch {
    components = undefined;
  }
  if (!components) {
    status.textContent = root.dataset.noIndex!;
    return;
  }
  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `${bundle}pagefind-component-ui.css`;
  document.head.prepend(stylesheet);

  const results = root.querySelector<ResultsElement>('pagefind-results');
  if (results) results.resultTemplate = (result) => renderResult(result, labels);

  const instance = components.getInstanceManager().getInstance('default');
  let failed = false;
  instance.on('error', () => {
    failed = true;
    status.textContent = root.dataset.noIndex!;
  });
  // Wait for the index before searching: in faceted mode, the end of loading starts
  // an empty "show everything" search unless a search has already *finished*
  // starting, and one issued during loading would race it (and blank the URL).
  status.textContent = root.dataset.loading!;
  await instance.triggerLoad();
  if (failed) return;

  instance.on('search', (term, filters) => {
    const query = toSearchParams(term, filters ?? {});
    if (query !== location.search) history.replaceState(history.state, '', location.pathname + query);
  });
  ui.hidden = false;
  status.textContent = '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    instance.triggerSearch(input.value.trim());
  });
  input.addEventListener('input', () => instance.triggerSearch(input.value.trim()));
  // As in Pagefind's own input: the down arrow moves from the box into the results,
  // where the results component takes over the arrow keys.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = root.querySelector<HTMLAnchorElement>('pagefind-results a[href]');
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });

  const term = input.value.trim();
  if (term || hasQuery(state)) instance.triggerSearchWithFilters(term, state.filters as Filters);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * One result: its kind, its title link, the verdict of a claim, and Pagefind's excerpt.
 * Class names are our own: Pagefind's stylesheet styles its `pf-` classes with
 * high specificity, and the site's styles should apply here.
 */
function renderResult(result: ResultData, labels: Record<'claim' | 'source' | 'page', string>): Element {
  const type = result.filters?.type?.[0] as 'claim' | 'source' | 'page' | undefined;
  const li = element('li', 'search-result');
  if (type) li.dataset.type = type;

  const kind = element('p', 'search-result-kind', type ? labels[type] : '');
  if (result.meta.verdict) {
    // The site's verdict badge style: colour from the rating, never colour alone.
    const verdict = element('strong', 'verdict search-result-verdict', result.meta.verdict);
    if (result.meta.verdict_id) verdict.dataset.verdict = result.meta.verdict_id;
    if (result.meta.verdict_rating) verdict.dataset.rating = result.meta.verdict_rating;
    kind.append(kind.textContent ? ' · ' : '', verdict);
  }
  if (kind.textContent) li.append(kind);

  const title = element('p', 'search-result-title');
  const link = element('a', 'search-result-link', result.meta.title ?? result.url);
  link.href = result.meta.url ?? result.url;
  title.append(link);
  li.append(title);

  const byline = [result.meta.claimant, result.meta.outlet, result.meta.date].filter(Boolean).join(' · ');
  if (byline) li.append(element('p', 'search-result-byline', byline));

  if (result.excerpt) {
    // Pagefind's excerpt is escaped text with <mark> around the matches.
    const excerpt = element('p', 'search-result-excerpt');
    excerpt.innerHTML = result.excerpt;
    li.append(excerpt);
  }
  return li;
}
