/**
 * The CBOR that Pagefind's index files are made of (src/search-index/cbor.ts), and Pagefind's
 * hash of a file's bytes (pagefind-hash.ts): what the merge reads and writes must be what
 * Pagefind's minicbor reads and writes.
 */
import { describe, expect, it } from 'vitest';
import { CborReader, CborWriter } from '../../src/search-index/cbor.ts';
import { fullHash } from '../../src/search-index/pagefind-hash.ts';

describe('CBOR', () => {
  it('writes integers in their shortest form, as minicbor does', () => {
    const bytes = (n: number) => new CborWriter().int(n).bytes().toString('hex');
    expect(bytes(0)).toBe('00');
    expect(bytes(23)).toBe('17');
    expect(bytes(24)).toBe('1818');
    expect(bytes(255)).toBe('18ff');
    expect(bytes(256)).toBe('190100');
    expect(bytes(65536)).toBe('1a00010000');
    expect(bytes(2 ** 32)).toBe('1b0000000100000000');
    expect(bytes(-1)).toBe('20');
    expect(bytes(-25)).toBe('3818');
    expect(bytes(-170)).toBe('38a9');
  });

  it('reads back what it writes: arrays, texts with any characters, integers of every size', () => {
    const w = new CborWriter();
    w.array(4)
      .text('café ”')
      .ints([0, -1, 24, -25, 70000, -70000, 2 ** 40])
      .array(0)
      .text('');
    const r = new CborReader(w.bytes());
    expect(r.array()).toBe(4);
    expect(r.text()).toBe('café ”');
    expect(r.ints()).toEqual([0, -1, 24, -25, 70000, -70000, 2 ** 40]);
    expect(r.rawArray()).toEqual({ raw: Buffer.from([0x80]), count: 0 });
    expect(r.text()).toBe('');
    expect(r.done).toBe(true);
  });

  it('keeps an item as its bytes, unchanged', () => {
    const w = new CborWriter();
    w.array(2).ints([1, -2, 300]).text('x');
    const r = new CborReader(w.bytes());
    r.array();
    const kept = r.rawArray();
    expect(kept.count).toBe(3);
    expect(new CborReader(kept.raw).ints()).toEqual([1, -2, 300]);
    expect(new CborWriter().raw(kept.raw).bytes()).toEqual(kept.raw);
  });

  it('refuses what Pagefind never writes, and data that ends early', () => {
    expect(() => new CborReader(Buffer.from([0xa1, 0x00, 0x00])).array()).toThrow(/expected an array/);
    expect(() => new CborReader(Buffer.from([0x82, 0x00])).rawArray()).toThrow(/unexpected end/);
    expect(() => new CborReader(Buffer.from([0x61])).text()).toThrow(/unexpected end/);
    expect(() => new CborReader(Buffer.from([0xf9, 0, 0])).int()).toThrow(/expected an integer/);
    expect(() => new CborReader(Buffer.from([0x1c])).int()).toThrow(/unsupported item/);
  });
});

describe('fullHash', () => {
  it('is SHA-1 with each byte in hexadecimal without its leading zero, as Pagefind writes it', () => {
    // SHA-1 of "abc" is a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d: its sixth byte, 06, is written "6".
    expect(fullHash(Buffer.from('abc'))).toBe('a9993e36476816aba3e25717850c26c9cd0d89d');
  });
});
