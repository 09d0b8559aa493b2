import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npx tsx scripts/bench/profile-top.ts <profile or folder of profiles> [rows] [--skip <s>]`:
 * the functions with the most self time in V8 CPU profiles (`--cpu-prof`), idle left
 * out, as a share of the busy time, and the same by package or project file — what
 * docs/performance.md quotes. `--skip` leaves out each profile's first seconds
 * (start-up, module loading, warm-up). Shares, not milliseconds: samples on a busy
 * machine include time spent waiting for a core.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuProfile {
  startTime: number;
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(__dirname, '../..');

function place(url: string): string {
  if (!url) return '';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (dependency) return `${dependency[1]}/${dependency[2]}`;
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith('/') ? relative(ROOT, path) : path;
}

function owner(url: string, functionName: string): string {
  if (!url) return functionName;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1]!;
  if (url.startsWith('node:')) return 'node: (core)';
  return place(url);
}

function profilesIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(path, name));
}

function main(path: string, rows: number, skipSeconds: number): void {
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let busy = 0;
  for (const file of profilesIn(path)) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    const from = profile.startTime + skipSeconds * 1e6;
    let at = profile.startTime;
    profile.samples.forEach((id, index) => {
      at += profile.timeDeltas[index]!;
      if (at < from) return;
      const frame = frames.get(id)!;
      if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
      busy += ms;
      const where = place(frame.url);
      const name = `${frame.functionName || '(anonymous)'}${where ? `  ${where}:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
      const key = owner(frame.url, frame.functionName);
      byOwner.set(key, (byOwner.get(key) ?? 0) + ms);
    });
  }
  const top = (totals: Map<string, number>) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([key, ms]) => `${((100 * ms) / busy).toFixed(1).padStart(6)} %  ${key}`);
  console.log(`${path}: ${(busy / 1000).toFixed(1)} s busy\n\nself time by function:\n${top(byFunction).join('\n')}`);
  console.log(`\nself time by package or file:\n${top(byOwner).join('\n')}`);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { skip: { type: 'string', default: '0' } } });
const [path, rows] = positionals;
if (!path || !(Number(values.skip) >= 0)) {
  console.error('usage: npx tsx scripts/bench/profile-top.ts <profile or folder> [rows] [--skip <s>]');
  process.exit(2);
}
main(path, Number(rows ?? 20), Number(values.skip));
