/**
 * What readers see, on a built fixture site (tests/fixtures/sites/readers): the matrix says what
 * each cell means and links to its passages; every excerpt carries a visible stance tag, with a
 * legend; corrections sit under the headline and say when the verdict changed; claimants have
 * pages and the right JSON-LD types; related reviews; tags as written; search metadata; the body's
 * typography on front-matter text everywhere; sources with nothing known say so.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite, cleanBuilds, FIXTURES, htmlFiles } from '../helpers/build-site.ts';
import { decodeEntities, scripts } from '../helpers/html.ts';
import { pagefindFragments } from '../helpers/pagefind-fragments.ts';
import { loadCorpus } from '../../src/check/load-corpus.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite('readers', { siteUrl: 'https://readers.example.org/' });
});
afterAll(cleanBuilds);

const claimPage = (slug: string) => site.read(`claims/${slug}/index.html`);
const jsonLd = (html: string) =>
  scripts(html)
    .filter((s) => /application\/ld\+json/.test(s.attrs))
    .map((s) => JSON.parse(s.body) as Record<string, any>);
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ''));

describe('the coverage matrix', () => {
  it('shows where the claim was made apart from the evidence, stances with counts, and links each to its passage', () => {
    const html = site.read('matrix/index.html');
    const row = /<tr><th scope="row"[^>]*><a href="\/claims\/bridge-closed-for-good\/">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain('>False</span></td>');
    const groups = [
      ...row.matchAll(/<a class="cell-group stance-([a-z]+)" href="([^"]+)">([^<]*)<span class="visually-hidden">: ([^<]*)</g),
    ].map((m) => ({ stance: m[1], href: m[2], shown: m[3], spoken: m[4] }));
    const sourceIds = (slug: string) =>
      new Set([...site.read(`sources/${slug}/index.html`).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    expect(groups.map((g) => [g.stance, g.shown, g.spoken])).toEqual([
      // Columns by outlet: Example Gazette (council-report), then Town Radio (speech-repost).
      ['disputes', 'Disputes ×2', '2 passages of Example Gazette cited against the claim'],
      ['context', 'Context', 'one passage of Example Gazette cited as context'],
      ['claim', 'Claim made here', 'the passage of Town Radio where the claim was made'],
    ]);
    for (const g of groups) {
      const [, source, id] = /^\/sources\/([^/]+)\/#(.+)$/.exec(g.href!)!;
      expect(sourceIds(source!).has(id!), g.href).toBe(true);
    }
    // Never one word for all combinations, and never "Supports" for the claim's own words.
    expect(html).not.toContain('Mixed');
    expect(row).not.toContain('stance-supports');
  });

  it('says what a cell means in the text, the legend and the caption, outside the scrolling table', () => {
    const html = site.read('matrix/index.html');
    expect(text(html)).toContain('they are the review’s evidence, not the source’s opinion of the claim');
    const legend = /<dl class="legend"[\s\S]*?<\/dl>/.exec(html)![0];
    for (const words of ['Claim made here', 'Supports', 'Disputes', 'Context', 'Supports ×2', 'Not cited'])
      expect(legend).toContain(words);
    // The visible caption is outside the region that scrolls sideways, so it is never cut.
    expect(html.indexOf('id="matrix-caption"')).toBeLessThan(html.indexOf('class="table-scroll"'));
    expect(html).toMatch(/class="table-scroll" role="region" aria-labelledby="matrix-caption"/);
  });
});

describe('stance cues and the legend', () => {
  it('gives every excerpt a visible tag with its stance in words, and no hover title', () => {
    const html = claimPage('bridge-closed-for-good');
    const inline = [...html.matchAll(/<a href="[^"]+" class="excerpt excerpt-inline stance-([a-z]+)"[^>]*>([\s\S]*?)<\/a>/g)];
    expect(inline.map((m) => m[1])).toEqual(['disputes', 'disputes', 'context']);
    for (const m of inline) {
      expect(m[0]).not.toMatch(/\stitle="/);
      expect(m[2]).toContain(`<span class="stance-tag">${m[1]}<span class="visually-hidden">`);
    }
    expect(inline[0]![2]).toContain('disputes<span class="visually-hidden"> the claim, Example Gazette</span>');
    const caption = /<figure class="excerpt excerpt-block stance-claim">[\s\S]*?<\/figure>/.exec(html)![0];
    expect(caption).toContain('<span class="stance stance-tag stance-claim">Where the claim was made</span>');
  });

  it('explains the tags this page uses in a legend above the analysis', () => {
    const html = claimPage('bridge-closed-for-good');
    const legend = /<aside class="legend stance-legend"[\s\S]*?<\/aside>/.exec(html)![0];
    expect([...legend.matchAll(/<span class="stance-tag stance-([a-z]+)">/g)].map((m) => m[1])).toEqual([
      'disputes',
      'context',
      'claim',
    ]);
    expect(html.indexOf('stance-legend')).toBeLessThan(html.indexOf('class="analysis"'));
  });
});

describe('corrections on top', () => {
  it('puts the latest update under the headline, says when the verdict changed, and links to the log', () => {
    const html = claimPage('bridge-closed-for-good');
    const notice = /<aside class="update-notice"[\s\S]*?<\/aside>/.exec(html)![0];
    expect(html.indexOf('<h1')).toBeLessThan(html.indexOf('update-notice'));
    expect(html.indexOf('update-notice')).toBeLessThan(html.indexOf('class="ruling"'));
    expect(text(notice)).toBe(
      'Updated March 14, 2024: Fixed a typo in the summary. On March 12, 2024 the verdict was changed from Needs context to False. See all 2 updates',
    );
    expect(notice).toContain('<a href="#updates-heading"');
    expect(html).toContain('id="updates-heading"');
    // The log says it beside the update that made the change.
    const log = /<ol class="updates">[\s\S]*?<\/ol>/.exec(html)![0];
    expect(text(log)).toContain(
      'March 12, 2024: Added the engineers’ estimate, which settles it — the verdict changed. The verdict was changed from Needs context to False.',
    );
    expect(claimPage('repairs-cost')).not.toContain('update-notice');
    // And the site-wide log says it beside that update.
    const corrections = text(site.read('corrections/index.html'));
    expect(corrections).toContain(
      'Added the engineers’ estimate, which settles it — the verdict changed. The verdict was changed from Needs context to False.',
    );
    expect(corrections).not.toContain('Fixed a typo in the summary. The verdict');
  });

  it('refuses a previous_verdict that is off the scale or no change at all, at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readers-'));
    try {
      cpSync(join(FIXTURES, 'readers'), dir, { recursive: true });
      const file = join(dir, 'claims', 'bridge-closed-for-good.md');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('previous_verdict: needs-context', 'previous_verdict: sort-of'));
      expect(loadCorpus(dir).problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
        expect.stringMatching(/^12:23: unknown verdict `sort-of` in previous_verdict; the scale has true, /),
      ]);
      writeFileSync(file, original.replace('previous_verdict: needs-context', 'previous_verdict: "false"'));
      expect(loadCorpus(dir).problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
        expect.stringMatching(/^12:23: previous_verdict `false` is the verdict this update left in place; /),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('claimants', () => {
  it('gives each claimant a page with their reviews and verdicts, linked from each claim; drafts stay out', () => {
    const html = site.read('claimants/mayor-ana-example/index.html');
    expect(html).toMatch(/<h1>Mayor Ana Example<\/h1>/);
    expect(html).toContain('href="/claims/bridge-closed-for-good/"');
    expect(html).not.toContain('mayor-long-claim');
    expect(text(/<table class="verdict-bars">[\s\S]*?<\/table>/.exec(html)![0])).toBe(
      'Number of reviews of claims by Mayor Ana Example per verdictVerdictReviewsFalse 1',
    );
    expect(claimPage('bridge-closed-for-good')).toContain(
      '<a class="claimant" href="/claimants/mayor-ana-example/">Mayor Ana Example</a>',
    );
    expect(site.read('claimants/city-council/index.html')).toContain('Claimant: organisation');
    expect(site.read('claimants/social-media-posts/index.html')).toContain('Claimant: group');
    const index = site.read('claimants/index.html');
    expect([...index.matchAll(/<a href="\/claimants\/([^/]+)\/">/g)].map((m) => m[1])).toEqual([
      'city-council',
      'mayor-ana-example',
      'mayor-ana-example-of-the-town-council-and-the-regional-transport-authority-joint-committee',
      'social-media-posts',
    ]);
    expect(htmlFiles(site).some((f) => f.includes('draft-only'))).toBe(false);
  });

  it('types the claim’s author as its claimant is: a Person, an Organization, or none for a group', () => {
    const author = (slug: string) => jsonLd(claimPage(slug))[0]!.itemReviewed.author;
    expect(author('bridge-closed-for-good')).toEqual({ '@type': 'Person', name: 'Mayor Ana Example' });
    expect(author('repairs-cost')).toEqual({ '@type': 'Organization', name: 'City Council' });
    expect(author('bridge-sold')).toBeUndefined();
    const all = JSON.parse(site.read('claims.json')) as Record<string, any>[];
    expect(all.find((r) => r.url.endsWith('/bridge-sold/'))!.itemReviewed).not.toHaveProperty('author');
  });
});

describe('related reviews, tags, search metadata', () => {
  it('lists related reviews by shared sources, then shared tags, newest first among equals', () => {
    const related = (slug: string) =>
      [.../<ul class="related">([\s\S]*?)<\/ul>/.exec(claimPage(slug))![1]!.matchAll(/href="\/claims\/([^/]+)\/"/g)].map(
        (m) => m[1],
      );
    // mayor-long-claim shares both sources (one of them where both claims appeared); the others one,
    // and then a tag each: repairs-cost (Bridges) is newer than bridge-sold (Police union).
    expect(related('bridge-closed-for-good')).toEqual(['mayor-long-claim', 'repairs-cost', 'bridge-sold']);
    expect(related('bridge-sold')[0]).toBe('bridge-closed-for-good');
  });

  it('shows tags as the editor wrote them, on claim pages, tag pages and the tags index', () => {
    expect(claimPage('bridge-closed-for-good')).toContain('<a href="/tags/police-union/">Police union</a>');
    expect(site.read('tags/police-union/index.html')).toContain('<h1>Police union</h1>');
    expect(site.read('tags/index.html')).toContain('>Police union</a>');
  });

  it('gives search results the site’s date and no boilerplate in their text', () => {
    const fragments = pagefindFragments(site);
    const claim = fragments.find((f) => f.url === '/claims/bridge-closed-for-good/')!;
    expect(claim.meta.date_label).toBe('March 10, 2024');
    expect(claim.meta.date).toBe('2024-03-10');
    expect(claim.content).toContain('Mayor Ana Example');
    for (const boilerplate of [
      'Claimed by',
      'Reviewed',
      'Updated March',
      'How to read',
      'disputes the claim',
      'Where the claim was made',
      'In the source',
    ])
      expect(claim.content, boilerplate).not.toContain(boilerplate);
    const source = fragments.find((f) => f.url === '/sources/council-report/')!;
    expect(source.meta.date_label).toBe('March 5, 2024');
    expect(source.content).not.toMatch(/^Council report on the bridge\.? (Text|Cited passages)\./);
    expect(source.content).not.toContain('Cited passages');
  });
});

describe('typography and sources', () => {
  it('sets front-matter text as the body is set, on the page, in feeds, cards, embeds and JSON-LD', () => {
    const claim = 'The bridge is closed for good — it’s “never” reopening.';
    const html = claimPage('bridge-closed-for-good');
    expect(html).toContain(`<h1 class="claim-statement">${claim}</h1>`);
    expect(html).toContain(
      '<p class="lede">The council closed the bridge for “repairs” that take six months — not for good.</p>',
    );
    expect(jsonLd(html)[0]!.claimReviewed).toBe(claim);
    expect(decodeEntities(/<meta property="og:title" content="([^"]*)"/.exec(html)![1]!)).toBe(claim);
    expect(decodeEntities(site.read('rss.xml'))).toContain(`${claim} — False`);
    expect(site.read('claims/bridge-closed-for-good/embed/index.html')).toContain(claim);
    expect(site.read('index.html')).toContain(claim);
    expect(site.read('matrix/index.html')).toContain(claim);
    // A source's title too, and the site's own words around it are untouched.
    expect(site.read('sources/speech-repost/index.html')).toContain('<h1>The mayor’s speech at the bridge</h1>');
    expect(html).toContain('<cite>The mayor’s speech at the bridge</cite>');
  });

  it('says so when a source has no known date or address, and where a repost came from', () => {
    const html = claimPage('bridge-closed-for-good');
    const cited = text(/<ul class="sources-cited">[\s\S]*?<\/ul>/.exec(html)![0]);
    expect(cited).toContain(
      'The mayor’s speech at the bridge, Town Radio (via Example Reposter), date not known, no web address known',
    );
    expect(cited).toContain('Council report on the bridge, Example Gazette, March 5, 2024');
    expect(text(/<figcaption>[\s\S]*?<\/figcaption>/.exec(html)![0])).toContain(
      'Town Radio (via Example Reposter), The mayor’s speech',
    );
  });
});
