import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES, jsonSchemaFor, readFieldDocs, renderSchema } from '../../scripts/schemas/json-schemas.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = readFileSync(join(root, 'src/core/schema.ts'), 'utf8');
const files = Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[];

describe('JSON schemas for editors', () => {
  it.each(files)('schemas/%s is what `npm run schemas` makes from schema.ts now', (file) => {
    const committed = readFileSync(join(root, 'schemas', file), 'utf8');
    expect(committed, `schemas/${file} is stale: run npm run schemas and commit the result`).toBe(
      renderSchema(jsonSchemaFor(file, source)),
    );
  });

  it('describe each field with its doc from schema.ts, and dates as YYYY-MM-DD strings', () => {
    const claim = jsonSchemaFor('claim.schema.json', source) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<
        string,
        {
          description?: string;
          type?: unknown;
          format?: string;
          items?: { properties: Record<string, { description?: string }> };
        }
      >;
    };
    expect(claim.required).toEqual(['claim', 'claimant', 'verdict', 'summary', 'reviewed']);
    expect(claim.additionalProperties).toBe(false);
    expect(claim.properties.reviewed).toMatchObject({
      type: 'string',
      format: 'date',
      description: 'The date the review was published.',
    });
    expect(claim.properties.summary?.description).toBe('One or two sentences that state the ruling.');
    expect(claim.properties.updates?.items?.properties.note?.description).toBe('What changed and why.');
    const site = jsonSchemaFor('site.schema.json', source) as {
      properties: Record<
        string,
        {
          properties?: Record<string, { description?: string }>;
          items?: { properties: Record<string, { description?: string }> };
        }
      >;
    };
    expect(site.properties.repository?.properties?.branch?.description).toBe('The branch editors publish from.');
    expect(site.properties.verdicts?.items?.properties.label?.description).toBe('The label readers see.');
  });

  it('read docs of nested fields by indentation', () => {
    const fd = readFieldDocs(`export const aSchema = z.strictObject({
  /** Top. */
  top: z.strictObject({
    /** Inner. */
    inner: text,
  }),
  /** Items. */
  list: z.array(bSchema).optional(),
  plain: text,
});
export const bSchema = z.strictObject({
  /** B's field. */
  f: text,
});`);
    expect(Object.fromEntries(fd.docs.get('aSchema')!)).toEqual({ top: 'Top.', 'top.inner': 'Inner.', list: 'Items.' });
    expect(fd.lists.get('aSchema.list')).toBe('bSchema');
    expect(fd.docs.get('bSchema')!.get('f')).toBe("B's field.");
  });
});
