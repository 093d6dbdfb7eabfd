import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SatoriNode } from 'satori';
import { Resvg } from '@resvg/resvg-js';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  CLAIM_BOX_HEIGHT,
  CLAIM_FONT_SIZES,
  cachedShareCard,
  cardHash,
  cardKind,
  dropRedundantMasks,
  fitClaim,
  loadFonts,
  measureClaimHeight,
  renderShareCard,
  shareCardSvg,
  type ShareCardInput,
} from '../../src/share-cards/card.ts';
import { pngSize } from '../helpers/png-size.ts';

// About 600 characters of long words and no easy breaks: the worst claim an editor is likely to write.
const LONGEST_CLAIM =
  'Internationally recognised counterintelligence authorities simultaneously acknowledged, ' +
  'notwithstanding extraordinarily comprehensive interdepartmental investigations, that the ' +
  'Chicago Police Department’s administratively-maintained criminal-intelligence databases were ' +
  'permanently, irrevocably and unconditionally disconnected from every Immigration and Customs ' +
  'Enforcement (ICE) terminal, subcontractor, fusion centre and intergovernmental data-sharing ' +
  'arrangement nationwide — including Homeland Security Investigations, the FBI’s National Crime ' +
  'Information Center and every suburban municipality — effective immediately and forever, ' +
  'according to the mayor’s office.';

const base: ShareCardInput = {
  claim: 'Chicago’s ban on ICE access to police databases is permanent.',
  claimant: 'Lori Lightfoot',
  verdictLabel: 'Needs context',
  verdictRating: 3,
  siteTitle: 'Chicago, ICE and the police databases',
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cards-'));
  dirs.push(d);
  return d;
};

describe('renderShareCard', () => {
  it('draws a 1200×630 PNG', async () => {
    const png = await renderShareCard(base);
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });

  it('draws the longest claim at a smaller size, wrapped inside the card', async () => {
    expect(LONGEST_CLAIM.length).toBeGreaterThan(550);
    const short = await fitClaim(base.claim);
    const long = await fitClaim(LONGEST_CLAIM);
    expect(short.fontSize).toBe(CLAIM_FONT_SIZES[0]);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.clamped).toBe(false);
    expect(long.height).toBeLessThanOrEqual(CLAIM_BOX_HEIGHT);
    // One size up would not have fitted: the choice is the largest that fits, not an arbitrary small one.
    const bigger = CLAIM_FONT_SIZES[CLAIM_FONT_SIZES.indexOf(long.fontSize as (typeof CLAIM_FONT_SIZES)[number]) - 1]!;
    expect(await measureClaimHeight(LONGEST_CLAIM, bigger)).toBeGreaterThan(CLAIM_BOX_HEIGHT);

    const nodes: SatoriNode[] = [];
    const png = await renderShareCard(
      { ...base, claim: LONGEST_CLAIM, claimant: 'The Office of the Mayor of the City of Chicago' },
      { onNode: (n) => nodes.push(n) },
    );
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(nodes.length).toBeGreaterThan(5);
    for (const n of nodes) {
      expect(n.left).toBeGreaterThanOrEqual(0);
      expect(n.top).toBeGreaterThanOrEqual(0);
      expect(n.left + n.width).toBeLessThanOrEqual(CARD_WIDTH);
      expect(n.top + n.height).toBeLessThanOrEqual(CARD_HEIGHT);
    }
    expect(nodes.some((n) => String(n.textContent ?? '').includes('Verdict: Needs context'))).toBe(true);
    expect(nodes.some((n) => String(n.textContent ?? '').includes(base.siteTitle))).toBe(true);
  });

  it('clamps a claim too long for any size instead of overflowing', async () => {
    const absurd = LONGEST_CLAIM.repeat(3);
    const fit = await fitClaim(absurd);
    expect(fit.clamped).toBe(true);
    expect(fit.fontSize).toBe(CLAIM_FONT_SIZES[CLAIM_FONT_SIZES.length - 1]);
    const nodes: SatoriNode[] = [];
    await renderShareCard({ ...base, claim: absurd }, { onNode: (n) => nodes.push(n) });
    for (const n of nodes) expect(n.top + n.height).toBeLessThanOrEqual(CARD_HEIGHT);
  });
});

describe('dropRedundantMasks', () => {
  it('draws the same pixels with fewer masks, for short, wrapped, clamped and non-Latin claims', async () => {
    const pixels = (svg: string) => new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
    const masks = (svg: string) => svg.match(/ mask="/g)?.length ?? 0;
    for (const input of [
      base,
      { ...base, claim: LONGEST_CLAIM, claimant: 'The Office of the Mayor of the City of Chicago' },
      { ...base, claim: LONGEST_CLAIM.repeat(3) },
      { ...base, claim: 'Αθήνα: Лев Толстой said “Wałęsa” did it.', verdictLabel: 'False', verdictRating: 1 },
    ]) {
      const svg = await shareCardSvg(input);
      const lean = dropRedundantMasks(svg);
      expect(masks(lean)).toBeLessThan(masks(svg));
      expect(Buffer.compare(pixels(lean), pixels(svg))).toBe(0);
    }
  });
});

describe('loadFonts', () => {
  it('brings the other Inter subsets only for text beyond Latin-1', async () => {
    expect(loadFonts('“Chicago’s ban” — Lori Lightfoot, café').length).toBe(2);
    expect(loadFonts('Wałęsa').length).toBeGreaterThan(2);
    expect(loadFonts('Αθήνα').length).toBeGreaterThan(2);
    const png = await renderShareCard({ ...base, claimant: 'Лев Толстой and Łukasz Żółć' });
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });
});

describe('cardHash', () => {
  it('changes with anything the card shows, and only then', () => {
    const h = cardHash(base);
    expect(cardHash({ ...base })).toBe(h);
    expect(cardHash({ ...base, claim: `${base.claim} ` })).toBe(h);
    for (const change of [
      { claim: 'Another claim.' },
      { claimant: 'Someone else' },
      { verdictLabel: 'False' },
      { verdictRating: 1 },
      { siteTitle: 'Another site' },
      { quoted: !base.quoted },
    ]) {
      expect(cardHash({ ...base, ...change })).not.toBe(h);
    }
  });
});

describe('a verdict’s card', () => {
  const verdict: ShareCardInput = { ...base, claim: '', claimant: '', design: 'verdict' };

  it('is drawn as the card of a claim satori cannot draw: the site, the kicker and the verdict', async () => {
    expect(cardKind(verdict)).toBe('verdict');
    expect(cardKind(base)).toBe('full');
    const png = await renderShareCard(verdict);
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(png.equals(await renderShareCard(base))).toBe(false);
  });

  it('has a hash of its own, and leaves the hashes of the claims’ cards as they were', () => {
    expect(cardHash(verdict)).not.toBe(cardHash({ ...verdict, design: 'claim' }));
    expect(cardHash({ ...base, design: 'claim' })).toBe(cardHash(base));
    // The hash of this card before verdict cards existed, so the cards cached by earlier builds
    // are still found (a new CARD_VERSION changes it, on purpose).
    expect(cardHash(base)).toBe('5ad2aaef78a2841474dd');
  });
});

describe('cachedShareCard', () => {
  it('draws a card once and copies it from the cache afterwards', async () => {
    const cacheDir = tempDir();
    let draws = 0;
    const render = async (input: ShareCardInput) => {
      draws++;
      return renderShareCard(input);
    };
    const first = await cachedShareCard(base, { cacheDir, render });
    expect(first.cached).toBe(false);
    const second = await cachedShareCard(base, { cacheDir, render });
    expect(second.cached).toBe(true);
    expect(draws).toBe(1);
    expect(second.png.equals(first.png)).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([`${first.hash}.png`]);

    const changed = await cachedShareCard({ ...base, verdictLabel: 'False', verdictRating: 1 }, { cacheDir, render });
    expect(changed.cached).toBe(false);
    expect(draws).toBe(2);
  });
});

describe('pngSize', () => {
  it('refuses bytes that are not a PNG', () => {
    expect(pngSize(new Uint8Array(40))).toBeNull();
  });
});
