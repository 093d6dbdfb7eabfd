/**
 * A schema's complaints about a file's front matter, as problems an editor can
 * act on: each names the field, says what is wrong in plain words, and points
 * at the field's line and column.
 */
import type { z } from 'astro/zod';
import type { ParsedFile } from './frontmatter.ts';
import type { Problem } from './problems.ts';

/**
 * `schema`, when given, names the fields a misspelt one may have meant: `unknown field \`tgas\`
 * (did you mean \`tags\`?)`.
 */
export function zodProblems(
  error: z.core.$ZodError,
  parsed: ParsedFile,
  file: string,
  data: Record<string, unknown>,
  schema?: z.ZodType,
): Problem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    let message = issue.message;
    // Dates and verdicts are unions: a missing one fails as invalid_union, not invalid_type.
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && getIn(data, issue.path) === undefined;
    if (missing) message = `required field \`${field}\` is missing`;
    else if (issue.code === 'unrecognized_keys') {
      const known = schema ? fieldsAt(schema, issue.path) : [];
      const named = issue.keys.map((k) => {
        const near = nearest(k, known);
        return near ? `\`${k}\` (did you mean \`${near}\`?)` : `\`${k}\``;
      });
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
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

/** The schema inside optional, default, nullable and pipe wrappers. */
function unwrap(t: z.ZodType): z.ZodType {
  let cur = t as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType; type?: string } };
  for (let i = 0; i < 10 && cur.def; i++) {
    const next = cur.def.innerType ?? (cur.def.type === 'pipe' ? cur.def.in : undefined);
    if (!next) break;
    cur = next as unknown as typeof cur;
  }
  return cur as unknown as z.ZodType;
}

/** The field names of the object that `path` leads to in `schema` (a list's items followed through). */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let t = unwrap(schema) as unknown as {
    def?: { type?: string; element?: z.ZodType; shape?: Record<string, z.ZodType> };
    shape?: Record<string, z.ZodType>;
  };
  for (const key of path) {
    if (t.def?.type === 'array' && t.def.element) t = unwrap(t.def.element) as unknown as typeof t;
    else if (t.shape && typeof key === 'string' && t.shape[key]) t = unwrap(t.shape[key]) as unknown as typeof t;
    else return [];
  }
  if (t.def?.type === 'array' && t.def.element) t = unwrap(t.def.element) as unknown as typeof t;
  return t.shape ? Object.keys(t.shape) : [];
}

/** Edits (insertions, deletions, substitutions, swaps of two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The known field a misspelling most likely meant: the closest within a third of its length (one edit at least), if one is closest. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const key = name.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(key.length / 3)) + 1;
  let tie = false;
  for (const k of known) {
    const dk = distance(key, k.toLowerCase());
    if (dk < bestD) {
      best = k;
      bestD = dk;
      tie = false;
    } else if (dk === bestD) tie = true;
  }
  return tie ? undefined : best;
}
