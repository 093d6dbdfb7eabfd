/**
 * The dev server tells the truth: on a content folder under a path with `/tmp/` in it, a source
 * edit renders again the claim that quotes it, a broken excerpt is Astro's error overlay with the
 * check's path:line:col message and closest passage, and drafts are listed, marked, on the
 * indexes and on their sources' pages. (That no build lists them is the site suite's.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/build-site.ts';
import { startDev, until, type DevServer } from '../helpers/dev-server.ts';

describe('npm run dev on content that changes', () => {
  let dir = '';
  let dev: DevServer | undefined;
  const source = () => join(dir, 'sources/council-minutes.md');
  const original = () => readFileSync(join(FIXTURES, 'editing/sources/council-minutes.md'), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'factcheck-dev-'));
    expect(dir).toContain('/tmp/');
    cpSync(join(FIXTURES, 'editing'), dir, { recursive: true });
    dev = await startDev(dir);
  }, 180_000);
  afterAll(async () => {
    await dev?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders again the claim that quotes a source when the source changes', async () => {
    const before = await until(dev!, '/claims/bridge-closed/', (r) => r.status === 200);
    // Each excerpt's stance tag names the source's outlet to screen readers.
    expect(before.text).toContain('the claim, Town Council</span>');
    writeFileSync(source(), original().replace('outlet: Town Council', 'outlet: Riverton Town Council'));
    const after = await until(dev!, '/claims/bridge-closed/', (r) => r.text.includes('the claim, Riverton Town Council</span>'));
    expect(after.status).toBe(200);
  });

  it('shows a broken excerpt as an error with the check’s path:line:col message and the closest passage', async () => {
    writeFileSync(source(), original().replace('until the end of the year', 'until the spring'));
    const broken = await until(dev!, '/claims/bridge-closed/', (r) => r.status === 500);
    const text = broken.text.replace(/&quot;/g, '"');
    expect(text).toMatch(/claims\/bridge-closed\.md:14:1: excerpt not found in source council-minutes/);
    expect(text).toContain('Closest passage: ');
    expect(text).toContain('First difference: the excerpt has ');
    // Every page says so: nothing of the site is shown as if it had been checked.
    expect((await until(dev!, '/', (r) => r.status === 500)).text).toContain('excerpt not found in source council-minutes');
    writeFileSync(source(), original());
    const fixed = await until(dev!, '/claims/bridge-closed/', (r) => r.status === 200);
    expect(fixed.text).toContain('to close the old bridge for repairs until the end of the year');
  });

  it('lists drafts, marked as drafts, on the indexes and on their sources’ pages', async () => {
    writeFileSync(
      join(dir, 'sources/draft-notes.md'),
      '---\ntitle: Notes from the site visit\noutlet: Riverton Desk\ndraft: true\n---\nThe bridge deck was being resurfaced.\n',
    );
    const sources = await until(dev!, '/sources/', (r) => r.text.includes('Notes from the site visit'));
    expect(sources.text).toMatch(/Notes from the site visit<\/a>\s*<span class="stance draft-mark">Draft<\/span>/);
    const claims = await until(dev!, '/claims/', (r) => r.status === 200);
    expect(claims.text).toMatch(/The bridge will reopen in spring[\s\S]{0,400}<span class="stance draft-mark">Draft<\/span>/);
    const page = await until(dev!, '/sources/council-minutes/', (r) => r.status === 200);
    expect(page.text).toMatch(/The bridge will reopen in spring\.<\/a>\s*<span class="stance draft-mark">Draft<\/span>/);
  });
});
