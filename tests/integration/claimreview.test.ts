/**
 * The ClaimReview markup, validated by a structured-data testing library run
 * offline (structured-data-testing-tool, its Google preset and the ClaimReview
 * schema), on every claim page of the demo and every object of /claims.json,
 * with the fields Google's fact-check guidelines ask for beyond the preset.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoBuild, DEMO_CONTENT, type DemoSite } from '../helpers/demo-build.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';

type Test = { test: string; expect?: unknown; warning?: boolean; error?: { message?: string } };
type Result = { passed: Test[]; failed: Test[]; warnings: Test[]; schemas: string[] };
const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool') as {
  structuredDataTest: (input: string, options: { presets: unknown[]; schemas: string[]; tests: Test[] }) => Promise<Result>;
};
const { Google } = require('structured-data-testing-tool/presets') as { Google: unknown };

/** What Google's guidelines ask of a ClaimReview, beyond what the preset tests (that the main fields exist). */
const GUIDELINES: Test[] = [
  { test: 'ClaimReview[*].reviewRating.alternateName' },
  { test: 'ClaimReview[*].author.name' },
  { test: 'ClaimReview[*].itemReviewed."@type"', expect: 'Claim' },
  { test: 'ClaimReview[*].itemReviewed.author.name' },
];
/** A group ("Social media posts") has no single person or organisation to name as the claim's author. */
const GROUP_GUIDELINES = GUIDELINES.filter((t) => !t.test.includes('itemReviewed.author'));
const groups = new Set(
  [...loadCorpus(DEMO_CONTENT).claims.values()].filter((c) => c.data.claimant_type === 'group').map((c) => c.slug),
);
const isGroup = (url: string) => groups.has(/\/claims\/([^/]+)\/$/.exec(url)?.[1] ?? '');

/** The failed tests of a document, as readable lines: none is the only passing answer. */
async function failures(html: string, tests = GUIDELINES): Promise<string[]> {
  try {
    const r = await structuredDataTest(html, { presets: [Google], schemas: ['ClaimReview'], tests });
    expect(r.schemas).toContain('ClaimReview');
    return [...r.failed, ...r.warnings].map((t) => t.test);
  } catch (e) {
    const r = (e as { type?: string; res?: Result }).res;
    if (!r) throw e;
    return [...r.failed, ...r.warnings].map((t) => `${t.test}${t.error?.message ? `: ${t.error.message}` : ''}`);
  }
}

let demo: DemoSite;
beforeAll(async () => {
  demo = await demoBuild();
});

describe('ClaimReview, validated offline', () => {
  it('on every claim page of the demo', async () => {
    const pages = demo.files().filter((f) => /^claims\/[^/]+\/index\.html$/.test(f));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const group = groups.has(page.split('/')[1]!);
      expect(await failures(demo.read(page), group ? GROUP_GUIDELINES : GUIDELINES), page).toEqual([]);
      if (group) {
        const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(demo.read(page))![1]!;
        expect((JSON.parse(ld) as { itemReviewed: { author?: unknown } }).itemReviewed.author, page).toBeUndefined();
      }
    }
    expect(groups.size, 'the demo has a group claimant').toBeGreaterThan(0);
  });

  it('on every object of /claims.json', async () => {
    const reviews = JSON.parse(demo.read('claims.json')) as { url: string }[];
    expect(reviews.length).toBeGreaterThan(5);
    for (const review of reviews) {
      const tests = isGroup(review.url) ? GROUP_GUIDELINES : GUIDELINES;
      expect(await failures(`<script type="application/ld+json">${JSON.stringify(review)}</script>`, tests), review.url).toEqual(
        [],
      );
    }
  });

  it('and the validator is not blind: a review without claimReviewed or a rating text fails', async () => {
    const page = demo.read('claims/ban-is-permanent/index.html');
    expect((await failures(page.replace('"claimReviewed"', '"claimX"'))).join('\n')).toMatch(/ClaimReview\[0\]\.claimReviewed/);
    expect((await failures(page.replace('"alternateName"', '"altName"'))).join('\n')).toMatch(/reviewRating\.alternateName/);
  });
});
