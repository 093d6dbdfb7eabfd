/** `astro dev` on a content folder, on a free loopback port, for the suites that edit files and read pages back. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ASTRO, astroEnv, ROOT } from './build-site.ts';

export interface DevServer {
  url: (path: string) => string;
  /** Everything the server printed so far. */
  log: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export async function startDev(contentDir: string, timeoutMs = 120_000): Promise<DevServer> {
  const port = await freePort();
  let log = '';
  const dev: ChildProcess = spawn(process.execPath, [ASTRO, 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: astroEnv({ CONTENT_DIR: contentDir, SITE_URL: '', FORCE_COLOR: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (d) => (log += d));
  dev.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((done) => dev.once('exit', () => done()));
  const stop = async () => {
    if (dev.exitCode === null && dev.signalCode === null) {
      dev.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (dev.exitCode === null && dev.signalCode === null) dev.kill('SIGKILL');
    }
  };
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url('/'));
      await r.body?.cancel();
      break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until || dev.exitCode !== null) {
      await stop();
      throw new Error(`the dev server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, log: () => log, stop };
}

/** Fetches `path` until `ok` holds of the answer (the dev server renders again a moment after a file changes). */
export async function until(
  server: DevServer,
  path: string,
  ok: (r: { status: number; text: string }) => boolean,
  timeoutMs = 30_000,
): Promise<{ status: number; text: string }> {
  const end = Date.now() + timeoutMs;
  let last = { status: 0, text: '' };
  for (;;) {
    try {
      const r = await fetch(server.url(path));
      last = { status: r.status, text: await r.text() };
      if (ok(last)) return last;
    } catch {
      /* restarting */
    }
    if (Date.now() > end)
      throw new Error(
        `${path} never became as expected; last answer ${last.status}:\n${last.text.slice(0, 2000)}\n--- log:\n${server.log().slice(-3000)}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
}
