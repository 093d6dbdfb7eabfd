/**
 * Which way a language is written. Intl knows each language's likely script
 * (`ar` → Arab, `ur` → Arab, `he` → Hebr, `az-Arab` → Arab); a script is written
 * right to left or not. Pure, and safe in the browser.
 */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Samr', 'Mand', 'Yezi']);

export type Direction = 'ltr' | 'rtl';

export function directionOf(tag: string): Direction {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/**
 * The `lang` and `dir` of a piece of a source (its title, a passage) on a page in `page`'s
 * language: none when the source is in the page's language, `dir` only where the direction differs.
 */
export function languageAttributes(source: string | undefined, page: string): { lang?: string; dir?: Direction } {
  if (!source || source.toLowerCase() === page.toLowerCase()) return {};
  const dir = directionOf(source);
  return dir === directionOf(page) ? { lang: source } : { lang: source, dir };
}
