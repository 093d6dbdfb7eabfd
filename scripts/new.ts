/**
 * `npm run new -- claim "The ban is permanent"`: writes a draft that
 * `npm run check` accepts, prints its path, and never overwrites a file.
 * `npm run new -- source --from page.html` (or a URL) imports a web page's article.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir } from '../src/check/content-dir.ts';
import { loadSite } from '../src/check/site-settings.ts';
import { makeScale } from '../src/core/verdicts.ts';
import { planImport } from './new/import-source.ts';
import { FETCH_TIMEOUT_MS, fetchPage, readPageFile } from './new/read-page.ts';
import { parseArgs, planScaffold, type ScaffoldPlan } from './new/scaffold.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = process.env.INIT_CWD ?? process.cwd();

/** The editor's own calendar day: a review written late in the evening is dated that evening. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const args = parseArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.message);
  process.exit(1);
}
const dir = contentDir(root);
// A broken site.yml must not stop a draft: its problems are check's to report.
const site = existsSync(join(dir, 'site.yml')) ? loadSite(dir, (p) => p, []) : null;
const exists = (rel: string) => existsSync(join(dir, rel));
let plan: ScaffoldPlan;
let report: string[] = [];
if (args.from !== undefined) {
  const isUrl = /^https?:\/\//i.test(args.from);
  const timeout = Number(process.env.NEW_FETCH_TIMEOUT_MS) || FETCH_TIMEOUT_MS;
  const page = isUrl ? await fetchPage(args.from, timeout) : readPageFile(resolve(here, args.from));
  if (!page.ok) {
    console.error(page.message);
    process.exit(1);
  }
  const imported = planImport(
    {
      html: page.html,
      ...(page.url ? { pageUrl: page.url } : {}),
      today: today(),
      ...(site?.language ? { siteLanguage: site.language } : {}),
      publish: args.publish === true,
      title: args.title,
      ...(args.outlet !== undefined ? { outlet: args.outlet } : {}),
    },
    exists,
  );
  plan = imported;
  if (imported.ok) report = imported.report;
} else {
  plan = planScaffold(
    { kind: args.kind, title: args.title, outlet: args.outlet, today: today(), verdicts: makeScale(site?.verdicts).verdicts },
    exists,
  );
}
const shown = (rel: string) => relative(here, join(dir, rel)) || rel;
if (!plan.ok) {
  console.error(plan.message.replace(/^(claims|sources|pages)\/\S+\.md/, (m) => shown(m)));
  process.exit(1);
}
const abs = join(dir, plan.path);
mkdirSync(dirname(abs), { recursive: true });
try {
  // `wx` fails if the file appeared since we looked: still never an overwrite.
  writeFileSync(abs, plan.text, { flag: 'wx' });
} catch (e) {
  console.error(
    `${shown(plan.path)}: could not write the draft (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written.`,
  );
  process.exit(1);
}
console.log(shown(plan.path));
for (const line of report) console.log(line);
