/**
 * The languages the site's own words are written in, and which of them a
 * `language:` tag of site.yml selects: the tag itself, else its language subtag
 * (`pt-BR` → `pt`, `fr-CA` → `fr`). Any other is refused by the check, with the
 * list below and how to add one.
 */
import ar from './ar.ts';
import de from './de.ts';
import en from './en.ts';
import es from './es.ts';
import fr from './fr.ts';
import pt from './pt.ts';
import type { Translation } from './types.ts';
import { DEFAULT_VERDICTS, type Verdict } from '../core/verdicts.ts';

export const TRANSLATIONS: Readonly<Record<string, Translation>> = { en, fr, es, de, pt, ar };

export const SUPPORTED_LANGUAGES = Object.keys(TRANSLATIONS);

/** The translation a BCP 47 tag selects, or undefined when the site's words are not written in its language. */
export function translationFor(tag: string): Translation | undefined {
  const lower = tag.toLowerCase();
  return TRANSLATIONS[lower] ?? TRANSLATIONS[lower.split('-')[0]!];
}

/** What the check says of a site language without a translation. */
export function unsupportedLanguage(tag: string): string {
  const list = SUPPORTED_LANGUAGES.map((l) => `${l} (${TRANSLATIONS[l]!.name})`).join(', ');
  return `the site's own words are not written in \`${tag}\`: use one of ${list}, or a regional form of one such as pt-BR; to add a language, copy src/i18n/en.ts to src/i18n/<code>.ts, translate every string and list it in src/i18n/languages.ts`;
}

/** The default scale (its ids and ratings are the format's) in the words of a site's language. */
export function defaultVerdicts(tag: string): Verdict[] {
  const words = (translationFor(tag) ?? en).verdicts as Translation['verdicts'];
  return DEFAULT_VERDICTS.map((v) => ({ ...v, ...words[v.id as keyof Translation['verdicts']] }));
}
