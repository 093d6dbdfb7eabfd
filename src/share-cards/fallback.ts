/**
 * The honest card, for a claim whose script satori cannot draw right: it joins
 * Arabic letters in the wrong forms and has no font for many scripts, so a
 * claim in Arabic would be published as broken text. This card shows no claim:
 * the site's name, the kicker and the verdict, each line drawn by resvg's own
 * text engine (which shapes and orders Arabic correctly) in one font from the
 * npm font packages that covers the whole line, and a line no font covers is
 * left out rather than drawn as empty boxes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { fallbackFontFor } from './coverage.ts';
import { woffToSfnt } from './woff.ts';

const require = createRequire(import.meta.url);

const FONTS = {
  latin: { family: 'Inter', pkg: '@fontsource/inter', file: 'inter-latin-700-normal.woff' },
  arabic: { family: 'Noto Sans Arabic', pkg: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-700-normal.woff' },
} as const;

/**
 * resvg reads plain font files from disk; the packages ship WOFF. Each is unwrapped once
 * into `dir` (the card cache), written then renamed so concurrent workers never read half a file.
 */
function fontFile(kind: keyof typeof FONTS, dir: string): string {
  const font = FONTS[kind];
  const out = join(dir, font.file.replace(/\.woff$/, '.ttf'));
  if (!existsSync(out)) {
    const woff = readFileSync(join(dirname(require.resolve(`${font.pkg}/package.json`)), 'files', font.file));
    mkdirSync(dir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, woffToSfnt(woff));
    renameSync(tmp, out);
  }
  return out;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FallbackCard {
  width: number;
  height: number;
  siteTitle: string;
  kicker: string;
  /** "Verdict" (the line before the verdict, without its colon). */
  verdictCaption: string;
  verdictLabel: string;
  colour: string;
  /** The language of the site, for resvg's shaping. */
  language: string;
}

/** The lines the fallback card draws, each with the font that covers it; those none covers are left out. */
export function fallbackLines(
  card: FallbackCard,
): { text: string; font: keyof typeof FONTS; y: number; size: number; fill: string }[] {
  const lines = [
    { text: card.siteTitle, y: 120, size: 40, fill: '#334155' },
    { text: card.kicker, y: 200, size: 28, fill: '#475569' },
    { text: card.verdictCaption, y: 320, size: 34, fill: '#334155' },
    { text: card.verdictLabel, y: 452, size: 72, fill: '#ffffff' },
  ];
  return lines.flatMap((l) => {
    const text = l.text.trim().replace(/\s+/g, ' ');
    const font = text ? fallbackFontFor(text) : undefined;
    return font ? [{ ...l, text, font }] : [];
  });
}

export function fallbackSvg(card: FallbackCard): string {
  const lines = fallbackLines(card)
    .map(
      (l) =>
        `<text x="${card.width / 2}" y="${l.y}" font-family="${FONTS[l.font].family}" font-weight="700" font-size="${l.size}" fill="${l.fill}" text-anchor="middle" clip-path="url(#inner)">${xml(l.text)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${card.width}" height="${card.height}" viewBox="0 0 ${card.width} ${card.height}">`,
    `<defs><clipPath id="inner"><rect x="48" y="0" width="${card.width - 96}" height="${card.height}"/></clipPath></defs>`,
    `<rect width="${card.width}" height="${card.height}" fill="#f8fafc"/>`,
    `<rect width="${card.width}" height="12" fill="${card.colour}"/>`,
    `<rect x="160" y="360" width="${card.width - 320}" height="130" rx="24" fill="${card.colour}"/>`,
    lines,
    '</svg>',
  ].join('');
}

/** The fallback card as resvg's pixels (RGBA), with the fonts it needs loaded and no system font. */
export function renderFallback(card: FallbackCard, fontDir: string): { pixels: Buffer; width: number; height: number } {
  const files = [...new Set(fallbackLines(card).map((l) => fontFile(l.font, fontDir)))];
  const image = new Resvg(fallbackSvg(card), {
    font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FONTS.latin.family },
    languages: [card.language],
  }).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}
