/**
 * Pagefind's hash of a file's contents (`full_hash` in `pagefind/src/utils.rs`): SHA-1, each byte
 * written in hexadecimal without a leading zero, so a byte below 16 is one character. Files are
 * named by its first characters, so a merge names what it writes by the same rule.
 */
import { createHash } from 'node:crypto';

export function fullHash(bytes: Buffer): string {
  let out = '';
  for (const b of createHash('sha1').update(bytes).digest()) out += b.toString(16);
  return out;
}
