/**
 * Which characters a card's fonts draw, read from the font packages' own
 * `unicode-range`s (@fontsource's CSS), so that a card never shows a character
 * as an empty box: satori draws a card only when Inter covers all of its text,
 * and the fallback card draws a line only in a font that covers all of it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

type Ranges = [number, number][];

/** The unicode-range of each subset a @fontsource package's 700 weight has, by subset name. */
function subsetRanges(pkg: string): Map<string, Ranges> {
  const css = readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), '700.css'), 'utf8');
  const ranges = new Map<string, Ranges>();
  const family = `${pkg.split('/')[1]}-`;
  for (const m of css.matchAll(/\/\* ([a-z-]+)-700-normal \*\/[^}]*?unicode-range:\s*([^;]+);/g)) {
    ranges.set(
      m[1]!.startsWith(family) ? m[1]!.slice(family.length) : m[1]!,
      m[2]!.split(',').map((r) => {
        const [from, to] = r.trim().replace(/^U\+/i, '').split('-');
        return [Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)] as [number, number];
      }),
    );
  }
  return ranges;
}

let cache: { inter: Ranges; interLatin: Ranges; arabic: Ranges } | undefined;

function coverage() {
  if (cache) return cache;
  const inter = subsetRanges('@fontsource/inter');
  const arabic = subsetRanges('@fontsource/noto-sans-arabic').get('arabic') ?? [];
  cache = {
    // The subsets card.ts loads into satori.
    inter: ['latin', 'latin-ext', 'greek', 'cyrillic', 'vietnamese'].flatMap((s) => inter.get(s) ?? []),
    interLatin: inter.get('latin') ?? [],
    arabic,
  };
  return cache;
}

function covers(ranges: Ranges, text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    // White space and invisible format characters (joiners, direction marks) draw nothing.
    if (/[\s\p{Cf}]/u.test(ch)) continue;
    if (!ranges.some(([from, to]) => c >= from && c <= to)) return false;
  }
  return true;
}

/** Satori with Inter draws it correctly: every character in Inter, and none of a script satori shapes wrongly. */
export function satoriDraws(text: string): boolean {
  return covers(coverage().inter, text);
}

/** The one font of the fallback card that draws a line whole, or undefined when neither does. */
export function fallbackFontFor(text: string): 'latin' | 'arabic' | undefined {
  if (covers(coverage().interLatin, text)) return 'latin';
  if (covers(coverage().arabic, text)) return 'arabic';
  return undefined;
}
