/** site.yml: read, checked against the site schema, and its verdict ids kept unique. */
import { join } from 'node:path';
import { parseFile } from '../core/frontmatter.ts';
import { zodProblems } from '../core/field-problems.ts';
import { siteSchema, type SiteConfig } from '../core/schema.ts';
import type { Problem } from '../core/problems.ts';
import { kindOf, readRegularText } from './regular-file.ts';

export function loadSite(dir: string, display: (abs: string) => string, problems: Problem[]): SiteConfig | null {
  const abs = join(dir, 'site.yml');
  const file = display(abs);
  if (kindOf(abs) === 'missing') {
    problems.push({
      file,
      line: 1,
      column: 1,
      message: 'site.yml is missing: every site needs a title, description, url and publisher',
    });
    return null;
  }
  // Decoded as strictly as content: a byte that is not UTF-8 is a problem, not a U+FFFD in the title.
  const read = readRegularText(abs, 'site.yml');
  if ('problem' in read) {
    problems.push({ file, line: 1, column: 1, message: read.problem });
    return null;
  }
  const parsed = parseFile(read.text, { wholeYaml: true });
  for (const e of parsed.errors)
    problems.push({ file, ...e, message: e.message.replace(/^front matter: /, '').replace(/^front matter /, 'site.yml ') });
  if (parsed.errors.length) return null;
  const result = siteSchema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...zodProblems(result.error, parsed, file, parsed.data, siteSchema));
    return null;
  }
  const seen = new Set<string>();
  result.data.verdicts?.forEach((v, i) => {
    if (seen.has(v.id))
      problems.push({ file, ...parsed.locate(['verdicts', i, 'id']), message: `verdict id \`${v.id}\` is defined twice` });
    seen.add(v.id);
  });
  return result.data;
}
