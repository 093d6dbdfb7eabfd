import { createHash } from 'node:crypto';

/** FNV-1a, 32 bit: a small stable hash for ids and cache keys (no crypto needed, same on every machine). */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0');
}

/**
 * A digest of a content file's bytes (or of its text, which is the same for UTF-8): what the
 * build keys an entry's rendering and a page by. 64 bits of SHA-256, so that no two files of a
 * large desk share one, where FNV-1a's 32 bits would.
 */
export function fileDigest(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
