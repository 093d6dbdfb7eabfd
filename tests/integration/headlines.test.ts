/**
 * A claim is shown as a quotation only when its text is the claimant's own
 * words, found in one of its appearance sources; any other claim is the desk's
 * statement of it, on every page that shows it. And a quotation that is not a
 * link, verified in a cited source, links to its passage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanBuilds, type BuiltSite } from '../helpers/build-site.ts';
import { attr, decodeEntities, ids } from '../helpers/html.ts';

const QUOTED = 'claims/ferry-free-for-everyone/';
const STATED = 'claims/ferry-costs-nothing/';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildSite('headlines', { siteUrl: 'https://example.org/' });
});
afterAll(cleanBuilds);

const h1 = (html: string) => /<h1 class="([^"]*)">([^<]*)<\/h1>/.exec(html);
const text = (html: string, cls: string) =>
  decodeEntities(new RegExp(`<p class="${cls}(?: [^"]*)?">([^<]*)</p>`).exec(html)?.[1] ?? '');

describe('the headline', () => {
  it('is a quotation, linked to where it was said, when the claim is verbatim in an appearance source', () => {
    const html = site.read(`${QUOTED}index.html`);
    expect(h1(html)?.[1]).toBe('claim-quote');
    const said = /<a class="claim-source" href="([^"]+)"[^>]*>Said in Harbour Weekly<\/a>/.exec(html);
    expect(said).not.toBeNull();
    const [path, id] = said![1]!.split('#');
    expect(ids(site.read(`${path!.slice(1)}index.html`))).toContain(id);
  });

  it('is the desk’s statement, with no quotation marks, when it is not', () => {
    const html = site.read(`${STATED}index.html`);
    expect(h1(html)?.[1]).toBe('claim-statement');
    expect(h1(html)?.[2]).toBe('Riding the ferry costs the city nothing.');
    expect(html).not.toContain('claim-source');
  });

  it('says so on the embed and in the share card’s description', () => {
    const quoted = site.read(`${QUOTED}embed/index.html`);
    expect(text(quoted, 'embed__claim')).toBe('“The new ferry will be free for everyone.”');
    expect(text(quoted, 'embed__claimant')).toBe('— The harbour master');
    const stated = site.read(`${STATED}embed/index.html`);
    expect(text(stated, 'embed__claim')).toBe('Riding the ferry costs the city nothing.');
    expect(text(stated, 'embed__claimant')).toBe('Claim by The harbour master');
    const alt = (page: string) =>
      decodeEntities(attr(site.read(`${page}index.html`), /<meta property="og:image:alt"[^>]*>/, 'content') ?? '');
    expect(alt(QUOTED)).toMatch(/^“The new ferry will be free for everyone\.” — The harbour master\./);
    expect(alt(STATED)).toMatch(/^Claim by The harbour master: Riding the ferry costs the city nothing\./);
    expect(alt(STATED)).not.toMatch(/[“”]/);
  });

  it('says so in the RSS feed, and ClaimReview keeps the claim’s text either way', () => {
    const rss = site.read('rss.xml');
    expect(rss).toContain('<title>“The new ferry will be free for everyone.” — Unproven</title>');
    expect(rss).toContain('<title>Riding the ferry costs the city nothing. — Misleading</title>');
    const reviews = JSON.parse(site.read('claims.json')) as { claimReviewed: string }[];
    expect(reviews.map((r) => r.claimReviewed).sort()).toEqual([
      'Riding the ferry costs the city nothing.',
      'The new ferry will be free for everyone.',
    ]);
  });

  it('shows no quotation marks in lists either', () => {
    const list = site.read('claims/index.html');
    expect(list).toContain('>Riding the ferry costs the city nothing.</a>');
    expect(list).not.toMatch(/[“”]Riding the ferry/);
  });
});

describe('quotations that are not links', () => {
  it('link, in the analysis, to the passage they were verified in', () => {
    const html = site.read(`${QUOTED}index.html`);
    const links = [...html.matchAll(/<a href="([^"]+)" class="excerpt-inline quotation"[^>]*>([^<]*)</g)];
    expect(links.map((l) => decodeEntities(l[2]!))).toEqual([
      '“nobody will pay a single\ncent, not even tourists”',
      '“the council has not yet voted”',
    ]);
    const source = ids(site.read('sources/ferry-interview/index.html'));
    for (const [, href] of links) expect(source).toContain(href!.split('#')[1]);
  });

  it('are not links in the summary, which is plain text', () => {
    const lede = /<p class="lede">([^<]*)<\/p>/.exec(site.read(`${QUOTED}index.html`))?.[1];
    // Set like the body (curly marks), and no link: the summary is front matter, shown as text.
    expect(decodeEntities(lede ?? '')).toContain('She said “nobody will pay a single cent”, but');
  });
});
