/** Small readers for built HTML (Astro's output is regular enough for these; no DOM needed). */

export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every id="..." in a page. */
export function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
}

/** Every URL in href, src and action attributes, decoded. */
export function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
}

/** Every <script> element: its attributes and its contents (text inside attribute values is not markup). */
export function scripts(html: string): { attrs: string; body: string }[] {
  const out: { attrs: string; body: string }[] = [];
  const tag = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script>|<[a-z][^\s>]*(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
  for (const m of html.matchAll(tag)) if (m[2] !== undefined) out.push({ attrs: m[1]!, body: m[2] });
  return out;
}

export function attr(html: string, tag: RegExp, name: string): string | undefined {
  const m = tag.exec(html);
  if (!m) return undefined;
  const a = new RegExp(`\\s${name}="([^"]*)"`).exec(m[0]);
  return a ? decodeEntities(a[1]!) : undefined;
}

export const canonical = (html: string) => attr(html, /<link\b[^>]*rel="canonical"[^>]*>/, 'href');
export const description = (html: string) => attr(html, /<meta\b[^>]*name="description"[^>]*>/, 'content');
export const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
