import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * `npx tsx scripts/bench/profile-summary.ts <dir> [rows] [--functions]`: reads the
 * CPU profiles `npm run bench -- --cpu-prof <dir>` wrote and prints, per service,
 * where the sampled time of the measured rounds went — by package or project file
 * (or by function, with `--functions`), in milliseconds per request, with and
 * without enforcement, largest difference first.
 * Samples are wall-clock: on a busy machine they include time spent waiting for
 * a core, so read the proportions, not the totals.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Rounds {
  windows: Record<string, [number, number][]>;
  responses: Record<string, number>;
}

const ROOT = resolve(__dirname, '../..');
const MODES = ['on', 'off'] as const;
const SERVICES = ['gateway', 'plan', 'employment', 'social', 'health'];

/** A node_modules package, a node: module, a project file, or V8's own name for the work. */
function owner({ url, functionName }: ProfileNode['callFrame']): string {
  if (!url) return functionName;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1]!;
  if (url.startsWith('node:')) return url.split('/')[0]!;
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith('/') ? relative(ROOT, path) : path;
}

/** A function, named with where it is defined. */
function functionOf(frame: ProfileNode['callFrame']): string {
  const at = frame.url ? `  ${owner(frame)}:${(frame.lineNumber ?? 0) + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${at}`;
}

/** Milliseconds of samples per key (owner or function) inside the windows; idle time left out. */
function selfTime(
  profile: CpuProfile,
  windows: [number, number][],
  keyOf: (frame: ProfileNode['callFrame']) => string,
): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index]!;
    if (!windows.some(([from, to]) => at >= from && at <= to)) return;
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    const key = keyOf(frame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000);
  });
  return totals;
}

function readProfile(directory: string): CpuProfile | undefined {
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
  return file ? (JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile) : undefined;
}

function main(directory: string, rows: number, keyOf: (frame: ProfileNode['callFrame']) => string) {
  const rounds = JSON.parse(readFileSync(join(directory, 'rounds.json'), 'utf8')) as Rounds;
  for (const service of SERVICES) {
    const perRequest = MODES.map((mode) => {
      const profile = readProfile(join(directory, mode, service));
      const totals = profile ? selfTime(profile, rounds.windows[mode] ?? [], keyOf) : new Map<string, number>();
      return new Map([...totals].map(([key, ms]) => [key, ms / (rounds.responses[mode] || 1)]));
    });
    const [on, off] = perRequest as [Map<string, number>, Map<string, number>];
    const sum = (map: Map<string, number>) => [...map.values()].reduce((total, ms) => total + ms, 0);
    console.log(`\n${service}: ${sum(on).toFixed(2)} ms/request sampled with enforcement, ${sum(off).toFixed(2)} without`);
    console.log(`${'on'.padStart(8)}${'off'.padStart(8)}${'diff'.padStart(8)}  where`);
    const keys = [...new Set([...on.keys(), ...off.keys()])];
    const diff = (key: string) => (on.get(key) ?? 0) - (off.get(key) ?? 0);
    for (const key of keys.sort((a, b) => diff(b) - diff(a)).slice(0, rows)) {
      console.log(
        `${(on.get(key) ?? 0).toFixed(2).padStart(8)}${(off.get(key) ?? 0).toFixed(2).padStart(8)}${diff(key).toFixed(2).padStart(8)}  ${key}`,
      );
    }
  }
}

const args = process.argv.slice(2);
const byFunction = args.includes('--functions');
const [directory, rows] = args.filter((arg) => arg !== '--functions');
if (!directory) {
  console.error('usage: npx tsx scripts/bench/profile-summary.ts <dir from npm run bench -- --cpu-prof> [rows] [--functions]');
  process.exit(2);
}
main(directory, Number(rows ?? 12), byFunction ? functionOf : owner);
