import { describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from '../../src/share-cards/png.ts';
import { dropRedundantMasks, shareCardSvg } from '../../src/share-cards/card.ts';
import { pngSize } from '../helpers/png-size.ts';

/** Chunks of a PNG, each checked against its CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len), type).toBe(crc32(png.subarray(at + 4, at + 8 + len)) >>> 0);
    out.push({ type, data });
    at += 12 + len;
  }
  return out;
}

/** The RGB bytes of a PNG this encoder wrote (8-bit RGB or palette, filter None), decoded independently. */
function decodeRgb(png: Buffer): { colourType: number; rgb: number[] } {
  const parts = chunks(png);
  const ihdr = parts[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const colourType = ihdr[9]!;
  const rows = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const palette = parts.find((c) => c.type === 'PLTE')?.data;
  const bpp = colourType === 3 ? 1 : 3;
  const stride = width * bpp + 1;
  const rgb: number[] = [];
  for (let at = 0; at < rows.length; at += stride) {
    if (rows[at] !== 0) throw new Error(`filter byte ${rows[at]} at ${at}`);
    for (let x = 0; x < width; x++) {
      if (colourType === 3) {
        const i = rows[at + 1 + x]!;
        if (i * 3 >= palette!.length) throw new Error(`index ${i} past the palette`);
        rgb.push(palette![i * 3]!, palette![i * 3 + 1]!, palette![i * 3 + 2]!);
      } else rgb.push(...rows.subarray(at + 1 + x * 3, at + 4 + x * 3));
    }
  }
  return { colourType, rgb };
}

const rgbOf = (rgba: Uint8Array) => [...rgba].filter((_, i) => i % 4 !== 3);

describe('encodePng', () => {
  it('writes a palette PNG whose rows decode to the pixels given', () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 255, 0, 0, 255, 70, 80, 90, 255,
    ]);
    const png = encodePng(rgba, width, height);
    expect(pngSize(png)).toEqual({ width, height });
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect([...parts[0]!.data.subarray(8)]).toEqual([8, 3, 0, 0, 0]);
    // Five colours, the repeated red once, in the order first met.
    expect([...parts[1]!.data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 70, 80, 90]);
    expect([...inflateSync(parts[2]!.data)]).toEqual([0, 0, 1, 2, 0, 3, 0, 4]);
    expect(decodeRgb(png).rgb).toEqual(rgbOf(rgba));
  });

  it('writes RGB, never a quantised palette, for a picture of more than 256 colours', () => {
    const width = 257;
    const rgba = new Uint8Array(width * 4);
    for (let x = 0; x < width; x++) rgba.set([x & 0xff, x >> 8, 7, 255], x * 4);
    const png = encodePng(rgba, width, 1);
    expect(chunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(decodeRgb(png)).toEqual({ colourType: 2, rgb: rgbOf(rgba) });
    // 256 colours still fit a palette.
    expect(decodeRgb(encodePng(rgba.subarray(0, 256 * 4), 256, 1)).colourType).toBe(3);
  });

  it('gives what resvg drew for a real card, pixel for pixel, in a palette', async () => {
    const svg = await shareCardSvg({
      claim: 'The unemployment rate fell to its lowest level in fifty years last month.',
      claimant: 'A governor',
      quoted: true,
      verdictLabel: 'Mostly true',
      verdictRating: 4,
      siteTitle: 'Example Fact Check',
    });
    const image = new Resvg(dropRedundantMasks(svg), { font: { loadSystemFonts: false } }).render();
    const png = encodePng(image.pixels, image.width, image.height);
    const { colourType, rgb } = decodeRgb(png);
    expect(colourType).toBe(3);
    expect(Buffer.from(rgb).equals(Buffer.from(rgbOf(image.pixels)))).toBe(true);
  });

  it('refuses pixels that do not fill the size given', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/expected 16 bytes/);
  });
});
