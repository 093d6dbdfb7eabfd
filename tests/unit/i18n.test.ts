/**
 * The site's languages: every language gives every message English has, with the
 * same kind, the same values to fill in and a form for every plural category its
 * counts take; dates, numbers, plurals and direction come from Intl; a regional tag
 * falls back to its language; site.yml's strings: replace messages and are checked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.ts';
import { directionOf, languageAttributes } from '../../src/i18n/direction.ts';
import {
  defaultVerdicts,
  SUPPORTED_LANGUAGES,
  TRANSLATIONS,
  translationFor,
  unsupportedLanguage,
} from '../../src/i18n/languages.ts';
import { makeUi, placeholders } from '../../src/i18n/ui.ts';
import type { Messages } from '../../src/i18n/types.ts';
import { DEFAULT_VERDICTS } from '../../src/core/verdicts.ts';
import { loadSite } from '../../src/check/site-settings.ts';
import type { Problem } from '../../src/core/problems.ts';

const english = en.messages as Record<string, string | Record<string, string>>;
/** Counts a page may show: every plural category a language uses for whole numbers turns up among them. */
const COUNTS = [...Array.from({ length: 220 }, (_, i) => i), 1000, 1001, 1_000_000, 2_000_000, 1_000_002];

describe('every language', () => {
  it('the six languages of the issue, and nothing else', () => {
    expect(SUPPORTED_LANGUAGES.sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'pt']);
  });

  describe.each(SUPPORTED_LANGUAGES)('%s', (language) => {
    const t = TRANSLATIONS[language]!;
    const messages = t.messages as unknown as Record<string, string | Record<string, string>>;

    it('has every key English has, and no other', () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      expect(t.language).toBe(language);
    });

    it('gives each message the kind English gives it, no empty one, and only the values English fills in', () => {
      const wrong: string[] = [];
      for (const [key, value] of Object.entries(messages)) {
        const ref = english[key]!;
        if (typeof ref !== typeof value) wrong.push(`${key}: ${typeof value} where English has ${typeof ref}`);
        const forms = typeof value === 'string' ? [value] : Object.values(value);
        if (forms.some((f) => f.trim() === '')) wrong.push(`${key}: empty`);
        const allowed = new Set(typeof ref === 'string' ? placeholders(ref) : Object.values(ref).flatMap(placeholders));
        for (const p of forms.flatMap(placeholders)) if (!allowed.has(p)) wrong.push(`${key}: {${p}} is not filled in`);
        // A plain message keeps every value (a plural's `one` may say "one" in words instead of {n}).
        if (typeof ref === 'string' && typeof value === 'string')
          for (const p of placeholders(ref)) if (!placeholders(value).includes(p)) wrong.push(`${key}: drops {${p}}`);
        if (typeof ref !== 'string' && typeof value !== 'string')
          for (const p of placeholders(ref.other!))
            if (!placeholders(value.other ?? '').includes(p)) wrong.push(`${key}: other drops {${p}}`);
      }
      expect(wrong).toEqual([]);
    });

    it('has a form for every plural category its counts take', () => {
      const rules = new Intl.PluralRules(language);
      const used = new Set(COUNTS.map((n) => rules.select(n)));
      const missing = Object.entries(messages)
        .filter(([, v]) => typeof v !== 'string')
        .flatMap(([key, v]) => [...used].filter((c) => !(c in (v as object))).map((c) => `${key}.${c}`));
      expect(missing).toEqual([]);
    });

    it('names every verdict of the default scale, with a description', () => {
      const scale = defaultVerdicts(language);
      expect(scale.map((v) => [v.id, v.rating])).toEqual(DEFAULT_VERDICTS.map((v) => [v.id, v.rating]));
      for (const v of scale) expect(v.label.trim() && v.description?.trim()).toBeTruthy();
      expect(new Set(scale.map((v) => v.label)).size).toBe(scale.length);
    });
  });

  it('English is the format’s default scale, word for word', () => {
    expect(defaultVerdicts('en')).toEqual(DEFAULT_VERDICTS);
  });

  it('the scale in the words of each desk', () => {
    const labels = (l: string) => defaultVerdicts(l).map((v) => v.label);
    expect(labels('fr')).toEqual(['Vrai', 'Plutôt vrai', 'Manque de contexte', 'Trompeur', 'Faux', 'Invérifiable']);
    expect(labels('es')).toEqual(['Verdadero', 'Mayormente verdadero', 'Falta contexto', 'Engañoso', 'Falso', 'Sin pruebas']);
    expect(labels('de')).toEqual(['Richtig', 'Größtenteils richtig', 'Fehlender Kontext', 'Irreführend', 'Falsch', 'Unbelegt']);
    expect(labels('pt')).toEqual(['Verdadeiro', 'Verdadeiro, mas', 'Falta contexto', 'Enganoso', 'Falso', 'Sem provas']);
    expect(labels('ar')).toEqual(['صحيح', 'صحيح في معظمه', 'يفتقر إلى السياق', 'مضلل', 'زائف', 'غير مثبت']);
  });
});

describe('choosing a language', () => {
  it('a regional tag falls back to its language, in any case', () => {
    expect(translationFor('pt-BR')?.language).toBe('pt');
    expect(translationFor('fr-CA')?.language).toBe('fr');
    expect(translationFor('ar-EG')?.language).toBe('ar');
    expect(translationFor('DE')?.language).toBe('de');
    expect(translationFor('ja')).toBeUndefined();
    expect(translationFor('frr')).toBeUndefined();
  });

  it('refusing one lists the supported languages and says how to add one', () => {
    const message = unsupportedLanguage('ja');
    for (const l of SUPPORTED_LANGUAGES) expect(message).toContain(`${l} (`);
    expect(message).toContain('src/i18n/en.ts');
  });
});

describe('dates, numbers and plurals', () => {
  it('dates in each language, the same in every time zone', () => {
    expect(makeUi('en').day('2019-07-11')).toBe('July 11, 2019');
    expect(makeUi('fr').day('2019-07-11')).toBe('11 juillet 2019');
    expect(makeUi('es').day('2019-07-11')).toBe('11 de julio de 2019');
    expect(makeUi('de').day('2019-07-11')).toBe('11. Juli 2019');
    expect(makeUi('pt-BR').day('2019-07-11')).toBe('11 de julho de 2019');
    expect(makeUi('ar').day('2019-07-11')).toBe('11 يوليو 2019');
    expect(makeUi('en-GB').day('2019-01-01')).toBe('1 January 2019');
  });

  it('"1 excerpt", "2 excerpts" in every language, with the language’s digits and separators', () => {
    expect([1, 2, 1000].map((n) => makeUi('en').plural('claim.excerpts', n))).toEqual([
      '1 excerpt',
      '2 excerpts',
      '1,000 excerpts',
    ]);
    expect([1, 2, 1000].map((n) => makeUi('fr').plural('claim.excerpts', n))).toEqual([
      '1 extrait',
      '2 extraits',
      '1\u202f000 extraits',
    ]);
    expect(makeUi('fr').plural('claim.excerpts', 1_000_000)).toBe('1\u202f000\u202f000 d’extraits');
    expect([1, 2].map((n) => makeUi('es').plural('claim.excerpts', n))).toEqual(['1 fragmento', '2 fragmentos']);
    expect([1, 2].map((n) => makeUi('de').plural('claim.excerpts', n))).toEqual(['1 Auszug', '2 Auszüge']);
    expect([1, 2].map((n) => makeUi('pt').plural('claim.excerpts', n))).toEqual(['1 trecho', '2 trechos']);
    // Arabic has six forms: the dual, 3 to 10, 11 to 99 and 100 each take their own.
    expect([1, 2, 3, 11, 100].map((n) => makeUi('ar').plural('claim.excerpts', n))).toEqual([
      'مقتطف واحد',
      'مقتطفان',
      '3 مقتطفات',
      '11 مقتطفًا',
      '100 مقتطف',
    ]);
  });

  it('quotation marks and punctuation of the language', () => {
    expect(makeUi('en').quote('x')).toBe('“x”');
    expect(makeUi('fr').quote('x')).toBe('«\u00a0x\u00a0»');
    expect(makeUi('de').quote('x')).toBe('„x“');
    expect(makeUi('ar').quote('x')).toBe('«x»');
    expect(makeUi('fr').t('entry.updated', { date: '5 mars 2024' })).toBe('Dernière mise à jour\u00a0: 5 mars 2024.');
  });

  it('rich messages keep their values as they are, in the order of the language', () => {
    const link = { tag: 'a' };
    expect(makeUi('en').rich('claim.reviewedBy', { date: link, author: 'Desk' })).toEqual([
      'Reviewed ',
      link,
      ' by ',
      'Desk',
      '.',
    ]);
    expect(makeUi('ar').rich('claim.reviewedBy', { date: link, author: 'Desk' })).toEqual([
      'جرى التحقق في ',
      link,
      ' بقلم ',
      'Desk',
      '.',
    ]);
    expect(makeUi('de').rich('entry.updated', { date: link })).toEqual(['Zuletzt aktualisiert am ', link, '.']);
  });
});

describe('direction', () => {
  it('right to left for Arabic and Hebrew script languages, whatever the region', () => {
    expect(['ar', 'ar-EG', 'he', 'fa', 'ur', 'yi'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'fr-CA', 'pt-BR', 'de', 'es', 'ar-Latn', 'not a tag'].map(directionOf)).toEqual([
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'ltr',
    ]);
    expect(makeUi('ar').dir).toBe('rtl');
    expect(makeUi('fr').dir).toBe('ltr');
  });

  it('a source in another language carries lang, and dir where the direction differs', () => {
    expect(languageAttributes('en', 'ar')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(languageAttributes('ar', 'fr')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(languageAttributes('de', 'fr')).toEqual({ lang: 'de' });
    expect(languageAttributes('fr', 'fr')).toEqual({});
    expect(languageAttributes(undefined, 'ar')).toEqual({});
  });
});

describe("site.yml's strings:", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const site = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'i18n-site-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'site.yml'), yaml);
    const problems: Problem[] = [];
    return { config: loadSite(dir, () => 'site.yml', problems), problems };
  };
  const head = 'title: T\ndescription: D\nurl: https://x.example.org\npublisher:\n  name: P\n';

  it('replace the language’s words, a counted one form by form', () => {
    const { config, problems } = site(
      `${head}language: pt-PT\nstrings:\n  nav.claims: Verificações\n  claim.excerpts:\n    one: "{n} excerto"\n    other: "{n} excertos"\n`,
    );
    expect(problems).toEqual([]);
    const ui = makeUi(config!.language, config!.strings);
    expect(ui.t('nav.claims')).toBe('Verificações');
    expect(ui.plural('claim.excerpts', 3)).toBe('3 excertos');
    expect(ui.t('nav.sources')).toBe('Fontes');
  });

  it('are refused, each at its line, when the site could not use them', () => {
    const { problems } = site(
      `${head}strings:\n  nav.claimz: x\n  claim.excerpts: x\n  nav.claims:\n    other: x\n  entry.updated: "{when}"\n  home.all:\n    one: "{n}"\n`,
    );
    expect(problems.map((p) => [p.line, p.message.replace(/;.*/, '')])).toEqual([
      [7, '`strings.nav.claimz` is not a string the site writes'],
      [8, '`strings.claim.excerpts` depends on a count: give its forms by plural category, such as { one: …, other: … }'],
      [10, '`strings.nav.claims` is one string, not forms by plural category'],
      [11, '`strings.entry.updated` has {when}, which the site cannot fill in'],
      [13, '`strings.home.all` needs an `other` form, used for any count the other forms do not cover'],
    ]);
  });

  it('a language without a translation is refused at its line', () => {
    const { problems } = site(`${head}language: ja\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 6, column: 11 });
    expect(problems[0]!.message).toMatch(/^`language`: the site's own words are not written in `ja`/);
  });
});

describe('the type check', () => {
  it('refuses a language that lacks a key (tsc fails on an unused @ts-expect-error, tests/integration/static-checks)', () => {
    // @ts-expect-error a language without every one of English's keys is not a Translation's messages
    const incomplete: Messages = { 'punct.comma': ', ' };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
