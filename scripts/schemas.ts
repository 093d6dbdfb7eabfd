/**
 * `npm run schemas`: writes schemas/*.schema.json from the zod schemas, for
 * editors' tools. Run it after changing src/core/schema.ts; a test fails while
 * the committed files are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES, jsonSchemaFor, renderSchema } from './schemas/json-schemas.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = readFileSync(join(root, 'src/core/schema.ts'), 'utf8');
mkdirSync(join(root, 'schemas'), { recursive: true });
for (const file of Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]) {
  writeFileSync(join(root, 'schemas', file), renderSchema(jsonSchemaFor(file, source)));
  console.log(`schemas/${file}`);
}
