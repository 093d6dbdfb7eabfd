/**
 * Drafts for `npm run new`: a file name from a title, and a complete draft that
 * `npm run check` accepts as it stands, so an editor starts from green and
 * replaces placeholders rather than guessing which fields exist.
 */
import { stringify } from 'yaml';
import { RESERVED_PAGE_SLUGS } from '../../src/site/routes.ts';
import { DEFAULT_VERDICTS, type Verdict } from '../../src/core/verdicts.ts';
import { PLACEHOLDERS, VERDICT_NOTE } from '../../src/check/placeholders.ts';

export { PLACEHOLDERS };

export type Kind = 'claim' | 'source' | 'page';

export const FOLDERS: Record<Kind, string> = { claim: 'claims', source: 'sources', page: 'pages' };

/** Longest slug we make; a URL is easier to share when short, and a cut falls on a word boundary. */
const MAX_SLUG = 60;

/** `ban is permanent` → `ban-is-permanent`; accents dropped, anything else becomes `-`. */
export function slugify(title: string): string {
  const full = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= MAX_SLUG) return full;
  const cut = full.slice(0, MAX_SLUG + 1);
  const at = cut.lastIndexOf('-');
  return (at > 0 ? cut.slice(0, at) : full.slice(0, MAX_SLUG)).replace(/-+$/, '');
}

/** A YAML scalar for any user text (quoted when YAML would otherwise read it as something else). */
function scalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

/** How to cite, as link reference definitions: Markdown's own comment form, which
 * neither the site, the checker's citation reader, nor a git host's preview shows. */
export const CITATION_NOTES = [
  `HOW TO CITE. These [//] lines are comments: the site and GitHub never show them. Delete them when done.`,
  `1. Block excerpt: a quotation whose last line is a dash and a link to the source file:`,
  `> The exact words of the source, as published.`,
  `>`,
  `> — [Outlet](../sources/source-slug.md "supports")`,
  `2. Inline excerpt: a link whose text is in quotation marks:`,
  `The mayor said [“these exact words”](../sources/source-slug.md "disputes").`,
  `3. Plain source link: a link whose text is not quoted; it cites no excerpt:`,
  `As [the outlet reported](../sources/source-slug.md), the council met on Monday.`,
  `The link title is the stance toward the claim: supports, disputes or context (the default).`,
  `Every excerpt must occur in the source; [brackets] mark your insertions and ... marks a cut.`,
].map((line) => `[//]: # '${line.replace(/'/g, "\\'")}'`);

/** A front matter line with its explanation aligned in a column, so the draft reads like a form. */
function row(field: string, comment?: string): string {
  return comment ? `${field.padEnd(34)} # ${comment}` : field;
}

/** Picks the placeholder verdict: "unproven" when the scale has it, else one outside the scale, else the first. */
export function placeholderVerdict(verdicts: readonly Verdict[]): string {
  return (verdicts.find((v) => v.id === 'unproven') ?? verdicts.find((v) => v.rating === undefined) ?? verdicts[0])!.id;
}

export function claimTemplate(claim: string, today: string, verdicts: readonly Verdict[] = DEFAULT_VERDICTS): string {
  return [
    '---',
    row(`claim: ${scalar(claim)}`),
    row(`claimant: ${PLACEHOLDERS.claimant}`, 'a person or organisation'),
    row('# claimed: YYYY-MM-DD', 'when the claim was made; leave out if unknown'),
    row('# appearance: [source-slug]', 'sources where the claim appears, first appearance first'),
    row(`verdict: ${placeholderVerdict(verdicts)}`, `${VERDICT_NOTE.slice(2)} ${verdicts.map((v) => v.id).join(', ')}`),
    row(`summary: ${PLACEHOLDERS.summary}`),
    row(`reviewed: ${today}`, 'the day the review is published'),
    row('# author: Your name', 'default: the publisher in site.yml'),
    row('# tags: [topic-one, topic-two]'),
    row('draft: true', 'delete this line to publish'),
    row('# updates:', 'corrections after publication, newest last'),
    row('#   - date: YYYY-MM-DD'),
    row('#     note: What changed and why.'),
    '---',
    `${PLACEHOLDERS.claimBody} what was said, what the sources show, and why the verdict follows.`,
    'Cite every source you rely on; the notes below show the three ways.',
    '',
    ...CITATION_NOTES,
    '',
  ].join('\n');
}

export function sourceTemplate(title: string, outlet: string, today: string): string {
  return [
    '---',
    row(`title: ${scalar(title)}`),
    row(`outlet: ${scalar(outlet)}`),
    row('# author: [First Author, Second Author]'),
    row('# published: YYYY-MM-DD', 'leave it out when unknown; never guess'),
    row('# url: https://...', 'the original; leave it out when unknown; never invent'),
    row('# archive: https://...', 'an archived copy'),
    row('# via: Name of the reposter', 'where this copy was taken from, if not the outlet'),
    row(`# retrieved: ${today}`, 'the day you copied the text'),
    row('# language: en', 'only if it differs from the site'),
    row('# show: full', 'publish the whole text (default: only cited paragraphs)'),
    row('draft: true', 'delete this line to publish'),
    '---',
    `${PLACEHOLDERS.sourceBody} paragraph by paragraph, exactly as published:`,
    'one blank line between paragraphs, not a word changed.',
    '',
  ].join('\n');
}

export function pageTemplate(title: string): string {
  return [
    '---',
    row(`title: ${scalar(title)}`),
    row(`description: ${PLACEHOLDERS.description}`),
    row('draft: true', 'delete this line to publish'),
    '---',
    PLACEHOLDERS.pageBody,
    '',
  ].join('\n');
}

export interface ScaffoldRequest {
  kind: Kind;
  title: string;
  outlet?: string;
  /** `YYYY-MM-DD`, from the caller's clock. */
  today: string;
  /** The site's scale, for the placeholder verdict and the list beside it. */
  verdicts?: readonly Verdict[];
}

export type ScaffoldPlan = { ok: true; path: string; text: string } | { ok: false; message: string };

/**
 * What to write, relative to the content folder, or why not. `exists` is asked
 * about the planned path: a file there is never overwritten.
 */
export function planScaffold(req: ScaffoldRequest, exists: (relPath: string) => boolean): ScaffoldPlan {
  const title = req.title.trim();
  if (!title)
    return { ok: false, message: `give the ${req.kind} a title, e.g. npm run new -- ${req.kind} "${example(req.kind)}"` };
  const slug = slugify(title);
  if (!slug) return { ok: false, message: `cannot make a file name from “${title}”: use some letters or digits` };
  if (req.kind === 'page' && RESERVED_PAGE_SLUGS.has(slug)) {
    return { ok: false, message: `the page slug \`${slug}\` is reserved for a page the site generates; choose another title` };
  }
  const path = `${FOLDERS[req.kind]}/${slug}.md`;
  if (exists(path)) {
    return { ok: false, message: `${path} already exists; nothing was written. Edit that file, or choose a different title.` };
  }
  if (req.kind === 'source') {
    const outlet = req.outlet?.trim();
    if (!outlet)
      return { ok: false, message: `a source needs its outlet: npm run new -- source "${title}" --outlet "Outlet name"` };
    return { ok: true, path, text: sourceTemplate(title, outlet, req.today) };
  }
  if (req.kind === 'claim') return { ok: true, path, text: claimTemplate(title, req.today, req.verdicts) };
  return { ok: true, path, text: pageTemplate(title) };
}

function example(kind: Kind): string {
  return kind === 'claim' ? 'The ban is permanent' : kind === 'source' ? 'Headline of the article' : 'About this site';
}

export const USAGE = `Usage:
  npm run new -- claim "The claim, as a sentence"
  npm run new -- source "Headline of the source" --outlet "Outlet"
  npm run new -- source --from page.html        (or --from https://…: the page's text and metadata)
                 [--title "…"] [--outlet "…"] [--publish]
  npm run new -- page "Page title"`;

export type Args =
  | { ok: true; kind: Kind; title: string; outlet?: string; from?: string; publish?: boolean }
  | { ok: false; message: string };

/** Reads `claim "..."`, `source "..." --outlet "..."`, `source --from page.html` or `page "..."` from argv. */
export function parseArgs(argv: string[]): Args {
  const rest: string[] = [];
  const opts: { outlet?: string; from?: string; title?: string } = {};
  let publish = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = /^--(outlet|from|title)(?:=(.*))?$/s.exec(a);
    if (name) {
      const key = name[1] as 'outlet' | 'from' | 'title';
      if (name[2] !== undefined) opts[key] = name[2];
      else if (i + 1 >= argv.length) return { ok: false, message: `--${key} needs a value` };
      else opts[key] = argv[++i];
    } else if (a === '--publish') publish = true;
    else if (a === '--help' || a === '-h') return { ok: false, message: USAGE };
    else if (a.startsWith('--')) return { ok: false, message: `unknown option ${a}\n${USAGE}` };
    else rest.push(a);
  }
  const [kind, ...words] = rest;
  if (kind !== 'claim' && kind !== 'source' && kind !== 'page') {
    return { ok: false, message: kind ? `unknown kind “${kind}”: use claim, source or page\n${USAGE}` : USAGE };
  }
  if (opts.outlet !== undefined && kind !== 'source') return { ok: false, message: `--outlet is only for a source\n${USAGE}` };
  if ((opts.from !== undefined || publish || opts.title !== undefined) && kind !== 'source')
    return { ok: false, message: `--from, --title and --publish are only for a source\n${USAGE}` };
  if (opts.from === undefined && (publish || opts.title !== undefined))
    return { ok: false, message: `--title and --publish go with --from page.html\n${USAGE}` };
  const title = opts.title ?? words.join(' ');
  return {
    ok: true,
    kind,
    title,
    ...(opts.outlet !== undefined ? { outlet: opts.outlet } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(publish ? { publish } : {}),
  };
}
