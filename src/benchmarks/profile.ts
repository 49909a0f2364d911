/** Reads a V8 CPU profile (node --cpu-prof) and lists where the time went, by function and by package. */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/** Where a frame lives: a package name, node's own code, or the project. */
function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:') || url === '') return url === '' ? '(native, GC)' : 'node';
  return 'eurasia-graph';
}

/** The top functions and packages by self time, as lines of text; empty when there is no profile. */
export function summariseProfile(folder: string, top = 15): string[] {
  if (!fs.existsSync(folder)) return [];
  const file = fs.readdirSync(folder).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as CpuProfile;
  // waiting (for the database, mostly) is reported once; the lists share out the busy time
  const all = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const idle = profile.nodes
    .filter((node) => node.callFrame.functionName === '(idle)')
    .reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const total = all - idle || 1;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}`
      : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + hits);
  }
  const percent = (hits: number) => `${((100 * hits) / total).toFixed(1).padStart(5)} %`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `idle (waiting for the database or the network): ${((100 * idle) / all).toFixed(1)} % of the run; of the busy time:`,
    'by function:',
    ...sorted(byFunction).map(([name, hits]) => `${percent(hits)}  ${name}`),
    'by package:',
    ...sorted(byOwner).map(([name, hits]) => `${percent(hits)}  ${name}`),
  ];
}
