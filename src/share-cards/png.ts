/**
 * An opaque RGB PNG from RGBA pixels, deflated at zlib level 1 with no row
 * filter. resvg's own encoder (adaptive filters, default compression) was a
 * large part of drawing a card; this is a fraction of its cost and, for a
 * card's flat colours and text, writes a file of much the same size.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/** `rgba` holds `width × height` pixels, 4 bytes each; alpha is dropped (the image must be opaque). */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`png: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const stride = width * 3 + 1;
  // Each row: filter type 0 (None), then its RGB bytes.
  const raw = Buffer.alloc(stride * height);
  for (let y = 0, s = 0; y < height; y++) {
    let d = y * stride + 1;
    for (let x = 0; x < width; x++, s += 4, d += 3) {
      raw[d] = rgba[s]!;
      raw[d + 1] = rgba[s + 1]!;
      raw[d + 2] = rgba[s + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
