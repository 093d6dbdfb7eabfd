import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BuiltSite } from './build-site.ts';

export interface PagefindFragment {
  url: string;
  content: string;
  meta: Record<string, string>;
}

/** What Pagefind indexed for each page of a built site: each fragment is gzipped JSON behind its 12-byte "pagefind_dcd" signature. */
export function pagefindFragments(site: BuiltSite): PagefindFragment[] {
  const dir = join(site.dist, 'pagefind', 'fragment');
  return readdirSync(dir).map(
    (f) =>
      JSON.parse(
        gunzipSync(readFileSync(join(dir, f)))
          .toString('utf8')
          .slice(12),
      ) as PagefindFragment,
  );
}
