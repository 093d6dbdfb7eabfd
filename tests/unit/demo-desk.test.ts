/**
 * The demo desk's own rules (content/): what a newcomer reads first must practise what the
 * methodology and EDITING.md preach, and a later edit of the demo must not quietly undo it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/check/load-corpus.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = loadCorpus(join(root, 'content'));

describe('the demo desk', () => {
  it('loads without problems, and meets the fact-check guidelines (no warning: every claim at most 75 characters)', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.warnings).toEqual([]);
  });

  it('publishes no source in full: the reporting belongs to its outlets', () => {
    const full = [...corpus.sources.values()].filter((s) => s.data.show === 'full').map((s) => s.slug);
    expect(corpus.sources.size).toBeGreaterThan(0);
    expect(full).toEqual([]);
  });

  it('defines each verdict on the methodology page in the words the scale shows on every claim page', () => {
    const page = readFileSync(join(root, 'content/pages/methodology.md'), 'utf8');
    const section = page.slice(
      page.indexOf('## The verdict scale'),
      page.indexOf('\n## ', page.indexOf('## The verdict scale') + 1),
    );
    // One bullet per verdict, "- **Label**: description", wrapped over lines as Markdown allows.
    const list = section.slice(section.indexOf('\n- ') + 1, section.indexOf('\n\n', section.indexOf('\n- ')));
    const defined = list.split(/\n(?=- )/).map((item) => {
      const m = /^- \*\*(.+?)\*\*: ([\s\S]+)$/.exec(item);
      return { label: m?.[1], description: m?.[2]?.replace(/\s+/g, ' ') };
    });
    expect(defined).toEqual(corpus.scale.verdicts.map((v) => ({ label: v.label, description: v.description })));
  });
});
