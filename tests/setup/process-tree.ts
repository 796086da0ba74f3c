import { readdirSync, readFileSync } from 'node:fs';

/** Every process below `pid`, parents before their children (from /proc: Linux only, as the test machine is). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* it ended meanwhile */
    }
  }
  const out: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        out.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return out;
}
