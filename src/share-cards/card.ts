/**
 * The share card of a claim review: a 1200×630 PNG with the claim, the claimant,
 * the verdict (as a word, never colour alone) and the site's name, drawn at
 * build time with satori + resvg from a font in node_modules (nothing fetched).
 * Cards are cached by a hash of everything they show, so a build redraws only
 * the cards whose text changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import satori from 'satori';
import type { SatoriNode } from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from './png.ts';
import { satoriDraws } from './coverage.ts';
import { renderFallback } from './fallback.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the drawing changes, so cached cards of the old design are not reused. */
export const CARD_VERSION = 4;

export interface ShareCardInput {
  claim: string;
  claimant: string;
  /** True when the claim's text is the claimant's own words, verified in a source: only then is it drawn as a quotation. */
  quoted?: boolean;
  verdictLabel: string;
  /** 1 = worst ... best; absent for a verdict outside the scale (drawn neutral). */
  verdictRating?: number;
  /** The best rating of the scale (default 5), so the badge colour follows the site's own scale. */
  verdictBest?: number;
  siteTitle: string;
  /** The site's language (BCP 47); default English. The card's own words below are in it. */
  language?: string;
  /** "— claimant" for a quoted claim, "Claim by claimant" otherwise. */
  attribution?: string;
  /** "Verdict: False", in the site's language. */
  verdictLine?: string;
  /** "Fact check". */
  kicker?: string;
  /** The claim in the language's quotation marks, drawn when `quoted`. */
  quotedClaim?: string;
  /**
   * `verdict`: the card of a verdict, not of one claim (`share_cards: verdict` in site.yml): the
   * site's name, the kicker and the verdict, as the card of a claim in a script satori cannot draw.
   * Its claim and claimant are empty, so every claim with that verdict has the same card.
   */
  design?: 'claim' | 'verdict';
}

/** The card's words, English unless the input gives them in the site's language (src/site/feeds.ts does). */
export function cardWords(input: ShareCardInput): { attribution: string; verdictLine: string; kicker: string; claim: string } {
  const claimant = input.claimant.trim();
  const claim = input.claim.trim().replace(/\s+/g, ' ');
  return {
    attribution: input.attribution ?? (input.quoted ? `— ${claimant}` : `Claim by ${claimant}`),
    verdictLine: input.verdictLine ?? `Verdict: ${input.verdictLabel.trim()}`,
    kicker: input.kicker ?? 'Fact check',
    claim: input.quoted ? (input.quotedClaim ?? `“${claim}”`) : claim,
  };
}

const PAD = 64;
const INNER_WIDTH = CARD_WIDTH - 2 * PAD;
const HEADER_HEIGHT = 40;
const CLAIMANT_HEIGHT = 44;
const FOOTER_HEIGHT = 80;
const GAP = 28;
/** The verdict-coloured stripe along the top edge. */
const STRIPE = 12;
/** The height the claim may take: what is left between header, claimant and footer. */
export const CLAIM_BOX_HEIGHT = CARD_HEIGHT - 2 * PAD - HEADER_HEIGHT - CLAIMANT_HEIGHT - FOOTER_HEIGHT - 3 * GAP;
/** Claim font sizes, largest first; the first whose wrapped text fits the box is used. */
export const CLAIM_FONT_SIZES = [64, 56, 50, 44, 40, 36, 32, 28, 25, 22, 20] as const;
const CLAIM_LINE_HEIGHT = 1.2;

type Font = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };

const require = createRequire(import.meta.url);
let fontsCache: { latin: Font[]; all: Font[] } | undefined;

/** Inter from @fontsource (woff: satori reads woff/ttf/otf, not woff2), several subsets so accented names draw. */
function fontFiles(): { latin: Font[]; all: Font[] } {
  if (fontsCache) return fontsCache;
  const dir = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');
  const all: Font[] = [];
  for (const subset of ['latin', 'latin-ext', 'greek', 'cyrillic', 'vietnamese']) {
    for (const weight of [400, 700] as const) {
      const file = join(dir, `inter-${subset}-${weight}-normal.woff`);
      if (existsSync(file)) all.push({ name: 'Inter', data: readFileSync(file), weight, style: 'normal' });
    }
  }
  if (!all.length) throw new Error(`share card: no Inter .woff font found in ${dir}`);
  fontsCache = { latin: all.slice(0, 2), all };
  return fontsCache;
}

/**
 * The fonts a text needs: the Latin subset covers Latin-1 and general punctuation (its unicode-range);
 * anything beyond it brings in every subset. Fewer fonts make each satori pass twice as fast.
 */
export function loadFonts(text = ''): Font[] {
  const { latin, all } = fontFiles();
  return /[^\u0000-\u00ff\u2000-\u206f\u20ac\u2122\u2212]/.test(text) ? all : latin;
}

type El = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const div = (style: Record<string, unknown>, children?: unknown): El => ({ type: 'div', props: { style, children } });

/** Badge colours, dark enough for white text (WCAG AA at this size); unrated verdicts are slate. */
export function verdictColour(rating: number | undefined, best = 5): string {
  if (rating === undefined) return '#475569';
  const t = best > 1 ? (rating - 1) / (best - 1) : 1;
  if (t >= 0.875) return '#166534';
  if (t >= 0.625) return '#3f6212';
  if (t >= 0.375) return '#92400e';
  if (t >= 0.125) return '#9a3412';
  return '#991b1b';
}

function claimText(claim: string, quoted: boolean): string {
  const text = claim.trim().replace(/\s+/g, ' ');
  return quoted ? `“${text}”` : text;
}

function claimNode(claim: string, quoted: boolean, fontSize: number, clamp: boolean): El {
  return div(
    {
      display: 'block',
      width: INNER_WIDTH,
      fontSize,
      fontWeight: 700,
      lineHeight: CLAIM_LINE_HEIGHT,
      color: '#0f172a',
      ...(clamp
        ? { lineClamp: Math.max(1, Math.floor(CLAIM_BOX_HEIGHT / (fontSize * CLAIM_LINE_HEIGHT))), overflow: 'hidden' }
        : {}),
    },
    claimText(claim, quoted),
  );
}

/** Height of the claim wrapped at `fontSize`, measured by satori itself with the real font (no guessing from character counts). */
export async function measureClaimHeight(claim: string, fontSize: number, quoted = true): Promise<number> {
  const svg = await satori(claimNode(claim, quoted, fontSize, false) as never, {
    width: INNER_WIDTH,
    fonts: loadFonts(claimText(claim, quoted)),
  });
  const m = /height="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('share card: satori returned an SVG without a height');
  return Number(m[1]);
}

/**
 * The largest claim font size whose wrapped text fits the box. A claim too long
 * even for the smallest size gets the smallest size and is clamped with an ellipsis.
 */
export async function fitClaim(claim: string, quoted = true): Promise<{ fontSize: number; height: number; clamped: boolean }> {
  // Most claims are short: try the largest size first (one satori pass). Wrapped height grows
  // with the font size, so a binary search over the rest finds the largest that fits.
  const first = await measureClaimHeight(claim, CLAIM_FONT_SIZES[0], quoted);
  if (first <= CLAIM_BOX_HEIGHT) return { fontSize: CLAIM_FONT_SIZES[0], height: first, clamped: false };
  let lo = 1;
  let hi = CLAIM_FONT_SIZES.length - 1;
  let best: { fontSize: number; height: number } | undefined;
  let smallest: { fontSize: number; height: number } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const fontSize = CLAIM_FONT_SIZES[mid]!;
    const height = await measureClaimHeight(claim, fontSize, quoted);
    if (height <= CLAIM_BOX_HEIGHT) {
      best = { fontSize, height };
      hi = mid - 1;
    } else {
      if (mid === CLAIM_FONT_SIZES.length - 1) smallest = { fontSize, height };
      lo = mid + 1;
    }
  }
  if (best) return { ...best, clamped: false };
  const fontSize = CLAIM_FONT_SIZES[CLAIM_FONT_SIZES.length - 1]!;
  return { fontSize, height: smallest?.height ?? (await measureClaimHeight(claim, fontSize, quoted)), clamped: true };
}

function cardTree(input: ShareCardInput, fontSize: number, clamped: boolean): El {
  const words = cardWords(input);
  const colour = verdictColour(input.verdictRating, input.verdictBest);
  const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
  return div(
    {
      display: 'flex',
      flexDirection: 'column',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      padding: PAD,
      paddingTop: PAD - STRIPE,
      boxSizing: 'border-box',
      backgroundColor: '#f8fafc',
      borderTop: `${STRIPE}px solid ${colour}`,
      fontFamily: 'Inter',
      color: '#0f172a',
    },
    [
      div(
        {
          display: 'flex',
          height: HEADER_HEIGHT,
          width: INNER_WIDTH,
          fontSize: 28,
          fontWeight: 700,
          color: '#334155',
          ...oneLine,
        },
        input.siteTitle.trim(),
      ),
      div({ display: 'flex', flexGrow: 1, alignItems: 'center', height: CLAIM_BOX_HEIGHT, marginTop: GAP, overflow: 'hidden' }, [
        claimNode(words.claim, false, fontSize, clamped),
      ]),
      div(
        { display: 'flex', height: CLAIMANT_HEIGHT, marginTop: GAP, fontSize: 30, color: '#334155', ...oneLine },
        words.attribution,
      ),
      div({ display: 'flex', height: FOOTER_HEIGHT, marginTop: GAP, alignItems: 'center', justifyContent: 'space-between' }, [
        div(
          {
            display: 'flex',
            alignItems: 'center',
            height: FOOTER_HEIGHT,
            maxWidth: 820,
            padding: '0 32px',
            borderRadius: 16,
            backgroundColor: colour,
            color: '#ffffff',
            fontSize: 36,
            fontWeight: 700,
            ...oneLine,
          },
          words.verdictLine,
        ),
        div({ display: 'flex', fontSize: 24, color: '#475569', letterSpacing: 2, textTransform: 'uppercase' }, words.kicker),
      ]),
    ],
  );
}

export interface RenderOptions {
  /** Receives every laid-out node (tests use it to prove nothing is drawn outside the card). */
  onNode?: (node: SatoriNode) => void;
}

/** The card as SVG (satori), before rasterising. */
export async function shareCardSvg(input: ShareCardInput, options: RenderOptions = {}): Promise<string> {
  const words = cardWords(input);
  // The claim is drawn as its words give it (quotation marks included), so it is measured that way.
  const { fontSize, clamped } = await fitClaim(words.claim, false);
  return satori(cardTree(input, fontSize, clamped) as never, {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadFonts([words.claim, words.attribution, words.verdictLine, words.kicker, input.siteTitle].join(' ')),
    ...(options.onNode ? { onNodeDetected: options.onNode } : {}),
  });
}

const PLAIN_MASK = /<mask id="([^"]+)"><rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#fff"\/><\/mask>/g;
const MASKED_AND_CLIPPED = / mask="url\(#([^)]+)\)"(?= clip-path="url\(#[^)]+\)")/g;

/**
 * satori gives every `overflow: hidden` box both a clip-path and a mask of its own
 * rectangle, and resvg draws each mask as a layer the size of the card: about a fifth
 * of the rasterising. Where the mask is one opaque rectangle and the element is clipped
 * anyway, the clip alone draws the same pixels (the tests compare them), so the mask
 * reference is dropped. Nested masks (a mask inside a mask) are left alone.
 */
export function dropRedundantMasks(svg: string): string {
  const plain = new Set([...svg.matchAll(PLAIN_MASK)].map((m) => m[1]!));
  return svg.replace(MASKED_AND_CLIPPED, (all, id: string) => (plain.has(id) ? '' : all));
}

/**
 * `full`: the claim, claimant and verdict, drawn by satori. `fallback`: some of the card's text is
 * in a script satori cannot draw correctly (Arabic, which it joins in the wrong forms, or one no
 * font of the card covers), so the card shows the verdict and the site's name only (fallback.ts).
 * `verdict`: a verdict's card, drawn as the fallback is.
 */
export function cardKind(input: ShareCardInput): 'full' | 'fallback' | 'verdict' {
  if (input.design === 'verdict') return 'verdict';
  const w = cardWords(input);
  return [w.claim, w.attribution, w.verdictLine, w.kicker, input.siteTitle].every(satoriDraws) ? 'full' : 'fallback';
}

/** The card as a 1200×630 PNG. */
export async function renderShareCard(input: ShareCardInput, options: RenderOptions = {}): Promise<Buffer> {
  if (cardKind(input) !== 'full') {
    const words = cardWords(input);
    const label = input.verdictLabel.trim();
    const caption = words.verdictLine
      .replace(label, '')
      .replace(/[\s:：\u00a0]+$/u, '')
      .replace(/^[\s:：\u00a0]+/u, '');
    const image = renderFallback(
      {
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        siteTitle: input.siteTitle,
        kicker: words.kicker,
        verdictCaption: caption,
        verdictLabel: label,
        colour: verdictColour(input.verdictRating, input.verdictBest),
        language: input.language ?? 'en',
      },
      join(defaultCacheDir(), 'fonts'),
    );
    const png = encodePng(image.pixels, image.width, image.height);
    await new Promise((resolve) => setImmediate(resolve));
    return png;
  }
  const svg = await shareCardSvg(input, options);
  // The SVG is already CARD_WIDTH wide: no fitTo (scaling it cost a millisecond a card).
  const image = new Resvg(dropRedundantMasks(svg), { font: { loadSystemFonts: false } }).render();
  const png = encodePng(image.pixels, image.width, image.height);
  // resvg's pixmap is native memory, freed by a finalizer that only runs when the event loop turns.
  // A loop of awaited cards never lets it turn (satori resolves in microtasks), so every card drawn
  // stayed in memory; yielding here lets each pixmap go once its PNG is made.
  await new Promise((resolve) => setImmediate(resolve));
  return png;
}

/** A hash of everything the card shows and of the design version: the cache key. */
export function cardHash(input: ShareCardInput): string {
  const shown = [
    CARD_VERSION,
    input.claim.trim(),
    input.claimant.trim(),
    input.quoted === true,
    input.verdictLabel.trim(),
    input.verdictRating ?? null,
    input.verdictBest ?? 5,
    input.siteTitle.trim(),
    input.language ?? 'en',
    cardWords(input),
    // Only where it is not the default, so that the cached cards of claims keep their hashes.
    ...(input.design === 'verdict' ? ['verdict'] : []),
  ];
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 20);
}

/** Where cards are kept between builds (git-ignored; survives `dist/` being wiped); `CARD_CACHE_DIR` overrides it. */
export function defaultCacheDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return resolve(root, env.CARD_CACHE_DIR?.trim() || 'node_modules/.cache/factcheck-cards');
}

export interface CachedCardOptions {
  cacheDir?: string;
  /** The drawing function (tests inject a counting one). */
  render?: (input: ShareCardInput) => Promise<Buffer>;
}

/**
 * Cards being drawn ahead of the pages by the worker pool (pool.ts), by cache file.
 * On globalThis because the pool starts in Astro's config graph and the card route runs in Vite's SSR bundle.
 */
export function cardsInFlight(): Map<string, Promise<void>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Promise<void>> | undefined>;
  return (g[Symbol.for('factcheck-site.cards-in-flight')] ??= new Map());
}

/**
 * The cache file of a card, drawn and stored first when no card with the same
 * hash is there (waiting for one being drawn by the pool).
 */
export async function cachedShareCardFile(
  input: ShareCardInput,
  options: CachedCardOptions = {},
): Promise<{ file: string; hash: string; png?: Buffer }> {
  const dir = options.cacheDir ?? defaultCacheDir();
  const hash = cardHash(input);
  const file = join(dir, `${hash}.png`);
  await cardsInFlight().get(file);
  if (existsSync(file)) return { file, hash };
  const png = await (options.render ?? renderShareCard)(input);
  mkdirSync(dir, { recursive: true });
  // Write then rename, so a build killed mid-write never leaves a truncated card to be reused.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, png);
  renameSync(tmp, file);
  return { file, hash, png };
}

/** The card from the cache when one with the same hash exists (waiting for one being drawn); otherwise drawn and stored. */
export async function cachedShareCard(
  input: ShareCardInput,
  options: CachedCardOptions = {},
): Promise<{ png: Buffer; hash: string; cached: boolean }> {
  const { file, hash, png } = await cachedShareCardFile(input, options);
  return { png: png ?? readFileSync(file), hash, cached: !png };
}
