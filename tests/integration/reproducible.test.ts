import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds } from '../helpers/build-site.ts';
import { demoBuild, demoKey, DEMO_CONTENT, DEMO_SITE_URL, listFiles, type DemoSite } from '../helpers/demo-build.ts';

let demo: DemoSite;

beforeAll(async () => {
  demo = await demoBuild();
});
afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

describe('reproducible builds', () => {
  it('a second build of the same commit, in another folder, time zone and locale, is byte-identical', async () => {
    // In a shared working copy the sources may have changed since the shared build: build them as they are now.
    if (demoKey() !== demo.key) demo = await demoBuild();
    const key = demo.key;
    const again = await buildSite(DEMO_CONTENT, {
      siteUrl: DEMO_SITE_URL,
      env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', SOURCE_DATE_EPOCH: '0' },
    });
    expect(demoKey(), 'the sources changed while the second build ran; run the test again').toBe(key);
    const a = listFiles(demo.dist);
    const b = listFiles(again.dist);
    const onlyA = a.filter((f) => !b.includes(f));
    const onlyB = b.filter((f) => !a.includes(f));
    const differing = a.filter(
      (f) => b.includes(f) && !readFileSync(join(demo.dist, f)).equals(readFileSync(join(again.dist, f))),
    );
    expect({ onlyInFirst: onlyA, onlyInSecond: onlyB, differing }).toEqual({ onlyInFirst: [], onlyInSecond: [], differing: [] });
    expect(a.some((f) => f.startsWith('pagefind/'))).toBe(true);
  }, 300_000);
});
