/**
 * A tiny static file server for end-to-end tests: serves a built site on loopback,
 * as a static host would (directory index.html, 404.html for misses, real MIME
 * types, including WebAssembly, which browsers refuse to stream-compile otherwise).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

function mimeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  // Pagefind's index chunks (.pf_meta, .pf_index, .pf_fragment, .pf_filter) and its
  // wasm.<lang>.pagefind modules are binary blobs.
  if (ext.startsWith('.pf_') || ext === '.pagefind') return 'application/octet-stream';
  return MIME[ext] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` — no trailing slash. */
  origin: string;
  /** The path the site is served under, `/` or `/repo/`. */
  base: string;
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Serves `root` under `base` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let pathname = decodeURIComponent(url.pathname);
      if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) {
        return await notFound(res);
      }
      pathname = pathname.slice(Math.min(prefix.length, pathname.length));
      const target = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
      if (!target.startsWith(path.resolve(root))) return await notFound(res);
      let file = target;
      if (!(await isFile(file))) {
        if (await isFile(path.join(target, 'index.html'))) {
          if (!url.pathname.endsWith('/')) {
            res.writeHead(301, { location: `${url.pathname}/${url.search}` });
            return res.end();
          }
          file = path.join(target, 'index.html');
        } else {
          return await notFound(res);
        }
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': mimeOf(file), 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });

  async function notFound(res: import('node:http').ServerResponse): Promise<void> {
    const page = path.join(root, '404.html');
    const body = (await isFile(page)) ? await readFile(page) : Buffer.from('Not found');
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    base: prefix,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
