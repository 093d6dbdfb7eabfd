/**
 * A schema's complaints about a file's front matter, as problems an editor can
 * act on: each names the field, says what is wrong in plain words, and points
 * at the field's line and column.
 */
import type { z } from 'astro/zod';
import type { ParsedFile } from './frontmatter.ts';
import type { Problem } from './problems.ts';

export function zodProblems(error: z.core.$ZodError, parsed: ParsedFile, file: string, data: Record<string, unknown>): Problem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    let message = issue.message;
    // Dates and verdicts are unions: a missing one fails as invalid_union, not invalid_type.
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && getIn(data, issue.path) === undefined;
    if (missing) message = `required field \`${field}\` is missing`;
    else if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    } else if (issue.code === 'invalid_type')
      message = `\`${field}\` must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    else if (issue.code === 'invalid_value')
      message = `\`${field}\` must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    else if (issue.code === 'invalid_union')
      message = `\`${field}\` ${issue.message === 'Invalid input' ? 'has the wrong type' : issue.message}`;
    else message = field ? `\`${field}\` ${issue.message}` : issue.message;
    const path =
      issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : missing ? issue.path.slice(0, -1) : issue.path;
    const at = missing && issue.path.length <= 1 ? { line: 1, column: 1 } : parsed.locate(path);
    return { file, ...at, message };
  });
}

/**
 * The fields of a file that are valid on their own, marked `invalid`: one bad
 * field must not hide the problems of the others (an unknown verdict beside a
 * misspelt field name, an alias collision beside a bad date).
 */
export function validFields(schema: z.ZodObject, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { invalid: true };
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in data)) continue;
    const r = (field as z.ZodType).safeParse(data[key]);
    if (r.success) out[key] = r.data;
  }
  return out;
}

function getIn(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
