/**
 * Pagefind's hash of a file's contents (`full_hash` in `pagefind/src/utils.rs`): SHA-1, each byte
 * written in hexadecimal without a leading zero, so a byte below 16 is one character. Files are
 * named by its first characters, so a merge names what it writes by the same rule.
 */
import { createHash } from 'node:crypto';

export const sha1 = (bytes: Buffer): Buffer => createHash('sha1').update(bytes).digest();

/** A SHA-1 digest as Pagefind writes it. */
export function pagefindHex(digest: Buffer): string {
  let out = '';
  for (const b of digest) out += b.toString(16);
  return out;
}

export const fullHash = (bytes: Buffer): string => pagefindHex(sha1(bytes));
