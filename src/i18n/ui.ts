/**
 * The site's words in its language, for pages, feeds, cards and the remark plugin:
 * a message filled in with its values, counts in the language's plural forms
 * (`Intl.PluralRules`), numbers and dates by `Intl`, and the writing direction.
 * A desk's `strings:` in site.yml replace any message.
 */
import { formatDay } from '../core/dates.ts';
import { directionOf, type Direction } from './direction.ts';
import en from './en.ts';
import { translationFor } from './languages.ts';
import type { MessageKey, Messages, Plural, PluralKey, TextKey, Translation } from './types.ts';

export type Overrides = Partial<Record<string, string | Partial<Plural>>>;
type Values = Record<string, string | number>;

export interface Ui {
  /** The site's language tag as site.yml gives it (for `lang` and `Intl`). */
  lang: string;
  dir: Direction;
  translation: Translation;
  /** A message with its `{name}`s filled in. */
  t(key: TextKey, values?: Values): string;
  /** A counted message in the plural form `n` takes; `{n}` is the number as the language writes it. */
  plural(key: PluralKey, n: number, values?: Values): string;
  /** A counted message's forms (site.yml's included), for code that picks one later, in the browser. */
  forms(key: PluralKey): Plural;
  /**
   * A message whose values may be markup (Astro nodes): the text between them and
   * the values in order, for a template to render as they are.
   */
  rich(key: TextKey, values: Record<string, unknown>): unknown[];
  number(n: number): string;
  /** A calendar day, YYYY-MM-DD, as the language writes it (computed at UTC). */
  day(iso: string): string;
  /** Text in the language's quotation marks. */
  quote(text: string): string;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The `{name}`s of a message, in order. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function fill(template: string, values: Values, number: (n: number) => string): string {
  return template.replace(PLACEHOLDER, (all, name: string) => {
    const v = values[name];
    return v === undefined ? all : typeof v === 'number' ? number(v) : v;
  });
}

export function makeUi(tag: string, overrides: Overrides = {}): Ui {
  const translation = translationFor(tag) ?? (en as unknown as Translation);
  const base = translation.messages as unknown as Record<string, string | Plural>;
  const messages: Record<string, string | Plural> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || !(key in base)) continue;
    const current = base[key]!;
    messages[key] =
      typeof current === 'string' || typeof value === 'string' ? (value as string) : ({ ...current, ...value } as Plural);
  }
  const locale = safeLocale(tag);
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const number = (n: number) => numbers.format(n);
  const text = (key: MessageKey) => {
    const m = messages[key];
    return typeof m === 'string' ? m : (m?.other ?? key);
  };
  const ui: Ui = {
    lang: tag,
    dir: directionOf(tag),
    translation,
    t: (key, values = {}) => fill(text(key), values, number),
    plural(key, n, values = {}) {
      const m = messages[key];
      const forms = typeof m === 'string' ? { other: m } : (m ?? { other: key });
      const form = forms[plurals.select(n)] ?? forms.other;
      return fill(form, { ...values, n }, number);
    },
    forms(key) {
      const m = messages[key];
      return typeof m === 'string' ? { other: m } : (m ?? { other: key });
    },
    rich(key, values) {
      const parts: unknown[] = [];
      let last = 0;
      const template = text(key);
      for (const m of template.matchAll(PLACEHOLDER)) {
        if (m.index > last) parts.push(template.slice(last, m.index));
        const v = values[m[1]!];
        parts.push(v === undefined ? m[0] : typeof v === 'number' ? number(v) : v);
        last = m.index + m[0].length;
      }
      if (last < template.length) parts.push(template.slice(last));
      return parts;
    },
    number,
    day: (iso) => formatDay(iso, locale),
    quote: (value) => fill(text('punct.quote'), { text: value }, number),
  };
  return ui;
}

/** A tag Intl refuses (the check refuses it first) is formatted as English rather than throwing mid-build. */
function safeLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const memo = new WeakMap<object, Ui>();

/** The UI of a site's settings (site.yml), built once per settings object. */
export function uiOf(site: { language: string; strings?: Overrides | undefined } | null | undefined): Ui {
  if (!site) return makeUi('en');
  let ui = memo.get(site);
  if (!ui) memo.set(site, (ui = makeUi(site.language, site.strings ?? {})));
  return ui;
}

export type { Messages };
