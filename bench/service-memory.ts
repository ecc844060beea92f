// Memory of the Temporal dev server and PostgreSQL the bench started, found by their command lines
// and ports in /proc. PSS (proportional set size) is summed over PostgreSQL's processes, so the
// shared buffers every backend maps are counted once, not once per backend.
import * as fs from 'node:fs';
import type { Services } from './processes';

export interface ServiceMemory {
  temporalDevServerPssMiB?: number;
  postgres?: { processes: number; pssMiB: number };
}

interface Proc {
  pid: number;
  ppid: number;
  args: string[];
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      // The command name in /proc/<pid>/stat is in parentheses and may hold spaces: read past it.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(entry), ppid, args });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function pssMiB(pid: number): number {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export function serviceMemory(services: Services): ServiceMemory {
  const all = processes();
  const temporalPort = services.temporalAddress.split(':').pop();
  const pgPort = new URL(services.databaseUrl).port;
  const temporal = all.find((p) => p.args.includes('start-dev') && p.args[p.args.indexOf('--port') + 1] === temporalPort);
  const postmaster = all.find((p) => p.args[0]?.endsWith('postgres') && p.args[p.args.indexOf('-p') + 1] === pgPort);
  const result: ServiceMemory = {};
  if (temporal) result.temporalDevServerPssMiB = round(pssMiB(temporal.pid));
  if (postmaster) {
    const family = [postmaster, ...all.filter((p) => p.ppid === postmaster.pid)];
    result.postgres = { processes: family.length, pssMiB: round(family.reduce((sum, p) => sum + pssMiB(p.pid), 0)) };
  }
  return result;
}
