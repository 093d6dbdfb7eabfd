/**
 * Share cards in each of the site's languages: the card's own words come from the
 * language; Latin-script cards are drawn in full by satori; an Arabic card, which
 * satori would join wrongly, is the honest card (the verdict and the site's name),
 * drawn by resvg in Noto Sans Arabic; a line no font covers is left out, never drawn
 * as empty boxes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardHash, cardKind, renderShareCard, type ShareCardInput } from '../../src/share-cards/card.ts';
import { satoriDraws } from '../../src/share-cards/coverage.ts';
import { fallbackLines, renderFallback, type FallbackCard } from '../../src/share-cards/fallback.ts';
import { defaultVerdicts } from '../../src/i18n/languages.ts';
import { makeUi } from '../../src/i18n/ui.ts';
import { pngSize } from '../helpers/png-size.ts';

/** A claim, claimant and site name as a desk of each language would write them. */
const DESKS: Record<string, { claim: string; claimant: string; site: string }> = {
  en: { claim: 'The bridge will open in the autumn.', claimant: 'The mayor', site: 'Bridge Watch' },
  fr: { claim: 'Le pont ouvrira à l’automne.', claimant: 'La maire', site: 'Le Vérificateur du Pont' },
  es: { claim: 'El puente abrirá en otoño.', claimant: 'La alcaldesa', site: 'Verificado del Puente' },
  de: { claim: 'Die Brücke wird im Herbst eröffnet.', claimant: 'Die Bürgermeisterin', site: 'Brückenprüfer' },
  pt: { claim: 'A ponte abrirá no outono.', claimant: 'A prefeita', site: 'Checagem da Ponte' },
  ar: { claim: 'الجسر سيُفتتح في الخريف.', claimant: 'رئيسة البلدية', site: 'مرصد الجسر' },
};

function input(language: string, quoted = true): ShareCardInput {
  const ui = makeUi(language);
  const desk = DESKS[language]!;
  const verdict = defaultVerdicts(language).find((v) => v.id === 'misleading')!;
  return {
    claim: desk.claim,
    claimant: desk.claimant,
    quoted,
    verdictLabel: verdict.label,
    verdictRating: verdict.rating!,
    verdictBest: 5,
    siteTitle: desk.site,
    language,
    attribution: ui.t(quoted ? 'headline.saidBy' : 'headline.claimBy', { claimant: desk.claimant }),
    verdictLine: ui.t('verdict.line', { verdict: verdict.label }),
    kicker: ui.t('embed.kicker'),
    quotedClaim: ui.quote(desk.claim),
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each(Object.keys(DESKS))('a card in %s', (language) => {
  it(`is drawn ${language === 'ar' ? 'as the verdict and the site name only' : 'in full'}, 1200×630`, async () => {
    const card = input(language);
    expect(cardKind(card)).toBe(language === 'ar' ? 'fallback' : 'full');
    expect(pngSize(await renderShareCard(card))).toEqual({ width: 1200, height: 630 });
  });

  it('its words are the language’s, and a change of language is a new card', () => {
    const card = input(language);
    if (language !== 'en')
      expect(cardHash(card)).not.toBe(cardHash({ ...input('en'), ...DESKS[language], language: 'en' } as never));
    if (language !== 'ar')
      for (const w of [card.verdictLine!, card.kicker!, card.attribution!, card.quotedClaim!]) expect(satoriDraws(w)).toBe(true);
  });
});

describe('the honest card', () => {
  const card = (over: Partial<FallbackCard> = {}): FallbackCard => ({
    width: 1200,
    height: 630,
    siteTitle: 'مرصد الجسر',
    kicker: 'تحقق',
    verdictCaption: 'الحكم',
    verdictLabel: 'مضلل',
    colour: '#9a3412',
    language: 'ar',
    ...over,
  });
  const fontDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'card-fonts-'));
    dirs.push(d);
    return d;
  };
  /** White pixels inside the verdict badge: the label's glyphs. */
  const inkInBadge = (c: FallbackCard, dir: string) => {
    const { pixels, width } = renderFallback(c, dir);
    let n = 0;
    for (let y = 370; y < 480; y++)
      for (let x = 180; x < 1020; x++) {
        const i = (y * width + x) * 4;
        if (pixels[i]! > 240 && pixels[i + 1]! > 240 && pixels[i + 2]! > 240) n++;
      }
    return n;
  };

  it('draws each Arabic line in Noto Sans Arabic, and the Latin ones in Inter', () => {
    expect(fallbackLines(card()).map((l) => [l.text, l.font])).toEqual([
      ['مرصد الجسر', 'arabic'],
      ['تحقق', 'arabic'],
      ['الحكم', 'arabic'],
      ['مضلل', 'arabic'],
    ]);
    expect(fallbackLines(card({ siteTitle: 'Bridge Watch' }))[0]).toMatchObject({ text: 'Bridge Watch', font: 'latin' });
  });

  it('really draws the verdict: its glyphs are in the badge, and none without a label', () => {
    const dir = fontDir();
    expect(inkInBadge(card(), dir)).toBeGreaterThan(1000);
    expect(inkInBadge(card({ verdictLabel: '' }), dir)).toBe(0);
  });

  it('leaves out a line no font of the card covers, rather than draw empty boxes', () => {
    expect(fallbackLines(card({ siteTitle: '橋の検証', verdictLabel: 'مضلل (Misleading)' })).map((l) => l.text)).toEqual([
      'تحقق',
      'الحكم',
    ]);
  });
});
