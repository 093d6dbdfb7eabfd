/**
 * The HTML of a page to import, from a saved file or fetched from its address: bounded in
 * size and time, decoded by the charset it declares, and refused, with what to do instead,
 * when it is not an HTML page at all.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A saved news page with its furniture is a few hundred kilobytes; more than this is not an article. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/** How long a fetch may take before it is given up. */
export const FETCH_TIMEOUT_MS = 20_000;

export type PageRead = { ok: true; html: string; url?: string } | { ok: false; message: string };

const SAVE_HINT =
  'save the page from your browser (File → Save Page As…, “Web Page, HTML only”) and run npm run new -- source --from page.html';

/** The charset a page declares: its byte order mark, then the HTTP header, then a `<meta>` in its first kilobytes. */
function charsetOf(bytes: Uint8Array, contentType?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const header = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (header) return header.toLowerCase();
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return (/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8').toLowerCase();
}

/** Text that is HTML: not binary, and with an element HTML pages have. */
function looksLikeHtml(text: string): boolean {
  if (text.includes('\u0000')) return false;
  const start = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])/.test(start)) return true;
  return /<(?:body|p|article|div|main)[\s>]/i.test(text.slice(0, 200_000));
}

/** Bytes as a page's text, or why not. `what` names the page in messages. */
const tooBig = (what: string, size: number, over = false): PageRead => ({
  ok: false,
  message: `${what} is ${over ? 'over ' : ''}${(size / 1048576).toFixed(1)} MB; a page to import may be at most ${MAX_PAGE_BYTES / 1048576} MB; nothing was written`,
});

export function decodePage(bytes: Uint8Array, what: string, contentType?: string): PageRead {
  if (bytes.length > MAX_PAGE_BYTES) return tooBig(what, bytes.length);
  const charset = charsetOf(bytes, contentType);
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch (e) {
    const known = !(e instanceof RangeError);
    return {
      ok: false,
      message: known
        ? `${what} is not valid ${charset} text (it declares ${charset}); it may not be an HTML page: ${SAVE_HINT}`
        : `${what} declares the character set “${charset}”, which is not one this tool reads; ${SAVE_HINT}`,
    };
  }
  if (!looksLikeHtml(text)) return { ok: false, message: `${what} is not an HTML page; ${SAVE_HINT}` };
  return { ok: true, html: text };
}

/** A saved page, read only when it is a regular file within the size limit. */
export function readPageFile(path: string): PageRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: `${path} is not a file: give the saved page's .html file` };
    if (st.size > MAX_PAGE_BYTES) return tooBig(path, st.size);
    const bytes = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, bytes, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return decodePage(bytes.subarray(0, at), path);
  } finally {
    closeSync(fd);
  }
}

/** Why a fetch failed, in words: offline, refused, timed out, or the server's own status. */
function fetchProblem(url: string, e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `${url}: no answer within ${Math.round(timeoutMs / 1000)} s; nothing was written. Try again, or ${SAVE_HINT}`;
  const code = err.cause?.code;
  const host = URL.canParse(url) ? new URL(url).host : url;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `${url}: cannot find ${host} (${code}); are you offline? Nothing was written. Connect and try again, or ${SAVE_HINT}`;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return `${url}: cannot connect to ${host} (${code}); are you offline? Nothing was written. Connect and try again, or ${SAVE_HINT}`;
  return `${url}: the page could not be fetched (${code ?? err.cause?.message ?? err.message}); nothing was written. ${SAVE_HINT[0]!.toUpperCase()}${SAVE_HINT.slice(1)}`;
}

/** Fetches a page, following redirects, within the time and size limits; the address it ends at is the page's. */
export async function fetchPage(url: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<PageRead> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    return { ok: false, message: `${url} is not an http(s) address` };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'text/html,application/xhtml+xml' } });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, message: `${url}: the server answered ${res.status} ${res.statusText}; nothing was written` };
    }
    const type = res.headers.get('content-type') ?? '';
    if (type && !/^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(type)) {
      await res.body?.cancel();
      return { ok: false, message: `${url} is not an HTML page (the server says ${type.split(';')[0]}); nothing was written` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > MAX_PAGE_BYTES) {
        await res.body?.cancel().catch(() => {});
        return tooBig(url, MAX_PAGE_BYTES, true);
      }
      chunks.push(chunk);
    }
    const page = decodePage(Buffer.concat(chunks), url, type);
    return page.ok ? { ...page, url: res.url || url } : page;
  } catch (e) {
    return { ok: false, message: fetchProblem(url, e, timeoutMs) };
  }
}
