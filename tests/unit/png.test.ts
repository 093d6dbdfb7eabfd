import { describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from '../../src/share-cards/png.ts';
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

describe('encodePng', () => {
  it('writes an RGB PNG whose rows decode to the pixels given', () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255,
    ]);
    const png = encodePng(rgba, width, height);
    expect(pngSize(png)).toEqual({ width, height });
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...parts[0]!.data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    expect([...inflateSync(parts[1]!.data)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('gives what resvg drew, pixel for pixel', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#f8fafc"/><circle cx="10" cy="10" r="8" fill="#991b1b"/></svg>';
    const image = new Resvg(svg).render();
    const png = encodePng(image.pixels, image.width, image.height);
    const rows = inflateSync(chunks(png)[1]!.data);
    const again = new Resvg(svg).render().pixels;
    for (let i = 0, p = 0; i < rows.length; i++) {
      if (i % (40 * 3 + 1) === 0) continue;
      expect(rows[i]).toBe(again[p]);
      p += p % 4 === 2 ? 2 : 1;
    }
  });

  it('refuses pixels that do not fill the size given', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/expected 16 bytes/);
  });
});
