/**
 * The part of CBOR (RFC 8949) that Pagefind's index files use: unsigned and negative integers,
 * text strings and definite-length arrays, each integer in its shortest form, as Rust's
 * minicbor writes them. Reading can keep an item as its raw bytes, so that what a merge does
 * not change (a page's word positions) is copied, not decoded and encoded again.
 */

const MAJOR_UINT = 0;
const MAJOR_NEG = 1;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;

export class CborReader {
  pos = 0;
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private head(): { major: number; value: number } {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new Error('CBOR: unexpected end of data');
    const major = b >> 5;
    const info = b & 31;
    let value: number;
    if (info < 24) value = info;
    else if (info === 24) value = this.bytes.readUInt8(this.pos++);
    else if (info === 25) {
      value = this.bytes.readUInt16BE(this.pos);
      this.pos += 2;
    } else if (info === 26) {
      value = this.bytes.readUInt32BE(this.pos);
      this.pos += 4;
    } else if (info === 27) {
      const big = this.bytes.readBigUInt64BE(this.pos);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('CBOR: integer too large');
      value = Number(big);
      this.pos += 8;
    } else throw new Error(`CBOR: unsupported item (major ${major}, info ${info}) at byte ${this.pos - 1}`);
    return { major, value };
  }

  private expect(major: number, what: string): number {
    const at = this.pos;
    const h = this.head();
    if (h.major !== major) throw new Error(`CBOR: expected ${what} at byte ${at}, found major type ${h.major}`);
    return h.value;
  }

  array(): number {
    return this.expect(MAJOR_ARRAY, 'an array');
  }

  uint(): number {
    return this.expect(MAJOR_UINT, 'an unsigned integer');
  }

  int(): number {
    const at = this.pos;
    const h = this.head();
    if (h.major === MAJOR_UINT) return h.value;
    if (h.major === MAJOR_NEG) return -1 - h.value;
    throw new Error(`CBOR: expected an integer at byte ${at}`);
  }

  text(): string {
    const n = this.expect(MAJOR_TEXT, 'a text string');
    if (this.pos + n > this.bytes.length) throw new Error('CBOR: unexpected end of data');
    const s = this.bytes.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** Skips one item of the supported kinds and returns its bytes, unchanged. */
  raw(): Buffer {
    const start = this.pos;
    this.skip();
    return this.bytes.subarray(start, this.pos);
  }

  private skip(): void {
    const h = this.head();
    if (h.major === MAJOR_UINT || h.major === MAJOR_NEG) return;
    if (h.major === MAJOR_TEXT) {
      this.pos += h.value;
      if (this.pos > this.bytes.length) throw new Error('CBOR: unexpected end of data');
    } else if (h.major === MAJOR_ARRAY) for (let i = 0; i < h.value; i++) this.skip();
    else throw new Error(`CBOR: unsupported major type ${h.major}`);
  }

  /** An array kept as its raw bytes, with the number of items it holds. */
  rawArray(): { raw: Buffer; count: number } {
    const start = this.pos;
    const count = this.array();
    for (let i = 0; i < count; i++) this.skip();
    return { raw: this.bytes.subarray(start, this.pos), count };
  }

  /** An array of integers, decoded. */
  ints(): number[] {
    const n = this.array();
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.int();
    return out;
  }
}

export class CborWriter {
  private buf = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  private head(major: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`CBOR: cannot write ${value}`);
    const m = major << 5;
    this.room(9);
    if (value < 24) this.buf[this.length++] = m | value;
    else if (value < 0x100) {
      this.buf[this.length++] = m | 24;
      this.buf[this.length++] = value;
    } else if (value < 0x10000) {
      this.buf[this.length++] = m | 25;
      this.buf.writeUInt16BE(value, this.length);
      this.length += 2;
    } else if (value < 0x100000000) {
      this.buf[this.length++] = m | 26;
      this.buf.writeUInt32BE(value, this.length);
      this.length += 4;
    } else {
      this.buf[this.length++] = m | 27;
      this.buf.writeBigUInt64BE(BigInt(value), this.length);
      this.length += 8;
    }
    return this;
  }

  array(n: number): this {
    return this.head(MAJOR_ARRAY, n);
  }

  uint(n: number): this {
    return this.head(MAJOR_UINT, n);
  }

  int(n: number): this {
    return n < 0 ? this.head(MAJOR_NEG, -1 - n) : this.head(MAJOR_UINT, n);
  }

  text(s: string): this {
    const n = Buffer.byteLength(s);
    this.head(MAJOR_TEXT, n);
    this.room(n);
    this.buf.write(s, this.length);
    this.length += n;
    return this;
  }

  raw(bytes: Buffer): this {
    this.room(bytes.length);
    bytes.copy(this.buf, this.length);
    this.length += bytes.length;
    return this;
  }

  ints(values: readonly number[]): this {
    this.array(values.length);
    for (const v of values) this.int(v);
    return this;
  }

  /** The bytes written, copied out. */
  bytes(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}
