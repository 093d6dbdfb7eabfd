/**
 * What `npm run bench` reads from the system and from build logs, kept apart
 * from the script so that tests can check it.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** Resident memory of `pid` and all its descendants, in bytes, from one pass over /proc. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 0; // not Linux: no sampling
  }
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // exited between readdir and read
    }
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so split after the last `)`.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const p = Number(name);
    const ppid = Number(f[1]);
    rss.set(p, Number(f[21]) * PAGE);
    const list = children.get(ppid);
    if (list) list.push(p);
    else children.set(ppid, [p]);
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    for (const k of children.get(p) ?? []) stack.push(k);
  }
  return total;
}

/** Seconds Pagefind took, from the `pagefind: indexed N pages in X s` line both sites' integrations log. */
export function pagefindSeconds(log: string): number | null {
  const m = /pagefind: indexed (\d+) pages? in ([\d.]+) ?s\b/.exec(log);
  return m ? Number(m[2]) : null;
}
