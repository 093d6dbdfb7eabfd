/**
 * `npm run check` as editors run it: the real CLI on fixture content folders,
 * asserting the exact `path:line:column` of every problem it reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/fixtures/check';
// Node 22 (the project's pinned node) runs the TypeScript CLI directly.
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function check(contentDir: string | undefined, opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  // npm sets INIT_CWD for `npm test`; the CLI would name files relative to it instead of its own cwd.
  delete env.INIT_CWD;
  if (!opts.env?.GITHUB_ACTIONS) delete env.GITHUB_ACTIONS;
  if (contentDir === undefined) delete env.CONTENT_DIR;
  else env.CONTENT_DIR = contentDir;
  const r = spawnSync(NODE, [join(ROOT, 'scripts/check.ts')], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The `path:line:col` and message of each problem line. */
function problems(stderr: string): { at: string; message: string }[] {
  return stderr
    .split('\n')
    .map((l) => /^(.+?:\d+:\d+): (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ at: m[1]!, message: m[2]! }));
}

function expectNoStackTrace(r: Run): void {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** Fixture → expected problems, in the order the checker prints them (by file, line, column). */
const CASES: Record<string, [at: string, message: string | RegExp][]> = {
  'bad-yaml': [
    ['claims/broken-yaml.md:5:10', /^front matter: /],
    ['claims/unclosed.md:1:1', 'front matter is not closed by a line of ---'],
  ],
  'missing-field': [
    ['claims/no-summary.md:1:1', 'required field `reviewed` is missing'],
    ['claims/no-summary.md:1:1', 'required field `summary` is missing'],
  ],
  // One cause, one message: seven excerpts of one draft source are one problem per citing line.
  'draft-source': [
    [
      'claims/cites-a-draft.md:8:56',
      'the link `../sources/council-notes.md` points to a draft (sources/council-notes.md), which is never published',
    ],
    [
      'claims/cites-a-draft.md:10:36',
      'the link `../sources/council-notes.md` points to a draft (sources/council-notes.md), which is never published',
    ],
    [
      'claims/cites-a-draft.md:11:1',
      'the link `../sources/council-notes.md` points to a draft (sources/council-notes.md), which is never published',
    ],
    [
      'claims/cites-a-draft.md:12:1',
      'the link `../sources/council-notes.md` points to a draft (sources/council-notes.md), which is never published',
    ],
  ],
  // What `npm run new` writes, with `draft: true` deleted and nothing else changed.
  'published-scaffold': [
    [
      'claims/the-bridge-is-closed.md:3:11',
      /^`claimant` is still the draft's placeholder \(“Who made the claim”\): write who made the claim, or keep `draft: true`/,
    ],
    [
      'claims/the-bridge-is-closed.md:6:10',
      /^`verdict` is still the draft's placeholder \(the line keeps its “# one of: …” note\)/,
    ],
    ['claims/the-bridge-is-closed.md:7:10', /^`summary` is still the draft's placeholder/],
    ['claims/the-bridge-is-closed.md:15:1', /^a published review must cite at least one source with an excerpt/],
    ['claims/the-bridge-is-closed.md:15:1', /^the draft's placeholder text \(“Write the analysis here:”\) is still here/],
    ['pages/about-the-desk.md:3:14', /^`description` is still the draft's placeholder/],
    [
      'pages/about-the-desk.md:5:1',
      /^the draft's placeholder text \(“Write the page here, in Markdown\.”\) is still here: replace it with the page/,
    ],
    ['sources/council-minutes.md:13:1', /^the draft's placeholder text \(“Paste the text of the source here,”\) is still here/],
  ],
  'mistyped-field': [
    // A misspelt field names the one it most likely meant; a field like no other names none.
    ['claims/misspelt-fields.md:7:7', 'unknown fields `tgas` (did you mean `tags`?), `colour`'],
    ['claims/wrong-types.md:7:8', '`draft` must be a boolean'],
    ['claims/wrong-types.md:8:7', '`tags` must be a list'],
    ['claims/wrong-types.md:9:10', 'unknown field `verdikt` (did you mean `verdict`?)'],
    ['sources/numeric-author.md:4:9', '`author` has the wrong type'],
    ['sources/numeric-author.md:5:6', '`url` must be an absolute http(s) URL'],
  ],
  'bad-date': [
    ['claims/unreal-dates.md:4:10', '`claimed` “2024-02-30” is not a real date (write YYYY-MM-DD)'],
    ['claims/unreal-dates.md:7:11', '`reviewed` “2023-02-29” is not a real date (write YYYY-MM-DD)'],
    ['claims/unreal-dates.md:9:11', '`updates.0.date` “2024-13-01” is not a real date (write YYYY-MM-DD)'],
    ['sources/bad-published.md:4:12', '`published` “2019-04-31” is not a real date (write YYYY-MM-DD)'],
  ],
  'bad-verdict': [
    [
      'claims/unknown-verdict.md:4:10',
      /^unknown verdict `mostly-false`; the scale has true, mostly-true, needs-context, misleading, false, unproven$/,
    ],
  ],
  'missing-source': [
    ['claims/cites-missing.md:4:14', 'appearance `no-such-post` is not a source (no sources/no-such-post.md)'],
    [
      'claims/cites-missing.md:9:56',
      'the link `../sources/no-such-source.md` points to sources/no-such-source.md, which does not exist',
    ],
    ['claims/cites-missing.md:13:5', 'the link `../sources/gone.md` points to sources/gone.md, which does not exist'],
  ],
  'missing-claim': [
    ['claims/links-claims.md:8:5', 'the link `other-review.md` points to claims/other-review.md, which does not exist'],
    [
      'claims/links-claims.md:10:72',
      'the link `draft-review.md` points to a draft (claims/draft-review.md), which is never published',
    ],
    ['pages/about.md:5:6', 'the link `../claims/first-review.md#verdict` points to claims/first-review.md, which does not exist'],
  ],
  'bad-excerpt': [
    [
      'claims/draft-misquote.md:9:31',
      /Excerpt: “safe for all cars”\. Closest passage: “bridge is not safe for cars, trucks or buses”\. First difference: the excerpt has “for all cars”, the source has “for cars”$/,
    ],
    [
      'claims/misquote.md:8:40',
      /^excerpt not found in source town-paper \(sources\/town-paper\.md\): the excerpt does not occur in the source\. .*Closest passage: “voted on Tuesday to close the old bridge to all traffic from the first of May”\. First difference: the excerpt has “all cars from”, the source has “all traffic from”$/,
    ],
    [
      'claims/misquote.md:10:1',
      /“when the repairs are started\.” does not occur in the source\..*Closest passage: “will reopen it when the repairs are finished … and not”\. First difference: the excerpt has “are started\.”, the source has “are finished …”$/,
    ],
    // Every part occurs: there is no one passage to compare the excerpt with.
    ['claims/misquote.md:14:15', /each part occurs, but not in this order.*Closest passage: “.*two million euros.*”$/],
    [
      'claims/misquote.md:16:40',
      /Excerpt: “the bridge is safe”\. Closest passage: “The bridge is not safe for”\. First difference: the excerpt has “is safe”, the source has “is not safe”$/,
    ],
    ['claims/misquote.md:20:18', /First difference: the excerpt has “finished, and”, the source has “finished … and”$/],
    ['claims/misquote.md:22:45', /First difference: the excerpt has “finished\.”, the source has “finished …”$/],
  ],
  'unsourced-quotation': [
    [
      'claims/made-up.md:5:41',
      /^quotation not found in the sources this claim cites \(town-paper\) nor in its claim: “closed for good”\. Closest passage, in town-paper: “.*”\. Quote the source word for word and cite it as an excerpt .*or, for a word used as a term rather than quoted, write it in italics \(\*term\*\)$/,
    ],
    ['claims/made-up.md:9:31', /^quotation not found .*: “a scandal”\./],
    ['claims/made-up.md:16:42', /^quotation not found .*: “a waste of money”\./],
    ['claims/made-up.md:18:20', /^quotation not found .*: “the bridge is finished”\./],
    ['claims/made-up.md:20:39', /^this quotation mark has no partner: close the quotation, or, for an apostrophe, write ’/],
    [
      'claims/made-up.md:22:46',
      /^this quotation holds a link to a source, code or an image, so its words cannot be checked: put the quotation marks inside the link text/,
    ],
    ['pages/about.md:5:14', /^quotation not found in the sources this page cites \(it cites none\): “every word checked”\./],
  ],
  'hidden-quotation': [
    ['claims/disguised.md:8:37', /^excerpt not found in source town-paper .*Excerpt: “the bridge will stay open”\./],
    [
      'claims/disguised.md:10:29',
      /^this link to a source holds a quotation but is not one: put the whole quotation, and nothing else, in the link text/,
    ],
    ['claims/disguised.md:12:17', /^this link to a source holds a quotation but is not one/],
    ['claims/disguised.md:14:17', /^excerpt not found in source town-paper .*Excerpt: “it is safe”\./],
    ['claims/disguised.md:16:19', /^excerpt not found in source town-paper .*Excerpt: “it is safe”\./],
    ['claims/disguised.md:18:18', /^excerpt not found in source town-paper .*Excerpt: “it is safe”\./],
    ['claims/disguised.md:20:17', /^this excerpt holds struck-through text, so what a reader reads is not what was checked/],
    ['claims/disguised.md:22:18', /^this excerpt holds an image, so what a reader reads is not what was checked/],
    ['claims/disguised.md:24:47', /^this excerpt holds an image, so what a reader reads is not what was checked/],
  ],
  'bad-stance': [
    ['claims/agrees.md:8:13', 'unknown stance "agrees": the link title must be supports, disputes, context or claim'],
    ['claims/agrees.md:12:5', 'unknown stance "Refutes": the link title must be supports, disputes, context or claim'],
    [
      'claims/agrees.md:14:11',
      'stance "claim" marks where the claim was made, but `town-paper` is not in `appearance`: add it there, or use supports, disputes or context',
    ],
  ],
  'duplicate-slug': [
    ['claims/bridge-open.md:7:11', 'the alias `old-bridge` is already used by claims/bridge-closed.md'],
    ['claims/renamed.md:9:5', 'the alias `bridge-open` is already used by claims/bridge-open.md'],
  ],
  'raw-html': [
    ['claims/html.md:8:1', /^raw HTML is not allowed in content \(found `<script>/],
    ['claims/html.md:10:6', /found `<b>`/],
    ['claims/html.md:10:13', /found `<\/b>`/],
    ['claims/html.md:12:1', /found `<iframe /],
    ['claims/html.md:14:10', /found `<img src="x.png" onerror="alert\(1\)">`/],
    [
      'claims/html.md:16:3',
      'the link `javascript:alert(1)` uses the javascript: scheme; links must be http(s), mailto or relative',
    ],
    ['claims/html.md:16:41', 'the link `data:text/html,hi` uses the data: scheme; links must be http(s), mailto or relative'],
    [
      'claims/html.md:16:78',
      'the link `java\\u0009script:alert(1)` uses the javascript: scheme; links must be http(s), mailto or relative',
    ],
    ['sources/html-source.md:7:1', /found `<div onclick=/],
    ['sources/html-source.md:9:8', /found `<b>`/],
    ['sources/html-source.md:9:15', /found `<\/b>`/],
  ],
  'bad-filename': [
    ['claims/2024:1:1', 'claims/2024 is a folder; files in claims/ must sit directly in it, not in subfolders'],
    [
      'claims/Bridge_Closed.md:1:1',
      'file name `Bridge_Closed.md` is not a valid slug: use lowercase letters, digits and - (e.g. bridge-closed.md)',
    ],
    ['pages/about.markdown:1:1', 'pages/about.markdown is not read: content files end in .md (rename it to about.md)'],
    ['pages/upper.MD:1:1', 'pages/upper.MD is not read: content files end in .md (rename it to upper.md)'],
    ['sources/Café Report.md:1:1', /^file name `Café Report\.md` is not a valid slug.*\(e\.g\. cafe-report\.md\)$/],
  ],
  'missing-site': [['site.yml:1:1', /^site\.yml is missing/]],
  'bad-site': [
    ['site.yml:3:6', '`url` must be an absolute http(s) URL'],
    ['site.yml:4:11', '`language` must be a BCP 47 language tag such as en or pt-BR'],
    ['site.yml:6:3', 'required field `publisher.name` is missing'],
    ['site.yml:7:9', 'unknown field `colour`'],
  ],
  // A language the site's words are not written in, and strings: the site cannot use.
  'bad-language': [
    [
      'site.yml:4:11',
      /^`language`: the site's own words are not written in `ja`: use one of en \(English\), fr \(Français\), es \(Español\), de \(Deutsch\), pt \(Português\), ar \(العربية\), or a regional form of one such as pt-BR; to add a language, copy src\/i18n\/en\.ts/,
    ],
    ['site.yml:8:15', /^`strings\.nav\.claimz` is not a string the site writes; the nav strings are `nav\.label`, `nav\.claims`/],
    [
      'site.yml:9:19',
      '`strings.claim.excerpts` depends on a count: give its forms by plural category, such as { one: …, other: … }',
    ],
    ['site.yml:10:18', '`strings.entry.updated` has {when}, which the site cannot fill in; its values are {date}'],
  ],
  'bad-site-yaml': [['site.yml:3:1', /^Flow sequence in block collection/]],
  // Symbolic links (dangling, or to a real file), a folder where a file belongs, a file where a folder belongs.
  'not-regular-files': [
    [
      'claims/dangling.md:1:1',
      'claims/dangling.md is a symbolic link; content files must be regular files (put the file itself here)',
    ],
    ['claims/folder.md:1:1', 'claims/folder.md is a folder; files in claims/ must sit directly in it, not in subfolders'],
    [
      'claims/linked.md:1:1',
      'claims/linked.md is a symbolic link; content files must be regular files (put the file itself here)',
    ],
    ['pages:1:1', 'pages is not a folder; pages/ must be a folder of .md files'],
    ['site.yml:1:1', 'site.yml is a symbolic link; content files must be regular files (put the file itself here)'],
  ],
  // Links that are not to a .md file: relative ones must be, and ones to the site's own pages must land.
  'bad-links': [
    [
      'claims/fragments.md:22:15',
      'the link `#what-the-mayor-said` points to #what-the-mayor-said, which this page does not have: its headings’ ids are #what-the-mayor-said--and-when, #the-councils-vote, #the-councils-vote-1',
    ],
    ['claims/fragments.md:22:68', /^the link `#updates-heading` points to #updates-heading, which this page does not have/],
    [
      'claims/fragments.md:23:1',
      'the link `../sources/town-paper.md#q-nothing` points to #q-nothing, which sources/town-paper.md does not have: its quoted passages’ ids are #q-is-not-safe-for-09kqlt, #q-the-town-council-voted-1ucvvp',
    ],
    [
      'claims/fragments.md:23:56',
      'the link `../pages/about.md#who-we-are` points to #who-we-are, which pages/about.md does not have: its headings’ ids are #how-we-check',
    ],
    [
      'claims/fragments.md:24:1',
      /^the link `\.\.\/pages\/about\.md#:~:text=check` has a text fragment \(#:~:text=…\), which the check cannot hold/,
    ],
    [
      'claims/fragments.md:24:49',
      'the link `/claims/#latest` points to #latest, which that page of the site does not have (content may link only to #main there)',
    ],
    [
      'claims/fragments.md:25:1',
      'the link `/claims/reopening/#main` goes through the old slug `reopening`, whose page forwards the reader without the #fragment; link to `fragments` instead',
    ],
    ['claims/fragments.md:25:44', 'the link `#%E0%A4%A` has a malformed %-escape in its #fragment; write the id as it is'],
    [
      'claims/links.md:12:15',
      "the link `../sources/town-paper` does not point to a content file: link to the .md file (`../sources/town-paper.md`), which the site turns into its page's URL",
    ],
    ['claims/links.md:12:63', /^the link `\.\.\/sources\/` does not point to a content file: link to the \.md file, which/],
    [
      'claims/links.md:13:1',
      'the link `/claims/no-such/` points to no page of the site (there is no published claims/no-such.md); link to the file instead, relatively',
    ],
    [
      'claims/links.md:13:49',
      /^the link `https:\/\/factcheck\.example\.org\/sources\/nothing\/` points to no page of the site \(there is no published sources\/nothing\.md\)/,
    ],
    ['claims/links.md:14:1', 'the link `/verdicts/maybe/` points to no page of the site (the scale has no verdict `maybe`)'],
    [
      'claims/links.md:14:38',
      'the link `/tags/ice/` points to no page of the site (no published review has a tag whose URL is /tags/ice/)',
    ],
    ['claims/links.md:14:70', 'the link `../../outside` points outside the content folder; link only to files in it'],
  ],
  // Pictures: only files directly in images/, linked relatively, with alt text.
  'bad-images': [
    [
      'claims/pictures.md:11:1',
      /^the image `https:\/\/tracker\.example\.com\/p\.gif` is on another host, which every reader's browser would then contact/,
    ],
    [
      'claims/pictures.md:11:48',
      'the image `../images/dot.png` has no alt text: say what the picture shows between the brackets, ![what it shows](…)',
    ],
    ['claims/pictures.md:12:1', 'the image `../../../../etc/passwd` points outside the content folder; pictures live in images/'],
    ['claims/pictures.md:12:39', 'the image `../images/missing.png` points to images/missing.png, which does not exist'],
    ['claims/pictures.md:13:1', /^the image `\.\.\/images\/linked\.png` is not shown: images\/linked\.png is a symbolic link/],
    [
      'claims/pictures.md:13:34',
      'the image `../images/dot%zz.png` has a malformed %-escape in its path; write the file name as it is',
    ],
    ['claims/pictures.md:14:1', /^the image `\/images\/dot\.png` is linked from the root; link to it relatively/],
    ['claims/pictures.md:14:27', /^the image `\.\.\/site\.yml` is not a file directly in images\//],
    [
      'claims/pictures.md:15:1',
      'the image `../images/text.png` is not a PNG picture (its first bytes say otherwise); export it again from an image editor',
    ],
  ],
  // What the check and the site would read differently, or show wrongly, is refused.
  slips: [
    ['claims/ancient.md:4:10', '`claimed` “0019-07-11” has a year before 1000: write a four-digit year from 1000 (YYYY-MM-DD)'],
    ['claims/indented.md:8:1', /^the body’s first line is indented: the site reads the body with that indentation removed/],
    [
      'claims/optional-fence.md:7:1',
      'this line begins with --- but is not exactly ---: the site would end the front matter here and the check would not; change the line (a YAML comment starts with #) or indent it',
    ],
    [
      'claims/tagged.md:7:8',
      'the tag `bridge` has the same URL (/tags/bridge/) as the tag `Bridge` of claims/ancient.md; write both the same way',
    ],
    [
      'claims/tagged.md:7:16',
      'the tag `ice` has the same URL (/tags/ice/) as the tag `ICE` of claims/ancient.md; write both the same way',
    ],
    ['sources/dashed.md:1:1', /^the first line begins with --- but is not exactly ---/],
  ],
  // Values the patterns let through but a file system, Intl or Astro's YAML reader would not take.
  'bad-values': [
    [
      `claims/${'a'.repeat(101)}.md:1:1`,
      `file name \`${'a'.repeat(101)}.md\` is too long: a slug may be at most 100 characters (it is 101)`,
    ],
    ['claims/tagged.md:7:16', '`tags.1` is too long: its URL may be at most 100 bytes; shorten it'],
    ['claims/tagged.md:8:11', '`aliases.0` must be at most 100 characters long'],
    [
      'pages/bomb.md:3:18',
      'front matter: the aliases (*name) expand to too much data; repeat the values instead (at most 100 aliases)',
    ],
    ['pages/nul.md:2:13', 'front matter holds the control character U+0000, which YAML does not allow; delete it'],
    ['site.yml:4:11', '`language` is not a language tag the platform knows; use a plain one such as en, en-GB or pt-BR'],
  ],
};

describe('warnings: sound reviews short of the fact-check guidelines', () => {
  const GUIDELINES = 'tests/fixtures/sites/guidelines';
  const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes(': warning: '));

  it('are printed as path:line:col: warning: and do not fail the check', () => {
    const r = check(GUIDELINES);
    expectNoStackTrace(r);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✓ 3 claims, 2 sources/);
    expect(warnings(r.stderr)).toEqual([
      `${GUIDELINES}/claims/late-first.md:4:14: warning: the first appearance, \`late-paper\` (2024-03-09), is not the earliest: \`early-post\` was published 2024-03-01; list the earliest first, as ClaimReview's firstAppearance`,
      `${GUIDELINES}/claims/long-and-untraced.md:1:1: warning: the claim has no \`appearance\`: the fact-check guidelines ask that a claim be traced to where it was made; list the source it appeared in`,
      `${GUIDELINES}/claims/long-and-untraced.md:2:8: warning: the claim is 105 characters long; the fact-check guidelines suggest at most 75 for claimReviewed: state the claim more briefly`,
      `${GUIDELINES}/site.yml:1:1: warning: the site has no corrections policy and no way to report an error: the fact-check guidelines ask for one; add a page such as pages/corrections-policy.md, or \`corrections:\` (an email address or URL) to site.yml`,
    ]);
  });

  it('fail it with --strict', () => {
    const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: GUIDELINES };
    delete env.INIT_CWD;
    delete env.GITHUB_ACTIONS;
    const r = spawnSync(NODE, [join(ROOT, 'scripts/check.ts'), '--strict'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('✗ 4 warnings with --strict; nothing was published.');
  });

  it('are ::warning annotations on GitHub', () => {
    const r = check(GUIDELINES, { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning file='))).toHaveLength(4);
    expect(r.stdout).not.toContain('::error');
  });
});

describe('npm run check on fixture content folders', () => {
  it('passes the good folder with one summary line', () => {
    const r = check(`${FIXTURES}/good`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ 3 claims, 2 sources, 1 page, 6 excerpts and 1 quotation verified, 1 draft \(tests\/fixtures\/check\/good, \d+ ms\)\n$/,
    );
  });

  for (const [fixture, expected] of Object.entries(CASES)) {
    it(`reports every problem in ${fixture} at its path:line:column and exits 1`, () => {
      const r = check(`${FIXTURES}/${fixture}`);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expectNoStackTrace(r);
      const got = problems(r.stderr);
      expect(got.map((p) => p.at)).toEqual(expected.map(([at]) => `${FIXTURES}/${fixture}/${at}`));
      got.forEach((p, i) => {
        const want = expected[i]![1];
        if (typeof want === 'string') expect(p.message).toBe(want);
        else expect(p.message).toMatch(want);
      });
      const n = expected.length;
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
        `✗ ${n} problem${n === 1 ? '' : 's'} in ${FIXTURES}/${fixture}; nothing was published.`,
      );
    });
  }

  it('has a fixture for every error folder on disk', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(join(ROOT, FIXTURES)).filter((f) => f !== 'good');
    expect(folders.sort()).toEqual(Object.keys(CASES).sort());
  });
});

describe('CONTENT_DIR', () => {
  it('accepts an absolute folder and still names files relative to the current folder', () => {
    const good = check(resolve(ROOT, FIXTURES, 'good'));
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/\(tests\/fixtures\/check\/good, \d+ ms\)/);
    const bad = check(resolve(ROOT, FIXTURES, 'bad-verdict'));
    expect(bad.status).toBe(1);
    expect(problems(bad.stderr).map((p) => p.at)).toEqual([`${FIXTURES}/bad-verdict/claims/unknown-verdict.md:4:10`]);
  });

  it('is relative to the project root, while paths are relative to where the command runs', () => {
    const r = check(`${FIXTURES}/bad-verdict`, { cwd: join(ROOT, 'tests') });
    expect(r.status).toBe(1);
    expect(problems(r.stderr).map((p) => p.at)).toEqual(['fixtures/check/bad-verdict/claims/unknown-verdict.md:4:10']);
  });

  it('reports a folder that does not exist, without a stack trace', () => {
    const r = check(`${FIXTURES}/no-such-folder`);
    expect(r.status).toBe(1);
    expectNoStackTrace(r);
    expect(problems(r.stderr)).toEqual([
      { at: `${FIXTURES}/no-such-folder:1:1`, message: 'the content folder does not exist (set CONTENT_DIR or create content/)' },
    ]);
  });

  it('defaults to content/, which passes without a problem or a guideline warning', () => {
    const r = check(undefined);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ \d+ claims?, \d+ sources?, \d+ pages?, \d+ excerpts? and \d+ quotations? verified, \d+ drafts? \(content, \d+ ms\)\n$/,
    );
  });

  it('works through npm run, as editors type it', () => {
    const env: Record<string, string | undefined> = { ...process.env, CONTENT_DIR: `${FIXTURES}/bad-verdict` };
    delete env.INIT_CWD;
    delete env.GITHUB_ACTIONS;
    const r = spawnSync('npm', ['run', '-s', 'check'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(problems(r.stderr).map((p) => p.at)).toEqual([`${FIXTURES}/bad-verdict/claims/unknown-verdict.md:4:10`]);
  });
});

describe('GitHub Actions', () => {
  it('also prints an ::error annotation per problem, with file, line and column', () => {
    const r = check(`${FIXTURES}/bad-stance`, { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toEqual([
      `::error file=${FIXTURES}/bad-stance/claims/agrees.md,line=8,col=13::unknown stance "agrees": the link title must be supports, disputes, context or claim`,
      `::error file=${FIXTURES}/bad-stance/claims/agrees.md,line=12,col=5::unknown stance "Refutes": the link title must be supports, disputes, context or claim`,
      `::error file=${FIXTURES}/bad-stance/claims/agrees.md,line=14,col=11::stance "claim" marks where the claim was made, but \`town-paper\` is not in \`appearance\`: add it there, or use supports, disputes or context`,
    ]);
    // the plain lines are still there for people reading the log
    expect(problems(r.stderr)).toHaveLength(3);
  });

  it('prints no annotations outside GitHub Actions', () => {
    const r = check(`${FIXTURES}/bad-stance`);
    expect(r.stdout).not.toMatch(/::error/);
  });
});
