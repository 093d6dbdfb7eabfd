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
