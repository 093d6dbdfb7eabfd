/** The benchmark's memory figure: the RSS of a whole process tree, read from /proc with a real child process. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { treeRss } from '../../scripts/bench/measure.ts';

describe('bench measurements', () => {
  it.runIf(existsSync('/proc/self/stat'))('sums the memory of a whole process tree, children included', async () => {
    const alone = treeRss(process.pid);
    expect(alone).toBeGreaterThan(process.memoryUsage().rss * 0.5);
    // A child that holds 200 MB of touched memory until it is told to stop.
    const child = spawn(
      process.execPath,
      ['-e', 'const b = Buffer.alloc(200 * 2 ** 20, 1); console.log("ready"); setInterval(() => b[0]++, 1000);'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
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
