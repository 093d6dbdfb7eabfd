/**
 * Valid HTML: every page of the demo, of a fixture full of markup-looking text and of
 * the readers' fixture (the claim stance, corrections, claimants of every type) passes
 * the W3C Nu HTML Checker (vnu-jar) with no error.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostile, buildSite, type BuiltSite, cleanBuilds, htmlFiles, ROOT } from '../helpers/build-site.ts';
import { demoBuild, type DemoSite } from '../helpers/demo-build.ts';

const VNU = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let demo: DemoSite;
let hostile: BuiltSite;
let readers: BuiltSite;

beforeAll(async () => {
  demo = await demoBuild();
  hostile = await buildHostile();
  readers = await buildSite('readers', { siteUrl: 'https://readers.example.org/' });
});
afterAll(cleanBuilds);

// ---------------------------------------------------------------------------

describe('valid HTML', () => {
  it('every page of the demo, the markup-laden fixture and the readers’ fixture passes the Nu HTML Checker with no error', () => {
    // One run over both sites: the checker's JVM takes seconds to start.
    const r = spawnSync(
      'java',
      ['-jar', VNU, '--format', 'json', '--errors-only', '--skip-non-html', demo.dist, hostile.dist, readers.dist],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(r.error, 'java must be installed (apt-get install default-jre-headless)').toBeUndefined();
    const report = JSON.parse(r.stderr || r.stdout) as {
      messages: { type: string; url?: string; lastLine?: number; firstColumn?: number; lastColumn?: number; message: string }[];
    };
    const errors = report.messages
      .filter((m) => m.type !== 'info')
      .map((m) => {
        const file = m.url ? relative(ROOT, fileURLToPath(m.url)) : '?';
        return `${file}:${m.lastLine ?? 0}:${m.firstColumn ?? m.lastColumn ?? 0}: ${m.message}`;
      });
    expect(errors).toEqual([]);
    // The checker really read the pages: a missing folder would report nothing, too.
    expect(htmlFiles(demo).length).toBeGreaterThan(30);
  }, 120_000);
});
