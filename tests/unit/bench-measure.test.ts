import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pagefindSeconds, treeRss } from '../../src/lib/bench-measure.ts';

describe('bench measurements', () => {
  it('reads the Pagefind time from either site’s log line, and nothing from other logs', () => {
    const log = '12:00:01 [build] Rearranging\n12:00:09 [search-index] pagefind: indexed 1174 pages in 7.42 s\n12:00:09 [build] Complete!';
    expect(pagefindSeconds(log)).toBe(7.42);
    expect(pagefindSeconds('[baseline-pagefind] pagefind: indexed 1 page in 0.53 s')).toBe(0.53);
    expect(pagefindSeconds('[build] 62 page(s) built in 3.57s')).toBeNull();
  });

  it.runIf(existsSync('/proc/self/stat'))('sums the memory of a whole process tree, children included', async () => {
    const alone = treeRss(process.pid);
    expect(alone).toBeGreaterThan(process.memoryUsage().rss * 0.5);
    // A child that holds 200 MB of touched memory until it is told to stop.
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(200 * 2 ** 20, 1); console.log("ready"); setInterval(() => b[0]++, 1000);'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      expect(treeRss(child.pid!)).toBeGreaterThan(200 * 2 ** 20);
      expect(treeRss(process.pid) - alone).toBeGreaterThan(150 * 2 ** 20);
    } finally {
      child.kill();
    }
    expect(treeRss(999_999_999)).toBe(0);
  });
});
