/**
 * The shape of a language's module. English (en.ts) is the reference: every key it
 * has, every other language must have, with the same kind (a string, or a plural),
 * so a missing or misspelt key fails the type check, and tests/unit/i18n.test.ts
 * checks the placeholders and plural forms besides.
 */
import type en from './en.ts';

/** One form per `Intl.PluralRules` category; `other` is always required. */
export type Plural = { [C in Exclude<Intl.LDMLPluralRule, 'other'>]?: string } & { other: string };

type English = (typeof en)['messages'];
export type MessageKey = keyof English;
/** The keys whose value is a plain string. */
export type TextKey = { [K in MessageKey]: English[K] extends string ? K : never }[MessageKey];
/** The keys whose value depends on a count. */
export type PluralKey = Exclude<MessageKey, TextKey>;

export type Messages = { [K in TextKey]: string } & { [K in PluralKey]: Plural };

/** The ids of the default verdict scale (docs/content-format.md). */
export type DefaultVerdictId = keyof (typeof en)['verdicts'];

export interface Translation {
  /** The BCP 47 language subtag this module is for. */
  language: string;
  /** The language's name, in the language. */
  name: string;
  /** The default scale's labels and descriptions, in the words fact-checkers of the language use. */
  verdicts: Record<DefaultVerdictId, { label: string; description: string }>;
  messages: Messages;
}
