/**
 * What `npm run new` leaves for an editor to replace, and the check that nothing of it is
 * published: a draft may keep every placeholder, and once `draft: true` is deleted each one left
 * is an error at its line, as is a review that cites no source with an excerpt (the scaffold's
 * review cites none, and a verdict that quotes nothing is not a fact check).
 */
import type { ParsedFile } from '../core/frontmatter.ts';
import type { Problem } from '../core/problems.ts';
import type { Collection } from '../core/schema.ts';
import type { CitationFound } from './corpus.ts';

/** Placeholder text of the drafts: fine in a draft, a mistake once published. */
export const PLACEHOLDERS = {
  claimant: 'Who made the claim',
  summary: 'One or two sentences that state the ruling.',
  description: 'One sentence for search engines and link previews.',
  claimBody: 'Write the analysis here:',
  sourceBody: 'Paste the text of the source here,',
  pageBody: 'Write the page here, in Markdown.',
} as const;

/** The note the scaffold writes beside its placeholder verdict; a verdict line that still has it was never chosen. */
export const VERDICT_NOTE = '# one of:';

const UNPUBLISH = 'or keep `draft: true` until it is ready';

export function placeholderProblems(
  collection: Collection,
  data: { draft?: boolean; claimant?: unknown; summary?: unknown; description?: unknown; verdict?: unknown },
  parsed: ParsedFile,
  raw: string,
  citations: readonly CitationFound[],
  file: string,
): Problem[] {
  if (data.draft) return [];
  const problems: Problem[] = [];
  const field = (name: 'claimant' | 'summary' | 'description', what: string) => {
    if (typeof data[name] === 'string' && data[name].trim() === PLACEHOLDERS[name])
      problems.push({
        file,
        ...parsed.locate([name]),
        message: `\`${name}\` is still the draft's placeholder (“${PLACEHOLDERS[name]}”): write ${what}, ${UNPUBLISH}`,
      });
  };
  const body =
    collection === 'claims' ? PLACEHOLDERS.claimBody : collection === 'sources' ? PLACEHOLDERS.sourceBody : PLACEHOLDERS.pageBody;
  const bodyLines = parsed.body.split(/\r\n?|\n/);
  const at = bodyLines.findIndex((l) => l.includes(body));
  if (at >= 0)
    problems.push({
      file,
      line: parsed.bodyLineOffset + at + 1,
      column: bodyLines[at]!.indexOf(body) + 1,
      message: `the draft's placeholder text (“${body}”) is still here: replace it with ${collection === 'sources' ? 'the text of the source' : collection === 'claims' ? 'the analysis' : 'the page'}, ${UNPUBLISH}`,
    });
  if (collection === 'pages') field('description', 'one sentence that describes the page');
  if (collection !== 'claims') return problems;
  field('claimant', 'who made the claim');
  field('summary', 'one or two sentences that state the ruling');
  // Read off the lines, not located through the YAML parser: that would read every published review twice.
  const frontLines = raw.split(/\r\n?|\n/, parsed.bodyLineOffset);
  const verdictLine = frontLines.findIndex((l) => /^verdict:/.test(l) && l.includes(VERDICT_NOTE));
  if (verdictLine >= 0)
    problems.push({
      file,
      line: verdictLine + 1,
      column: 10,
      message: `\`verdict\` is still the draft's placeholder (the line keeps its “${VERDICT_NOTE} …” note): choose the verdict and delete the note, ${UNPUBLISH}`,
    });
  if (!citations.some((c) => c.excerpt !== undefined))
    problems.push({
      file,
      line: parsed.bodyLineOffset + 1,
      column: 1,
      message: `a published review must cite at least one source with an excerpt (a block or inline quotation linked to the source, as the draft's HOW TO CITE notes show), ${UNPUBLISH}`,
    });
  return problems;
}
