/**
 * Top self-time functions of V8 CPU profiles (`node --cpu-prof`), e.g. the ones
 * `npm run bench -- --profile DIR` has Galley write:
 *
 *   node --import tsx bench/harness/profileSummary.ts DIR/*.cpuprofile [--top 25]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './paths';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per function, over one profile. */
function selfTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${path.relative(repoRoot, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return times;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (!positionals.length) {
  process.stderr.write('Usage: node --import tsx bench/harness/profileSummary.ts PROFILE.cpuprofile... [--top N]\n');
  process.exit(2);
}
const total = new Map<string, number>();
let wall = 0;
for (const file of positionals) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  wall += (profile.endTime - profile.startTime) / 1000;
  for (const [k, v] of selfTimes(profile)) total.set(k, (total.get(k) ?? 0) + v);
}
const busy = [...total].filter(([k]) => !k.startsWith('(idle)')).reduce((n, [, v]) => n + v, 0);
process.stdout.write(`profiles: ${positionals.length}, wall ${(wall / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s\n`);
process.stdout.write('self ms   % busy  function\n');
for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  process.stdout.write(`${ms.toFixed(0).padStart(7)}  ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${name}\n`);
}
