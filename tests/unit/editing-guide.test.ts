/**
 * EDITING.md promises commands and quotes the demo content: if either changes,
 * the guide must change with it, or editors follow instructions that no longer work.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/check/load-corpus.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { planImport } from '../../scripts/new/import-source.ts';
import { readPageFile } from '../../scripts/new/read-page.ts';
import { claimTemplate } from '../../scripts/new/scaffold.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = readFileSync(join(root, 'EDITING.md'), 'utf8');
const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>);
const content = (path: string) => readFileSync(join(root, 'content', path), 'utf8');

describe('EDITING.md', () => {
  it('names only npm scripts that exist', () => {
    const named = [...guide.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    for (const name of new Set(named)) expect(scripts, `npm run ${name}`).toContain(name);
  });

  it('quotes the demo content as it is', () => {
    const quoted: [string, string][] = [
      [
        'claims/ban-is-permanent.md',
        '> We have also cut off ICE from any access from any CPD databases and that will remain permanent.\n>\n> — [HuffPost](../sources/huffpost-permanent-ban.md "claim")',
      ],
      [
        'claims/ban-is-permanent.md',
        'Of the Friday package, HuffPost adds that [“the release does not include the proposed\nexecutive order”](../sources/huffpost-permanent-ban.md "disputes")',
      ],
      [
        'claims/ban-is-permanent.md',
        '> I have directed – and Superintendent [Eddie] Johnson has confirmed – that CPD has terminated ICE’s access to CPD’s databases related to federal immigration enforcement activities.\n>\n> — [Fox News](../sources/fox-news-police-will-not-cooperate.md "context")',
      ],
      [
        'claims/ban-is-permanent.md',
        "The longer-standing rules are in the city's Welcoming City ordinance, which the City Council\npassed in 2012 according to [The Epoch Times](../sources/epoch-times-police-memo.md).",
      ],
      [
        'claims/ban-is-permanent.md',
        '[“Press conferences and statements are good to get the\nword out. ... But ultimately, we know that this also comes down to policy.”](../sources/huffpost-permanent-ban.md "context")',
      ],
      [
        'claims/ban-is-permanent.md',
        "claim: Chicago has permanently cut off ICE's access to its police databases.\nclaimant: Lori Lightfoot\nappearance: [huffpost-permanent-ban, breitbart-ice-databases, the-hill-blocks-ice, epoch-times-police-memo]\nverdict: needs-context",
      ],
      ['claims/ban-is-permanent.md', 'reviewed: 2026-11-03\ntags: [cpd-databases, ice, executive-order]'],
      [
        'claims/ban-not-in-writing.md',
        'The body of the story repeats it: council members and activists\n[“remain frustrated because the mayor refuses to put such a ban in writing”](../sources/huffpost-permanent-ban.md "claim").',
      ],
      [
        'claims/ban-not-in-writing.md',
        'updates:\n  - date: 2026-11-09\n    note: Added the police memo reported by The Epoch Times and clarified that its date is not given.',
      ],
      [
        'sources/huffpost-permanent-ban.md',
        '---\ntitle: "Chicago Mayor Permanently Bans ICE From Accessing Police Databases Ahead Of Raids"\noutlet: HuffPost\nshow: excerpts\n---\nMayor Lori Lightfoot says she\'ll halt',
      ],
    ];
    for (const [file, text] of quoted) {
      expect(content(file), `${file} no longer holds what EDITING.md quotes`).toContain(text);
      // The guide may wrap a quotation differently; compare it with white space folded.
      expect(guide.replace(/\s+/g, ' '), `EDITING.md no longer quotes ${file}`).toContain(text.replace(/\s+/g, ' '));
    }
  });

  it('shows the error the checker really prints for the misquotation it describes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guide-'));
    cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
    const claim = join(dir, 'content/claims/ban-is-permanent.md');
    writeFileSync(claim, readFileSync(claim, 'utf8').replace('that will remain permanent.\n>', 'that will stay permanent.\n>'));
    const corpus = loadCorpus(join(dir, 'content'), { displayBase: dir });
    expect(corpus.problems).toHaveLength(1);
    expect(guide).toContain(formatProblem(corpus.problems[0]!));
  });

  it('shows what the import really prints and writes for the page it describes', () => {
    const page = readPageFile(join(root, 'tests/fixtures/pages/news-site.html'));
    if (!page.ok) throw new Error(page.message);
    const plan = planImport({ html: page.html, today: '2026-12-01', siteLanguage: 'en' }, () => false);
    if (!plan.ok) throw new Error(plan.message);
    const printed = [`content/${plan.path}`, ...plan.report].join('\n');
    expect(guide).toContain(`\`\`\`\n${printed}\n\`\`\``);
    const firstParagraph = plan.text.slice(0, plan.text.indexOf('\n\n'));
    expect(guide).toContain(`\`\`\`markdown\n${firstParagraph}\n\`\`\``);
  });

  it('shows the messages the checker really prints for a misspelt field and a published scaffold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guide-'));
    cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
    const claim = join(dir, 'content/claims/ban-is-permanent.md');
    writeFileSync(claim, readFileSync(claim, 'utf8').replace('\ntags:', '\ntgas:'));
    writeFileSync(join(dir, 'content/claims/x.md'), claimTemplate('The claim', '2026-12-01').replace(/^draft: true.*\n/m, ''));
    const messages = loadCorpus(join(dir, 'content'), { displayBase: join(dir, 'content') }).problems.map(formatProblem);
    const tgas = messages.find((m) => m.includes('tgas'))!;
    expect(guide).toContain(tgas.replace(/^[^ ]+ /, ''));
    const claimant = messages.find((m) => m.includes('`claimant`'))!;
    expect(guide).toContain(claimant);
    const uncited = messages.find((m) => m.includes('must cite at least one source'))!;
    expect(guide).toContain(uncited.slice(0, uncited.indexOf('(')).trim());
  });
});
