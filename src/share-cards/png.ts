/**
 * An opaque PNG from RGBA pixels, with no row filter. A card has a few flat colours
 * and the anti-aliased edges between them: a hundred-odd distinct colours, so it is
 * written as an indexed (palette) PNG, one byte a pixel instead of three, which
 * deflates to less than half the bytes of the RGB file and in less time. The
 * pixels are exactly those given: a picture with more than 256 colours is written
 * as RGB instead, never quantised. resvg's own encoder (adaptive filters) was a
 * large part of drawing a card.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PALETTE = 256;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

function header(width: number, height: number, colourType: 2 | 3): Buffer {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = 8; // bits per channel (RGB) or per index (palette)
  h[9] = colourType;
  return h;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const SLOTS = 1024; // a power of two, four times the largest palette: few collisions
const EMPTY = -1;

/** Rows of palette indices (each after its filter byte 0) and the palette, or null past 256 colours. */
function indexed(rgba: Uint8Array, width: number, height: number): { raw: Buffer; palette: Buffer } | null {
  const stride = width + 1;
  const raw = Buffer.alloc(stride * height);
  const palette = Buffer.alloc(MAX_PALETTE * 3);
  // Colours in the order first met, so the same pixels always give the same file, found through
  // an open-addressing table (a Map lookup per pixel was most of the encoding).
  const keys = new Int32Array(SLOTS).fill(EMPTY);
  const values = new Uint8Array(SLOTS);
  let size = 0;
  // One read a pixel where the bytes allow it; the low three bytes are R, G, B on a little-endian machine.
  const words = LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height) : null;
  // Most pixels are the colour of the one before (backgrounds, runs of text colour): looked up once.
  let last = EMPTY;
  let lastIndex = 0;
  for (let y = 0, p = 0; y < height; y++) {
    let d = y * stride + 1;
    for (let x = 0; x < width; x++, p++, d++) {
      const s = p * 4;
      const colour = words ? words[p]! & 0xffffff : rgba[s]! | (rgba[s + 1]! << 8) | (rgba[s + 2]! << 16);
      if (colour !== last) {
        let slot = Math.imul(colour, 0x9e3779b1) >>> 22;
        while (keys[slot] !== EMPTY && keys[slot] !== colour) slot = (slot + 1) & (SLOTS - 1);
        if (keys[slot] === EMPTY) {
          if (size === MAX_PALETTE) return null;
          keys[slot] = colour;
          values[slot] = size;
          palette[size * 3] = colour & 0xff;
          palette[size * 3 + 1] = (colour >>> 8) & 0xff;
          palette[size * 3 + 2] = colour >>> 16;
          size++;
        }
        last = colour;
        lastIndex = values[slot]!;
      }
      raw[d] = lastIndex;
    }
  }
  return { raw, palette: palette.subarray(0, size * 3) };
}

function rgbRows(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0, s = 0; y < height; y++) {
    let d = y * stride + 1;
    for (let x = 0; x < width; x++, s += 4, d += 3) {
      raw[d] = rgba[s]!;
      raw[d + 1] = rgba[s + 1]!;
      raw[d + 2] = rgba[s + 2]!;
    }
  }
  return raw;
}

/** `rgba` holds `width × height` pixels, 4 bytes each; alpha is dropped (the image must be opaque). */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`png: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const pal = indexed(rgba, width, height);
  if (pal) {
    return Buffer.concat([
      SIGNATURE,
      chunk('IHDR', header(width, height, 3)),
      chunk('PLTE', pal.palette),
      // zlib's default level, not 1: on a palette image's one-byte pixels it is still cheap, and the file much smaller.
      chunk('IDAT', deflateSync(pal.raw, { level: 6 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header(width, height, 2)),
    chunk('IDAT', deflateSync(rgbRows(rgba, width, height), { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
