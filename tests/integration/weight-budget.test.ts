import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanBuilds, htmlFiles } from '../helpers/build-site.ts';
import { demoBuild, DEMO_BASE, type DemoSite } from '../helpers/demo-build.ts';
import { CLAIM_PAGE_BUDGET, pageWeight } from '../../scripts/weight.ts';

let demo: DemoSite;

beforeAll(async () => {
  demo = await demoBuild();
});
afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

describe('weight budget', () => {
  it(`every claim page is at most ${CLAIM_PAGE_BUDGET / 1024} KB of HTML and CSS, with no JavaScript`, () => {
    const claims = htmlFiles(demo).filter((f) => /^claims\/[^/]+\/index\.html$/.test(f));
    expect(claims.length).toBeGreaterThan(3);
    for (const f of claims) {
      const w = pageWeight(demo.dist, f, DEMO_BASE);
      expect(w.scripts, f).toEqual([]);
      expect(w.css.length, f).toBeGreaterThan(0);
      expect(w.total, `${f}: ${w.html} B HTML + ${w.cssBytes} B CSS`).toBeLessThanOrEqual(CLAIM_PAGE_BUDGET);
    }
  });
});
