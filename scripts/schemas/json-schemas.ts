/**
 * JSON schemas of the front matter, made from the zod schemas in schema.ts so
 * editors' tools (VS Code's YAML support, any JSON-schema validator) check the
 * same rules as `npm run check`. The field docs are the JSDoc comments of
 * schema.ts, read from its text: written once, shown on hover in the editor.
 */
import { z } from 'astro/zod';
import { claimSchema, day, pageSchema, siteSchema, sourceSchema } from '../../src/core/schema.ts';

type Json = Record<string, unknown>;

export const SCHEMA_FILES = {
  'site.schema.json': { schema: siteSchema, name: 'siteSchema', title: 'Site settings (content/site.yml)' },
  'claim.schema.json': { schema: claimSchema, name: 'claimSchema', title: 'Claim review front matter (content/claims/*.md)' },
  'source.schema.json': { schema: sourceSchema, name: 'sourceSchema', title: 'Source front matter (content/sources/*.md)' },
  'page.schema.json': { schema: pageSchema, name: 'pageSchema', title: 'Page front matter (content/pages/*.md)' },
} as const;

export interface FieldDocs {
  /** Per schema constant, the doc of each field path (`repository.url`). */
  docs: Map<string, Map<string, string>>;
  /** `siteSchema.verdicts` → `verdictSchema`: a list whose items are another constant. */
  lists: Map<string, string>;
}

/** Reads `/** doc *\/` above each `key:` of every `export const xSchema` in schema.ts. */
export function readFieldDocs(source: string): FieldDocs {
  const docs = new Map<string, Map<string, string>>();
  const lists = new Map<string, string>();
  let current: string | null = null;
  let stack: { key: string; indent: number }[] = [];
  let pending: string | null = null;
  for (const line of source.split('\n')) {
    const decl = /^export const (\w+) = /.exec(line);
    if (decl) {
      current = decl[1]!;
      stack = [];
      pending = null;
      docs.set(current, new Map());
      continue;
    }
    if (!current) continue;
    const doc = /^\s*\/\*\*\s*(.*?)\s*\*\/\s*$/.exec(line);
    if (doc) {
      pending = doc[1]!.replace(/`/g, '');
      continue;
    }
    const field = /^(\s*)(\w+): (.*)$/.exec(line);
    if (!field) continue;
    const indent = field[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = [...stack.map((s) => s.key), field[2]!].join('.');
    if (pending) docs.get(current)!.set(path, pending);
    const list = /z\.array\((\w+Schema)\)/.exec(field[3]!);
    if (list) lists.set(`${current}.${path}`, list[1]!);
    stack.push({ key: field[2]!, indent });
    pending = null;
  }
  return { docs, lists };
}

function describe(node: Json, name: string, prefix: string, fd: FieldDocs): void {
  const props = node.properties as Record<string, Json> | undefined;
  if (!props) return;
  for (const [key, child] of Object.entries(props)) {
    const path = prefix + key;
    const doc = fd.docs.get(name)?.get(path);
    if (doc) child.description = doc;
    if (child.properties) describe(child, name, `${path}.`, fd);
    const items = child.items as Json | undefined;
    if (items?.properties) {
      const other = fd.lists.get(`${name}.${path}`);
      if (other) describe(items, other, '', fd);
      else describe(items, name, `${path}.`, fd);
    }
  }
}

/** The JSON schema of one content file type, as written to schemas/<file>. */
export function jsonSchemaFor(file: keyof typeof SCHEMA_FILES, schemaSource: string): Json {
  const { schema, name, title } = SCHEMA_FILES[file];
  const json = z.toJSONSchema(schema, {
    // What an editor writes, before transforms: `author: Jane` as well as `author: [Jane]`.
    io: 'input',
    // Draft 7 is the dialect every editor's YAML support and validator reads.
    target: 'draft-7',
    unrepresentable: 'any',
    override: (ctx) => {
      // A day is written YYYY-MM-DD; YAML 1.2 reads it as a string, which `format: date` checks.
      if (ctx.zodSchema === day) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
        Object.assign(ctx.jsonSchema, { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' });
      }
    },
  }) as Json;
  describe(json, name, '', readFieldDocs(schemaSource));
  const { $schema, ...rest } = json;
  return { $schema, title, ...rest };
}

/** The file's text: stable key order, two-space indent, final newline, so the diff of a change is the change. */
export function renderSchema(json: Json): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}
