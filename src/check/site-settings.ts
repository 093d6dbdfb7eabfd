/** site.yml: read, checked against the site schema, and its verdict ids kept unique. */
import { join } from 'node:path';
import { parseFile } from '../core/frontmatter.ts';
import { zodProblems } from '../core/field-problems.ts';
import { siteSchema, type SiteConfig } from '../core/schema.ts';
import type { Problem } from '../core/problems.ts';
import { kindOf, readRegularText } from './regular-file.ts';
import en from '../i18n/en.ts';
import { translationFor, unsupportedLanguage } from '../i18n/languages.ts';
import { placeholders } from '../i18n/ui.ts';

/**
 * What is wrong with one of site.yml's `strings:`, if anything: a key the site does not write,
 * a plain string for a counted message (or the reverse), or a `{name}` the message has no value for.
 */
function stringProblem(key: string, value: string | Record<string, string | undefined>): string | undefined {
  const english = (en.messages as Record<string, string | Record<string, string>>)[key];
  if (english === undefined) {
    const near = Object.keys(en.messages).filter((k) => k.split('.')[0] === key.split('.')[0]);
    return `\`strings.${key}\` is not a string the site writes${near.length ? `; the ${key.split('.')[0]} strings are ${near.map((k) => `\`${k}\``).join(', ')}` : ''} (every key is in src/i18n/en.ts)`;
  }
  const counted = typeof english !== 'string';
  if (counted !== (typeof value !== 'string'))
    return counted
      ? `\`strings.${key}\` depends on a count: give its forms by plural category, such as { one: …, other: … }`
      : `\`strings.${key}\` is one string, not forms by plural category`;
  if (typeof value !== 'string' && !value.other)
    return `\`strings.${key}\` needs an \`other\` form, used for any count the other forms do not cover`;
  const known = new Set(typeof english === 'string' ? placeholders(english) : Object.values(english).flatMap(placeholders));
  const forms = typeof value === 'string' ? [value] : Object.values(value).filter((v): v is string => v !== undefined);
  const unknown = [...new Set(forms.flatMap(placeholders))].filter((p) => !known.has(p));
  if (unknown.length)
    return `\`strings.${key}\` has ${unknown.map((p) => `{${p}}`).join(', ')}, which the site cannot fill in; its values are ${known.size ? [...known].map((p) => `{${p}}`).join(', ') : 'none'}`;
  return undefined;
}

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
  if (!translationFor(result.data.language))
    problems.push({
      file,
      ...parsed.locate(['language']),
      message: `\`language\`: ${unsupportedLanguage(result.data.language)}`,
    });
  for (const [key, value] of Object.entries(result.data.strings ?? {})) {
    const message = stringProblem(key, value);
    if (message) problems.push({ file, ...parsed.locate(['strings', key]), message });
  }
  const seen = new Set<string>();
  result.data.verdicts?.forEach((v, i) => {
    if (seen.has(v.id))
      problems.push({ file, ...parsed.locate(['verdicts', i, 'id']), message: `verdict id \`${v.id}\` is defined twice` });
    seen.add(v.id);
  });
  return result.data;
}
